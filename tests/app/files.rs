//! Saving, opening, dropping files, stored sessions and the clipboard, through the app's
//! own commands and widgets.

use crate::common;
use crate::harness::harness_in;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::{Harness, kittest::Queryable};
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::platform::native::Folders;
use klscope::app::platform::session::load_state;
use klscope::scenario;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn harness(folder: &Path) -> Harness<'static, KlApp> {
    let folders = Folders { scenarios: folder.join("scenarios"), pictures: folder.join("pictures") };
    harness_in(AppState::default(), folders)
}

/// Types a path into the path field of the open/save modal and presses Enter.
fn type_path(harness: &mut Harness<'_, KlApp>, path: &Path) {
    harness.get_by_label("file path").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("file path").type_text(&path.display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
}

fn status(harness: &Harness<'_, KlApp>) -> String {
    harness.state().status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn ctrl_s_saves_into_the_scenario_folder_and_ctrl_o_opens_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = dir.path().join("scenarios/biased-coin-vs-fair.ron");
    assert!(saved.is_file(), "saved to {}: {}", saved.display(), status(&harness));
    assert!(status(&harness).contains("Saved to"));
    assert_eq!(scenario::load(&saved).unwrap(), scenario::find_builtin("biased-coin-vs-fair").unwrap());

    // Change P, then open the saved file: the saved P comes back.
    harness.state_mut().state.doc.p.set(0, 0.3).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    type_path(&mut harness, &saved);
    assert_eq!(harness.state().state.doc.p.probs(), &[0.9, 0.1]);
    assert_eq!(harness.state().state.doc.file.as_deref(), Some(saved.as_path()));
    // Opening is undoable.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().state.doc.p.probs()[0], 0.3);
}

#[test]
fn edited_title_and_description_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    {
        let doc = &mut harness.state_mut().state.doc;
        doc.title = "My lesson".into();
        doc.description = "Shown beside the editors.".into();
        doc.id = "my-lesson".into();
    }
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = scenario::load(&dir.path().join("scenarios/my-lesson.ron")).unwrap();
    assert_eq!((saved.title.as_str(), saved.description.as_str()), ("My lesson", "Shown beside the editors."));
}

#[test]
fn opening_a_bad_file_keeps_the_state_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    harness.state_mut().state.doc.q.set(0, 0.7).unwrap();
    let before = harness.state().state.doc.clone();
    let bad = PathBuf::from("tests/data/bad/negative.ron");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open…").click();
    harness.run();
    type_path(&mut harness, &bad);
    assert_eq!(harness.state().state.doc, before, "nothing changed");
    let shown = status(&harness);
    assert!(shown.contains("tests/data/bad/negative.ron") && shown.contains("cannot be negative"), "{shown}");
    harness.get_by_label_contains("probabilities cannot be negative");
}

#[test]
fn saving_over_another_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "precious").unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    type_path(&mut harness, &other);
    harness.get_by_label_contains("already exists");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "precious", "cancel keeps the file");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    type_path(&mut harness, &other);
    harness.get_by_label("Replace").click();
    harness.run();
    assert_eq!(scenario::load(&other).unwrap().id, "biased-coin-vs-fair");
    // The file is now this scenario's own: Ctrl+S writes to it without asking.
    harness.state_mut().state.doc.p.set(0, 0.6).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(scenario::load(&other).unwrap().p, vec![0.6, 0.4]);
}

#[test]
fn a_failed_save_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, "").unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    type_path(&mut harness, &blocked.join("inside.ron"));
    assert!(status(&harness).contains("cannot"), "{}", status(&harness));
    assert!(harness.state().status.as_ref().unwrap().is_error);
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_ron_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.ron");
    scenario::save(&scenario::find_builtin("movie-genres").unwrap(), &path).unwrap();
    let mut harness = harness(dir.path());
    harness.input_mut().dropped_files.push(Arc::new(Dropped(path.clone())));
    harness.run();
    assert_eq!(harness.state().state.doc.id, "movie-genres");
    harness.input_mut().dropped_files.push(Arc::new(Dropped(dir.path().join("picture.png"))));
    harness.run();
    assert!(status(&harness).contains("is not a scenario"));
    assert_eq!(harness.state().state.doc.id, "movie-genres");
}

