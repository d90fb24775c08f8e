//! A plot area drawn by hand: x and y ranges mapped onto a rectangle, areas filled
//! between a curve and the axis (egui's shapes fill only convex polygons), and axes with
//! round ticks labelled in body type, as every egui_plot plot's are (`theme::round_ticks`
//! and `ui::ticks`): three labels or more on each axis, and the y axis named with its unit.

use eframe::egui::{self, Align2, Color32, FontId, Mesh, Pos2, Rect, pos2, vec2};

use crate::app::ui::{fit_text, theme, ticks};

/// The length of a tick mark, in points.
const MARK: f32 = 3.0;
/// Room between a y label and its tick mark, and the least room between two x labels.
const LABEL_GAP: f32 = 6.0;
/// Room right of the plot, for the last x label's second half.
const RIGHT: f32 = 10.0;
/// Room between the frame's sides and the data, as egui_plot leaves a margin: the first x
/// label sits clear of the last y label.
const INSET: f32 = 12.0;

/// A plot before it is drawn: the rectangle it was given, the room kept under its x labels
/// (rows of handles), the ranges it shows and its y axis's name. Two plots on one x axis
/// take the same room left of them for their y labels ([`gutter`]), so that their x line up.
#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    pub outer: Rect,
    pub below: f32,
    pub x: (f64, f64),
    /// The y values to show: widened to whole steps of the labels when drawn.
    pub y: (f64, f64),
    /// Room above the labelled values, as a share of them, for an area that runs off the
    /// top (∞); 0 for none.
    pub room_above: f64,
    /// What the y axis shows, with its unit: written above its labels.
    pub y_name: String,
}

impl Plot {
    /// The top and the bottom of the data area: under the y axis's name, above the x labels.
    /// The top label, centred on the top, stays under the name.
    fn top_and_bottom(&self, ui: &egui::Ui) -> (f32, f32) {
        let row = row_height(ui);
        let top = self.outer.top() + 1.5 * row;
        (top, (self.outer.bottom() - self.below - row - MARK).max(top + 1.0))
    }

    /// Where the room under the x labels begins.
    pub fn below_top(&self) -> f32 {
        self.outer.bottom() - self.below
    }

    /// The y range drawn (its labelled part widened to whole steps, and the room above)
    /// and its labelled values.
    fn y_scale(&self, ui: &egui::Ui) -> ((f64, f64), Vec<(f64, String)>) {
        let (top, bottom) = self.top_and_bottom(ui);
        let labelled = (bottom - top) / (1.0 + self.room_above.max(0.0)) as f32;
        let (shown, marks) = ticks::widened_marks(self.y, labelled, theme::y_tick_spacing(ui));
        ((shown.0, shown.1 + self.room_above.max(0.0) * (shown.1 - shown.0)), marks)
    }

    /// The data area, inside a frame `gutter` points in from the left for the y labels.
    pub fn canvas(&self, ui: &egui::Ui, gutter: f32) -> Canvas {
        let (top, bottom) = self.top_and_bottom(ui);
        let right = self.outer.right() - RIGHT - INSET;
        let left = (self.outer.left() + gutter + INSET).min(right - 1.0);
        let rect = Rect::from_min_max(pos2(left, top), pos2(right, bottom));
        Canvas { rect, x: self.x, y: self.y_scale(ui).0 }
    }

    /// The axes of `canvas` (this plot's): a line on the left and at the bottom, round ticks
    /// labelled in body type, and the y axis's name above its labels.
    pub fn axes_ui(&self, ui: &egui::Ui, canvas: &Canvas) {
        let r = canvas.rect.expand2(vec2(INSET, 0.0));
        // The plot's frame, marked as egui_plot marks one (an unfilled rectangle clipped to
        // itself): whoever reads the screen's text tells the tick labels around it by it.
        ui.painter_at(r).rect_filled(r, 0.0, Color32::TRANSPARENT);
        let painter = ui.painter_at(self.outer);
        let font = theme::tick_font(ui);
        let color = ui.visuals().text_color();
        let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
        painter.line_segment([r.left_top(), r.left_bottom()], stroke);
        painter.line_segment([r.left_bottom(), r.right_bottom()], stroke);
        for (value, text) in x_ticks(ui, canvas) {
            let x = canvas.screen_x(value);
            painter.line_segment([pos2(x, r.bottom()), pos2(x, r.bottom() + MARK)], stroke);
            // The end labels stay clear of the y labels and inside the plot's rectangle.
            let half = text_width(ui, &text, &font) / 2.0;
            let centre = x.max(r.left() + 2.0 + half).min(self.outer.right() - half);
            painter.text(pos2(centre, r.bottom() + 1.0), Align2::CENTER_TOP, text, font.clone(), color);
        }
        for (value, text) in self.y_scale(ui).1 {
            let y = canvas.screen_y(value);
            painter.line_segment([pos2(r.left() - MARK, y), pos2(r.left(), y)], stroke);
            painter.text(pos2(r.left() - MARK - 2.0, y), Align2::RIGHT_CENTER, text, font.clone(), color);
        }
        painter.text(self.outer.left_top(), Align2::LEFT_TOP, &self.y_name, font, ui.visuals().weak_text_color());
    }
}

/// The room left of `plots` (one above another on one x axis) for the widest of their y
/// labels and its tick mark.
pub fn gutter(ui: &egui::Ui, plots: &[&Plot]) -> f32 {
    let font = theme::tick_font(ui);
    let widest = plots.iter().flat_map(|plot| plot.y_scale(ui).1).map(|(_, text)| text_width(ui, &text, &font));
    widest.fold(0.0, f32::max) + MARK + LABEL_GAP
}

/// The x axis's labelled values: round steps as close as the labels' widths allow.
fn x_ticks(ui: &egui::Ui, canvas: &Canvas) -> Vec<(f64, String)> {
    let font = theme::tick_font(ui);
    let mut spacing = theme::X_TICK_SPACING;
    let mut marks = ticks::labelled_marks(canvas.x, canvas.rect.width(), spacing);
    for _ in 0..3 {
        let widest = marks.iter().map(|(_, text)| text_width(ui, text, &font)).fold(0.0, f32::max);
        if widest + 2.0 * LABEL_GAP <= spacing {
            break;
        }
        spacing = widest + 2.0 * LABEL_GAP;
        marks = ticks::labelled_marks(canvas.x, canvas.rect.width(), spacing);
    }
    marks
}

/// The height of a row of tick labels.
pub fn row_height(ui: &egui::Ui) -> f32 {
    ui.fonts_mut(|fonts| fonts.row_height(&theme::tick_font(ui)))
}

/// How wide `text` is in `font`, measured.
fn text_width(ui: &egui::Ui, text: &str, font: &FontId) -> f32 {
    fit_text::text_width(ui.painter(), text, font)
}

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
