//! Whole-screen snapshots, rendered by wgpu on a software adapter (Mesa's lavapipe or
//! llvmpipe). Where no adapter exists they skip with a note instead of failing.
//! `UPDATE_SNAPSHOTS=1 cargo test --test app snapshots` rewrites the PNGs in tests/snapshots.

use crate::harness::{harness_sized, harness_with, preset};
use egui_kittest::SnapshotResults;
use klscope::app::model::state::{AppState, ThemeChoice};
use klscope::app::platform::native::Folders;

/// True when wgpu can find an adapter; the renderer panics without one.
fn adapter_available() -> bool {
    let probe = std::panic::catch_unwind(egui_kittest::wgpu::WgpuTestRenderer::new);
    if probe.is_err() {
        eprintln!("note: no graphics adapter (install mesa-vulkan-drivers); snapshot test skipped");
    }
    probe.is_ok()
}

fn snapshot(name: &str, id: &str, theme_choice: ThemeChoice) {
    snapshot_of(name, id, None, theme_choice);
}

/// A snapshot of scenario `id` with the view `view` open (the default view if None).
fn snapshot_of(name: &str, id: &str, view: Option<&str>, theme_choice: ThemeChoice) {
    if !adapter_available() {
        return;
    }
    let mut state = preset(id);
    state.theme = theme_choice;
    if let Some(view) = view {
        state.view = view.into();
    }
    let mut harness = harness_with(state);
    harness.snapshot(name);
}

#[test]
fn biased_coin_dark() {
    snapshot("biased-coin-dark", "biased-coin-vs-fair", ThemeChoice::Dark);
}

#[test]
fn biased_coin_light() {
    snapshot("biased-coin-light", "biased-coin-vs-fair", ThemeChoice::Light);
}

#[test]
fn support_mismatch_dark() {
    snapshot("support-mismatch-dark", "support-mismatch", ThemeChoice::Dark);
}

/// Presentation mode at a projector's 1024×768, on a lesson's question: large type, the
/// bars beside the view, the key measures along the bottom, the answer hidden.
#[test]
fn presentation_on_a_question_at_1024x768() {
    if !adapter_available() {
        return;
    }
    let mut harness = harness_with(klscope::app::model::state::AppState::default());
    harness.set_size(eframe::egui::vec2(1024.0, 768.0));
    let lesson = klscope::lesson::find_builtin_lesson("when-kl-blows-up").unwrap();
    harness.state_mut().open_lesson(lesson, 0).unwrap();
    harness.state_mut().set_presenting(true);
    harness.run();
    harness.snapshot("presentation-question-1024x768");
}

#[test]
fn simplex_dark() {
    snapshot_of("simplex-dark", "support-mismatch", Some("simplex"), ThemeChoice::Dark);
}

#[test]
fn divergences_dark() {
    snapshot_of("divergences-dark", "disjoint-supports", Some("divergences"), ThemeChoice::Dark);
}

#[test]
fn divergences_light() {
    snapshot_of("divergences-light", "die-and-its-neighbour", Some("divergences"), ThemeChoice::Light);
}

/// The densities screen at a projector's 1024×768.
fn densities_snapshot(name: &str, theme_choice: ThemeChoice) {
    if !adapter_available() {
        return;
    }
    let mut state = crate::densities::densities_state("two-bells");
    state.theme = theme_choice;
    let mut harness = harness_with(state);
    harness.set_size(eframe::egui::vec2(1024.0, 768.0));
    harness.run();
    harness.snapshot(name);
}

#[test]
fn densities_dark_at_1024x768() {
    densities_snapshot("densities-dark", ThemeChoice::Dark);
}

#[test]
fn densities_light_at_1024x768() {
    densities_snapshot("densities-light", ThemeChoice::Light);
}

/// The fit on mode-seeking at 1024×768: the map with σ on a log axis, the two optima in
/// their directions' colours, the key above the plots, the status at the start.
#[test]
fn fit_mode_seeking_at_1024x768() {
    if !adapter_available() {
        return;
    }
    let mut state = preset("mode-seeking");
    state.view = "fit".into();
    let mut harness = harness_with(state);
    harness.set_size(eframe::egui::vec2(1024.0, 768.0));
    harness.run();
    harness.snapshot("fit-mode-seeking-1024x768");
}

/// A step about P alone, in the light theme: P's editor only, H(P)'s terms, the table
/// of H(P) hidden nothing (the entropy lesson's fifth step has no question).
#[test]
fn entropy_lesson_p_alone_light_at_1024x768() {
    if !adapter_available() {
        return;
    }
    let state = klscope::app::model::state::AppState { theme: ThemeChoice::Light, ..Default::default() };
    let mut harness = harness_with(state);
    harness.set_size(eframe::egui::vec2(1024.0, 768.0));
    let lesson = klscope::lesson::find_builtin_lesson("surprise-and-entropy").unwrap();
    harness.state_mut().open_lesson(lesson, 4).unwrap();
    harness.run();
    harness.snapshot("entropy-p-alone-light-1024x768");
}

/// The scenario each view is pictured on: one that shows what the view is for.
fn scenario_for(view: &str) -> &'static str {
    match view {
        "fit" => "mode-seeking",
        "temperature" | "distillation" => "rlhf-policy-vs-reference",
        "simplex" => "rock-paper-scissors",
        _ => "fair-vs-loaded-die",
    }
}

/// Every view of the registry at a projector's 1024×768 in both themes, one snapshot
/// each, walking the registry as egui's demo tests walk theirs: a new view is pictured
/// without a line here.
#[test]
fn every_view_in_both_themes_at_1024x768() {
    if !adapter_available() {
        return;
    }
    let mut results = SnapshotResults::new();
    let views = klscope::app::KlApp::with_state(AppState::default()).view_ids();
    for (view, _) in views {
        for (theme_choice, theme_name) in [(ThemeChoice::Dark, "dark"), (ThemeChoice::Light, "light")] {
            let mut state = preset(scenario_for(view));
            state.theme = theme_choice;
            state.view = view.into();
            let mut harness = harness_sized(state, Folders::in_temp(), eframe::egui::vec2(1024.0, 768.0));
            harness.run();
            results.add(harness.try_snapshot(format!("view-{view}-{theme_name}")));
        }
    }
    results.unwrap();
}