#[test]
fn copy_measures_puts_markdown_and_latex_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Copy measures (Markdown)").click();
    harness.step();
    let text = common::copied(&harness);
    assert!(text.contains("| KL(P\\|\\|Q) | KL divergence, forward | 0.531004 bits |"), "{text}");
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Copy measures (LaTeX)").click();
    harness.step();
    let text = common::copied(&harness);
    assert!(text.contains("\\begin{tabular}") && text.contains("0.531004 bits"), "{text}");
}

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_session_is_stored_and_comes_back() {
    let mut state = AppState::default();
    state.open_scenario(&scenario::find_builtin("movie-genres").unwrap()).unwrap();
    state.doc.p.set(0, 0.25).unwrap();
    state.doc.p.set_locked(1, true).unwrap();
    state.unit = klscope::info::Unit::Nats;
    state.zoom = 1.5;
    state.export_scale = 1;
    let mut app = KlApp::with_state(state.clone());
    let mut storage = MemoryStorage::default();
    eframe::App::save(&mut app, &mut storage);
    let (restored, message) = load_state(Some(&storage));
    assert_eq!(message, None);
    assert_eq!(restored, state);
}

#[test]
fn corrupt_stored_state_starts_fresh_and_says_so() {
    let valid = {
        let mut storage = MemoryStorage::default();
        eframe::set_value(&mut storage, eframe::APP_KEY, &AppState::default());
        storage.0[eframe::APP_KEY].clone()
    };
    let corruptions = [
        "not ron at all".to_string(),
        valid.replacen("0.9", "-5.0", 1),
        valid.replacen("\"tails\"", "\"other\"", 1),
        valid.replacen("\"heads\"", "\"\"", 2),
        valid.chars().take(valid.len() / 2).collect(),
    ];
    for text in corruptions {
        let mut storage = MemoryStorage::default();
        storage.0.insert(eframe::APP_KEY.to_string(), text.clone());
        let (state, message) = load_state(Some(&storage));
        assert_eq!(state, AppState::default(), "{text}");
        assert!(message.unwrap().contains("could not be read"), "{text}");
    }
    // Nothing stored: defaults, no message.
    assert_eq!(load_state(Some(&MemoryStorage::default())), (AppState::default(), None));
}

#[test]
fn a_stored_selection_out_of_range_is_clamped() {
    let state = AppState { selected: 99, zoom: f32::NAN, ..Default::default() };
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, eframe::APP_KEY, &state);
    let (restored, message) = load_state(Some(&storage));
    assert_eq!(message, None);
    assert_eq!((restored.selected, restored.zoom), (1, 1.0));
}

#[test]
fn undoing_an_open_also_forgets_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("lesson.ron");
    scenario::save(&scenario::find_builtin("movie-genres").unwrap(), &opened).unwrap();
    let mut harness = harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    type_path(&mut harness, &opened);
    assert_eq!(harness.state().state.doc.id, "movie-genres", "opened");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().state.doc.id, "biased-coin-vs-fair");
    assert_eq!(harness.state().state.doc.file, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(scenario::load(&opened).unwrap().id, "movie-genres", "the opened file is untouched");
    assert!(dir.path().join("scenarios/biased-coin-vs-fair.ron").is_file());
}

#[test]
fn a_picture_typed_with_another_extension_still_ends_in_png() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let scenario_file = dir.path().join("keep.ron");
    std::fs::write(&scenario_file, "precious").unwrap();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export PNG as…").click();
    harness.run();
    // The picture is drawn off the frame; the path field opens once it is.
    let start = std::time::Instant::now();
    while harness.state().job_progress().is_some() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the picture was never drawn");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
    type_path(&mut harness, &scenario_file);
    assert_eq!(std::fs::read_to_string(&scenario_file).unwrap(), "precious");
    let status = status(&harness);
    // Drawing needs a graphics adapter; either way the .ron file is never written.
    assert!(status.contains("keep.ron.png") || status.contains("Export failed"), "{status}");
}

