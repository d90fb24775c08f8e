//! Three outcomes: the triangle with its heat map, contours, ∞ edges and the colour scale
//! beside it; P and Q as points that can be dragged; what the pointer is over.

use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Shape, Stroke, pos2, vec2};

use super::geometry::direction_symbol;
use super::geometry::{self, H, Triangle};
use super::map::{self, Map};
use crate::app::edit::{Action, Edit};
use crate::app::model::Mode;
use crate::app::ui::theme;
use crate::app::views::ViewInput;
use crate::info::{Direction, Side, Unit};
use crate::text;

/// Room around the triangle for the corner labels, and beside it for the colour scale.
const SIDE_MARGIN: f32 = 36.0;
const TOP_MARGIN: f32 = 10.0;
const BOTTOM_MARGIN: f32 = 24.0;
const LEGEND_WIDTH: f32 = 84.0;
/// How near a press must be to P's or Q's point to pick it up.
const GRAB_RADIUS: f32 = 22.0;
const POINT_RADIUS: f32 = 7.0;

/// What is being dragged across frames.
#[derive(Default)]
pub struct TriangleState {
    dragging: Option<Side>,
}

/// What the triangle draws.
pub struct Drawing<'a> {
    pub input: &'a ViewInput<'a>,
    pub map: &'a Map,
    pub texture: egui::TextureId,
    pub direction: Direction,
}

impl TriangleState {
    /// Draws the triangle and the text beside it; returns where the triangle is and the
    /// distribution a drag asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, drawing: &Drawing<'_>) -> (Triangle, Option<Action>) {
        let available = ui.available_size();
        // In presentation mode's large type the notes go under the triangle: beside it
        // they would leave the triangle no room.
        let body = crate::app::ui::theme::body_size(ui);
        let notes_below = body > 20.0;
        let (width, height) = if notes_below {
            (available.x, available.y - 5.0 * body * 1.4)
        } else {
            ((available.x * 0.6).max(260.0), available.y)
        };
        let side =
            ((height - TOP_MARGIN - BOTTOM_MARGIN) / H as f32).min(width - LEGEND_WIDTH - 2.0 * SIDE_MARGIN).max(90.0);
        let size = vec2(side + 2.0 * SIDE_MARGIN + LEGEND_WIDTH, side * H as f32 + TOP_MARGIN + BOTTOM_MARGIN);
        let live = drawing.input.mode == Mode::Live;
        let layout = if notes_below {
            egui::Layout::top_down(egui::Align::Min)
        } else {
            egui::Layout::left_to_right(egui::Align::Min)
        };
        ui.with_layout(layout, |ui| {
            let sense = if live { Sense::click_and_drag() } else { Sense::hover() };
            let (rect, response) = ui.allocate_exact_size(size, sense);
            let triangle = Triangle { min: rect.min + vec2(SIDE_MARGIN, TOP_MARGIN), side };
            let command = if live { self.drag(ui, &response, &triangle, drawing) } else { None };
            let hovered = if live { hovered(&response, &triangle) } else { None };
            paint(ui, rect, &triangle, drawing, hovered);
            ui.vertical(|ui| {
                // The notes wrap at the panel's edge.
                ui.set_max_width(ui.available_width());
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                notes_ui(ui, drawing, hovered, live)
            });
            (triangle, command)
        })
        .inner
    }

    /// Picks up P or Q when a press starts near it, and moves it with the pointer.
    fn drag(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        triangle: &Triangle,
        drawing: &Drawing<'_>,
    ) -> Option<Action> {
        let analysis = drawing.input.analysis;
        let point = |side: Side| {
            let values = if side == Side::P { &analysis.p } else { &analysis.q };
            triangle.to_screen([values[0], values[1], values[2]])
        };
        let near = |at: Pos2| {
            // Q first: when the two coincide, the model is what a learner moves.
            [Side::Q, Side::P]
                .into_iter()
                .map(|side| (side, point(side).distance(at)))
                .filter(|(_, distance)| *distance <= GRAB_RADIUS)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(side, _)| side)
        };
        if response.drag_started() {
            self.dragging = ui.input(|i| i.pointer.press_origin()).and_then(near);
        }
        if let Some(at) = response.hover_pos() {
            if self.dragging.is_some() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            } else if near(at).is_some() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
        }
        let command = match (self.dragging, response.interact_pointer_pos()) {
            (Some(side), Some(at)) if response.dragged() => {
                let values = geometry::rounded(geometry::project(triangle.to_barycentric(at)));
                let current = if side == Side::P { &analysis.p } else { &analysis.q };
                (current.as_slice() != values)
                    .then(|| Action::from(Edit::SetDistribution { side, values: values.to_vec() }))
            }
            _ => None,
        };
        if response.drag_stopped() || !response.is_pointer_button_down_on() {
            self.dragging = None;
        }
        command
    }
}

