//! `klscope lesson list`, `check` and `export`, and the window opened on a lesson step.

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

/// `lesson export`: one picture per step, a second where a step asks something, and two
/// handouts: the students' with a picture per step and no answers, the teacher's with
/// the answered pictures and why.
#[test]
fn export_writes_a_picture_per_step_and_two_handouts() {
    if !crate::common::adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pictures");
    let out_text = out.to_str().unwrap();
    let run =
        klscope(&["lesson", "export", "when-kl-blows-up", "--out", out_text, "--size", "800x600", "--theme", "light"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lesson = klscope::lesson::find_builtin_lesson("when-kl-blows-up").unwrap();
    let asking = lesson.steps.iter().filter(|s| matches!(s.task, Some(klscope::lesson::Task::Predict(_)))).count();
    let pictures = lesson.steps.len() + asking;
    let wrote = format!("wrote {pictures} pictures, handout-student.html and handout-teacher.html to {out_text}\n");
    assert_eq!(run.stdout, wrote);
    for (number, step) in lesson.steps.iter().enumerate().map(|(i, s)| (i + 1, s)) {
        assert_eq!(crate::common::png_size(&out.join(format!("step-{number:02}.png"))), (800, 600));
        let asks = matches!(step.task, Some(klscope::lesson::Task::Predict(_)));
        assert_eq!(out.join(format!("step-{number:02}-answer.png")).exists(), asks, "step {number}");
    }
    let first_text = lesson.steps[0].text.replace('\'', "&#39;");
    // The students' copy leaves out the steps that only tell, after the first question: they
    // tell its answer.
    let first_question = lesson.steps.iter().position(|s| matches!(s.task, Some(klscope::lesson::Task::Predict(_))));
    let for_students = lesson
        .steps
        .iter()
        .enumerate()
        .filter(|(i, s)| s.task.is_some() || first_question.is_none_or(|q| *i <= q))
        .count();
    assert!(for_students < lesson.steps.len(), "when-kl-blows-up tells after it asks");
    for (file, answers, pictures) in
        [("handout-student.html", false, for_students), ("handout-teacher.html", true, lesson.steps.len())]
    {
        let html = std::fs::read_to_string(out.join(file)).unwrap();
        assert_eq!(html.matches("<img ").count(), pictures, "{file}: one picture per step it prints");
        assert_eq!(html.matches(", answered\"").count(), if answers { asking } else { 0 }, "{file}");
        assert_eq!(html.matches("<b>Answer:</b>").count(), if answers { asking } else { 0 }, "{file}");
        assert!(html.contains("<h1>When KL blows up</h1>"), "{file}");
        assert_eq!(html.matches(&format!("<p>{first_text}</p>")).count(), 1, "{file}: the step's text once");
    }
}

#[test]
fn a_step_of_a_lesson_in_presentation_mode_makes_a_screenshot() {
    if !crate::common::adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("step.png");
    let out_text = out.to_str().unwrap();
    let args = ["--lesson", "asymmetry", "--step", "2", "--present", "--screenshot", out_text, "--size", "1024x768"];
    let run = klscope(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(crate::common::png_size(&out), (1024, 768));
}

#[test]
fn a_lesson_that_cannot_open_is_named_before_anything_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.png");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["--lesson", "nope", "--screenshot", out], "unknown lesson 'nope': the built-in lessons are"),
        (
            &["--lesson", "asymmetry", "--step", "40", "--screenshot", out],
            "--step 40: the lesson 'KL is not symmetric'",
        ),
        (&["--step", "2", "--screenshot", out], "--lesson"),
        (&["lesson", "export", "nope", "--out", out], "unknown lesson 'nope'"),
    ];
    for (args, expected) in cases {
        let run = klscope(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    assert!(!std::path::Path::new(out).exists());
}