#[test]
fn model_outputs_open_as_q_or_p_and_a_vocabulary_names_the_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let good = Path::new("tests/data/model_outputs/good");
    let open = |harness: &mut Harness<'_, KlApp>, file: &str| {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
        harness.run();
        type_path(harness, &good.join(file));
    };

    // Four numbers where there were two outcomes: Q takes them, P becomes uniform.
    open(&mut harness, "q_column.csv");
    harness.get_by_label_contains("4 numbers, summing to 1");
    harness.get_by_label("Use").click();
    harness.run();
    let doc = harness.state().state.doc.clone();
    assert_eq!(doc.q.probs(), &[0.4, 0.3, 0.2, 0.1]);
    assert_eq!(doc.p.probs(), &[0.25; 4]);
    assert_eq!(doc.labels(), &["0", "1", "2", "3"]);
    assert!(status(&harness).contains("so P is uniform until you open its file"), "{}", status(&harness));

    // The same length: P takes the file's numbers, Q stays; read as logits when asked.
    open(&mut harness, "p_logits_float32.npy");
    harness.get_by_label("P, the truth").click();
    harness.run();
    harness.get_by_label("logits: softmax(z)").click();
    harness.run();
    harness.get_by_label("Use").click();
    harness.run();
    let doc = harness.state().state.doc.clone();
    assert!((doc.p.probs()[0] - 0.5).abs() < 1e-8, "{:?}", doc.p.probs());
    assert_eq!(doc.q.probs(), &[0.4, 0.3, 0.2, 0.1]);
    assert_eq!(status(&harness), format!("P from {} (logits, softmaxed)", good.join("p_logits_float32.npy").display()));

    open(&mut harness, "vocab.txt");
    assert_eq!(harness.state().state.doc.labels(), &["cat", "dog", "bird", "fish"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().state.doc.labels(), &["0", "1", "2", "3"], "naming is undoable");

    // A bad file changes nothing and says what and where.
    let before = harness.state().state.doc.clone();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(PathBuf::from("tests/data/model_outputs/bad/truncated.npy"))));
    harness.run();
    assert_eq!(harness.state().state.doc, before);
    assert_eq!(
        status(&harness),
        "tests/data/model_outputs/bad/truncated.npy: the data holds 12 of the 40 bytes its header promises"
    );
    // Probabilities that do not sum to 1 are refused unless rescaling is chosen...
    open(&mut harness, "../bad/float32_far.npy");
    harness.get_by_label("probabilities (they must sum to 1)").click();
    harness.run();
    harness.get_by_label("Use").click();
    harness.run();
    assert_eq!(harness.state().state.doc, before);
    assert!(status(&harness).contains("probabilities must sum to 1"), "{}", status(&harness));
    // ...but float32 numbers that miss 1 only by their own rounding are rescaled, and said so.
    open(&mut harness, "../bad/float32_sum.npy");
    harness.get_by_label("probabilities (they must sum to 1)").click();
    harness.run();
    harness.get_by_label("Use").click();
    harness.run();
    let q = harness.state().state.doc.q.probs().to_vec();
    assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{q:?}");
    assert!(status(&harness).contains("rescaled in float64"), "{}", status(&harness));
}

/// A model output of a million numbers is read by a job: the window keeps drawing (the
/// progress shows with Cancel), and the numbers arrive whole when it is done.
#[test]
fn a_large_model_output_opens_off_the_frame() {
    let dir = tempfile::tempdir().unwrap();
    let n = 300_000;
    let csv: String = (0..n).map(|_| format!("{}\n", 1.0 / f64::from(n))).collect();
    let big = dir.path().join("big.csv");
    std::fs::write(&big, csv).unwrap();
    assert!(std::fs::metadata(&big).unwrap().len() > 1 << 20, "large enough to be read by a job");
    let mut harness = harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    type_path(&mut harness, &big);
    let start = std::time::Instant::now();
    let mut saw_progress = false;
    while harness.query_by_label_contains("300000 numbers").is_none() {
        saw_progress |= harness.state().job_progress().is_some();
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the file never arrived: {}", status(&harness));
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(saw_progress, "the file was read by a job, with its progress shown");
    assert!(harness.state().job_progress().is_none());
}

#[test]
fn a_densities_scenario_saves_as_one_drops_back_in_and_survives_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let two_bells = scenario::find_builtin_densities("two-bells").unwrap();
    harness.state_mut().state.open_densities(two_bells.clone());
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = dir.path().join("scenarios/two-bells.ron");
    assert!(saved.is_file(), "saved to {}: {}", saved.display(), status(&harness));
    assert_eq!(scenario::load_any(&saved).unwrap(), scenario::AnyScenario::Densities(two_bells.clone()));
    // A discrete scenario, then the densities file dropped: the densities screen again.
    harness.state_mut().run(klscope::app::command::Command::OpenBuiltin(0));
    harness.run();
    assert!(harness.state().state.densities.is_none());
    harness.input_mut().dropped_files.push(Arc::new(Dropped(saved)));
    harness.run();
    let opened = harness.state().state.densities.clone().expect("the densities screen");
    assert_eq!(opened.scenario, two_bells);
    // The session keeps it, with its bins and q.
    let mut state = AppState::default();
    state.open_densities(scenario::find_builtin_densities("vi-conjugate").unwrap());
    if let Some(doc) = state.densities.as_mut() {
        doc.bins = 40;
        doc.set_vi(klscope::info::density::VariationalState { mean: 0.5, log_variance: -1.0 });
    }
    let mut app = KlApp::with_state(state.clone());
    let mut storage = MemoryStorage::default();
    eframe::App::save(&mut app, &mut storage);
    let (restored, message) = load_state(Some(&storage));
    assert_eq!(message, None);
    let (kept, was) = (restored.densities.unwrap(), state.densities.unwrap());
    assert_eq!((kept.bins, kept.vi, kept.scenario.q), (was.bins, was.vi, was.scenario.q));
}
