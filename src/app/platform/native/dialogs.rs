//! Choosing a file: the desktop's native dialog (rfd) where there is one, run off the UI
//! thread so the window never hangs; otherwise, or if the native dialog cannot open, a
//! modal with a path field. Never a silent no-op.

use eframe::egui::{self, RichText};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// What the chosen path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    /// A batch of a VAE encoder's outputs (.npy) for the densities screen.
    OpenEncodings,
    /// A share link, pasted: always the text field, never the file dialog.
    OpenLink,
    SaveAs,
    ExportPng,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open a scenario, a model's outputs or a vocabulary",
            Purpose::OpenEncodings => "Open a batch of VAE encodings (.npy: μ then ln σ² per row)",
            Purpose::OpenLink => "Open a share link",
            Purpose::SaveAs => "Save the scenario as",
            Purpose::ExportPng => "Export PNG",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Purpose::Open | Purpose::OpenLink | Purpose::SaveAs => "ron",
            Purpose::ExportPng => "png",
            Purpose::OpenEncodings => "npy",
        }
    }
}

/// A native dialog that answers "nothing chosen" faster than this probably never
/// opened (no portal on this desktop): fall back to the path field.
const TOO_FAST: Duration = Duration::from_millis(400);

struct Waiting {
    purpose: Purpose,
    answer: Receiver<Option<PathBuf>>,
    started: Instant,
    folder: PathBuf,
    name: String,
}

struct PathModal {
    purpose: Purpose,
    text: String,
    note: Option<String>,
    focused: bool,
}

#[derive(Default)]
pub struct FileDialogs {
    /// False in tests and where no native dialog can work.
    pub native: bool,
    waiting: Option<Waiting>,
    modal: Option<PathModal>,
    /// To wake the UI when the native dialog answers.
    repaint: Option<egui::Context>,
}

impl FileDialogs {
    /// Native dialogs where the desktop has them (on Linux: a D-Bus session for the portal).
    pub fn for_this_desktop() -> Self {
        let native = !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
        FileDialogs { native, ..Default::default() }
    }

    pub fn is_busy(&self) -> bool {
        self.waiting.is_some() || self.modal.is_some()
    }

    /// Starts choosing a path for `purpose`, suggesting `folder`/`name`.
    /// Returns false (and does nothing) while another dialog is still open.
    pub fn request(&mut self, purpose: Purpose, folder: &Path, name: &str) -> bool {
        if self.is_busy() {
            return false;
        }
        if self.native && purpose != Purpose::OpenLink {
            let (sender, answer) = mpsc::channel();
            let dialog = rfd::AsyncFileDialog::new().set_title(purpose.title()).set_directory(folder);
            // Open also takes a model's outputs (.npy, .csv) and a vocabulary (.txt).
            let dialog = if purpose == Purpose::Open {
                dialog.add_filter("scenario, model outputs or vocabulary", &["ron", "npy", "csv", "txt"])
            } else {
                dialog.add_filter(purpose.extension(), &[purpose.extension()])
            };
            let repaint = self.repaint.clone();
            let spawned = std::thread::Builder::new().name("file dialog".into()).spawn({
                let name = name.to_string();
                move || {
                    let chosen = match purpose {
                        Purpose::Open | Purpose::OpenLink | Purpose::OpenEncodings => {
                            pollster::block_on(dialog.pick_file())
                        }
                        Purpose::SaveAs | Purpose::ExportPng => {
                            pollster::block_on(dialog.set_file_name(name).save_file())
                        }
                    };
                    let _ = sender.send(chosen.map(|f| f.path().to_path_buf()));
                    if let Some(ctx) = repaint {
                        ctx.request_repaint();
                    }
                }
            });
            if spawned.is_ok() {
                self.waiting = Some(Waiting {
                    purpose,
                    answer,
                    started: Instant::now(),
                    folder: folder.to_path_buf(),
                    name: name.to_string(),
                });
                return true;
            }
        }
        self.open_modal(purpose, folder, name, None);
        true
    }

    fn open_modal(&mut self, purpose: Purpose, folder: &Path, name: &str, note: Option<String>) {
        let text = if purpose == Purpose::OpenLink {
            String::new()
        } else if matches!(purpose, Purpose::Open | Purpose::OpenEncodings) && name.is_empty() {
            format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR)
        } else {
            folder.join(name).display().to_string()
        };
        self.modal = Some(PathModal { purpose, text, note, focused: false });
    }

    /// Shows the modal or collects the native answer; returns a chosen path once.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        self.repaint = Some(ctx.clone());
        if let Some(waiting) = &self.waiting {
            match waiting.answer.try_recv() {
                Ok(Some(path)) => {
                    let purpose = waiting.purpose;
                    self.waiting = None;
                    return Some((purpose, with_extension(path, purpose)));
                }
                answer @ (Ok(None) | Err(TryRecvError::Disconnected)) => {
                    let waiting = self.waiting.take()?;
                    // A dialog thread that died without an answer, or "nothing chosen"
                    // faster than a person could cancel: the native dialog does not work
                    // here. A slower "nothing chosen" is the user cancelling.
                    let failed = answer.is_err();
                    if failed || waiting.started.elapsed() < TOO_FAST {
                        self.native = false;
                        let note = Some("No file dialog is available here: type a path.".to_string());
                        self.open_modal(waiting.purpose, &waiting.folder, &waiting.name, note);
                    }
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        self.modal_ui(ctx)
    }

    fn modal_ui(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        let modal = self.modal.as_mut()?;
        let mut chosen = None;
        let mut close = false;
        let response = egui::Modal::new(egui::Id::unique("path modal")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(modal.purpose.title());
            if let Some(note) = &modal.note {
                ui.label(RichText::new(note).italics());
            }
            let field = ui.add(egui::TextEdit::singleline(&mut modal.text).desired_width(f32::INFINITY));
            let field = field.accessible_name(if modal.purpose == Purpose::OpenLink { "link" } else { "file path" });
            if !modal.focused {
                field.request_focus();
                modal.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ok = ui.button("OK").clicked();
                if ui.button("Cancel").clicked() {
                    close = true;
                }
                if (ok || entered) && !modal.text.trim().is_empty() {
                    chosen = Some((modal.purpose, with_extension(PathBuf::from(modal.text.trim()), modal.purpose)));
                }
            });
        });
        if response.should_close() || close || chosen.is_some() {
            self.modal = None;
        }
        chosen
    }
}

/// Adds ".ron" when a scenario name has no extension; a picture is always ".png", so a
/// typo cannot write PNG bytes over a scenario file.
fn with_extension(path: PathBuf, purpose: Purpose) -> PathBuf {
    match purpose {
        Purpose::Open | Purpose::OpenLink | Purpose::OpenEncodings => path,
        Purpose::SaveAs if path.extension().is_some() => path,
        Purpose::SaveAs => path.with_extension("ron"),
        Purpose::ExportPng if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("png")) => path,
        Purpose::ExportPng => {
            let mut name = path.into_os_string();
            name.push(".png");
            PathBuf::from(name)
        }
    }
}
