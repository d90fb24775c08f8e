//! The left-hand editing area: P's and Q's bar editors on one shared scale, and the
//! outcome strip between them.

use eframe::egui;

use super::bar_editor::{self, BarEditor, BarLayout, EditorFrame};
use super::outcome_strip::{OutcomeStrip, outcome_strip_ui};
use crate::app::analysis::Analysis;
use crate::app::commands::Command;
use crate::app::order::SortKey;
use crate::app::state::AppState;
use crate::info::Side;
use strum::IntoEnumIterator;

#[derive(Default)]
pub struct EditingPanel {
    /// P's editor, then Q's.
    editors: [BarEditor; 2],
    pub strip: OutcomeStrip,
    /// The scale and order of both editors, held still while a bar is dragged, and the
    /// versions of P and Q and the ranking it was made for.
    frame: Option<(EditorFrame, (u64, u64, usize))>,
}

impl EditingPanel {
    /// Where the bars of `side` were drawn in the last frame.
    pub fn bar_layout(&self, side: Side) -> Option<BarLayout> {
        self.editors[side.index()].layout.clone()
    }

    pub fn editor_mut(&mut self, side: Side) -> &mut BarEditor {
        &mut self.editors[side.index()]
    }

    /// Both editors and the strip; returns the commands their buttons asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState, analysis: &Analysis) -> Vec<Command> {
        let editor_height = (ui.available_height() * 0.26).max(150.0);
        let ranking = analysis.order.ranking().cloned();
        let ranking_id = ranking.as_ref().map_or(0, |r| std::sync::Arc::as_ptr(r) as usize);
        let key = (state.doc.p.version(), state.doc.q.version(), ranking_id);
        let dragging = ui.input(|i| i.pointer.any_down());
        let frame = match &self.frame {
            // Held while dragging (unless the kind of editor changed), kept while nothing changed.
            Some((frame, made_for))
                if *made_for == key || (dragging && frame.ranking.is_some() == ranking.is_some()) =>
            {
                frame.clone()
            }
            _ => {
                let frame = EditorFrame::fitting(state.doc.p.probs(), state.doc.q.probs(), ranking);
                self.frame = Some((frame.clone(), key));
                frame
            }
        };
        let mut commands: Vec<Command> = Vec::new();
        if frame.ranking.is_some() {
            sort_ui(ui, state);
        }
        let [p_editor, q_editor] = &mut self.editors;
        commands.extend(bar_editor::editor_ui(ui, Side::P, state, p_editor, editor_height, &frame));
        ui.add_space(4.0);
        commands.extend(bar_editor::editor_ui(ui, Side::Q, state, q_editor, editor_height, &frame));
        let fields_fit = frame.ranking.is_none() && bar_editor::fields_fit(ui.available_width(), state.doc.len());
        commands.extend(outcome_strip_ui(ui, state, &mut self.editors, &mut self.strip, fields_fit));
        for editor in &mut self.editors {
            editor.forget_hidden_typing();
        }
        commands
    }
}

/// A vocabulary's order, and how to read its editors (kept short: a wider row would
/// widen the panel past the window).
fn sort_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} outcomes, sorted by", super::vocabulary_bars::thousands(state.doc.len())));
        egui::ComboBox::from_id_salt("vocabulary order")
            .selected_text(state.sort.name())
            .show_ui(ui, |ui| {
                for key in SortKey::iter() {
                    ui.selectable_value(&mut state.sort, key, key.name());
                }
            })
            .response
            .accessible_name("vocabulary order")
            .on_hover_text("The order of the outcomes in the editors and plots");
        ui.label(egui::RichText::new("· log scale (?)").small().weak()).on_hover_text(
            "The top outcomes are bars; the rest share the width, one column per pixel showing the smallest \
             and largest probability among the outcomes in it. Hover to name the outcome under the pointer; \
             drag to set it (the bottom edge sets 0).",
        );
    });
}
