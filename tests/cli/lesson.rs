//! `klscope lesson list` and `klscope lesson check`.

use crate::common::{bad_input_problems, klscope};

#[test]
fn list_prints_each_builtin_lesson_with_its_steps_and_title() {
    let run = klscope(&["lesson", "list"]);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""));
    let lessons = klscope::lesson::builtin_lessons();
    assert_eq!(run.stdout.lines().count(), lessons.len(), "one line per lesson:\n{}", run.stdout);
    for (line, lesson) in run.stdout.lines().zip(lessons) {
        assert!(line.starts_with(&lesson.id), "{line:?} starts with the id {}", lesson.id);
        assert!(line.contains(&format!("  {} steps  ", lesson.steps.len())), "{line:?} gives the steps");
        assert!(line.ends_with(&lesson.title), "{line:?} ends with the title");
    }
    assert!(run.stdout.contains("when-kl-blows-up         6 steps  When KL blows up\n"), "{}", run.stdout);
}

#[test]
fn check_prints_one_line_for_a_builtin_or_a_file() {
    let run = klscope(&["lesson", "check", "asymmetry"]);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(run.stdout, "asymmetry: \"KL is not symmetric\", 6 steps (2 predictions, 1 goal)\n");

    let run = klscope(&["lesson", "check", "tests/data/lessons/with-file.ron"]);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(run.stdout, "with-file: \"A lesson with its own scenarios\", 2 steps (1 prediction, 1 goal)\n");
}

/// (arguments, the message on stderr).
const BAD: &[(&[&str], &str)] = &[
    (
        &["lesson", "check", "tests/data/bad_lessons/unknown_view.ron"],
        "klscope: tests/data/bad_lessons/unknown_view.ron:7:19: step 2: unknown view 'plot': the views are plots,",
    ),
    (
        &["lesson", "check", "tests/data/bad_lessons/file_malformed.ron"],
        "klscope: tests/data/bad_lessons/file_malformed.ron:6:23: step 2: tests/data/bad_lessons/scenarios/broken.ron:4:22: Expected comma\n",
    ),
    (
        &["lesson", "check", "tests/data/bad_lessons/syntax.ron"],
        "klscope: tests/data/bad_lessons/syntax.ron:3:5: Expected comma\n",
    ),
    (&["lesson", "check", "no/such/lesson.ron"], "klscope: cannot read no/such/lesson.ron: no such file or folder\n"),
    (
        &["lesson", "check", "asymetry"],
        "klscope: unknown lesson 'asymetry': the built-in lessons are surprise-and-entropy,",
    ),
    (&["lesson", "check"], "klscope: <ID|FILE.ron> is required\n"),
    (&["lesson"], "klscope: 'klscope lesson' requires a subcommand but one was not provided\n"),
    (&["lesson", "chek", "asymmetry"], "did you mean check?"),
];

#[test]
fn check_prints_the_first_error_and_exits_2() {
    let mut failures = String::new();
    for &(args, expected) in BAD {
        for problem in bad_input_problems(&klscope(args), expected, 1) {
            failures.push_str(&format!("{args:?}: {problem}\n"));
        }
    }
    assert!(failures.is_empty(), "lesson mistakes were not reported as they should be:\n{failures}");
}
