//! The strip between the editors: the selected outcome (rename, remove, exact values when
//! the bars are too narrow for their own fields), adding outcomes, and P/Q-wide actions.

use eframe::egui::{self, RichText};

use super::bar_state::BarEditor;
use super::value_field::{lock_toggle, value_field};
use crate::app::command::Command;
use crate::app::model::state::{AppState, MAX_EDITOR_OUTCOMES, MIN_EDITOR_OUTCOMES};
use crate::app::ui::theme;
use crate::info::Side;
use crate::text::thousands;

/// The strip's own state: the rename field while it is typed in, and the last message.
#[derive(Default)]
pub struct OutcomeStrip {
    /// (outcome, text) while the name is being typed.
    typing: Option<(usize, String)>,
    /// Why the last edit from the strip (or an edit command) did not happen.
    pub message: Option<String>,
}

/// Draws the strip; returns the commands its buttons asked for.
pub fn outcome_strip_ui(
    ui: &mut egui::Ui,
    state: &mut AppState,
    editors: &mut [BarEditor; 2],
    rename: &mut OutcomeStrip,
    fields_fit: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let n = state.doc.len();
        let index = state.selected.min(n.saturating_sub(1));
        ui.label(RichText::new(format!("Outcome {} of {}:", index + 1, thousands(n))).strong());
        let current = state.doc.labels().get(index).cloned().unwrap_or_default();
        // While typing, the name belongs to the outcome it was started for, even if a
        // click elsewhere has already changed the selection.
        let (target, mut text) = rename.typing.clone().unwrap_or((index, current.clone()));
        let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(110.0).hint_text("outcome name"));
        let response =
            response.accessible_name("outcome name").on_hover_text("Rename the selected outcome (Enter to apply)");
        if response.has_focus() {
            rename.typing = Some((target, text.clone()));
        }
        if response.lost_focus()
            && let Some((target, typed)) = rename.typing.take()
        {
            let unchanged = state.doc.labels().get(target).is_some_and(|l| l.as_str() == typed.trim());
            let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
            if !unchanged && !cancelled {
                rename.message = state.doc.rename(target, &typed).err().map(|e| e.to_string());
            }
        }
        if !fields_fit {
            for (side, editor_state) in Side::BOTH.into_iter().zip(editors.iter_mut()) {
                value_field(ui, side, index, state, editor_state, 70.0);
                lock_toggle(ui, side, index, state);
            }
        }
        if Command::RemoveOutcome.button(ui, n > MIN_EDITOR_OUTCOMES) {
            commands.push(Command::RemoveOutcome);
        }
        if Command::AddOutcome.button(ui, n < MAX_EDITOR_OUTCOMES) {
            commands.push(Command::AddOutcome);
        }
        // P shown alone has no Q to copy to or swap with.
        if !state.doc.focus.p_alone() {
            ui.separator();
            for command in [Command::CopyPToQ, Command::SwapPQ] {
                if command.button(ui, true) {
                    commands.push(command);
                }
            }
        }
        if let Some(message) = &rename.message {
            ui.label(RichText::new(message.clone()).color(theme::alarm(ui)));
        }
    });
    commands
}
