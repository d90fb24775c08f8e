//! The desktop: scenario and picture files in the user's folders, the desktop's file
//! dialogs (or a path field), files dropped on the window, and wgpu for pictures.

mod dialogs;
mod folders;
pub mod launch;
mod open_job;
mod pictures;
pub mod render;
mod socket;
mod worker;

pub use dialogs::FileDialogs;
pub use folders::Folders;

use eframe::egui::{self, RichText};
use image::RgbaImage;
use std::path::{Path, PathBuf};

use super::jobs::{self, MakeJob};
use super::{Event, Platform, PlatformError, SaveJob, SavedScenario};
use crate::app::model::Status;
use crate::app::model::job::JobProgress;
use crate::app::picture::{DrawnPicture, Picture};
use crate::export::atomic::{describe, write_atomically, write_folder_atomically};
use crate::export::file_names::safe_stem;
use crate::scenario::{self, link};
use dialogs::Purpose;

/// What waits for a file name from a dialog, or for an answer to "Replace the file?".
enum Pending {
    Save(SaveJob),
    Picture(Picture),
}

pub struct NativePlatform {
    folders: Folders,
    dialogs: FileDialogs,
    /// The picture renderers (a wgpu device made at the first export, or the CPU), shared
    /// with picture jobs.
    renderers: pictures::SharedRenderers,
    saved: Vec<SavedScenario>,
    /// What the open Save-as or Export-as dialog is for.
    waiting: Option<Pending>,
    /// A file that would be replaced, and what would replace it.
    confirm: Option<(PathBuf, Pending)>,
    events: Vec<Event>,
    /// Long jobs, one at a time, on a thread of their own.
    worker: worker::Worker,
    /// The window's context, once a frame has run: a job asks it for frames.
    ctx: Option<egui::Context>,
    /// The socket to a classroom server, while a room is open.
    room: Option<socket::RoomSocket>,
    /// This run's student id (the desktop keeps none between runs).
    student: String,
}

impl NativePlatform {
    /// The user's own folders and the desktop's file dialogs.
    pub fn for_this_user() -> Self {
        Self::new(Folders::for_this_user(), FileDialogs::for_this_desktop())
    }

    /// Files go to `folders`; with `FileDialogs::default()` every path is typed into a
    /// field (as in tests and where no native dialog works).
    pub fn new(folders: Folders, dialogs: FileDialogs) -> Self {
        let saved = folders::saved_scenarios(&folders.scenarios);
        NativePlatform {
            folders,
            dialogs,
            renderers: Default::default(),
            saved,
            waiting: None,
            confirm: None,
            events: Vec::new(),
            worker: worker::Worker::default(),
            ctx: None,
            room: None,
            student: String::new(),
        }
    }

    /// Draws pictures on the CPU from now on, as where there is no graphics adapter.
    pub fn draw_pictures_on_cpu(mut self) -> Self {
        self.renderers = std::sync::Arc::new(std::sync::Mutex::new(pictures::Renderers::on_cpu()));
        self
    }

    fn status(&mut self, status: Status) {
        self.events.push(Event::Status(status));
    }

    /// Opens a dialog for `purpose`; `pending` waits for its answer. While another dialog
    /// is open nothing changes: its own pending job stays.
    fn request(&mut self, purpose: Purpose, folder: &Path, name: &str, pending: Option<Pending>) {
        if self.dialogs.is_busy() {
            self.status(Status::info("A file dialog is already open.".to_string()));
            return;
        }
        self.waiting = pending;
        self.dialogs.request(purpose, folder, name);
    }

    /// Reads and checks a scenario file (or a share link typed where a path goes); the app
    /// opens it, or the error is shown.
    /// A large file is read by a job, off the frame (see `open_job`).
    fn load(&mut self, path: &Path) {
        let text = path.to_string_lossy();
        if link::is_link(&text) {
            self.events.push(Event::from_link(&text));
            return;
        }
        if let Some(ctx) = self.ctx.clone().filter(|_| open_job::wants_job(path)) {
            let (what, path) = (format!("Opening {}", path.display()), path.to_path_buf());
            let make: MakeJob = Box::new(move || Box::new(open_job::OpenJob::new(path)) as Box<dyn jobs::Job>);
            self.start_job(&ctx, what, make);
            return;
        }
        self.events.push(open_job::open_event(path));
    }

    /// Saves to `path`, first asking if that would replace a file that is not this
    /// scenario's own.
    fn save_checked(&mut self, job: SaveJob, path: PathBuf) {
        let own = job.file.as_deref() == Some(path.as_path());
        if path.exists() && !own {
            self.confirm = Some((path, Pending::Save(job)));
        } else {
            self.save_to(&job, &path);
        }
    }

