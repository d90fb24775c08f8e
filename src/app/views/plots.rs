//! The first view: each outcome's contribution to both KLs beside the surprise curve.

use eframe::egui;

use super::{View, ViewInput, contributions, surprise};
use crate::app::commands::Command;
use crate::app::picture::{self, Target};

pub struct PlotsView;

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

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Command> {
        ui.columns(2, |columns| {
            let rect = contributions::contributions_ui(&mut columns[0], input.state, input.analysis, input.concealed);
            picture::note_plot_rect(&columns[0], Target::Contributions, rect);
            let rect = surprise::surprise_ui(&mut columns[1], input.state, input.analysis, input.concealed);
            picture::note_plot_rect(&columns[1], Target::Surprise, rect);
        });
        None
    }
}
