//! Hostile input to the real binary: files that are not files or are too large, arguments
//! that would waste work, text that would drive the terminal, a lesson reaching outside
//! its folder, and output that cannot be written.

use crate::common::{Run, bad_input_problems, klscope};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `klscope` with `args`, killing it after `limit`: a hang fails the test instead of
/// stopping it.
fn klscope_within(args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_klscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("klscope {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn refused(args: &[&str], expected: &str) {
    let run = klscope_within(args, Duration::from_secs(20));
    let problems = bad_input_problems(&run, expected, 1);
    assert!(problems.is_empty(), "klscope {args:?}: {problems:?}");
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn every_reader_refuses_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.ron");
    mkfifo(&pipe);
    let pipe = pipe.to_str().unwrap();
    for (args, expected) in [
        (
            vec!["compute", "--p-file", "/dev/zero", "--q", "1"],
            "cannot read /dev/zero: it is a device, not a model's output file",
        ),
        (vec!["compute", "--p-file", pipe, "--q", "1"], "it is a named pipe, not a model's output file"),
        (vec!["compute", "--preset", "/dev/zero"], "cannot read /dev/zero: it is a device, not a scenario file"),
        (vec!["compute", "--preset", pipe], "it is a named pipe, not a scenario file"),
        (vec!["compute", "--p", "1", "--q", "1", "--vocab", "/dev/zero"], "it is a device, not a vocabulary file"),
        (vec!["lesson", "check", "/dev/zero"], "cannot read /dev/zero: it is a device, not a lesson file"),
        (vec!["lesson", "check", pipe], "it is a named pipe, not a lesson file"),
        (vec!["fit", "--preset", pipe, "--direction", "forward"], "it is a named pipe, not a scenario file"),
    ] {
        refused(&args, expected);
    }
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    std::fs::File::create(&big).unwrap().set_len(65 * 1024 * 1024).unwrap();
    let big = big.to_str().unwrap();
    refused(
        &["compute", "--p-file", big, "--q", "1"],
        "big.csv: it is larger than 64 MB, the most klscope reads from one file",
    );
}

#[test]
fn a_lesson_of_two_thousand_steps_on_the_big_preset_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let step = r#"Step(scenario: Builtin("next-token-teacher-student"), view: "plots", say: "Look."),"#;
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, format!("Lesson(title: \"Huge\", steps: [{}])", step.repeat(2000))).unwrap();
    refused(
        &["lesson", "check", path.to_str().unwrap()],
        "step 21: its scenario has 50000 outcomes, more than the 0 left of the 1000000 outcomes a lesson's steps may hold in all",
    );
}

