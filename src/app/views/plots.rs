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

/// Narrower than this (points), the two plots stand one above the other.
const STACK_BELOW: f32 = 640.0;

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
        // Side by side where there is the width for it, else one above the other.
        if ui.available_width() >= STACK_BELOW {
            ui.columns(2, |columns| {
                let rect = self.contributions.ui(&mut columns[0], state, analysis, concealed);
                picture::note_plot_rect(&columns[0], Target::Contributions, rect);
                let rect = self.surprise.ui(&mut columns[1], state, analysis, concealed);
                picture::note_plot_rect(&columns[1], Target::Surprise, rect);
            });
        } else {
            let half = (ui.available_height() / 2.0 - 4.0).max(120.0);
            let width = ui.available_width();
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