    fn save_to(&mut self, job: &SaveJob, path: &Path) {
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(folder)
        {
            let message = format!("cannot create the folder {}: {}", folder.display(), describe(&e));
            self.status(Status::error(message));
            return;
        }
        let written = match &*job.scenario {
            scenario::AnyScenario::Discrete(s) => scenario::save(s, path),
            scenario::AnyScenario::Densities(s) => scenario::save_densities(s, path),
        };
        match written {
            Ok(()) => {
                self.saved = folders::saved_scenarios(&self.folders.scenarios);
                let to = path.display().to_string();
                self.events.push(Event::Saved { file: Some(path.to_path_buf()), to });
            }
            Err(e) => self.status(Status::error(e.to_string())),
        }
    }

    /// Writes a picture to `path`, first asking if a file is already there.
    fn export_checked(&mut self, picture: Picture, path: PathBuf) {
        if path.exists() {
            self.confirm = Some((path, Pending::Picture(picture)));
        } else {
            self.export_to(&picture, &path);
        }
    }

    fn export_to(&mut self, picture: &Picture, path: &Path) {
        let status = match write_picture(picture, path) {
            Ok(()) => {
                Status::info(format!("Exported {} ({}×{} pixels)", path.display(), picture.width, picture.height))
            }
            Err(e) => Status::error(format!("Export failed: {e}")),
        };
        self.status(status);
    }

    /// Acts on a path chosen in a dialog.
    fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match (purpose, self.waiting.take()) {
            (Purpose::Open | Purpose::OpenLink, _) => self.load(&path),
            (Purpose::OpenEncodings, _) => {
                let name = path.display().to_string();
                let event = match crate::read::read_file(&path, crate::read::FileKind::ModelOutput) {
                    Ok(bytes) => Event::from_encodings_file(&name, &bytes),
                    Err(e) => Event::Status(Status::error(e.to_string())),
                };
                self.events.push(event);
            }
            (Purpose::SaveAs, Some(Pending::Save(job))) => self.save_checked(job, path),
            (Purpose::ExportPng, Some(Pending::Picture(picture))) => self.export_checked(picture, path),
            (Purpose::SaveAs | Purpose::ExportPng, _) => {
                self.status(Status::error("Nothing to save: try again.".to_string()));
            }
        }
    }

    /// A `.ron` file dropped on the window opens, and so does a model's output (.npy,
    /// .csv) or vocabulary (.txt); anything else is refused with a note.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let Some(path) = dropped.first().map(|file| file.path().to_path_buf()) else {
            return;
        };
        if path.extension().is_some_and(|x| x == "ron") || super::is_model_file(&path.to_string_lossy()) {
            self.load(&path);
        } else {
            let message =
                format!("{} is not a scenario (.ron), model output (.npy, .csv) or vocabulary (.txt)", path.display());
            self.status(Status::error(message));
        }
    }

    /// Asks "Replace …?" while a save or an export waits for an answer.
    fn confirm_replace_ui(&mut self, ctx: &egui::Context) {
        let Some((path, pending)) = &self.confirm else {
            return;
        };
        let what = match pending {
            Pending::Save(_) => "this scenario",
            Pending::Picture(_) => "the picture",
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm replace")).show(ctx, |ui| {
            ui.heading("Replace the file?");
            ui.label(format!("{} already exists. Replace it with {what}?", path.display()));
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Replace").strong()).clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        let Some(replace) = answer else {
            return;
        };
        let Some((path, pending)) = self.confirm.take() else {
            return;
        };
        match (replace, pending) {
            (true, Pending::Save(job)) => self.save_to(&job, &path),
            (true, Pending::Picture(picture)) => self.export_to(&picture, &path),
            (false, _) => self.status(Status::info("Not saved.".to_string())),
        }
    }
}

impl Platform for NativePlatform {
    fn open(&mut self, near: Option<&Path>) {
        let folder = near.and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
        let folder = folder.unwrap_or(&self.folders.scenarios).to_path_buf();
        self.request(Purpose::Open, &folder, "", None);
    }

    fn open_encodings(&mut self) {
        let folder = self.folders.scenarios.clone();
        self.request(Purpose::OpenEncodings, &folder, "", None);
    }

    fn open_saved(&mut self, index: usize) {
        if let Some(entry) = self.saved.get(index).cloned() {
            self.load(&entry.path);
        }
    }

    fn open_link(&mut self) {
        let folder = self.folders.scenarios.clone();
        self.request(Purpose::OpenLink, &folder, "", None);
    }

    fn save(&mut self, job: SaveJob, choose: bool) {
        let name = format!("{}.ron", safe_stem(job.scenario.id()));
        if choose {
            let folder = self.folders.scenarios.clone();
            self.request(Purpose::SaveAs, &folder, &name, Some(Pending::Save(job)));
        } else {
            let path = job.file.clone().unwrap_or_else(|| self.folders.scenarios.join(name));
            self.save_checked(job, path);
        }
    }

