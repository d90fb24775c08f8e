//! Every input read within bounds: files that are not regular files, files too large, a
//! lesson's files outside its folder, a lesson too large in all, and goals bounded by the
//! side they keep.

use klscope_core::info::{Measure, Report, Unit};
use klscope_core::lesson::{Lesson, MAX_LESSON_OUTCOMES, Task};
use klscope_core::read::{FileKind, MAX_FILE_BYTES, ReadError, read_file};
use klscope_core::scenario;
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_without_a_writer_is_refused_at_once() {
    let dir = temp();
    let pipe = dir.path().join("pipe.ron");
    fifo(&pipe);
    let started = Instant::now();
    let scenario = scenario::load(&pipe).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(scenario, Err(format!("cannot read {}: it is a named pipe, not a scenario file", pipe.display())));
    let lesson = klscope_core::lesson::load(&pipe).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(lesson, Err(format!("cannot read {}: it is a named pipe, not a lesson file", pipe.display())));
    assert!(started.elapsed() < Duration::from_secs(5), "a FIFO must not be waited on");
}

#[test]
fn devices_and_files_over_the_limit_are_refused_before_reading() {
    let zero = read_file(Path::new("/dev/zero"), FileKind::Vocabulary).map_err(|e| e.to_string());
    assert_eq!(zero.err().as_deref(), Some("cannot read /dev/zero: it is a device, not a vocabulary file"));
    let dir = temp();
    let big = dir.path().join("big.csv");
    // A sparse file: 64 MB and one byte, none of it written.
    std::fs::File::create(&big).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    let started = Instant::now();
    let error = read_file(&big, FileKind::ModelOutput).err();
    assert!(matches!(error, Some(ReadError::TooLarge { .. })), "{error:?}");
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(text.ends_with("big.csv: it is larger than 64 MB, the most klscope reads from one file"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(2), "refused by its size, not read");
    std::fs::File::create(&big).unwrap().set_len(MAX_FILE_BYTES).unwrap();
    assert_eq!(read_file(&big, FileKind::ModelOutput).map(|b| b.len() as u64).ok(), Some(MAX_FILE_BYTES));
}

/// A lesson in `dir` whose one step reads `File(file)`.
fn lesson_reading(dir: &Path, file: &str) -> Result<Lesson, String> {
    let text =
        format!("Lesson(title: \"t\", steps: [Step(scenario: File(\"{file}\"), view: \"plots\", say: \"Look.\")])");
    let path = dir.join("lesson.ron");
    std::fs::write(&path, text).unwrap();
    klscope_core::lesson::load(&path).map_err(|e| e.to_string())
}

#[test]
fn a_lessons_files_stay_in_its_folder_and_their_content_is_never_shown() {
    let dir = temp();
    let lessons = dir.path().join("a/b");
    std::fs::create_dir_all(&lessons).unwrap();
    let secret = dir.path().join("secret.ron");
    std::fs::write(&secret, "root:x:0:0:secret line\n").unwrap();
    let secret_text = secret.display().to_string();
    for file in
        ["../../secret.ron", "../../../../../../etc/passwd", "/etc/passwd", secret_text.as_str(), "x/../../y.ron"]
    {
        let error = lesson_reading(&lessons, file).err().unwrap_or_default();
        assert!(error.contains("is outside the lesson's folder"), "{file}: {error}");
        assert!(error.contains(&format!("File(\"{file}\")")), "the error names the path: {error}");
        assert!(!error.contains("root") || file.contains("root"), "never the content: {error}");
    }
    // A link inside the folder that points out of it is outside too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, lessons.join("link.ron")).unwrap();
        let error = lesson_reading(&lessons, "link.ron").err().unwrap_or_default();
        assert!(error.contains("File(\"link.ron\") is outside the lesson's folder"), "{error}");
    }
    // Inside, climbing and coming back, is fine.
    let coin = scenario::find_builtin("fair-coin").unwrap().to_ron().unwrap();
    std::fs::create_dir_all(lessons.join("s")).unwrap();
    std::fs::write(lessons.join("s/coin.ron"), coin).unwrap();
    assert!(lesson_reading(&lessons, "s/../s/./coin.ron").is_ok());
    // A named pipe inside the folder is refused, not waited on.
    #[cfg(unix)]
    {
        fifo(&lessons.join("pipe.ron"));
        let error = lesson_reading(&lessons, "pipe.ron").err().unwrap_or_default();
        assert!(error.ends_with("pipe.ron: it is a named pipe, not a scenario file"), "{error}");
    }
}

