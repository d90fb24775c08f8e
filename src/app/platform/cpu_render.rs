//! A finished egui pass drawn into pixels on the CPU: pictures where there is no GPU
//! renderer (the browser, and desktops without a graphics adapter). Egui's meshes are
//! triangles with premultiplied colours and a font texture; they are filled pixel by pixel
//! (a pixel belongs to a triangle when its centre does; shared edges go to one side only)
//! and blended in gamma space, as egui's own renderers do. No crate does this for egui
//! 0.37 at picture sizes (2560×1600 and more).

use eframe::egui::{self, epaint::Primitive};
use image::RgbaImage;
use std::collections::HashMap;

/// One texture: premultiplied RGBA texels, row by row.
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<[f32; 4]>,
}

impl Texture {
    /// The texel under `uv`, nearest: egui lays glyphs out on whole pixels, so texel
    /// centres fall on pixel centres.
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        let x = ((u * self.width as f32).floor().max(0.0) as usize).min(self.width - 1);
        let y = ((v * self.height as f32).floor().max(0.0) as usize).min(self.height - 1);
        self.texels[y * self.width + x]
    }
}

#[derive(Default)]
pub struct CpuRenderer {
    textures: HashMap<egui::TextureId, Texture>,
}

/// The pixels being drawn: premultiplied RGBA bytes (4 bytes a pixel, so a 2× picture
/// of a large window stays a few tens of megabytes).
struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<[u8; 4]>,
}

/// The longest side a picture may have, as on the GPU.
pub const MAX_SIDE: usize = 8192;

impl CpuRenderer {
    /// The pixels of one finished pass of `ctx`: `ctx.content_rect() × pixels_per_point`.
    pub fn render(&mut self, ctx: &egui::Context, mut output: egui::FullOutput) -> Result<RgbaImage, String> {
        for (id, deltas) in &output.textures_delta.set {
            for delta in deltas {
                self.set_texture(*id, delta);
            }
        }
        let freed = std::mem::take(&mut output.textures_delta.free);
        // egui insists that every delta is seen to.
        output.textures_delta.clear();
        let ppp = output.pixels_per_point;
        let size = ctx.content_rect().size() * ppp;
        let (width, height) = (size.x.round().max(1.0) as usize, size.y.round().max(1.0) as usize);
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(format!("the picture would be {width}×{height} pixels; a side may have at most {MAX_SIDE}"));
        }
        let background = ctx.global_style().visuals.panel_fill.to_array();
        let mut canvas = Canvas { width, height, pixels: vec![background; width * height] };
        for primitive in ctx.tessellate(output.shapes, ppp) {
            // klscope draws no paint callbacks: meshes are all there is.
            if let Primitive::Mesh(mesh) = &primitive.primitive {
                let clip = primitive.clip_rect * ppp;
                let texture = self.textures.get(&mesh.texture_id);
                for triangle in mesh.indices.chunks_exact(3) {
                    let corner = |k: usize| mesh.vertices.get(triangle[k] as usize).copied();
                    if let (Some(a), Some(b), Some(c)) = (corner(0), corner(1), corner(2)) {
                        canvas.fill([a, b, c], ppp, clip, texture);
                    }
                }
            }
        }
        for id in freed {
            self.textures.remove(&id);
        }
        let bytes = canvas.pixels.concat();
        RgbaImage::from_raw(width as u32, height as u32, bytes).ok_or_else(|| "the picture has the wrong size".into())
    }

    /// A new texture, or a patch of one.
    fn set_texture(&mut self, id: egui::TextureId, delta: &egui::epaint::ImageDelta) {
        let egui::ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        let texels = image.pixels.iter().map(|c| unit(c.to_array())).collect::<Vec<_>>();
        match (delta.pos, self.textures.get_mut(&id)) {
            (Some([x0, y0]), Some(texture)) => {
                for (row, chunk) in texels.chunks_exact(width.max(1)).enumerate() {
                    let start = (y0 + row) * texture.width + x0;
                    if let Some(target) = texture.texels.get_mut(start..start + chunk.len()) {
                        target.copy_from_slice(chunk);
                    }
                }
            }
            _ => {
                self.textures.insert(id, Texture { width: width.max(1), height: height.max(1), texels });
            }
        }
    }
}

fn unit(rgba: [u8; 4]) -> [f32; 4] {
    rgba.map(|c| f32::from(c) / 255.0)
}

/// Twice the signed area of (a, b, p): which side of a→b the point p lies on.
fn edge(a: egui::Pos2, b: egui::Pos2, p: egui::Pos2) -> f32 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

/// Of two triangles sharing the edge a→b (the other has b→a), exactly one owns the pixels
/// whose centres lie on it.
fn owns_edge(a: egui::Pos2, b: egui::Pos2) -> bool {
    b.y > a.y || (b.y == a.y && b.x < a.x)
}

