//! The desktop's picture renderer, shared by the window and by picture jobs: a wgpu
//! device of its own (made at the first picture, then kept), or the CPU where there is no
//! graphics adapter. A picture job draws on it off the frame.

use eframe::egui;
use image::RgbaImage;
use std::sync::{Arc, Mutex};

use super::render::OffscreenRenderer;
use crate::app::model::Status;
use crate::app::picture::DrawnPicture;
use crate::app::platform::PlatformError;
use crate::app::platform::cpu_render::CpuRenderer;
use crate::app::platform::event::Event;
use crate::app::platform::jobs::{Job, Piece};

#[derive(Default)]
pub struct Renderers {
    gpu: Option<OffscreenRenderer>,
    cpu: Option<CpuRenderer>,
}

/// The renderers, for the window's thread and a job's.
pub type SharedRenderers = Arc<Mutex<Renderers>>;

impl Renderers {
    /// Draws on the CPU from now on.
    pub fn on_cpu() -> Self {
        Renderers { gpu: None, cpu: Some(CpuRenderer::default()) }
    }

    pub fn render(&mut self, ctx: &egui::Context, output: egui::FullOutput) -> Result<RgbaImage, PlatformError> {
        if self.gpu.is_none() && self.cpu.is_none() {
            // Without a graphics adapter (no GPU, no Mesa) pictures are drawn on the CPU.
            match OffscreenRenderer::new() {
                Ok(renderer) => self.gpu = Some(renderer),
                Err(_) => self.cpu = Some(CpuRenderer::default()),
            }
        }
        match (&mut self.cpu, &mut self.gpu) {
            (Some(cpu), _) => cpu.render(ctx, output).map_err(PlatformError::Render),
            (None, Some(gpu)) => gpu.render(ctx, output).map_err(|e| PlatformError::Render(e.to_string())),
            (None, None) => Err(PlatformError::Render("no way to draw a picture here".to_string())),
        }
    }
}

/// Renders, crops and encodes a laid-out picture off the frame; its result is the
/// picture, to write where the user asked.
pub struct PictureJob {
    drawn: Option<DrawnPicture>,
    renderers: SharedRenderers,
    choose: bool,
}

impl PictureJob {
    pub fn new(drawn: DrawnPicture, renderers: SharedRenderers, choose: bool) -> Self {
        PictureJob { drawn: Some(drawn), renderers, choose }
    }
}

impl Job for PictureJob {
    fn next_piece(&mut self) -> Piece {
        let Some(drawn) = self.drawn.take() else {
            return Piece::Done(Event::Status(Status::error("Export failed: nothing was drawn".to_string())));
        };
        let picture = drawn.finish(|ctx, output| match self.renderers.lock() {
            Ok(mut renderers) => renderers.render(ctx, output),
            Err(_) => Err(PlatformError::Render("the renderer stopped working".to_string())),
        });
        Piece::Done(match picture {
            Ok(picture) => Event::PictureDrawn { picture: Box::new(picture), choose: self.choose },
            Err(e) => Event::Status(Status::error(format!("Export failed: {e}"))),
        })
    }
}