/// The distribution under the pointer, if it is over the triangle.
fn hovered(response: &egui::Response, triangle: &Triangle) -> Option<[f64; 3]> {
    let b = triangle.to_barycentric(response.hover_pos()?);
    b.iter().all(|&v| v >= -0.01).then(|| geometry::project(b))
}

fn paint(ui: &egui::Ui, rect: Rect, triangle: &Triangle, drawing: &Drawing<'_>, hovered: Option<[f64; 3]>) {
    let painter = ui.painter_at(rect);
    let map = drawing.map;
    // The image covers the triangle's bounding box; the mesh is the triangle itself.
    let mut mesh = egui::Mesh::with_texture(drawing.texture);
    for b in [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]] {
        let [x, y] = geometry::normalised(b);
        let uv = pos2(x as f32, (y / H) as f32);
        mesh.vertices.push(egui::epaint::Vertex { pos: triangle.at([x, y]), uv, color: Color32::WHITE });
    }
    mesh.add_triangle(0, 1, 2);
    painter.add(Shape::mesh(mesh));
    for (level, segments) in &map.contours {
        let stroke = Stroke::new(1.2, contour_color(*level, map.top));
        for [a, b] in segments {
            painter.line_segment([triangle.at(*a), triangle.at(*b)], stroke);
        }
    }
    for edge in &map.edges {
        for pair in edge.windows(2) {
            let [(a, color), (b, _)] = [pair[0], pair[1]];
            painter.line_segment([triangle.at(a), triangle.at(b)], Stroke::new(4.0, color));
        }
    }
    contour_labels(&painter, triangle, drawing);
    corner_labels(ui, &painter, triangle, drawing.input.state.doc.labels());
    let analysis = drawing.input.analysis;
    if !drawing.input.concealed.hides(crate::info::Measure::KlPQ) {
        fisher_ui(ui, &painter, triangle, &analysis.p, analysis.report.kl_pq);
    }
    let (text, background) = (ui.visuals().strong_text_color(), ui.visuals().extreme_bg_color);
    for side in [Side::P, Side::Q] {
        let values = if side == Side::P { &analysis.p } else { &analysis.q };
        let at = triangle.to_screen([values[0], values[1], values[2]]);
        let fill = theme::color(ui, side);
        let outline = Stroke::new(2.0, background);
        if side == Side::P {
            painter.circle(at, POINT_RADIUS, fill, outline);
        } else {
            let r = POINT_RADIUS + 2.0;
            let diamond = vec![at - vec2(0.0, r), at + vec2(r, 0.0), at + vec2(0.0, r), at - vec2(r, 0.0)];
            painter.add(Shape::convex_polygon(diamond, fill, outline));
        }
        // The name sits outside the triangle's middle, away from the other point.
        let label_at = at + vec2(POINT_RADIUS + 4.0, -POINT_RADIUS - 4.0);
        let galley = painter.layout_no_wrap(side.name().to_string(), FontId::proportional(theme::BODY_SIZE), fill);
        let label_rect = Align2::LEFT_BOTTOM.anchor_size(label_at, galley.size()).expand(1.0);
        painter.rect_filled(label_rect, 3.0, background.gamma_multiply(0.8));
        painter.galley(label_rect.min + vec2(1.0, 1.0), galley, text);
    }
    if let Some(b) = hovered {
        painter.circle_stroke(triangle.to_screen(b), 4.0, Stroke::new(1.5, text));
    }
    legend(ui, &painter, rect, triangle, map, drawing.input.state.unit);
}

