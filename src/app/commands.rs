//! Every action that has a button, a menu entry or a shortcut: one enum, one place for
//! labels, tooltips and keys. `KlApp::run` carries them out.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    Uniform,
    CopyPToQ,
    SwapPQ,
    AddOutcome,
    RemoveOutcome,
    ToggleTheme,
    Help,
    Open,
    Save,
    SaveAs,
    ExportPng,
    ExportPngAs,
    ExportContributions,
    ExportSurprise,
    CopyMarkdown,
    CopyLatex,
    CopyCsv,
    CopyPython,
}

const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

impl Command {
    /// In the order their shortcuts are checked: Redo (Ctrl+Shift+Z) before Undo
    /// (Ctrl+Z) and Save as before Save, because egui matches Ctrl+Z even when Shift is
    /// also held.
    pub const WITH_SHORTCUTS: [Command; 7] = [
        Command::Redo,
        Command::Undo,
        Command::Help,
        Command::Open,
        Command::SaveAs,
        Command::Save,
        Command::ExportPng,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::Undo => "↶ Undo",
            Command::Redo => "↷ Redo",
            Command::Uniform => "Uniform",
            Command::CopyPToQ => "Copy P → Q",
            Command::SwapPQ => "Swap P ↔ Q",
            Command::AddOutcome => "+ Add outcome",
            Command::RemoveOutcome => "Remove",
            Command::ToggleTheme => "Light / dark",
            Command::Help => "? Help",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::ExportPng => "Export PNG",
            Command::ExportPngAs => "Export PNG as…",
            Command::ExportContributions => "Export contributions plot",
            Command::ExportSurprise => "Export surprise curve",
            Command::CopyMarkdown => "Copy measures (Markdown)",
            Command::CopyLatex => "Copy measures (LaTeX)",
            Command::CopyCsv => "Copy as CSV",
            Command::CopyPython => "Copy as Python",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::Undo => "Undo the last edit (a whole drag is one step)",
            Command::Redo => "Redo what was undone",
            Command::Uniform => "Make every unlocked outcome equally likely",
            Command::CopyPToQ => "Make the model Q equal to the truth P: every divergence becomes 0",
            Command::SwapPQ => "Exchange P and Q: watch the two KL values trade places",
            Command::AddOutcome => "Add an outcome with probability 0 in P and Q",
            Command::RemoveOutcome => "Remove the selected outcome; its probability goes to the unlocked others",
            Command::ToggleTheme => "Switch between a dark and a light background",
            Command::Help => "What each measure means, and the keyboard shortcuts",
            Command::Open => "Open a scenario file (.ron)",
            Command::Save => "Save this scenario: to its file, or to your scenario folder as <id>.ron",
            Command::SaveAs => "Save this scenario to a file you choose",
            Command::ExportPng => "Save the whole window as PNG, with a caption, into your Pictures folder",
            Command::ExportPngAs => "Save the whole window as PNG to a file you choose",
            Command::ExportContributions => "Save only the contributions plot as PNG",
            Command::ExportSurprise => "Save only the surprise curve as PNG",
            Command::CopyMarkdown => "Put every measure on the clipboard as a Markdown table",
            Command::CopyLatex => "Put every measure on the clipboard as a LaTeX tabular",
            Command::CopyCsv => "Put the per-outcome table on the clipboard as CSV, full precision",
            Command::CopyPython => "Put a short scipy script on the clipboard that reproduces these numbers",
        }
    }

    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::Undo => &[UNDO],
            Command::Redo => &[REDO, REDO_Y],
            Command::Help => &[HELP],
            Command::Open => &[OPEN],
            Command::Save => &[SAVE],
            Command::SaveAs => &[SAVE_AS],
            Command::ExportPng => &[EXPORT],
            _ => &[],
        }
    }

    /// "Ctrl+Z" (or "⌘Z" on a Mac), for menus and tooltips.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        let texts: Vec<String> = self.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
        (!texts.is_empty()).then(|| texts.join(" or "))
    }

    /// A button for this command, with its tooltip and shortcut in the hover text.
    pub fn button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let hover = match self.shortcut_text(ui.ctx()) {
            Some(keys) => format!("{} ({keys})", self.tooltip()),
            None => self.tooltip().to_string(),
        };
        ui.add_enabled(enabled, egui::Button::new(self.label())).on_hover_text(hover).clicked()
    }

    /// A menu entry for this command, with its shortcut on the right.
    pub fn menu_item(self, ui: &mut egui::Ui) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(keys) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(keys);
        }
        ui.add(button).on_hover_text(self.tooltip()).clicked()
    }
}

/// The commands whose shortcuts were pressed this frame. Nothing while a text field has
/// the keyboard: there Ctrl+Z belongs to the field.
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    let mut pressed = Vec::new();
    ctx.input_mut(|input| {
        for command in Command::WITH_SHORTCUTS {
            if command.shortcuts().iter().any(|s| input.consume_shortcut(s)) {
                pressed.push(command);
            }
        }
    });
    pressed
}
