//! The one way these tests start the app: a 1280×800 window with the app's text sizes,
//! run until it settles.

use eframe::egui::{self, vec2};
use egui_kittest::Harness;
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::platform::native::{FileDialogs, Folders, NativePlatform};
use klscope::app::ui::theme;
use klscope::scenario;

/// The app on `state`, after its first frames.
pub fn harness_with(state: AppState) -> Harness<'static, KlApp> {
    harness_in(state, Folders::in_temp())
}

/// Like [`harness_with`], with scenarios and pictures going to `folders` and every path
/// typed into the path field.
pub fn harness_in(state: AppState, folders: Folders) -> Harness<'static, KlApp> {
    harness_sized(state, folders, vec2(1280.0, 800.0))
}

/// Like [`harness_in`], in a window of `size` points.
pub fn harness_sized(state: AppState, folders: Folders, size: egui::Vec2) -> Harness<'static, KlApp> {
    let mut harness = Harness::builder().with_size(size).with_max_steps(24).build_eframe(move |cc| {
        theme::apply_text_sizes(&cc.egui_ctx);
        KlApp::with_platform(state, Box::new(NativePlatform::new(folders, FileDialogs::default())))
    });
    harness.run();
    harness
}

/// A fresh state showing the built-in scenario `id`.
pub fn preset(id: &str) -> AppState {
    let mut state = AppState::default();
    state.open_scenario(&scenario::find_builtin(id).unwrap()).unwrap();
    state
}

/// Presses at `from`, moves through the midpoint to `to` and lets go, a frame per step:
/// how a user drags a bar.
pub fn drag(harness: &mut Harness<'_, KlApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    harness.hover_at(egui::pos2(from.x, (from.y + to.y) / 2.0));
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}
