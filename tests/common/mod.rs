//! Helpers shared by the integration tests: running the binary, reading the clipboard.
#![allow(dead_code)] // each test file uses some of these

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