/// Fisher's local picture on the triangle: around P, the ellipse ½·δᵀFδ = KL(P||Q)
/// (dashed) over the contour KL(P||·) = KL(P||Q) through Q (solid). Near P they match;
/// further out KL bulges towards the edges, where the quadratic form stops describing it.
fn fisher_ui(ui: &egui::Ui, painter: &egui::Painter, triangle: &Triangle, p: &[f64], level: f64) {
    let [a, b, c] = [p[0], p[1], p[2]];
    if !(level.is_finite() && level > 0.0) {
        return;
    }
    let color = theme::divergence(ui);
    let inside = |x: &[f64; 3]| x.iter().all(|v| (0.0..=1.0).contains(v));
    let ring = |points: Vec<[f64; 3]>| -> Vec<Vec<Pos2>> {
        // Closed, and broken where it leaves the triangle.
        let mut runs = vec![Vec::new()];
        for x in points.iter().chain(points.first()) {
            if let (true, Some(run)) = (inside(x), runs.last_mut()) {
                run.push(triangle.to_screen(*x));
            } else if inside(x) {
                runs.push(vec![triangle.to_screen(*x)]);
            } else if runs.last().is_some_and(|run| !run.is_empty()) {
                runs.push(Vec::new());
            }
        }
        runs.into_iter().filter(|run| run.len() > 1).collect()
    };
    for run in ring(crate::info::fisher::kl_contour([a, b, c], level, 120)) {
        painter.add(Shape::line(run, Stroke::new(2.0, color)));
    }
    for run in ring(crate::info::fisher::fisher_ellipse([a, b, c], level, 120)) {
        painter.extend(Shape::dashed_line(&run, Stroke::new(2.0, color), 6.0, 4.0));
    }
}

/// Contour lines in white over the dark part of the scale and black over the light part.
fn contour_color(level: f64, top: f64) -> Color32 {
    let c = theme::heat(map::scale(level, top));
    let light = 0.299 * f32::from(c.r()) + 0.587 * f32::from(c.g()) + 0.114 * f32::from(c.b()) > 140.0;
    if light { Color32::from_black_alpha(170) } else { Color32::from_white_alpha(170) }
}

/// Each level's value once, where its line crosses a ray from P towards the farthest
/// corner (contours ring P, so the labels line up along it without touching).
fn contour_labels(painter: &egui::Painter, triangle: &Triangle, drawing: &Drawing<'_>) {
    let p = &drawing.input.analysis.p;
    let centre = triangle.to_screen([p[0], p[1], p[2]]);
    let corners = triangle.corners();
    let Some(far) = corners.iter().copied().max_by(|a, b| a.distance(centre).total_cmp(&b.distance(centre))) else {
        return;
    };
    let ray = (far - centre).normalized();
    let mut placed: Vec<Pos2> = Vec::new();
    // P's and Q's points and names.
    let q = &drawing.input.analysis.q;
    let avoid: Vec<Pos2> = [centre, triangle.to_screen([q[0], q[1], q[2]])]
        .into_iter()
        .flat_map(|at| [at, at + vec2(POINT_RADIUS + 8.0, -POINT_RADIUS - 10.0)])
        .collect();
    for (level, segments) in &drawing.map.contours {
        // The segment nearest the ray, ahead of P.
        let best = segments
            .iter()
            .map(|[a, b]| triangle.at([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]))
            .filter(|m| (*m - centre).dot(ray) > 0.0)
            .min_by(|a, b| off_ray(*a, centre, ray).total_cmp(&off_ray(*b, centre, ray)));
        let Some(at) = best.filter(|m| off_ray(*m, centre, ray) < 12.0) else { continue };
        if placed.iter().chain(&avoid).any(|other| other.distance(at) < 20.0) {
            continue;
        }
        placed.push(at);
        let color = contour_color(*level, drawing.map.top);
        // White lines get white text on black, black lines black text on white.
        let (ink, back) = if color.r() > 100 {
            (Color32::WHITE, Color32::from_black_alpha(190))
        } else {
            (Color32::BLACK, Color32::from_white_alpha(210))
        };
        let galley = painter.layout_no_wrap(text::short_number(*level), FontId::proportional(theme::SMALL_SIZE), ink);
        let rect = Align2::CENTER_CENTER.anchor_size(at, galley.size()).expand(1.5);
        painter.rect_filled(rect, 3.0, back);
        painter.galley(rect.min + vec2(1.5, 1.5), galley, ink);
    }
}

