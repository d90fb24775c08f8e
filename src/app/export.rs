//! Pictures for lessons: the whole window or one plot as PNG, at 1× or 2× pixel density,
//! with a caption naming the scenario, the unit and the zero rule.

use eframe::egui::{self, Pos2, Rect, Vec2};
use image::RgbaImage;
use std::path::{Path, PathBuf};

use super::KlApp;
use super::render::{OffscreenRenderer, RenderError};
use super::theme;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Window,
    Contributions,
    Surprise,
}

impl Target {
    pub fn file_tag(self) -> &'static str {
        match self {
            Target::Window => "",
            Target::Contributions => "-contributions",
            Target::Surprise => "-surprise",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Render(#[from] RenderError),
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("the {0} plot is not on screen")]
    NoPlot(&'static str),
}

/// The caption printed into exported pictures.
pub fn caption(app: &KlApp) -> String {
    let doc = &app.state.doc;
    format!(
        "klscope · {} ({}) · values in {} · zeros: {}",
        doc.title,
        doc.id,
        app.state.unit.name(),
        doc.zero_rule.describe()
    )
}

/// Draws the app at `logical` size and `scale` pixels per point, with the caption, and
/// crops to `target`. The live window is not touched.
pub fn render(
    app: &mut KlApp,
    renderer: &mut OffscreenRenderer,
    logical: Vec2,
    scale: f32,
    target: Target,
) -> Result<RgbaImage, ExportError> {
    let ctx = egui::Context::default();
    theme::apply_text_sizes(&ctx);
    app.exporting = true;
    // A single plot is drawn in the plots view, whatever view is open.
    let view = app.state.view;
    if target != Target::Window {
        app.state.view = super::state::View::Plots;
    }
    let screen = Rect::from_min_size(Pos2::ZERO, logical);
    let mut output: Option<egui::FullOutput> = None;
    // A few passes: the first loads fonts and applies the theme, later ones lay out with
    // the final sizes. Texture updates of every pass are kept for the renderer.
    for pass in 0..3 {
        let mut input =
            egui::RawInput { screen_rect: Some(screen), time: Some(pass as f64 * 0.1), ..Default::default() };
        input.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(scale);
        let next = ctx.run_ui(input, |ui| app.frame_ui(ui));
        output = Some(match output.take() {
            Some(mut earlier) => {
                earlier.textures_delta.append(next.textures_delta);
                egui::FullOutput { textures_delta: earlier.textures_delta, ..next }
            }
            None => next,
        });
    }
    app.exporting = false;
    app.state.view = view;
    let Some(output) = output else {
        return Err(ExportError::Encode("nothing was drawn".into()));
    };
    let ppp = output.pixels_per_point;
    let image = renderer.render(&ctx, output)?;
    let crop = match target {
        Target::Window => return Ok(image),
        Target::Contributions => app.plot_rects.contributions.ok_or(ExportError::NoPlot("contributions"))?,
        Target::Surprise => app.plot_rects.surprise.ok_or(ExportError::NoPlot("surprise"))?,
    };
    Ok(crop_to(&image, crop, ppp))
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

/// Encodes `image` as PNG and writes it atomically.
pub fn write_png(image: &RgbaImage, path: &Path) -> Result<(), ExportError> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    crate::atomic::write_atomically(path, &bytes)
        .map_err(|source| ExportError::Write { path: path.to_path_buf(), source })
}

/// `klscope-<scenario-id>-<YYYYMMDD-HHMMSS>.png`, with the id made safe for file names.
pub fn file_name(id: &str, target: Target, now: chrono::DateTime<chrono::Local>) -> String {
    let safe: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    format!("klscope-{safe}{}-{}.png", target.file_tag(), now.format("%Y%m%d-%H%M%S"))
}

/// `path`, or `name-2.png`, `name-3.png`, … if it exists (two exports in one second).
pub fn unused_path(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    (2..)
        .map(|k| path.with_file_name(format!("{stem}-{k}.png")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

/// The user's Pictures folder, else the current folder.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.picture_dir().map(Path::to_path_buf))
        .filter(|dir| dir.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
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
