//! What the app asks of a platform ([`Platform`]) and what it hears back ([`Event`]s):
//! the contract that `native/` and `web.rs` implement.

use eframe::egui;
use image::RgbaImage;
use std::path::PathBuf;

use super::error::PlatformError;
use super::event::Event;
use super::jobs::MakeJob;
use crate::app::command::Command;
use crate::app::model::Status;
use crate::app::model::job::JobProgress;
use crate::app::model::saved::SavedScenario;
use crate::app::picture::{DrawnPicture, Picture};
use crate::classroom::ClientMessage;
use crate::scenario::AnyScenario;
use crate::scenario::link;

/// A scenario to save (of either kind), and the file it came from (saving there needs no
/// question).
#[derive(Debug, Clone)]
pub struct SaveJob {
    /// Boxed: a job waits in the platform's queue beside smaller ones.
    pub scenario: Box<AnyScenario>,
    pub file: Option<PathBuf>,
}

/// The operating system (or the browser) as the app sees it.
pub trait Platform {
    /// Lets the user choose a scenario to open, starting near `near`; it arrives as
    /// [`Event::Opened`].
    fn open(&mut self, near: Option<&std::path::Path>);
    /// Lets the user choose a batch of VAE encodings (.npy); it arrives as
    /// [`Event::Encodings`] (or a status saying why not).
    fn open_encodings(&mut self) {
        self.report(Status::error("Opening files is not possible here.".to_string()));
    }
    /// Opens the saved scenario at `index` of [`Platform::saved_scenarios`].
    fn open_saved(&mut self, index: usize);
    /// Lets the user paste a share link; it arrives as [`Event::Opened`].
    fn open_link(&mut self);
    /// The page address that share links start with.
    fn link_base(&self) -> String {
        link::DEFAULT_BASE.to_string()
    }
    /// False for what this platform cannot do, so that it is not offered.
    fn offers(&self, _command: &Command) -> bool {
        true
    }
    /// Saves to the scenario's own file or the default place, or (`choose`) to a place
    /// the user chooses; asks before replacing another file.
    fn save(&mut self, job: SaveJob, choose: bool);
    /// Writes a picture to the default place under its own name, or (`choose`) where the
    /// user says.
    fn export(&mut self, picture: Picture, choose: bool);
    /// Writes a lesson's pictures and handout (`files`: name and bytes) into a new folder
    /// named after `folder`, or where this platform puts downloads.
    fn export_files(&mut self, folder: &str, files: Vec<(String, Vec<u8>)>);
    /// Runs a long job off the frame (see `jobs`): its result arrives as an event. While
    /// another job runs, the new one is refused with a note.
    fn start_job(&mut self, ctx: &egui::Context, what: String, make: MakeJob);
    /// The job running now, if any.
    fn job_progress(&self) -> Option<JobProgress>;
    /// Stops the running job after its current piece; its result is dropped.
    fn cancel_job(&mut self);
    /// Renders a laid-out picture and writes it as [`Platform::export`] does. The desktop
    /// does it off the frame, as a job; by default it is done here and now.
    fn export_drawn(&mut self, _ctx: &egui::Context, drawn: DrawnPicture, choose: bool) {
        match drawn.finish(|ctx, output| self.render(ctx, output)) {
            Ok(picture) => self.export(picture, choose),
            Err(e) => self.report(Status::error(format!("Export failed: {e}"))),
        }
    }
    /// Tells the user something, as an event.
    fn report(&mut self, status: Status);
    /// Turns one finished egui pass of `ctx` into pixels.
    fn render(&mut self, ctx: &egui::Context, output: egui::FullOutput) -> Result<RgbaImage, PlatformError>;
    /// Puts text on the clipboard.
    fn copy_text(&mut self, ctx: &egui::Context, text: String) {
        ctx.copy_text(text);
    }
    /// Once a frame: the platform's own dialogs and questions, dropped files, answers
    /// that arrived.
    fn ui(&mut self, ctx: &egui::Context);
    /// What happened since the last call.
    fn take_events(&mut self) -> Vec<Event>;
    /// The scenarios the user saved before, for the picker.
    fn saved_scenarios(&self) -> &[SavedScenario];
    /// Opens a WebSocket to a classroom server (`url`: "ws://host:port/ws"), replacing
    /// any open one; what happens on it arrives as [`Event::Room`].
    fn room_connect(&mut self, _ctx: &egui::Context, url: &str) {
        let why = "this copy of klscope has no network";
        self.report(Status::error(format!("The classroom server at {url} cannot be reached: {why}.")));
    }
    /// Sends a message on the open classroom socket (nothing when none is open).
    fn room_send(&mut self, _message: &ClientMessage) {}
    /// Closes the classroom socket.
    fn room_close(&mut self) {}
    /// The classroom server this device reaches by default: this machine's, or the one
    /// that served the page.
    fn classroom_address(&self) -> String {
        "127.0.0.1:8080".to_string()
    }
    /// This device's student id, made once and kept where it can be (a browser's storage),
    /// so that a student who reloads rejoins with their answers.
    fn student_id(&mut self) -> String;
}