fn off_ray(point: Pos2, centre: Pos2, ray: egui::Vec2) -> f32 {
    let d = point - centre;
    (d.x * ray.y - d.y * ray.x).abs()
}

/// The outcome names at the corners: under the bottom two, beside the top one.
fn corner_labels(ui: &egui::Ui, painter: &egui::Painter, triangle: &Triangle, labels: &[String]) {
    let color = ui.visuals().strong_text_color();
    let [left, right, top] = triangle.corners();
    let places = [
        (left + vec2(0.0, 6.0), Align2::CENTER_TOP),
        (right + vec2(0.0, 6.0), Align2::CENTER_TOP),
        (top + vec2(10.0, 0.0), Align2::LEFT_TOP),
    ];
    for ((at, align), label) in places.into_iter().zip(labels) {
        let short: String = label.chars().take(14).collect();
        painter.text(at, align, short, FontId::proportional(theme::BODY_SIZE), color);
    }
}

/// The colour scale beside the triangle: 0 at the bottom, its top value above, the
/// contour levels as ticks, and ∞'s stripes below it.
fn legend(ui: &egui::Ui, painter: &egui::Painter, rect: Rect, triangle: &Triangle, map: &Map, unit: Unit) {
    let text = ui.visuals().text_color();
    let height = triangle.side * H as f32;
    let x = rect.right() - LEGEND_WIDTH + 14.0;
    let bar = Rect::from_min_max(pos2(x, triangle.min.y + 22.0), pos2(x + 14.0, triangle.min.y + height * 0.78));
    painter.text(pos2(x, triangle.min.y), Align2::LEFT_TOP, unit.name(), FontId::proportional(13.0), text);
    let steps = 32;
    let mut mesh = egui::Mesh::default();
    for s in 0..steps {
        let (t0, t1) = (s as f32 / steps as f32, (s + 1) as f32 / steps as f32);
        let slice =
            Rect::from_x_y_ranges(bar.x_range(), bar.bottom() - t1 * bar.height()..=bar.bottom() - t0 * bar.height());
        mesh.add_colored_rect(slice, theme::heat((t0 + t1) / 2.0));
    }
    painter.add(Shape::mesh(mesh));
    let font = FontId::proportional(12.0);
    let y_of = |v: f64| bar.bottom() - map::scale(v, map.top) * bar.height();
    painter.text(pos2(bar.right() + 4.0, bar.bottom()), Align2::LEFT_CENTER, "0", font.clone(), text);
    for (level, _) in &map.contours {
        let y = y_of(*level);
        painter.line_segment([pos2(bar.left(), y), pos2(bar.right() + 2.0, y)], Stroke::new(1.0, text));
        let label =
            if *level >= map.top { format!("≥{}", text::short_number(*level)) } else { text::short_number(*level) };
        painter.text(pos2(bar.right() + 4.0, y), Align2::LEFT_CENTER, label, font.clone(), text);
    }
    // ∞: its own swatch, apart from the scale.
    let swatch = Rect::from_min_size(pos2(x, bar.bottom() + 12.0), vec2(14.0, 14.0));
    let stripes = theme::infinity_stripes(ui.visuals().dark_mode);
    painter.rect_filled(swatch, 0.0, stripes[1]);
    for k in 0..3 {
        let dx = k as f32 * 5.0;
        painter.line_segment(
            [
                pos2(swatch.left() + dx, swatch.bottom()),
                pos2(swatch.right().min(swatch.left() + dx + 14.0), swatch.top()),
            ],
            Stroke::new(2.0, stripes[0]),
        );
    }
    painter.text(
        pos2(swatch.right() + 4.0, swatch.center().y),
        Align2::LEFT_CENTER,
        "∞",
        FontId::proportional(16.0),
        stripes[0],
    );
}