impl Canvas {
    /// Blends one triangle (positions in points) inside `clip` (in pixels).
    fn fill(&mut self, corners: [egui::epaint::Vertex; 3], ppp: f32, clip: egui::Rect, texture: Option<&Texture>) {
        let [mut a, mut b, c] = corners;
        let mut area = edge(a.pos * ppp, b.pos * ppp, c.pos * ppp);
        if area == 0.0 || !area.is_finite() {
            return;
        }
        if area < 0.0 {
            std::mem::swap(&mut a, &mut b);
            area = -area;
        }
        let [pa, pb, pc] = [a.pos * ppp, b.pos * ppp, c.pos * ppp].map(|p| egui::pos2(p.x, p.y));
        let bounds = egui::Rect::from_points(&[pa, pb, pc]).intersect(clip);
        let x0 = bounds.min.x.floor().max(0.0) as usize;
        let y0 = bounds.min.y.floor().max(0.0) as usize;
        let x1 = (bounds.max.x.ceil().max(0.0) as usize).min(self.width);
        let y1 = (bounds.max.y.ceil().max(0.0) as usize).min(self.height);
        let colors = [a, b, c].map(|v| unit(v.color.to_array()));
        let inside = |w: f32, from: egui::Pos2, to: egui::Pos2| w > 0.0 || (w == 0.0 && owns_edge(from, to));
        for y in y0..y1 {
            for x in x0..x1 {
                let p = egui::pos2(x as f32 + 0.5, y as f32 + 0.5);
                let (wa, wb, wc) = (edge(pb, pc, p), edge(pc, pa, p), edge(pa, pb, p));
                if !(inside(wa, pb, pc) && inside(wb, pc, pa) && inside(wc, pa, pb)) {
                    continue;
                }
                let weights = [wa / area, wb / area, wc / area];
                let mix = |values: [f32; 3]| values[0] * weights[0] + values[1] * weights[1] + values[2] * weights[2];
                let mut source = [0.0; 4];
                for (k, channel) in source.iter_mut().enumerate() {
                    *channel = mix([colors[0][k], colors[1][k], colors[2][k]]);
                }
                if let Some(texture) = texture {
                    let texel = texture.sample(mix([a.uv.x, b.uv.x, c.uv.x]), mix([a.uv.y, b.uv.y, c.uv.y]));
                    for (channel, t) in source.iter_mut().zip(texel) {
                        *channel *= t;
                    }
                }
                let target = &mut self.pixels[y * self.width + x];
                let keep = 1.0 - source[3];
                for (d, s) in target.iter_mut().zip(source) {
                    *d = ((s + f32::from(*d) / 255.0 * keep) * 255.0).round().clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two passes of `paint` at 2 pixels per point, rendered.
    fn picture(paint: impl Fn(&egui::Painter)) -> (RgbaImage, [u8; 4]) {
        let ctx = egui::Context::default();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(200.0, 100.0));
        let mut output: Option<egui::FullOutput> = None;
        for _ in 0..2 {
            let mut input = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
            input.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(2.0);
            let mut pass = ctx.run_ui(input, |ui| paint(ui.painter()));
            if let Some(mut earlier) = output.take() {
                earlier.textures_delta.append(std::mem::take(&mut pass.textures_delta));
                pass.textures_delta = std::mem::take(&mut earlier.textures_delta);
            }
            output = Some(pass);
        }
        let image = CpuRenderer::default().render(&ctx, output.unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
        (image, ctx.global_style().visuals.panel_fill.to_array())
    }

    #[test]
    fn a_filled_rectangle_and_text_land_where_egui_put_them() {
        let (image, background) = picture(|painter| {
            let rect = egui::Rect::from_min_size(egui::pos2(10.0, 10.0), egui::vec2(40.0, 20.0));
            painter.rect_filled(rect, 0.0, egui::Color32::RED);
            let font = egui::FontId::proportional(30.0);
            painter.text(egui::pos2(100.0, 50.0), egui::Align2::CENTER_CENTER, "KL", font, egui::Color32::WHITE);
        });
        assert_eq!(image.dimensions(), (400, 200));
        assert_eq!(image.get_pixel(60, 40).0, [255, 0, 0, 255], "inside the red rectangle (at 2×)");
        assert_eq!(image.get_pixel(150, 40).0, background, "outside it");
        let bright = (170..230).flat_map(|x| (80..120).map(move |y| (x, y)));
        let bright = bright.filter(|&(x, y)| image.get_pixel(x, y).0[0] > 200).count();
        assert!(bright > 50, "the text is drawn: {bright} bright pixels");
    }

    #[test]
    fn a_picture_too_large_is_refused_with_its_size() {
        let ctx = egui::Context::default();
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(5000.0, 10.0))),
            ..Default::default()
        };
        input.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(2.0);
        let output = ctx.run_ui(input, |_| {});
        let error = CpuRenderer::default().render(&ctx, output).err().unwrap_or_default();
        assert_eq!(error, "the picture would be 10000×20 pixels; a side may have at most 8192");
    }

    #[test]
    fn a_translucent_rectangle_is_blended_once_even_on_its_diagonal() {
        let (image, background) = picture(|painter| {
            let rect = egui::Rect::from_min_size(egui::pos2(20.0, 20.0), egui::vec2(40.0, 40.0));
            painter.rect_filled(rect, 0.0, egui::Color32::from_white_alpha(128));
        });
        let inside: Vec<[u8; 4]> = (45..115).map(|k| image.get_pixel(k, k).0).collect();
        assert!(inside.windows(2).all(|w| w[0] == w[1]), "no seam along the diagonal: {:?}", &inside[..4]);
        let expected = (128.0 + f32::from(background[0]) * (1.0 - 128.0 / 255.0)).round() as u8;
        assert!(inside[0][0].abs_diff(expected) <= 1, "{:?} against {expected}", inside[0]);
    }
}
