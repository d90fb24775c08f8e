//! Pictures for lessons: the whole window or one plot as PNG, at any pixel density, with
//! a caption naming the scenario, the unit and the zero rule. The app draws its own
//! layout in picture mode (see `KlApp::draw_picture`); this file holds what a picture is
//! and the steps that do not depend on the platform.

use eframe::egui::{self, Rect};
use image::RgbaImage;

use super::model::state::AppState;
use super::model::state::DEFAULT_VIEW;
use crate::export::file_names::safe_stem;

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Window,
    Contributions,
    Surprise,
    /// The window below the lesson's strip (its words, question and buttons), for a
    /// printed handout that carries the words itself.
    UnderLessonStrip,
}

impl Target {
    fn file_tag(self) -> &'static str {
        match self {
            Target::Window => "",
            Target::Contributions => "-contributions",
            Target::Surprise => "-surprise",
            Target::UnderLessonStrip => "-handout",
        }
    }

    /// The view a picture of this target shows: a single plot is drawn in the plots
    /// view, whatever view is open.
    pub fn view(self, open: &str) -> &str {
        match self {
            Target::Window | Target::UnderLessonStrip => open,
            Target::Contributions | Target::Surprise => DEFAULT_VIEW,
        }
    }
}

/// A finished picture: PNG bytes, their size, and the file name it suggests.
#[derive(Debug, Clone)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub name: String,
}

/// A picture laid out but not yet turned into pixels: the egui pass that drew it, what to
/// crop it to and its file name. A platform may render it off the frame.
pub struct DrawnPicture {
    pub ctx: egui::Context,
    pub output: egui::FullOutput,
    pub pixels_per_point: f32,
    pub target: Target,
    pub name: String,
}

impl DrawnPicture {
    /// Turns the pass into the picture: `render` makes its pixels (on whichever renderer
    /// the caller has), then the picture is cropped to its target and encoded.
    pub fn finish<E: std::fmt::Display>(
        self,
        render: impl FnOnce(&egui::Context, egui::FullOutput) -> Result<RgbaImage, E>,
    ) -> Result<Picture, PictureError> {
        let image = render(&self.ctx, self.output).map_err(|e| PictureError::Render(e.to_string()))?;
        let image = crop(&self.ctx, image, self.target, self.pixels_per_point)?;
        encode(&image, self.name)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("{0}")]
    Render(String),
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    #[error("the {0} plot is not on screen")]
    NoPlot(&'static str),
}

/// The caption printed into pictures.
pub fn caption(state: &AppState) -> String {
    if let Some(densities) = &state.densities {
        let s = &densities.scenario;
        return format!("klscope · {} ({}) · densities · values in {}", s.title, s.id, state.unit.name());
    }
    let doc = &state.doc;
    format!(
        "klscope · {} ({}) · values in {} · zeros: {}",
        doc.title,
        doc.id,
        state.unit.name(),
        doc.zero_rule.describe()
    )
}

/// `klscope-<scenario-id>-<YYYYMMDD-HHMMSS>.png`, with the id made safe for file names.
pub fn file_name(id: &str, target: Target, now: chrono::DateTime<chrono::Local>) -> String {
    format!("klscope-{}{}-{}.png", safe_stem(id), target.file_tag(), now.format("%Y%m%d-%H%M%S"))
}

/// Remembers where a plot was drawn in this pass, so a picture can be cropped to it.
pub fn note_plot_rect(ui: &egui::Ui, target: Target, rect: Rect) {
    ui.ctx().data_mut(|data| data.insert_temp(egui::Id::unique(("plot rect", target)), rect));
}

/// Where the plot of `target` was drawn in the last pass of `ctx`.
pub fn plot_rect(ctx: &egui::Context, target: Target) -> Option<Rect> {
    ctx.data(|data| data.get_temp(egui::Id::unique(("plot rect", target))))
}

/// Remembers where the lesson's strip was drawn in this pass, so a handout's picture
/// can leave it out.
pub fn note_lesson_strip(ui: &egui::Ui, rect: Rect) {
    ui.ctx().data_mut(|data| data.insert_temp(lesson_strip_id(), rect));
}

fn lesson_strip_id() -> egui::Id {
    egui::Id::unique("lesson strip rect")
}

/// The part of a rendered picture that `target` asks for.
pub fn crop(
    ctx: &egui::Context,
    image: RgbaImage,
    target: Target,
    pixels_per_point: f32,
) -> Result<RgbaImage, PictureError> {
    let rect = match target {
        Target::Window => return Ok(image),
        Target::Contributions => plot_rect(ctx, target).ok_or(PictureError::NoPlot("contributions"))?,
        Target::Surprise => plot_rect(ctx, target).ok_or(PictureError::NoPlot("surprise"))?,
        Target::UnderLessonStrip => {
            let Some(strip) = ctx.data(|data| data.get_temp::<Rect>(lesson_strip_id())) else {
                return Ok(image);
            };
            let y0 = ((strip.bottom() * pixels_per_point).max(0.0) as u32).min(image.height().saturating_sub(1));
            let height = image.height() - y0;
            return Ok(image::imageops::crop_imm(&image, 0, y0, image.width(), height).to_image());
        }
    };
    Ok(crop_to(&image, rect, pixels_per_point))
}

/// The part of `image` under `rect` (in points), with a small margin.
fn crop_to(image: &RgbaImage, rect: Rect, pixels_per_point: f32) -> RgbaImage {
    let rect = rect.expand(6.0);
    let x0 = (rect.left() * pixels_per_point).max(0.0) as u32;
    let y0 = (rect.top() * pixels_per_point).max(0.0) as u32;
    let x1 = ((rect.right() * pixels_per_point) as u32).min(image.width());
    let y1 = ((rect.bottom() * pixels_per_point) as u32).min(image.height());
    image::imageops::crop_imm(image, x0, y0, x1.saturating_sub(x0).max(1), y1.saturating_sub(y0).max(1)).to_image()
}

/// Encodes the pixels as a PNG named for the scenario and the time.
pub fn encode(image: &RgbaImage, name: String) -> Result<Picture, PictureError> {
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| PictureError::Encode(e.to_string()))?;
    Ok(Picture { png, width: image.width(), height: image.height(), name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn file_names_carry_id_and_time() {
        let now = chrono::Local.with_ymd_and_hms(2026, 3, 4, 5, 6, 7).single().unwrap_or_default();
        assert_eq!(file_name("movie-genres", Target::Window, now), "klscope-movie-genres-20260304-050607.png");
        assert_eq!(file_name("a b/c", Target::Surprise, now), "klscope-a-b-c-surprise-20260304-050607.png");
    }
}