/// Beside the triangle: P and Q with the map's value at Q, where the map is ∞, and what
/// the pointer is over.
fn notes_ui(ui: &mut egui::Ui, drawing: &Drawing<'_>, hovered: Option<[f64; 3]>, live: bool) {
    let input = drawing.input;
    let (p, q, unit) = (&input.analysis.p, &input.analysis.q, input.state.unit);
    let labels = input.state.doc.labels();
    let at_q = unit.from_nats(map::value(p, q, drawing.direction));
    let at_q_symbol = direction_symbol(drawing.direction).replace('x', "Q");
    ui.label(RichText::new(format!("● P = {}", triple(p))).color(theme::color(ui, Side::P)).strong());
    ui.label(RichText::new(format!("◆ Q = {}", triple(q))).color(theme::color(ui, Side::Q)).strong());
    ui.label(
        RichText::new(format!("At Q: {at_q_symbol} = {}", text::with_unit(at_q, unit))).color(if at_q.is_finite() {
            theme::kl_direction(ui, drawing.direction)
        } else {
            theme::alarm(ui)
        }),
    );
    let (note, infinite) = infinity_note(p, labels, drawing.direction);
    ui.label(if infinite { RichText::new(note).color(theme::alarm(ui)) } else { RichText::new(note) });
    let kl = input.analysis.report.kl_pq;
    if kl.is_finite() && kl > 0.0 && !input.concealed.hides(crate::info::Measure::KlPQ) {
        ui.label(
            RichText::new("Around P: Fisher's ellipse ½Σ(x−p)²/p = KL(P||Q) (dashed) and KL(P||x) = KL(P||Q) (solid)")
                .color(theme::divergence(ui)),
        )
        .on_hover_text(
            "Near P, KL is the quadratic form of the Fisher information; further out it bulges towards the edges",
        );
    }
    if !live {
        return;
    }
    match hovered {
        Some(b) => {
            let value = unit.from_nats(map::value(p, &b, drawing.direction));
            let named: Vec<String> =
                labels.iter().zip(b).map(|(label, v)| format!("{label} {}", text::probability(v))).collect();
            ui.label(format!("x = ({})", named.join(", ")));
            ui.label(
                RichText::new(format!("{} = {}", direction_symbol(drawing.direction), text::with_unit(value, unit)))
                    .strong(),
            );
        }
        None => {
            ui.label(RichText::new("Drag P or Q on the triangle; point anywhere to read x.").weak());
        }
    }
}

/// "(0.4, 0.4, 0.2)".
fn triple(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(|v| text::probability(*v)).collect();
    format!("({})", parts.join(", "))
}

/// Where the map is infinite, in a sentence, and whether it is anywhere.
fn infinity_note(p: &[f64], labels: &[String], direction: Direction) -> (String, bool) {
    let names = |want_zero: bool| -> Vec<&str> {
        labels.iter().zip(p).filter(|(_, v)| (**v == 0.0) == want_zero).map(|(l, _)| l.as_str()).collect()
    };
    match direction {
        Direction::Forward => {
            let held = names(false);
            let note = if held.len() == 3 {
                "∞ on every edge (red): there x gives 0 to an outcome P gives mass. Inside, KL(P||x) is finite."
                    .to_string()
            } else {
                format!("∞ on the red edges, where x gives 0 to {}: P gives it mass.", held.join(" or "))
            };
            (note, true)
        }
        Direction::Reverse => {
            let ruled_out = names(true);
            if ruled_out.is_empty() {
                let note = "Finite everywhere, edges too: P rules nothing out. Largest at the corner of P's least \
                            likely outcome.";
                (note.to_string(), false)
            } else {
                (format!("∞ (striped) wherever x gives mass to {}: P gives it 0.", ruled_out.join(" or ")), true)
            }
        }
    }
}
