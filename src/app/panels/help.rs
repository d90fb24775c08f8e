//! The help window: what each measure means, the conventions, and the shortcuts.

use eframe::egui::{self, RichText};

use crate::app::command::Command;
use crate::info::{Measure, Unit};

/// The help window's own state: whether it is open.
#[derive(Default)]
pub struct HelpWindow {
    pub open: bool,
}

impl HelpWindow {
    /// The window, listing the shortcuts of the commands `offered` here.
    pub fn ui(&mut self, ctx: &egui::Context, unit: Unit, offered: &dyn Fn(&Command) -> bool) {
        help_ui(ctx, &mut self.open, unit, offered);
    }
}

fn help_ui(ctx: &egui::Context, open: &mut bool, unit: Unit, offered: &dyn Fn(&Command) -> bool) {
    egui::Window::new("Help").open(open).default_width(560.0).vscroll(true).show(ctx, |ui| {
        ui.label(RichText::new("Measures").heading());
        egui::Grid::new("help measures").num_columns(2).striped(true).spacing([16.0, 6.0]).show(ui, |ui| {
            for measure in Measure::ALL {
                ui.label(RichText::new(measure.symbol()).strong());
                ui.vertical(|ui| {
                    ui.label(measure.formula(unit));
                    ui.label(RichText::new(measure.meaning()).small());
                });
                ui.end_row();
            }
        });
        ui.add_space(8.0);
        ui.label(RichText::new("Conventions").heading());
        for line in [
            "0 · log(0/q) = 0: an outcome P never produces costs nothing.",
            "p > 0 with q = 0 makes KL(P||Q) and H(P,Q) infinite: the model calls something impossible that happens.",
            "JS never is infinite: at most 1 bit. √JS is the JS distance (scipy's jensenshannon).",
            "Values are computed in nats and shown in the unit you pick: bits (log₂), nats (ln) or bans (log₁₀).",
        ] {
            ui.label(format!("• {line}"));
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Mouse and keyboard").heading());
        egui::Grid::new("help keys").num_columns(2).spacing([16.0, 4.0]).show(ui, |ui| {
            let rows = [
                ("drag a bar's top", "set that probability; the unlocked others rescale"),
                ("click a bar", "select the outcome (highlighted everywhere)"),
                (
                    "a vocabulary (over 200 outcomes)",
                    "sorted by P (or Q, or KL term), log scale: the top outcomes are bars, the rest one range per \
                     pixel column; hover to name the outcome under the pointer, drag to set that one outcome \
                     (the bottom edge sets 0)",
                ),
                ("Ctrl + / Ctrl −", "zoom the whole window (for projectors)"),
            ];
            for (keys, what) in rows {
                ui.label(RichText::new(keys).strong());
                ui.label(what);
                ui.end_row();
            }
            // Every command that has a shortcut, straight from the command list.
            for command in Command::with_shortcuts().filter(|command| offered(command)) {
                if let Some(keys) = command.shortcut_text(ui.ctx()) {
                    ui.label(RichText::new(keys).strong());
                    ui.label(command.tooltip());
                    ui.end_row();
                }
            }
        });
    });
}