#[test]
fn a_lesson_of_two_thousand_big_steps_is_refused_in_one_sentence() {
    let step = r#"Step(scenario: Builtin("next-token-teacher-student"), view: "plots", say: "Look."),"#;
    let text = format!("Lesson(title: \"Huge\", steps: [{}])", step.repeat(2000));
    assert!(text.len() > 150_000);
    let error = Lesson::from_ron(&text, "huge.ron", None).map(|_| ()).map_err(|e| e.to_string());
    let error = error.err().unwrap_or_default();
    let allowed = MAX_LESSON_OUTCOMES / 50_000;
    assert!(error.starts_with("huge.ron:1:"), "{error}");
    assert!(
        error.contains(&format!(
            "step {}: its scenario has 50000 outcomes, more than the 0 left of the 1000000 outcomes a lesson's steps may hold in all",
            allowed + 1
        )),
        "{error}"
    );
    assert!(!error.contains('\n'));
}

/// A distribution over `n` outcomes from positive weights.
fn normalised(weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().sum();
    weights.iter().map(|w| w / sum).collect()
}

/// The goal's measure over random moves of the other side never leaves the range the
/// check allows, and the range's ends are reached: what `lesson check` accepts is what a
/// drag can do.
fn kept_goal_lesson(p: &[f64], measure: &str, relation: &str, target: f64) -> String {
    let labels: Vec<String> = (0..p.len()).map(|i| format!("\"x{i}\"")).collect();
    let q = vec![1.0 / p.len() as f64; p.len()];
    let list = |v: &[f64]| v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", ");
    format!(
        "Lesson(title: \"t\", steps: [Step(scenario: Inline((id: \"s\", title: \"s\", description: \"\", unit: Nats, labels: [{}], p: [{}], q: [{}])), view: \"plots\", say: \"Drag.\", task: Goal(measure: \"{measure}\", {relation}: {target:?}, keep: P))])",
        labels.join(", "),
        list(p),
        list(&q)
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn a_kept_p_goal_is_refused_exactly_when_no_q_reaches_it(
        weights in prop::collection::vec(0.05f64..1.0, 2..6),
        moves in prop::collection::vec(prop::collection::vec(0.0f64..1.0, 6), 200),
    ) {
        let p = normalised(&weights);
        let n = p.len();
        // The values that random Qs, and the corners, give each measure.
        let mut qs: Vec<Vec<f64>> = moves.iter().map(|m| normalised(&m[..n].iter().map(|x| x + 1e-9).collect::<Vec<_>>())).collect();
        qs.extend((0..n).map(|j| (0..n).map(|i| if i == j { 1.0 } else { 0.0 }).collect()));
        qs.push(p.clone());
        qs.push(vec![1.0 / n as f64; n]);
        for measure in [Measure::TotalVariation, Measure::Hellinger, Measure::Js, Measure::CrossEntropyQP, Measure::KlQP, Measure::EntropyQ] {
            let values: Vec<f64> = qs.iter().map(|q| measure.value(&Report::compute(&p, q), Unit::Nats)).collect();
            let most = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            // Just above the highest value a drag reached: refused as unreachable.
            let above = kept_goal_lesson(&p, measure.symbol(), "above", most + 1e-6);
            let refused = Lesson::from_ron(&above, "k.ron", None).err().map(|e| e.to_string()).unwrap_or_default();
            prop_assert!(refused.contains("cannot be reached"), "{measure:?} above {most}: {refused}");
            // Just below it: accepted (the starting Q is uniform, which is below it).
            let start = measure.value(&Report::compute(&p, &vec![1.0 / n as f64; n]), Unit::Nats);
            if most - 1e-6 > start + 1e-9 {
                let below_most = kept_goal_lesson(&p, measure.symbol(), "above", most - 1e-6);
                let lesson = Lesson::from_ron(&below_most, "k.ron", None);
                prop_assert!(lesson.is_ok(), "{measure:?} above {}: {:?}", most - 1e-6, lesson.err().map(|e| e.to_string()));
                prop_assert!(matches!(lesson.unwrap().steps[0].task, Some(Task::Goal(_))));
            }
        }
        // H(P,Q) is never below H(P) while P is kept.
        let entropy = Measure::EntropyP.value(&Report::compute(&p, &p), Unit::Nats);
        let below = kept_goal_lesson(&p, "H(P,Q)", "below", entropy - 1e-9);
        let refused = Lesson::from_ron(&below, "k.ron", None).err().map(|e| e.to_string()).unwrap_or_default();
        prop_assert!(refused.contains("is at least"), "{refused}");
    }
}
