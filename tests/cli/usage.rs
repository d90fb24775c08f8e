//! Mistakes clap finds (unknown flags, missing or clashing arguments) are reported like
//! klscope's own: one line starting "klscope: ", exit 2. Help and version exit 0.

use crate::common::{bad_input_problems, klscope};

/// (arguments, text stderr must contain).
const MISTAKES: &[(&[&str], &str)] = &[
    (&["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--frob"], "unexpected argument '--frob'"),
    (&["--frob"], "'--frob'"),
    (&["compute", "--p", "0.5,0.5"], "--q, --q-logits or --q-file is required"),
    (&["compute"], "--p, --p-logits, --p-file, --preset or --p-density is required"),
    (&["compute", "--p", "1", "--q", "1", "--jsno"], "did you mean --json?"),
    (&["comptue"], "did you mean compute?"),
    (&["compute", "--preset", "support-mismatch", "--p", "1", "--q", "1"], "--preset cannot be used with --p"),
    (&["--preset", "support-mismatch", "compute"], "the compute command cannot be used with --preset"),
    (&["compute", "--p", "1", "--q", "1", "--p", "1"], "--p cannot be given twice"),
    (&["--size", "800x600"], "--screenshot is required"),
    (&["--scale", "two", "--screenshot", "out.png"], "--scale: 'two' is not a scale between 0.5 and 4"),
];

#[test]
fn every_mistake_is_one_line_and_exit_2() {
    let mut failures = String::new();
    for &(args, expected) in MISTAKES {
        for problem in bad_input_problems(&klscope(args), expected, 1) {
            failures.push_str(&format!("{args:?}: {problem}\n"));
        }
    }
    assert!(failures.is_empty(), "mistakes were not reported on one line:\n{failures}");
}

#[test]
fn help_and_version_print_on_stdout_and_exit_0() {
    for args in [&["--help"][..], &["compute", "--help"], &["help", "fit"], &["--version"]] {
        let run = klscope(args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("klscope"), "{args:?}: {}", run.stdout);
    }
    assert!(klscope(&["compute", "--help"]).stdout.contains("--normalize"));
}
