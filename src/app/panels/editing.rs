//! The left-hand editing area: P's and Q's bar editors on one shared scale (or a logit
//! editor for a side edited as logits), the switch between the two, and the outcome strip.

use eframe::egui;

use super::bar_editor::{self, BarEditor, BarLayout, EditorFrame};
use super::logit_editor::{self, LogitEditor, LogitLayout};
use super::outcome_strip::{OutcomeStrip, outcome_strip_ui};
use crate::app::command::Command;
use crate::app::model::analysis::Analysis;
use crate::app::model::order::SortKey;
use crate::app::model::state::AppState;
use crate::info::Side;
use crate::scenario::Focus;
use strum::IntoEnumIterator;

#[derive(Default)]
pub struct EditingPanel {
    /// P's editor, then Q's.
    editors: [BarEditor; 2],
    /// P's logit editor, then Q's (drawn for a side edited as logits).
    logit_editors: [LogitEditor; 2],
    pub strip: OutcomeStrip,
    /// The scale and order of both editors, held still while a bar is dragged, and the
    /// versions of P and Q and the ranking it was made for.
    frame: Option<(EditorFrame, (u64, u64, usize))>,
    /// How tall the rows around the editors were last frame (switch, sort row, strip):
    /// the editors take the rest, so the panel never has to grow to fit them.
    rows_height: f32,
}

impl EditingPanel {
    /// Where the bars of `side` were drawn in the last frame.
    pub fn bar_layout(&self, side: Side) -> Option<BarLayout> {
        self.editors[side.index()].layout.clone()
    }

    /// Where the logit bars of `side` were drawn in the last frame.
    pub fn logit_layout(&self, side: Side) -> Option<LogitLayout> {
        self.logit_editors[side.index()].layout
    }

    pub fn editor_mut(&mut self, side: Side) -> &mut BarEditor {
        &mut self.editors[side.index()]
    }

    /// Both editors and, with `chrome`, the logits switch and the outcome strip (not in
    /// presentation mode); returns the commands their buttons asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &mut AppState, analysis: &Analysis, chrome: bool) -> Vec<Command> {
        // The two editors share what the logits switch, the sort row and the outcome
        // strip leave of the space they were given.
        let available = ui.available_height();
        let start = ui.cursor().top();
        // A scenario about P alone shows P's editor only, in the room of both.
        let sides: &[Side] = if state.doc.focus.p_alone() { &[Side::P] } else { &[Side::P, Side::Q] };
        let beside = sides.len() == 2 && side_by_side(ui.available_width(), state.doc.len(), chrome);
        let editor_height = if beside || sides.len() == 1 {
            (available - self.rows_height - 4.0).max(110.0)
        } else {
            ((available - self.rows_height) / 2.0 - 4.0).max(110.0)
        };
        let mut editors_height = 0.0;
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
        if chrome {
            logits_switch_ui(ui, state, sides);
        }
        if beside && frame.ranking.is_none() {
            // Few outcomes: P and Q side by side, each the editors' full height.
            let top = ui.cursor().top();
            ui.columns(2, |columns| {
                for (column, side) in columns.iter_mut().zip([Side::P, Side::Q]) {
                    commands.extend(self.side_ui(column, side, state, editor_height, &frame, chrome));
                }
            });
            editors_height = ui.cursor().top() - top;
        } else {
            for &side in sides {
                if side == Side::Q {
                    ui.add_space(4.0);
                }
                let top = ui.cursor().top();
                commands.extend(self.side_ui(ui, side, state, editor_height, &frame, chrome));
                editors_height += ui.cursor().top() - top;
            }
        }
        let width = if beside { ui.available_width() / 2.0 } else { ui.available_width() };
        let fields_fit = frame.ranking.is_none() && bar_editor::fields_fit(width, state.doc.len());
        if chrome {
            commands.extend(outcome_strip_ui(ui, state, &mut self.editors, &mut self.strip, fields_fit));
        }
        for editor in &mut self.editors {
            editor.forget_hidden_typing();
        }
        self.rows_height = (ui.cursor().top() - start - editors_height).max(0.0);
        commands
    }

    /// One side's editor: of logits where the side is edited as logits (not for a
    /// vocabulary, whose logits would not fit a bar each), else of probabilities.
    fn side_ui(
        &mut self,
        ui: &mut egui::Ui,
        side: Side,
        state: &mut AppState,
        height: f32,
        frame: &EditorFrame,
        chrome: bool,
    ) -> Option<Command> {
        if state.doc.logits(side).is_some() && frame.ranking.is_none() {
            logit_editor::editor_ui(ui, side, state, &mut self.logit_editors[side.index()], height, chrome);
            None
        } else {
            let editor = &mut self.editors[side.index()];
            editor.fields_hidden = !chrome;
            bar_editor::editor_ui(ui, side, state, editor, height, frame)
        }
    }
}

/// The most outcomes whose editors stand side by side (where each half still gives every
/// outcome its own value field): two or three outcomes need little height, and the view
/// below gets the rest.
const BESIDE_MOST: usize = 3;

/// True when P's and Q's editors stand side by side rather than one above the other:
/// few outcomes, wide enough, and not in presentation mode (`chrome` false), whose
/// editors have a narrow column of their own.
pub fn side_by_side(width: f32, n: usize, chrome: bool) -> bool {
    chrome && n <= BESIDE_MOST && bar_editor::fields_fit(width / 2.0 - 8.0, n)
}

/// A vocabulary's order, and how to read its editors (kept short: a wider row would
/// widen the panel past the window).
fn sort_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} outcomes, sorted by", crate::text::thousands(state.doc.len())));
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

/// The accessible name of a side's switch, e.g. "P as logits".
pub fn logits_switch_name(side: Side) -> String {
    format!("{} as logits", side.name())
}

/// Edit each side as probabilities or as logits z (z = ln p when switched on, so nothing
/// moves; −∞ for an outcome of probability 0).
/// For a scenario about P alone, a button brings Q back.
fn logits_switch_ui(ui: &mut egui::Ui, state: &mut AppState, sides: &[Side]) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Edit as logits:");
        for &side in sides {
            let mut on = state.doc.logits(side).is_some();
            let text = egui::RichText::new(logits_switch_name(side)).color(crate::app::ui::theme::color(ui, side));
            let hover = format!(
                "Edit {} as logits z at a temperature T, {} = softmax(z / T); switching on takes z = ln p",
                side.name(),
                side.name()
            );
            if ui.checkbox(&mut on, text).on_hover_text(hover).changed() {
                state.doc.set_edited_as_logits(side, on);
            }
        }
        if state.doc.focus.p_alone() {
            ui.separator();
            let hover = "This scenario is about P alone: its surprises and entropy. Show a model Q beside it, \
                         and the divergences between them (undo hides Q again)";
            if ui.button(COMPARE_WITH_Q).on_hover_text(hover).clicked() {
                state.doc.focus = Focus::Both;
            }
        }
    });
}

/// The button that brings Q back beside a P shown alone.
pub const COMPARE_WITH_Q: &str = "Compare with a model Q";
