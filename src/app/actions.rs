//! Carrying out commands: edits, undo and redo, files, exports, the clipboard, and the
//! arrow keys. The buttons, menus and shortcuts that ask for them live with their panels.

use eframe::egui::{self, Key, Modifiers};
use std::path::PathBuf;

use super::commands::Command;
use super::export::{self, Target};
use super::file_dialog::Purpose;
use super::render::OffscreenRenderer;
use super::state::ThemeChoice;
use super::{KlApp, Status, editor, side_index};

impl KlApp {
    pub fn run(&mut self, command: Command) {
        if self.run_file_command(command) {
            return;
        }
        let state = &mut self.state;
        let message = match command {
            Command::Undo => {
                if let Some(previous) = self.undoer.undo(&state.doc) {
                    state.doc = previous.clone();
                }
                None
            }
            Command::Redo => {
                if let Some(next) = self.undoer.redo(&state.doc) {
                    state.doc = next.clone();
                }
                None
            }
            Command::Uniform => {
                state.doc.get_mut(state.active).make_uniform();
                None
            }
            Command::CopyPToQ => {
                state.doc.copy_p_to_q();
                None
            }
            Command::SwapPQ => {
                state.doc.swap();
                None
            }
            Command::AddOutcome => match state.doc.add_outcome() {
                Ok(index) => {
                    state.selected = index;
                    None
                }
                Err(message) => Some(message),
            },
            Command::RemoveOutcome => state.doc.remove_outcome(state.selected).err(),
            Command::ToggleTheme => {
                state.theme = match state.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light => ThemeChoice::Dark,
                };
                None
            }
            Command::Help => {
                self.show_help = !self.show_help;
                None
            }
            // Handled by run_file_command.
            _ => None,
        };
        self.rename.message = message;
        self.state.clamp_selection();
    }

    /// Files, exports and the clipboard; returns false for other commands.
    fn run_file_command(&mut self, command: Command) -> bool {
        let doc = &self.state.doc;
        match command {
            Command::Open => {
                let folder =
                    self.state.doc.file.as_deref().and_then(|f| f.parent()).filter(|p| !p.as_os_str().is_empty());
                let folder = folder.unwrap_or(&self.folders.scenarios).to_path_buf();
                self.request_dialog(Purpose::Open, &folder, "");
            }
            Command::Save => self.save(),
            Command::SaveAs => {
                let folder = self.folders.scenarios.clone();
                let name = format!("{}.ron", super::files::safe_stem(&doc.id));
                self.request_dialog(Purpose::SaveAs, &folder, &name);
            }
            Command::ExportPng => self.export(Target::Window, None),
            Command::ExportPngAs => {
                let name = export::file_name(&doc.id, Target::Window, chrono::Local::now());
                let folder = self.folders.pictures.clone();
                self.request_dialog(Purpose::ExportPng, &folder, &name);
            }
            Command::ExportContributions => self.export(Target::Contributions, None),
            Command::ExportSurprise => self.export(Target::Surprise, None),
            Command::CopyMarkdown | Command::CopyLatex => {
                let (report, unit, rule) = (&self.analysis.report, self.state.unit, &doc.zero_rule);
                let text = if command == Command::CopyMarkdown {
                    crate::tables::markdown(&doc.title, report, unit, rule)
                } else {
                    crate::tables::latex(&doc.title, report, unit, rule)
                };
                self.clipboard = Some(text);
                self.status = Some(Status::info("Measures copied to the clipboard.".to_string()));
            }
            Command::CopyCsv => {
                let a = &self.analysis;
                self.clipboard =
                    Some(crate::tables::outcomes_csv(doc.labels(), &a.p, &a.q, &a.report, self.state.unit));
                self.status = Some(Status::info("The table is on the clipboard as CSV.".to_string()));
            }
            Command::CopyPython => {
                let a = &self.analysis;
                self.clipboard = Some(crate::info::libraries::python_script(doc.labels(), &a.p, &a.q));
                self.status = Some(Status::info("A Python script is on the clipboard.".to_string()));
            }
            _ => return false,
        }
        true
    }

    fn request_dialog(&mut self, purpose: Purpose, folder: &std::path::Path, name: &str) {
        if !self.dialogs.request(purpose, folder, name) {
            self.status = Some(Status::info("A file dialog is already open.".to_string()));
        }
    }

    /// Saves a picture: to `path`, or to the Pictures folder under a dated name.
    pub fn export(&mut self, target: Target, path: Option<PathBuf>) {
        let path = path.unwrap_or_else(|| {
            let name = export::file_name(&self.state.doc.id, target, chrono::Local::now());
            export::unused_path(&self.folders.pictures.join(name))
        });
        // 1× is as many pixels as the window shows (zoom and screen density included).
        let scale = f32::from(self.state.export_scale) * self.screen_pixels_per_point;
        match self.export_to(&path, self.screen_size, scale, target) {
            Ok((width, height)) => {
                self.status = Some(Status::info(format!("Exported {} ({width}×{height} pixels)", path.display())))
            }
            Err(e) => self.status = Some(Status::error(format!("Export failed: {e}"))),
        }
    }

    /// Draws off screen at `logical` size and `scale`, writes the PNG, returns its size.
    pub fn export_to(
        &mut self,
        path: &std::path::Path,
        logical: egui::Vec2,
        scale: f32,
        target: Target,
    ) -> Result<(u32, u32), export::ExportError> {
        let mut renderer = match self.renderer.take() {
            Some(renderer) => renderer,
            None => OffscreenRenderer::new()?,
        };
        let image = export::render(self, &mut renderer, logical, scale, target);
        self.renderer = Some(renderer);
        let image = image?;
        export::write_png(&image, path)?;
        Ok((image.width(), image.height()))
    }

    /// Arrow keys: ← → move the selection, ↑ ↓ nudge the selected outcome of the active
    /// distribution by 0.01 (with Shift 0.001). Not while a text field has the keyboard.
    pub(super) fn arrow_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let mut nudge = 0.0;
        let mut step: i64 = 0;
        ctx.input_mut(|input| {
            for (modifiers, size) in [(Modifiers::SHIFT, 0.001), (Modifiers::NONE, 0.01)] {
                if input.consume_key(modifiers, Key::ArrowUp) {
                    nudge += size;
                }
                if input.consume_key(modifiers, Key::ArrowDown) {
                    nudge -= size;
                }
            }
            if input.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                step -= 1;
            }
            if input.consume_key(Modifiers::NONE, Key::ArrowRight) {
                step += 1;
            }
        });
        let n = self.state.doc.len() as i64;
        self.state.selected = (self.state.selected as i64 + step).clamp(0, n - 1) as usize;
        if nudge != 0.0 {
            let (side, index) = (self.state.active, self.state.selected);
            let distribution = self.state.doc.get_mut(side);
            let editor = &mut self.editors[side_index(side)];
            if distribution.is_locked(index) {
                editor.message = Some(editor::locked_message(side, distribution.label(index).unwrap_or_default()));
            } else if let Some(value) = distribution.prob(index) {
                let _ = distribution.set(index, value + nudge);
                editor.message = None;
            }
        }
    }
}
