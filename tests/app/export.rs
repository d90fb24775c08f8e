//! PNG export from the app (the command line's `--screenshot` is in the cli tests).
//! Drawing needs a graphics adapter (Mesa's software Vulkan is enough); where none exists
//! these tests skip with a note.

use crate::common::{adapter_available, png_size};
use eframe::egui::vec2;
use klscope::app::KlApp;
use klscope::app::command::Command;
use klscope::app::model::state::AppState;
use klscope::app::picture::{self, Target};
use klscope::app::platform::native::{FileDialogs, Folders, NativePlatform, write_picture};
use klscope::scenario;

/// Draws `app` at `size` and `scale`, writes the PNG to `path`, returns its size in pixels.
fn export_to(
    app: &mut KlApp,
    path: &std::path::Path,
    size: eframe::egui::Vec2,
    scale: f32,
    target: Target,
) -> (u32, u32) {
    let picture = app.draw_picture(size, scale, target).unwrap();
    write_picture(&picture, path).unwrap();
    (picture.width, picture.height)
}

fn app_in(state: AppState, folders: Folders) -> KlApp {
    KlApp::with_platform(state, Box::new(NativePlatform::new(folders, FileDialogs::default())))
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
        let size = export_to(&mut app, &path, vec2(900.0, 700.0), scale, Target::Window);
        assert_eq!(size, expected);
        assert_eq!(png_size(&path), expected);
    }
    assert!(
        picture::caption(&app.state).contains("Biased coin, fair-coin model (biased-coin-vs-fair) · values in bits")
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
        let (width, height) = export_to(&mut app, &path, vec2(1280.0, 800.0), 2.0, target);
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
    let mut app = app_in(state, Folders { scenarios: dir.path().join("s"), pictures: dir.path().to_path_buf() });
    app.run(Command::ExportPng);
    // Laid out at once, drawn off the frame by a job.
    assert!(app.job_progress().is_some(), "the picture is drawn by a job");
    wait_for_job(&mut app);
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
    let folders = Folders { pictures: "/nonexistent/folder".into(), ..Folders::in_temp() };
    let mut app = app_in(AppState::default(), folders);
    app.run(Command::ExportPng);
    wait_for_job(&mut app);
    let status = app.status.clone().unwrap();
    assert!(status.is_error && status.text.contains("/nonexistent/folder"), "{status:?}");
}

#[test]
fn pictures_drawn_on_the_cpu_look_like_those_drawn_on_the_gpu() {
    if !adapter_available() {
        return;
    }
    let mut state = AppState::default();
    state.open_scenario(&scenario::find_builtin("support-mismatch").unwrap()).unwrap();
    let pictures = |platform: NativePlatform| {
        let mut app = KlApp::with_platform(state.clone(), Box::new(platform));
        let picture = app.draw_picture(vec2(1024.0, 768.0), 1.0, Target::Window).unwrap();
        image::load_from_memory(&picture.png).unwrap().to_rgba8()
    };
    let gpu = pictures(NativePlatform::new(Folders::in_temp(), FileDialogs::default()));
    let cpu = pictures(NativePlatform::new(Folders::in_temp(), FileDialogs::default()).draw_pictures_on_cpu());
    assert_eq!(gpu.dimensions(), cpu.dimensions());
    let channels = gpu.as_raw().len() as f64;
    let difference: f64 =
        gpu.as_raw().iter().zip(cpu.as_raw()).map(|(a, b)| f64::from(a.abs_diff(*b))).sum::<f64>() / channels;
    // Anti-aliased edges differ by a step or two; text, bars and plots are in the same places.
    assert!(difference < 2.0, "mean difference per channel {difference:.2}");
}

