//! PNG export, in the app and from the command line. Drawing needs a graphics adapter
//! (Mesa's software Vulkan is enough); where none exists these tests skip with a note.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui::vec2;
use klscope::app::KlApp;
use klscope::app::export::Target;
use klscope::app::files::Folders;
use klscope::app::render::OffscreenRenderer;
use klscope::app::state::AppState;
use klscope::scenario;
use std::process::Command;

fn adapter_available() -> bool {
    let ok = OffscreenRenderer::new().is_ok();
    if !ok {
        eprintln!("note: no graphics adapter (install mesa-vulkan-drivers); export test skipped");
    }
    ok
}

fn png_size(path: &std::path::Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap()
}

#[test]
fn the_window_exports_at_1x_and_2x_with_the_caption() {
    if !adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut app = KlApp::with_state(AppState::default());
    for (scale, expected) in [(1.0, (900, 700)), (2.0, (1800, 1400))] {
        let path = dir.path().join(format!("window-{scale}.png"));
        let size = app.export_to(&path, vec2(900.0, 700.0), scale, Target::Window).unwrap();
        assert_eq!(size, expected);
        assert_eq!(png_size(&path), expected);
    }
    assert!(
        klscope::app::export::caption(&app)
            .contains("Biased coin, fair-coin model (biased-coin-vs-fair) · values in bits")
    );
}

#[test]
fn a_single_plot_exports_cropped_to_its_rectangle() {
    if !adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut app = KlApp::with_state(AppState::default());
    for target in [Target::Contributions, Target::Surprise] {
        let path = dir.path().join("plot.png");
        let (width, height) = app.export_to(&path, vec2(1280.0, 800.0), 2.0, target).unwrap();
        assert!(width > 300 && width < 1280, "{target:?}: {width}");
        assert!(height > 150 && height < 800, "{target:?}: {height}");
    }
}

#[test]
fn export_png_writes_a_dated_file_into_the_pictures_folder_and_says_where() {
    if !adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut state = AppState::default();
    state.open_scenario(&scenario::find_builtin("movie-genres").unwrap()).unwrap();
    state.export_scale = 1;
    let mut app = KlApp::with_state(state);
    app.folders = Folders { scenarios: dir.path().join("s"), pictures: dir.path().to_path_buf() };
    app.export(Target::Window, None);
    let files: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = &files[0];
    assert!(name.starts_with("klscope-movie-genres-") && name.ends_with(".png") && name.len() == 40, "{name}");
    let status = app.status.clone().unwrap();
    assert!(!status.is_error && status.text.contains(name.as_str()), "{status:?}");
}

#[test]
fn an_export_into_a_missing_folder_reports_the_error() {
    if !adapter_available() {
        return;
    }
    let mut app = KlApp::with_state(AppState::default());
    app.folders.pictures = "/nonexistent/folder".into();
    app.export(Target::Window, None);
    let status = app.status.clone().unwrap();
    assert!(status.is_error && status.text.contains("/nonexistent/folder"), "{status:?}");
}

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
