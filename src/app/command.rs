//! Every action that has a button, a menu entry or a key: one enum, one place for labels,
//! tooltips and shortcuts. `KlApp::run` carries them out. Every match over `Command` is
//! exhaustive, and the shortcut list is derived from the enum, so a new command cannot be
//! forgotten anywhere.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};
use strum::IntoEnumIterator;

#[derive(Debug, Clone, Copy, PartialEq, strum::EnumIter)]
pub enum Command {
    Undo,
    Redo,
    Uniform,
    CopyPToQ,
    SwapPQ,
    AddOutcome,
    RemoveOutcome,
    /// Makes this outcome the selected one.
    Select(usize),
    SelectPrevious,
    SelectNext,
    NudgeUp,
    NudgeDown,
    NudgeUpFine,
    NudgeDownFine,
    ToggleTheme,
    Help,
    /// Opens the built-in scenario at this index of `scenario::builtin()`.
    OpenBuiltin(usize),
    /// Opens the built-in densities scenario at this index of `scenario::builtin_densities()`.
    OpenBuiltinDensities(usize),
    /// Opens the scenario the user saved, at this index of the platform's list.
    OpenSaved(usize),
    Open,
    /// Opens a share link pasted into a field.
    OpenLink,
    Save,
    SaveAs,
    ExportPng,
    ExportPngAs,
    ExportContributions,
    ExportSurprise,
    CopyMarkdown,
    CopyLatex,
    CopyCsv,
    /// Puts a scipy script on the clipboard; the distillation loss in it at this temperature.
    CopyPython(f64),
    /// Puts a numpy script on the clipboard that computes the distillation view's losses.
    CopyDistillationPython {
        temperature: f64,
        alpha: f64,
        label: usize,
    },
    /// Puts a numpy/scipy script on the clipboard that prints every member of the family
    /// (Rényi at this α).
    CopyFamilyPython(f64),
    /// Puts a share link to this scenario on the clipboard.
    CopyLink,
    /// Presentation mode on or off.
    Present,
    LeavePresentation,
    NextStep,
    PreviousStep,
    /// Opens the built-in lesson at this index of `lesson::builtin_lesson_ids()`.
    OpenLesson(usize),
    /// Writes a picture of every step of the lesson, and handouts for students and teacher.
    ExportLesson,
    /// Opens a classroom room for the open lesson: every student answers on their screen.
    RunWithClass,
    /// Joins a classroom room as a student, by its code.
    JoinClass,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;

const UNDO: [KeyboardShortcut; 1] = [key(CTRL, Key::Z)];
const REDO: [KeyboardShortcut; 2] = [key(CTRL_SHIFT, Key::Z), key(CTRL, Key::Y)];
const HELP: [KeyboardShortcut; 1] = [key(NONE, Key::F1)];
const OPEN: [KeyboardShortcut; 1] = [key(CTRL, Key::O)];
const SAVE: [KeyboardShortcut; 1] = [key(CTRL, Key::S)];
const SAVE_AS: [KeyboardShortcut; 1] = [key(CTRL_SHIFT, Key::S)];
const EXPORT: [KeyboardShortcut; 1] = [key(CTRL, Key::E)];
const LEFT: [KeyboardShortcut; 1] = [key(NONE, Key::ArrowLeft)];
const RIGHT: [KeyboardShortcut; 1] = [key(NONE, Key::ArrowRight)];
const UP: [KeyboardShortcut; 1] = [key(NONE, Key::ArrowUp)];
const DOWN: [KeyboardShortcut; 1] = [key(NONE, Key::ArrowDown)];
const SHIFT_UP: [KeyboardShortcut; 1] = [key(SHIFT, Key::ArrowUp)];
const SHIFT_DOWN: [KeyboardShortcut; 1] = [key(SHIFT, Key::ArrowDown)];
const PRESENT: [KeyboardShortcut; 1] = [key(NONE, Key::F5)];
const LEAVE: [KeyboardShortcut; 1] = [key(NONE, Key::Escape)];
// What presenter clickers send; in presentation mode the arrow keys step too.
const NEXT_STEP: [KeyboardShortcut; 2] = [key(NONE, Key::PageDown), key(NONE, Key::Space)];
const PREVIOUS_STEP: [KeyboardShortcut; 1] = [key(NONE, Key::PageUp)];

impl Command {
    pub fn label(&self) -> &'static str {
        match self {
            Command::Undo => "↶ Undo",
            Command::Redo => "↷ Redo",
            Command::Uniform => "Uniform",
            Command::CopyPToQ => "Copy P → Q",
            Command::SwapPQ => "Swap P ↔ Q",
            Command::AddOutcome => "+ Add outcome",
            Command::RemoveOutcome => "Remove",
            Command::Select(_) => "Select",
            Command::SelectPrevious => "Previous outcome",
            Command::SelectNext => "Next outcome",
            Command::NudgeUp => "Nudge up",
            Command::NudgeDown => "Nudge down",
            Command::NudgeUpFine => "Nudge up a little",
            Command::NudgeDownFine => "Nudge down a little",
            Command::ToggleTheme => "Light / dark",
            Command::Help => "? Help",
            Command::OpenBuiltin(_) => "Open scenario",
            Command::OpenBuiltinDensities(_) => "Open densities",
            Command::OpenSaved(_) => "Open saved scenario",
            Command::Open => "Open…",
            Command::OpenLink => "Open link…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::ExportPng => "Export PNG",
            Command::ExportPngAs => "Export PNG as…",
            Command::ExportContributions => "Export contributions plot",
            Command::ExportSurprise => "Export surprise curve",
            Command::CopyMarkdown => "Copy measures (Markdown)",
            Command::CopyLatex => "Copy measures (LaTeX)",
            Command::CopyCsv => "Copy as CSV",
            Command::CopyPython(_) => "Copy as Python",
            Command::CopyFamilyPython(_) => "Copy as Python",
            Command::CopyDistillationPython { .. } => "Copy as Python",
            Command::CopyLink => "Copy link",
            Command::Present => "▶ Present",
            Command::LeavePresentation => "Leave presentation",
            Command::NextStep => "Next ▶",
            Command::PreviousStep => "◀ Back",
            Command::OpenLesson(_) => "Open lesson",
            Command::ExportLesson => "Export the lesson's pictures…",
            Command::RunWithClass => "Run with the class…",
            Command::JoinClass => "Join a class…",
        }
    }

    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::Undo => "Undo the last edit (a whole drag is one step)",
            Command::Redo => "Redo what was undone",
            Command::Uniform => "Make every unlocked outcome equally likely",
            Command::CopyPToQ => "Make the model Q equal to the truth P: every divergence becomes 0",
            Command::SwapPQ => "Exchange P and Q: watch the two KL values trade places",
            Command::AddOutcome => "Add an outcome with probability 0 in P and Q",
            Command::RemoveOutcome => "Remove the selected outcome; its probability goes to the unlocked others",
            Command::Select(_) => "Select this outcome (highlighted everywhere)",
            Command::SelectPrevious => "Select the outcome to the left",
            Command::SelectNext => "Select the outcome to the right",
            Command::NudgeUp => "Raise the selected outcome by 0.01 in the distribution you last touched",
            Command::NudgeDown => "Lower the selected outcome by 0.01 in the distribution you last touched",
            Command::NudgeUpFine => "Raise the selected outcome by 0.001",
            Command::NudgeDownFine => "Lower the selected outcome by 0.001",
            Command::ToggleTheme => "Switch between a dark and a light background",
            Command::Help => "What each measure means, and the keyboard shortcuts",
            Command::OpenBuiltin(_) => "Open this built-in scenario",
            Command::OpenBuiltinDensities(_) => "Open these densities: P and Q as curves you drag",
            Command::OpenSaved(_) => "Open a scenario you saved",
            Command::Open => {
                "Open a scenario (.ron); a model's outputs (.npy, .csv), used as P or Q; or a vocabulary (.txt), one outcome name per line"
            }
            Command::OpenLink => "Open a scenario from a share link (paste it)",
            Command::Save => "Save this scenario: to its file, or to your scenario folder as <id>.ron",
            Command::SaveAs => "Save this scenario to a file you choose",
            Command::ExportPng => "Save the whole window as PNG, with a caption, into your Pictures folder",
            Command::ExportPngAs => "Save the whole window as PNG to a file you choose",
            Command::ExportContributions => "Save only the contributions plot as PNG",
            Command::ExportSurprise => "Save only the surprise curve as PNG",
            Command::CopyMarkdown => "Put every measure on the clipboard as a Markdown table",
            Command::CopyLatex => "Put every measure on the clipboard as a LaTeX tabular",
            Command::CopyCsv => "Put the per-outcome table on the clipboard as CSV, full precision",
            Command::CopyPython(_) => "Put a short scipy script on the clipboard that reproduces these numbers",
            Command::CopyFamilyPython(_) => {
                "Put a numpy/scipy script on the clipboard that prints every member of the family for this P and Q"
            }
            Command::CopyDistillationPython { .. } => {
                "Put a numpy script on the clipboard that computes these soft, hard and total losses as PyTorch does"
            }
            Command::CopyLink => {
                "Put a link on the clipboard that opens exactly this scenario, in a browser or in klscope"
            }
            Command::Present => "Full screen for a class: large type, the bars, one view and the key measures",
            Command::LeavePresentation => "Back to the full window",
            Command::NextStep => "The lesson's next step",
            Command::PreviousStep => "The lesson's previous step",
            Command::OpenLesson(_) => "Walk through this lesson step by step",
            Command::ExportLesson => {
                "Save a picture of every step of the lesson, and handouts to print: the students' and the teacher's"
            }
            Command::RunWithClass => {
                "Open this lesson as a room on a classroom server (klscope classroom): every student answers on their own screen"
            }
            Command::JoinClass => "Join your teacher's room with its code and answer its questions on this screen",
        }
    }

    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        match self {
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::Help => &HELP,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::ExportPng => &EXPORT,
            Command::SelectPrevious => &LEFT,
            Command::SelectNext => &RIGHT,
            Command::NudgeUp => &UP,
            Command::NudgeDown => &DOWN,
            Command::NudgeUpFine => &SHIFT_UP,
            Command::NudgeDownFine => &SHIFT_DOWN,
            Command::Present => &PRESENT,
            Command::LeavePresentation => &LEAVE,
            Command::NextStep => &NEXT_STEP,
            Command::PreviousStep => &PREVIOUS_STEP,
            Command::OpenLesson(_) | Command::ExportLesson | Command::RunWithClass | Command::JoinClass => &[],
            Command::Uniform
            | Command::CopyPToQ
            | Command::SwapPQ
            | Command::AddOutcome
            | Command::RemoveOutcome
            | Command::Select(_)
            | Command::ToggleTheme
            | Command::OpenBuiltin(_)
            | Command::OpenBuiltinDensities(_)
            | Command::OpenSaved(_)
            | Command::OpenLink
            | Command::CopyLink
            | Command::ExportPngAs
            | Command::ExportContributions
            | Command::ExportSurprise
            | Command::CopyMarkdown
            | Command::CopyLatex
            | Command::CopyCsv
            | Command::CopyPython(_)
            | Command::CopyFamilyPython(_)
            | Command::CopyDistillationPython { .. } => &[],
        }
    }

    /// Every command that has a keyboard shortcut, in declaration order.
    pub fn with_shortcuts() -> impl Iterator<Item = Command> {
        Command::iter().filter(|command| !command.shortcuts().is_empty())
    }

    /// "Ctrl+Z" (or "⌘Z" on a Mac), for menus and tooltips.
    pub fn shortcut_text(&self, ctx: &egui::Context) -> Option<String> {
        let texts: Vec<String> = self.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
        (!texts.is_empty()).then(|| texts.join(" or "))
    }

    /// A button for this command, with its tooltip and shortcut in the hover text.
    pub fn button(&self, ui: &mut egui::Ui, enabled: bool) -> bool {
        self.button_labelled(ui, self.label(), enabled)
    }

    /// The same with a label of the caller's ("Light theme" for the theme toggle).
    pub fn button_labelled(&self, ui: &mut egui::Ui, label: &str, enabled: bool) -> bool {
        let hover = match self.shortcut_text(ui.ctx()) {
            Some(keys) => format!("{} ({keys})", self.tooltip()),
            None => self.tooltip().to_string(),
        };
        ui.add_enabled(enabled, egui::Button::new(label)).on_hover_text(hover).clicked()
    }

    /// A menu entry for this command, with its shortcut on the right.
    pub fn menu_item(&self, ui: &mut egui::Ui) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(keys) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(keys);
        }
        ui.add(button).on_hover_text(self.tooltip()).clicked()
    }
}

