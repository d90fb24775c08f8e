//! The first view: each outcome's contribution to both KLs beside the surprise curve.

use eframe::egui;

use super::{View, ViewInput, contributions, surprise};
use crate::app::edit::Action;
use crate::app::picture::{self, Target};

/// The contribution plot and the surprise curve, each with the data it caches.
#[derive(Default)]
pub struct PlotsView {
    contributions: contributions::Contributions,
    surprise: surprise::Surprise,
}

/// Narrower than this (points), the two plots stand one above the other…
const STACK_BELOW: f32 = 640.0;
/// …unless the view is shorter than this many rows of text: two plots about ten rows tall
/// under their headings and axes (about seven). Then they stand side by side again, where
/// each is at least `SIDE_MIN` points wide.
const STACKED_ROWS: f32 = 26.0;
const SIDE_MIN: f32 = 240.0;

impl View for PlotsView {
    fn id(&self) -> &'static str {
        "plots"
    }

    fn title(&self) -> &'static str {
        "Plots"
    }

    fn tooltip(&self) -> &'static str {
        "Each outcome's contribution to both KLs, and the surprise curve"
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        let (state, analysis, concealed) = (input.state, input.analysis, input.concealed);
        // Side by side where there is the width for it, or where one above the other
        // would squeeze them (a lesson's answer above them at 1024×768), else stacked.
        let row = ui.text_style_height(&egui::TextStyle::Body);
        let (width, height) = (ui.available_width(), ui.available_height());
        let squeezed = height < STACKED_ROWS * row && width >= 2.0 * SIDE_MIN;
        if width >= STACK_BELOW || squeezed {
            ui.columns(2, |columns| {
                // Left-aligned, not justified: a wrapped heading's words stay together.
                let left = egui::Layout::top_down(egui::Align::Min);
                columns[0].with_layout(left, |ui| {
                    let rect = self.contributions.ui(ui, state, analysis, concealed);
                    picture::note_plot_rect(ui, Target::Contributions, rect);
                });
                columns[1].with_layout(left, |ui| {
                    let rect = self.surprise.ui(ui, state, analysis, concealed);
                    picture::note_plot_rect(ui, Target::Surprise, rect);
                });
            });
        } else {
            let half = (height / 2.0 - 4.0).max(120.0);
            let rect = ui
                .allocate_ui(egui::vec2(width, half), |ui| self.contributions.ui(ui, state, analysis, concealed))
                .inner;
            picture::note_plot_rect(ui, Target::Contributions, rect);
            let rect = self.surprise.ui(ui, state, analysis, concealed);
            picture::note_plot_rect(ui, Target::Surprise, rect);
        }
        None
    }
}
