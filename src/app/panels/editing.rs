//! The left-hand editing area: P's and Q's bar editors on one shared scale, and the
//! outcome strip between them.

use eframe::egui;

use super::bar_editor::{self, BarEditor, BarLayout};
use super::outcome_strip::{OutcomeStrip, outcome_strip_ui};
use crate::app::commands::Command;
use crate::app::state::AppState;
use crate::info::Side;

pub struct EditingPanel {
    /// P's editor, then Q's.
    editors: [BarEditor; 2],
    pub strip: OutcomeStrip,
    /// The probability at the top of both editors, held still while a bar is dragged.
    bar_top: f64,
}

impl Default for EditingPanel {
    fn default() -> Self {
        EditingPanel { editors: Default::default(), strip: OutcomeStrip::default(), bar_top: 1.0 }
    }
}

impl EditingPanel {
    /// Where the bars of `side` were drawn in the last frame.
    pub fn bar_layout(&self, side: Side) -> Option<BarLayout> {
        self.editors[side.index()].layout
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
        let [p_editor, q_editor] = &mut self.editors;
        let mut commands: Vec<Command> = Vec::new();
        commands.extend(bar_editor::editor_ui(ui, Side::P, state, p_editor, editor_height, top));
        ui.add_space(4.0);
        commands.extend(bar_editor::editor_ui(ui, Side::Q, state, q_editor, editor_height, top));
        let fields_fit = bar_editor::fields_fit(ui.available_width(), state.doc.len());
        commands.extend(outcome_strip_ui(ui, state, &mut self.editors, &mut self.strip, fields_fit));
        for editor in &mut self.editors {
            editor.forget_hidden_typing();
        }
        commands
    }
}