/// Every (shortcut, command) pair, in declaration order.
fn every_shortcut() -> Vec<(KeyboardShortcut, Command)> {
    Command::with_shortcuts().flat_map(|command| command.shortcuts().iter().map(move |s| (*s, command))).collect()
}

/// How many modifiers a shortcut needs: checked most specific first, because egui
/// matches Ctrl+Z even when Shift is also held.
fn specificity(shortcut: &KeyboardShortcut) -> usize {
    let m = shortcut.modifiers;
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift].into_iter().filter(|&held| held).count()
}

/// Whether a text field would use this key itself: plain keys and Shift+keys (arrows,
/// Space, Page Up/Down, Esc), and the editing chords Ctrl+Z, Ctrl+Y, Ctrl+A/C/V/X.
/// Function keys and Ctrl+O, Ctrl+S, Ctrl+E are not typing, so they work in a field too.
pub fn conflicts_with_typing(shortcut: &KeyboardShortcut) -> bool {
    let function_key = matches!(
        shortcut.logical_key,
        Key::F1
            | Key::F2
            | Key::F3
            | Key::F4
            | Key::F5
            | Key::F6
            | Key::F7
            | Key::F8
            | Key::F9
            | Key::F10
            | Key::F11
            | Key::F12
    );
    let m = shortcut.modifiers;
    let chord = m.command || m.ctrl || m.mac_cmd || m.alt;
    let editing_chord = matches!(shortcut.logical_key, Key::Z | Key::Y | Key::A | Key::C | Key::V | Key::X);
    !function_key && (!chord || editing_chord)
}

