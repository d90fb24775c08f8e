//! A platform that only draws pictures, on the CPU: what a copy of the app made for a
//! job (the lesson's pictures, in a browser) needs, and nothing it could ask of a user.

use eframe::egui;
use image::RgbaImage;

use super::cpu_render::CpuRenderer;
use super::jobs::MakeJob;
use super::{Event, Platform, PlatformError, SaveJob, SavedScenario};
use crate::app::model::job::JobProgress;
use crate::app::picture::Picture;

#[derive(Default)]
pub struct PicturesOnly {
    pictures: CpuRenderer,
}

impl Platform for PicturesOnly {
    fn open(&mut self, _near: Option<&std::path::Path>) {}
    fn open_saved(&mut self, _index: usize) {}
    fn open_link(&mut self) {}
    fn save(&mut self, _job: SaveJob, _choose: bool) {}
    fn export(&mut self, _picture: Picture, _choose: bool) {}
    fn export_files(&mut self, _folder: &str, _files: Vec<(String, Vec<u8>)>) {}
    fn start_job(&mut self, _ctx: &egui::Context, _what: String, _make: MakeJob) {}
    fn job_progress(&self) -> Option<JobProgress> {
        None
    }
    fn cancel_job(&mut self) {}
    fn render(&mut self, ctx: &egui::Context, output: egui::FullOutput) -> Result<RgbaImage, PlatformError> {
        self.pictures.render(ctx, output).map_err(PlatformError::Render)
    }
    fn ui(&mut self, _ctx: &egui::Context) {}
    fn report(&mut self, _status: crate::app::model::Status) {}
    fn take_events(&mut self) -> Vec<Event> {
        Vec::new()
    }
    fn saved_scenarios(&self) -> &[SavedScenario] {
        &[]
    }
    fn student_id(&mut self) -> String {
        String::new()
    }
}
