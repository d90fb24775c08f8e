//! Helpers shared by the integration tests: running the binary, reading the clipboard,
//! checking for a graphics adapter and reading PNG sizes.
#![allow(dead_code)] // each test file uses some of these

use klscope::app::platform::native::render::OffscreenRenderer;
use std::process::Command;

/// What one run of the binary gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `klscope` with `args`, from the package root. Fails the test on a panic.
pub fn klscope(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_klscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run klscope {args:?}: {e}"));
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout)
            .unwrap_or_else(|e| panic!("klscope {args:?}: stdout is not UTF-8: {e}")),
        stderr: String::from_utf8(output.stderr)
            .unwrap_or_else(|e| panic!("klscope {args:?}: stderr is not UTF-8: {e}")),
    };
    assert!(!run.stderr.contains("panicked"), "klscope {args:?} panicked:\n{}", run.stderr);
    run
}

/// Runs `klscope` with `args` and `--json`: it must succeed, print nothing on stderr and
/// one line holding one JSON object, which is returned.
pub fn json_object(args: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let mut all = args.to_vec();
    all.push("--json");
    let run = klscope(&all);
    assert_eq!(run.code, Some(0), "klscope {all:?} should succeed; stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "", "klscope {all:?} should print nothing on stderr");
    assert_eq!(run.stdout.lines().count(), 1, "one line of JSON:\n{}", run.stdout);
    match serde_json::from_str(&run.stdout) {
        Ok(serde_json::Value::Object(object)) => object,
        other => panic!("klscope {all:?} should print one JSON object, got {other:?} from:\n{}", run.stdout),
    }
}

/// Everything the app put on the clipboard in the last frame.
pub fn copied<State>(harness: &egui_kittest::Harness<'_, State>) -> String {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            eframe::egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// What is wrong with how a run reported bad input: it must exit 2, print nothing on
/// stdout, mention `expected` on stderr and use at most `max_lines` lines starting
/// "klscope: ".
pub fn bad_input_problems(run: &Run, expected: &str, max_lines: usize) -> Vec<String> {
    let mut problems = Vec::new();
    if run.code != Some(2) {
        problems.push(format!("exit code {:?}, expected 2", run.code));
    }
    if !run.stdout.is_empty() {
        problems.push(format!("stdout should be empty, got {:?}", run.stdout));
    }
    if !run.stderr.contains(expected) {
        problems.push(format!("stderr should contain {expected:?}, got {:?}", run.stderr));
    }
    let lines = run.stderr.lines().count();
    if !(1..=max_lines).contains(&lines) {
        problems.push(format!("stderr should have 1 to {max_lines} lines, got {lines}: {:?}", run.stderr));
    }
    if !run.stderr.starts_with("klscope: ") {
        problems.push(format!("stderr should start with 'klscope: ', got {:?}", run.stderr));
    }
    problems
}

/// True when pictures can be drawn off screen; prints a note when they cannot.
pub fn adapter_available() -> bool {
    let ok = OffscreenRenderer::new().is_ok();
    if !ok {
        eprintln!("note: no graphics adapter (install mesa-vulkan-drivers); export test skipped");
    }
    ok
}

/// Width and height of a PNG file.
pub fn png_size(path: &std::path::Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap()
}