/// The commands whose shortcuts were pressed this frame. While a text field has the
/// keyboard, only the shortcuts that do not conflict with typing count (F1, F5, Ctrl+S…):
/// there Ctrl+Z and the arrow keys belong to the field. In presentation mode the arrow
/// keys step through the lesson, as a clicker's do.
impl Command {
    /// Whether the command edits the discrete document (its outcomes, bars and selection):
    /// while the densities screen shows, there is nothing of it to edit.
    pub fn edits_discrete(self) -> bool {
        matches!(
            self,
            Command::Uniform
                | Command::CopyPToQ
                | Command::SwapPQ
                | Command::AddOutcome
                | Command::RemoveOutcome
                | Command::Select(_)
                | Command::SelectPrevious
                | Command::SelectNext
                | Command::NudgeUp
                | Command::NudgeDown
                | Command::NudgeUpFine
                | Command::NudgeDownFine
        )
    }
}

pub fn pressed(ctx: &egui::Context, presenting: bool) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut keyed = every_shortcut();
    if typing {
        keyed.retain(|(shortcut, _)| !conflicts_with_typing(shortcut));
    }
    keyed.sort_by_key(|(shortcut, _)| std::cmp::Reverse(specificity(shortcut)));
    let mut pressed = Vec::new();
    ctx.input_mut(|input| {
        for (shortcut, command) in keyed {
            if input.consume_shortcut(&shortcut) {
                pressed.push(command);
            }
        }
    });
    if presenting {
        for command in &mut pressed {
            let stepped = match command {
                Command::SelectNext | Command::NudgeDown => Command::NextStep,
                Command::SelectPrevious | Command::NudgeUp => Command::PreviousStep,
                _ => continue,
            };
            *command = stepped;
        }
    }
    pressed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_shortcuts_a_field_uses_itself_conflict_with_typing() {
        let conflicting: Vec<Command> =
            Command::with_shortcuts().filter(|c| c.shortcuts().iter().any(conflicts_with_typing)).collect();
        for command in [Command::Undo, Command::Redo, Command::NudgeUp, Command::SelectNext, Command::LeavePresentation]
        {
            assert!(conflicting.contains(&command), "{command:?} belongs to a focused field");
        }
        for command in [Command::Help, Command::Present, Command::Save, Command::Open, Command::ExportPng] {
            assert!(!conflicting.contains(&command), "{command:?} should work while typing");
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let keyed = every_shortcut();
        for (i, (a, first)) in keyed.iter().enumerate() {
            for (b, second) in &keyed[i + 1..] {
                assert!(a != b, "{first:?} and {second:?} share the shortcut {a:?}");
            }
        }
        assert!(keyed.len() >= 14, "the arrow keys are commands too: {}", keyed.len());
    }

    #[test]
    fn every_command_has_words() {
        for command in Command::iter() {
            assert!(!command.label().is_empty() && !command.tooltip().is_empty(), "{command:?}");
        }
    }
}
