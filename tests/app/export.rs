//! PNG export from the app (the command line's `--screenshot` is in the cli tests).
//! Drawing needs a graphics adapter (Mesa's software Vulkan is enough); where none exists
//! these tests skip with a note.

use crate::common::{adapter_available, png_size};
use eframe::egui::vec2;
use klscope::app::KlApp;
use klscope::app::export::Target;
use klscope::app::files::Folders;
use klscope::app::state::AppState;
use klscope::scenario;

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