#[test]
fn arguments_are_checked_before_any_drawing_or_fitting() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("x.png");
    let png = png.to_str().unwrap();
    let size = "--size and --scale: 8192x8192 at scale 4 would be a picture of 32768×32768 pixels; a side may have at most 8192 pixels";
    // /dev/zero would be refused too: the size is checked first, before any file is read.
    refused(
        &["--p-file", "/dev/zero", "--q-file", "/dev/zero", "--screenshot", png, "--size", "8192x8192", "--scale", "4"],
        size,
    );
    assert!(!Path::new(png).exists());
    let out = dir.path().join("export");
    refused(
        &["lesson", "export", "asymmetry", "--out", out.to_str().unwrap(), "--size", "8192x8192", "--scale", "4"],
        size,
    );
    assert!(!out.exists(), "nothing is written");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"keep me").unwrap();
    let file = file.to_str().unwrap();
    refused(&["lesson", "export", "asymmetry", "--out", file], "it is a file, not a folder");
    refused(
        &["lesson", "export", "asymmetry", "--out", &format!("{file}/inside")],
        "a-file: it is a file, not a folder",
    );
    assert_eq!(std::fs::read(file).unwrap(), b"keep me");
    refused(
        &["fit", "--preset", "next-token-teacher-student", "--direction", "forward"],
        "--preset next-token-teacher-student: the scenario has 50000 outcomes; fitting works on at most 10000",
    );
    // 2,000 outcomes: 500 starts fit in the budget, 1000 do not.
    let labels: Vec<String> = (0..2000).map(|i| format!("\"x{i}\"")).collect();
    let p = vec!["0.0005"; 2000].join(", ");
    let scenario = format!(
        "(id: \"wide\", title: \"Wide\", description: \"\", unit: Bits, labels: [{}], p: [{p}], q: [{p}])",
        labels.join(", ")
    );
    let wide = dir.path().join("wide.ron");
    std::fs::write(&wide, scenario).unwrap();
    let started = Instant::now();
    refused(
        &["fit", "--preset", wide.to_str().unwrap(), "--direction", "forward", "--starts", "1000"],
        "--starts 1000: 1000 descents over 2000 outcomes is more work than klscope does in one fit (starts × outcomes at most 1000000): use --starts 500 or fewer",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn text_from_files_reaches_the_terminal_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "0.5\n\u{1b}[2J\u{1b}[31mRED\n").unwrap();
    refused(
        &["compute", "--p-file", csv.to_str().unwrap(), "--q", "0.5,0.5"],
        ":2:1: '\\u{1b}[2J\\u{1b}[31mRED' is not a number",
    );
    let vocab = dir.path().join("v.txt");
    std::fs::write(&vocab, format!("a\u{202e}b{}\na\u{202e}b{} \n", "x".repeat(1_000_000), "x".repeat(1_000_000)))
        .unwrap();
    let run = klscope(&["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--vocab", vocab.to_str().unwrap()]);
    assert!(bad_input_problems(&run, "v.txt:2: 'a\\u{202e}b", 1).is_empty(), "{}", run.stderr);
    assert!(run.stderr.len() < 300, "a megabyte token is cut: {} bytes", run.stderr.len());
    // Labels in the table, and a lesson's title in its summary.
    let scenario = dir.path().join("s.ron");
    std::fs::write(
        &scenario,
        "(id: \"s\", title: \"S\", description: \"\", unit: Bits, labels: [\"\\u{1b}[31mred\", \"b\\rX\"], p: [0.5, 0.5], q: [0.5, 0.5])",
    )
    .unwrap();
    let run = klscope(&["compute", "--preset", scenario.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("\\u{1b}[31mred") && run.stdout.contains("b\\rX"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\r'));
    let lesson = dir.path().join("l.ron");
    std::fs::write(&lesson, "Lesson(title: \"\\u{1b}]0;owned\\u{7}T\", steps: [Step(scenario: Builtin(\"fair-coin\"), view: \"plots\", say: \"Look.\")])").unwrap();
    let run = klscope(&["lesson", "check", lesson.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "l: \"\\u{1b}]0;owned\\u{7}T\", 1 step (0 predictions, 0 goals)\n");
}

#[test]
fn a_lesson_cannot_read_outside_its_folder() {
    for file in ["../../../../etc/passwd", "/etc/passwd"] {
        let dir = tempfile::tempdir().unwrap();
        let lesson = dir.path().join("l.ron");
        std::fs::write(
            &lesson,
            format!("Lesson(title: \"T\", steps: [Step(scenario: File(\"{file}\"), view: \"plots\", say: \"Look.\")])"),
        )
        .unwrap();
        let run = klscope(&["lesson", "check", lesson.to_str().unwrap()]);
        let expected = format!("step 1: the scenario File(\"{file}\") is outside the lesson's folder");
        assert!(bad_input_problems(&run, &expected, 1).is_empty(), "{}", run.stderr);
        assert!(!run.stderr.contains("root"), "never the file's content: {}", run.stderr);
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("note: no /dev/full; skipped");
        return;
    };
    for args in [&["compute", "--p", "0.5,0.5", "--q", "0.9,0.1", "--json"][..], &["presets"], &["lesson", "list"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_klscope"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "klscope {args:?} > /dev/full");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "klscope: cannot write the output: the disk is full\n");
    }
    // Nor does an error that cannot be printed panic: the exit code says it.
    let output = Command::new(env!("CARGO_BIN_EXE_klscope"))
        .args(["compute", "--p", "0.5,0.5", "--q", "2"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_web_build_says_in_one_line_what_is_missing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A rustup that knows no installed target, and a wasm-bindgen of the wrong version.
    for (name, script) in [("rustup", "#!/bin/sh\nexit 0\n"), ("wasm-bindgen", "#!/bin/sh\necho wasm-bindgen 0.0.1\n")]
    {
        let path = dir.path().join(name);
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", dir.path().display(), std::env::var("PATH").unwrap_or_default());
    let run = || {
        let output = Command::new("bash")
            .arg("web/build.sh")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("PATH", &path)
            .env("KLSCOPE_NO_INSTALL", "1")
            .output()
            .unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, stderr) = run();
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "web/build.sh: the wasm32-unknown-unknown target is not installed; run: rustup target add wasm32-unknown-unknown\n"
    );
    // With the target there, the wasm-bindgen of Cargo.lock's version is what is missing.
    std::fs::write(dir.path().join("rustup"), "#!/bin/sh\necho wasm32-unknown-unknown\n").unwrap();
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let version =
        lock.split("name = \"wasm-bindgen\"\nversion = \"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    let (code, stderr) = run();
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        format!(
            "web/build.sh: wasm-bindgen {version} is needed (Cargo.lock), found wasm-bindgen 0.0.1; run: cargo install wasm-bindgen-cli --version {version}\n"
        )
    );
}