/// File ▸ Export the lesson's pictures: a folder named after the lesson with a picture
/// per step, the answers where a step asks, and the two handouts; the lesson and the document
/// are as the teacher left them.
#[test]
fn the_lessons_pictures_go_into_a_folder_of_their_own() {
    if !adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = AppState { export_scale: 1, ..Default::default() };
    let mut app = app_in(state, Folders { scenarios: dir.path().join("s"), pictures: dir.path().to_path_buf() });
    let lesson = klscope::lesson::find_builtin_lesson("asymmetry").unwrap();
    let steps = lesson.steps.len();
    let asking = lesson.steps.iter().filter(|s| matches!(s.task, Some(klscope::lesson::Task::Predict(_)))).count();
    app.open_lesson(lesson, 1).unwrap();
    app.state.doc.q.set_all(app.state.doc.p.probs()).unwrap();
    let edited = app.state.doc.q.probs().to_vec();
    app.run(Command::ExportLesson);
    // The pictures are drawn by a job, off the frame; the teacher's app is untouched meanwhile.
    assert!(app.job_progress().is_some(), "the export runs as a job");
    assert_eq!(app.lesson().map(|run| run.step_index()), Some(1));
    wait_for_job(&mut app);
    let status = app.status.clone().unwrap();
    assert!(!status.is_error, "{status:?}");
    let folder = dir.path().join("asymmetry");
    assert!(status.text.contains(&folder.display().to_string()), "{status:?}");
    let count = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(count, steps + asking + 2, "a picture per step, one per question, the two handouts");
    assert!(folder.join("step-01.png").exists());
    assert!(folder.join("handout-student.html").exists() && folder.join("handout-teacher.html").exists());
    // Back where the teacher was: the same step, the edit kept, not presenting.
    assert_eq!(app.lesson().map(|run| run.step_index()), Some(1));
    assert_eq!(app.state.doc.q.probs(), &edited[..]);
    assert!(!app.is_presenting());
    // A second export does not overwrite the first.
    app.run(Command::ExportLesson);
    wait_for_job(&mut app);
    assert_eq!(std::fs::read_dir(dir.path().join("asymmetry-2")).unwrap().count(), count);
}

/// Waits for the running job, then lets the app hand its result to the platform and
/// hear back what was written.
fn wait_for_job(app: &mut KlApp) {
    let start = std::time::Instant::now();
    while app.job_progress().is_some() {
        // A guard against a job that hangs, not a timing: software rendering on a loaded machine is slow.
        assert!(start.elapsed() < std::time::Duration::from_secs(900), "the job never finished");
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.handle_platform_events();
    }
    app.handle_platform_events();
}

/// Cancel stops the export after the step it is on: no folder, and the status says so.
#[test]
fn a_cancelled_lesson_export_writes_nothing() {
    if !adapter_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = AppState { export_scale: 1, ..Default::default() };
    let mut app = app_in(state, Folders { scenarios: dir.path().join("s"), pictures: dir.path().to_path_buf() });
    app.open_lesson(klscope::lesson::find_builtin_lesson("asymmetry").unwrap(), 0).unwrap();
    app.run(Command::ExportLesson);
    app.cancel_job();
    wait_for_job(&mut app);
    let status = app.status.clone().unwrap();
    assert_eq!(status.text, "Cancelled: drawing the lesson's pictures. Nothing was changed.");
    assert!(!dir.path().join("asymmetry").exists(), "nothing is written");
}

/// A handout's picture is the window below the lesson's strip: as wide, shorter by the
/// strip (its words, its question and its buttons are printed by the page instead).
#[test]
fn a_handout_picture_leaves_the_lesson_strip_out() {
    if !adapter_available() {
        return;
    }
    let mut app = KlApp::with_platform(
        AppState::default(),
        Box::new(NativePlatform::new(Folders::in_temp(), FileDialogs::default())),
    );
    app.open_lesson(klscope::lesson::find_builtin_lesson("asymmetry").unwrap(), 1).unwrap();
    let size = vec2(1024.0, 768.0);
    let window = app.draw_picture(size, 1.0, Target::Window).unwrap();
    let handout = app.draw_picture(size, 1.0, Target::UnderLessonStrip).unwrap();
    assert_eq!((window.width, window.height), (1024, 768));
    assert_eq!(handout.width, 1024);
    assert!(handout.height < 700 && handout.height > 400, "the strip is cut off: {} rows left", handout.height);
}
