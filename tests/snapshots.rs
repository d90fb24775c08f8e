//! Whole-screen snapshots, rendered by wgpu on a software adapter (Mesa's lavapipe or
//! llvmpipe). Where no adapter exists they skip with a note instead of failing.
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites the PNGs in tests/snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use eframe::egui::vec2;
use egui_kittest::Harness;
use klscope::app::state::{AppState, ThemeChoice};
use klscope::app::{KlApp, theme};
use klscope::scenario;

/// True when wgpu can find an adapter; the renderer panics without one.
fn adapter_available() -> bool {
    let probe = std::panic::catch_unwind(egui_kittest::wgpu::WgpuTestRenderer::new);
    if probe.is_err() {
        eprintln!("note: no graphics adapter (install mesa-vulkan-drivers); snapshot test skipped");
    }
    probe.is_ok()
}

fn snapshot(name: &str, preset: &str, theme_choice: ThemeChoice) {
    if !adapter_available() {
        return;
    }
    let mut state = AppState::default();
    state.open_scenario(&scenario::find_builtin(preset).unwrap()).unwrap();
    state.theme = theme_choice;
    let mut harness = Harness::builder().with_size(vec2(1280.0, 800.0)).with_max_steps(24).build_eframe(move |cc| {
        theme::apply_text_sizes(&cc.egui_ctx);
        KlApp::with_state(state)
    });
    harness.run();
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