    fn export(&mut self, picture: Picture, choose: bool) {
        if choose {
            let (name, folder) = (picture.name.clone(), self.folders.pictures.clone());
            self.request(Purpose::ExportPng, &folder, &name, Some(Pending::Picture(picture)));
        } else {
            let path = folders::unused_path(&self.folders.pictures.join(&picture.name));
            self.export_to(&picture, &path);
        }
    }

    fn export_files(&mut self, folder: &str, files: Vec<(String, Vec<u8>)>) {
        let status = match write_files(&self.folders.pictures, folder, &files) {
            Ok(path) => Status::info(format!("Wrote {} files to {}", files.len(), path.display())),
            Err(e) => Status::error(format!("Export failed: {e}")),
        };
        self.status(status);
    }

    fn render(&mut self, ctx: &egui::Context, output: egui::FullOutput) -> Result<RgbaImage, PlatformError> {
        match self.renderers.lock() {
            Ok(mut renderers) => renderers.render(ctx, output),
            Err(_) => Err(PlatformError::Render("the renderer stopped working".to_string())),
        }
    }

    /// Renders, crops and encodes off the frame, then writes as `export` does.
    fn export_drawn(&mut self, ctx: &egui::Context, drawn: DrawnPicture, choose: bool) {
        let renderers = std::sync::Arc::clone(&self.renderers);
        let make: MakeJob =
            Box::new(move || Box::new(pictures::PictureJob::new(drawn, renderers, choose)) as Box<dyn jobs::Job>);
        self.start_job(ctx, "Drawing the picture".to_string(), make);
    }

    fn report(&mut self, status: Status) {
        self.status(status);
    }

    fn ui(&mut self, ctx: &egui::Context) {
        self.ctx.get_or_insert_with(|| ctx.clone());
        self.dropped_files(ctx);
        if let Some((purpose, path)) = self.dialogs.ui(ctx) {
            self.path_chosen(purpose, path);
        }
        self.confirm_replace_ui(ctx);
    }

    fn take_events(&mut self) -> Vec<Event> {
        if let Some(event) = self.worker.poll() {
            self.events.push(event);
        }
        if let Some(room) = &self.room {
            self.events.extend(room.take().into_iter().map(Event::Room));
        }
        std::mem::take(&mut self.events)
    }

    fn room_connect(&mut self, ctx: &egui::Context, url: &str) {
        self.room = Some(socket::RoomSocket::connect(url, ctx));
    }

    fn room_send(&mut self, message: &crate::classroom::ClientMessage) {
        if let (Some(room), Ok(text)) = (&self.room, serde_json::to_string(message)) {
            room.send(text);
        }
    }

    fn room_close(&mut self) {
        self.room = None;
    }

    fn student_id(&mut self) -> String {
        if self.student.is_empty() {
            // Not a secret: it only tells this copy's answers apart from another's.
            let seed =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
                    ^ u64::from(std::process::id()).rotate_left(32);
            let mut x = seed | 1;
            self.student = super::room::new_student_id(|| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 11) as f64 / (1u64 << 53) as f64
            });
        }
        self.student.clone()
    }

    fn start_job(&mut self, ctx: &egui::Context, what: String, make: MakeJob) {
        if !self.worker.start(what, make, ctx) {
            self.status(Status::info("Another job is still running: wait for it, or cancel it.".to_string()));
        }
    }

    fn job_progress(&self) -> Option<JobProgress> {
        self.worker.progress()
    }

    fn cancel_job(&mut self) {
        self.worker.cancel();
    }

    fn saved_scenarios(&self) -> &[SavedScenario] {
        &self.saved
    }

    /// Links start at the published site when `KLSCOPE_LINK_BASE` names it (e.g. the
    /// GitHub Pages address), else at the local address `web/serve.sh` uses.
    fn link_base(&self) -> String {
        std::env::var("KLSCOPE_LINK_BASE")
            .ok()
            .filter(|base| base.starts_with("http://") || base.starts_with("https://"))
            .unwrap_or_else(|| link::DEFAULT_BASE.to_string())
    }
}

/// Writes a picture's PNG bytes atomically; errors say what went wrong in plain words.
pub fn write_picture(picture: &Picture, path: &Path) -> Result<(), PlatformError> {
    write_atomically(path, &picture.png)
        .map_err(|e| PlatformError::Write { path: path.to_path_buf(), reason: describe(&e) })
}

/// Writes `files` into a new folder `name` inside `parent` (a numbered name if it is
/// taken), each atomically; returns the folder.
pub fn write_files(parent: &Path, name: &str, files: &[(String, Vec<u8>)]) -> Result<PathBuf, PlatformError> {
    let folder = folders::unused_path(&parent.join(crate::export::file_names::safe_stem(name)));
    // Whole or not at all: a full disk at the seventh picture leaves no half a folder.
    write_folder_atomically(&folder, files)?;
    Ok(folder)
}
