//! The left-hand editing area: P's and Q's bar editors on one shared scale (or a logit
//! editor for a side edited as logits), the switch between the two, and the outcome strip.

use eframe::egui;

use super::bar_editor::{self, BarEditor, BarLayout};
use super::logit_editor::{self, LogitEditor, LogitLayout};
use super::outcome_strip::{OutcomeStrip, outcome_strip_ui};
use crate::app::commands::Command;
use crate::app::state::AppState;
use crate::info::Side;

pub struct EditingPanel {
    /// P's editor, then Q's.
    editors: [BarEditor; 2],
    /// P's logit editor, then Q's (drawn for a side edited as logits).
    logit_editors: [LogitEditor; 2],
    pub strip: OutcomeStrip,
    /// The probability at the top of both editors, held still while a bar is dragged.
    bar_top: f64,
}

impl Default for EditingPanel {
    fn default() -> Self {
        EditingPanel {
            editors: Default::default(),
            logit_editors: Default::default(),
            strip: OutcomeStrip::default(),
            bar_top: 1.0,
        }
    }
}

impl EditingPanel {
    /// Where the bars of `side` were drawn in the last frame.
    pub fn bar_layout(&self, side: Side) -> Option<BarLayout> {
        self.editors[side.index()].layout
    }

    /// Where the logit bars of `side` were drawn in the last frame.
    pub fn logit_layout(&self, side: Side) -> Option<LogitLayout> {
        self.logit_editors[side.index()].layout
    }

    pub fn editor_mut(&mut self, side: Side) -> &mut BarEditor {
        &mut self.editors[side.index()]
    }

    /// Both editors and the strip; returns the commands their buttons asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState) -> Vec<Command> {
        let editor_height = (ui.available_height() * 0.26).max(150.0);
        if !ui.input(|i| i.pointer.any_down()) {
            self.bar_top = bar_editor::scale_top(state.doc.p.probs(), state.doc.q.probs());
        }
        let top = self.bar_top;
        let mut commands: Vec<Command> = Vec::new();
        logits_switch_ui(ui, state);
        for side in [Side::P, Side::Q] {
            if side == Side::Q {
                ui.add_space(4.0);
            }
            if state.doc.logits(side).is_some() {
                logit_editor::editor_ui(ui, side, state, &mut self.logit_editors[side.index()], editor_height);
            } else {
                let editor = &mut self.editors[side.index()];
                commands.extend(bar_editor::editor_ui(ui, side, state, editor, editor_height, top));
            }
        }
        let fields_fit = bar_editor::fields_fit(ui.available_width(), state.doc.len());
        commands.extend(outcome_strip_ui(ui, state, &mut self.editors, &mut self.strip, fields_fit));
        for editor in &mut self.editors {
            editor.forget_hidden_typing();
        }
        commands
    }
}

/// The accessible name of a side's switch, e.g. "P as logits".
pub fn logits_switch_name(side: Side) -> String {
    format!("{} as logits", side.name())
}

/// Edit each side as probabilities or as logits z (z = ln p when switched on, so nothing
/// moves; −∞ for an outcome of probability 0).
fn logits_switch_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        ui.label("Edit as logits:");
        for side in [Side::P, Side::Q] {
            let mut on = state.doc.logits(side).is_some();
            let text = egui::RichText::new(logits_switch_name(side)).color(crate::app::theme::color(ui, side));
            let hover = format!(
                "Edit {} as logits z at a temperature T, {} = softmax(z / T); switching on takes z = ln p",
                side.name(),
                side.name()
            );
            if ui.checkbox(&mut on, text).on_hover_text(hover).changed() {
                state.doc.set_edited_as_logits(side, on);
            }
        }
    });
}
