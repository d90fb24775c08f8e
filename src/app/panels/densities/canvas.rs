//! A plot area drawn by hand: x and y ranges mapped onto a rectangle, and areas filled
//! between a curve and the axis (egui's shapes fill only convex polygons).

use eframe::egui::{Color32, Mesh, Pos2, Rect, pos2};

/// The data ranges shown in `rect`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    pub rect: Rect,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Canvas {
    pub fn to_screen(self, x: f64, y: f64) -> Pos2 {
        pos2(self.screen_x(x), self.screen_y(y))
    }

    pub fn screen_x(&self, x: f64) -> f32 {
        let t = (x - self.x.0) / (self.x.1 - self.x.0);
        self.rect.left() + (t as f32) * self.rect.width()
    }

    /// y clipped to the range, so that ∞ is drawn at the top edge.
    pub fn screen_y(&self, y: f64) -> f32 {
        let t = ((y - self.y.0) / (self.y.1 - self.y.0)).clamp(0.0, 1.0);
        self.rect.bottom() - (t as f32) * self.rect.height()
    }

    pub fn data_x(&self, screen: f32) -> f64 {
        let t = f64::from((screen - self.rect.left()) / self.rect.width());
        self.x.0 + t * (self.x.1 - self.x.0)
    }

    pub fn data_y(&self, screen: f32) -> f64 {
        let t = f64::from((self.rect.bottom() - screen) / self.rect.height());
        self.y.0 + t * (self.y.1 - self.y.0)
    }

    /// The curve's points on screen.
    pub fn line(&self, points: impl Iterator<Item = (f64, f64)>) -> Vec<Pos2> {
        points.map(|(x, y)| self.to_screen(x, y)).collect()
    }

    /// The area between the curve and y = 0, only where `keep(y)`, as triangles.
    pub fn area(&self, points: &[(f64, f64)], keep: impl Fn(f64) -> bool, color: Color32) -> Mesh {
        let mut mesh = Mesh::default();
        let base = self.screen_y(0.0);
        for pair in points.windows(2) {
            let [(x0, y0), (x1, y1)] = [pair[0], pair[1]];
            let (y0, y1) = (if keep(y0) { y0 } else { 0.0 }, if keep(y1) { y1 } else { 0.0 });
            if y0 == 0.0 && y1 == 0.0 {
                continue;
            }
            let index = mesh.vertices.len() as u32;
            let (sx0, sx1) = (self.screen_x(x0), self.screen_x(x1));
            for pos in [pos2(sx0, base), self.to_screen(x0, y0), self.to_screen(x1, y1), pos2(sx1, base)] {
                mesh.colored_vertex(pos, color);
            }
            mesh.add_triangle(index, index + 1, index + 2);
            mesh.add_triangle(index, index + 2, index + 3);
        }
        mesh
    }
}
