//! `klscope --screenshot`: a picture of the app drawn without a window. Drawing needs a
//! graphics adapter (Mesa's software Vulkan is enough); where none exists the drawing test
//! skips with a note.

use crate::common::{self, adapter_available, png_size};
use std::process::Command;

fn klscope(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klscope")).args(args).output().unwrap()
}

#[test]
fn the_command_line_makes_a_2x_screenshot_of_a_preset() {
    if !adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.png");
    let run = klscope(&["--preset", "movie-genres", "--screenshot", out.to_str().unwrap(), "--scale", "2"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(png_size(&out), (2560, 1600));
    let small = dir.path().join("small.png");
    let args = ["--preset", "support-mismatch", "--screenshot", small.to_str().unwrap(), "--size", "800x600"];
    let run = klscope(&[&args[..], &["--theme", "light", "--unit", "nats"]].concat());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(png_size(&small), (800, 600));
}

#[test]
fn bad_screenshot_arguments_exit_2_before_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.png");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["--preset", "nope", "--screenshot", out], "unknown preset 'nope'"),
        (&["--preset", "tests/data/bad/negative.ron", "--screenshot", out], "cannot be negative"),
        (&["--screenshot", out, "--size", "10x10"], "outside 320x240"),
        (&["--screenshot", out, "--scale", "9"], "between 0.5 and 4"),
        (&["--screenshot", out, "--theme", "purple"], "use dark or light"),
    ];
    for (args, expected) in cases {
        let run = klscope(args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    assert!(!dir.path().join("never.png").exists());
}

#[test]
fn a_screenshot_into_a_missing_folder_exits_2_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("no-such-folder");
    let out = folder.join("out.png");
    let run = common::klscope(&["--preset", "movie-genres", "--screenshot", out.to_str().unwrap()]);
    let expected = format!("there is no folder {}", folder.display());
    let problems = common::bad_input_problems(&run, &expected, 1);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!folder.exists(), "no folder is made");
}

#[test]
fn a_screenshot_not_named_png_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.txt", "out", "out.png.txt"] {
        let out = dir.path().join(name);
        let run = common::klscope(&["--screenshot", out.to_str().unwrap()]);
        let problems = common::bad_input_problems(&run, "does not end in .png", 1);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert!(run.stderr.starts_with("klscope: --screenshot: "), "{name}: {}", run.stderr);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing is written");
    // The case of the extension does not matter.
    let run = common::klscope(&["--screenshot", "OUT.PNG", "--scale", "99"]);
    assert!(run.stderr.contains("--scale"), "{}", run.stderr);
}
