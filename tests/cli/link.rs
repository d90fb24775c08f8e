//! `klscope link`, and links given wherever a scenario is accepted.

use serde_json::Value;

use crate::common::{bad_input_problems, klscope};

fn ok(args: &[&str]) -> String {
    let run = klscope(args);
    assert_eq!(run.code, Some(0), "klscope {args:?} should succeed; stderr:\n{}", run.stderr);
    run.stdout
}

fn link_to(preset: &str) -> String {
    ok(&["link", "--preset", preset]).trim_end().to_string()
}

#[test]
fn a_link_opens_the_same_numbers_in_compute_fit_and_sample() {
    let link = link_to("support-mismatch");
    assert!(link.starts_with("http://127.0.0.1:8080/#s="), "{link}");
    assert_eq!(ok(&["link", "--preset", "support-mismatch"]).lines().count(), 1);
    for args in [
        vec!["compute", "--json"],
        vec!["fit", "--direction", "forward", "--json"],
        vec!["sample", "--n", "1000", "--json"],
    ] {
        let by_id: Vec<&str> = args.iter().copied().chain(["--preset", "support-mismatch"]).collect();
        let by_link: Vec<&str> = args.iter().copied().chain(["--preset", link.as_str()]).collect();
        let (a, b): (Value, Value) =
            (serde_json::from_str(&ok(&by_id)).unwrap(), serde_json::from_str(&ok(&by_link)).unwrap());
        assert_eq!(a, b, "{args:?}");
    }
}

#[test]
fn a_link_from_a_file_and_a_base_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    std::fs::write(&file, std::fs::read_to_string("presets/movie-genres.ron").unwrap()).unwrap();
    let link = ok(&["link", "--preset", file.to_str().unwrap(), "--base", "https://school.example/klscope/"]);
    assert!(link.starts_with("https://school.example/klscope/#s="), "{link}");
    let text = ok(&["compute", "--preset", link.trim_end()]);
    assert!(text.contains("over 4 outcomes"), "{text}");
}

#[test]
fn bad_links_and_bases_exit_2_with_one_line() {
    let cut = link_to("movie-genres");
    let cut = &cut[..cut.len() - 30];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["compute", "--preset", "http://127.0.0.1:8080/#s=%%%"], "this link is damaged"),
        (vec!["compute", "--preset", cut], "this link is damaged"),
        (vec!["fit", "--direction", "reverse", "--preset", "https://x.org/"], "no scenario in it"),
        (vec!["link", "--preset", "coin", "--base", "ftp://x"], "--base: 'ftp://x' is not a page address"),
        (vec!["link", "--preset", "no-such-preset"], "unknown preset 'no-such-preset'"),
    ];
    for (args, expected) in cases {
        let problems = bad_input_problems(&klscope(&args), expected, 1);
        assert!(problems.is_empty(), "klscope {args:?}: {problems:?}");
    }
}
