//! P and Q drawn as curves, with the handles that edit them: under the axis a row of
//! centres for each side (drag left and right), on each peak a handle whose height sets
//! the component's weight, and on each flank one that sets its width. An inference
//! scenario adds its observations, a row of marks to drag along the axis, and draws the
//! fitted Gaussians when they have been asked for.

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

use super::axes::Axes;
use super::canvas::{Canvas, Plot};
use crate::app::model::densities::DensitiesDoc;
use crate::app::ui::theme;
use crate::info::Side;
use crate::info::density::{self, CurvePoint, Handles, Mixture, edit};

/// Room under the x labels for each row of centre handles and observations.
const ROW: f32 = 16.0;
const HANDLE: f32 = 7.0;

/// Which handle of a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Centre,
    Width,
    Weight,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Centre => "centre",
            Kind::Width => "width",
            Kind::Weight => "weight",
        }
    }
}

/// The accessible name of a handle: "P component 1 centre" (components from 1).
pub fn handle_label(side: Side, index: usize, kind: &str) -> String {
    format!("{} component {} {kind}", side.name(), index + 1)
}

/// Where each handle was drawn in the last frame, by its accessible name (for the frame
/// benchmark, which drags one without an accessibility tree).
pub fn handle_positions(ctx: &egui::Context) -> Vec<(String, Pos2)> {
    ctx.data(|data| data.get_temp(egui::Id::unique("density handles"))).unwrap_or_default()
}

/// The curves' rectangle, `height` points tall, named for whoever reads the screen.
pub fn allocate(ui: &mut egui::Ui, height: f32) -> Rect {
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "P and Q densities"));
    rect
}

/// The curves' plot in `rect`: x as `axes` says, y from 0 to above the highest density
/// and fitted Gaussian, and under it a row of handles for each side (and one of
/// observations).
pub fn plot(doc: &DensitiesDoc, rect: Rect, axes: Axes, fits: &[(String, density::Component)]) -> Plot {
    let rows = if doc.model().is_some() { 3.0 } else { 2.0 };
    // A fitted Gaussian may peak above both densities: room for it and its name.
    let top = fits.iter().map(|(_, c)| 1.15 * c.pdf(c.centre())).fold(axes.top, f64::max);
    Plot { outer: rect, below: ROW * rows, x: axes.x, y: (0.0, top), room_above: 0.0, y_name: Y_NAME.to_string() }
}

/// What the curves' y axis shows.
pub const Y_NAME: &str = "density, per unit of x";

/// Draws the curves of `plot` (see [`plot`]) and their handles, `gutter` points in for the
/// y labels; returns Some(message) when a drag was made (None inside: it was accepted;
/// Some: why it was refused).
pub fn curves_ui(
    ui: &mut egui::Ui,
    plot: &Plot,
    gutter: f32,
    doc: &mut DensitiesDoc,
    samples: &[CurvePoint],
    fits: &[(String, density::Component)],
    live: bool,
) -> Option<Option<String>> {
    let canvas = plot.canvas(ui, gutter);
    plot.axes_ui(ui, &canvas);
    let painter = ui.painter_at(plot.outer);
    for (name, component) in fits {
        fit_curve(ui, &painter, &canvas, name, component);
    }
    key_ui(ui, &painter, plot, doc.model().map_or(0, |model| model.observations().len()));
    for side in [Side::P, Side::Q] {
        let color = theme::color(ui, side);
        let points = canvas.line(samples.iter().map(|s| (s.x, side_value(s, side))));
        painter.add(canvas.area(
            &samples.iter().map(|s| (s.x, side_value(s, side))).collect::<Vec<_>>(),
            |_| true,
            theme::fill(ui, side).gamma_multiply(0.5),
        ));
        painter.add(egui::Shape::line(points, Stroke::new(2.5, color)));
    }
    let mut outcome = None;
    for side in [Side::P, Side::Q] {
        // An inference scenario's P is the posterior of its observations.
        let fixed = side == Side::P && doc.model().is_some();
        let editable = live && !fixed;
        let d = match side {
            Side::P => doc.p().clone(),
            Side::Q => doc.q().clone(),
        };
        let row_y = plot.below_top() + ROW * (if side == Side::P { 0.5 } else { 1.5 });
        for handles in density::handles(&d) {
            if let Some(result) = component_handles(ui, &canvas, &d, side, handles, row_y, (editable, !fixed)) {
                outcome = Some(match result {
                    Ok(next) => {
                        match side {
                            Side::P => doc.set_p(next),
                            Side::Q => doc.set_q(next),
                        }
                        None
                    }
                    Err(e) => Some(e),
                });
            }
        }
    }
    if doc.model().is_some() {
        let row_y = plot.below_top() + ROW * 2.5;
        if let Some(result) = observations_ui(ui, &canvas, doc, row_y, live) {
            outcome = Some(result.err());
        }
    }
    outcome
}

fn side_value(s: &CurvePoint, side: Side) -> f64 {
    match side {
        Side::P => s.p,
        Side::Q => s.q,
    }
}

/// A fitted Gaussian, dashed, with its name at its peak.
fn fit_curve(ui: &egui::Ui, painter: &egui::Painter, canvas: &Canvas, name: &str, c: &density::Component) {
    let color = ui.visuals().strong_text_color();
    let n = 160;
    let points: Vec<Pos2> = (0..=n)
        .map(|i| {
            let x = canvas.x.0 + (canvas.x.1 - canvas.x.0) * i as f64 / n as f64;
            canvas.to_screen(x, c.pdf(x))
        })
        .collect();
    painter.add(egui::Shape::dashed_line(&points, Stroke::new(2.0, color), 6.0, 4.0));
    let peak = canvas.to_screen(c.centre(), c.pdf(c.centre()));
    painter.text(peak - vec2(0.0, 4.0), egui::Align2::CENTER_BOTTOM, name, theme::tick_font(ui), color);
}

/// One component's three handles; the edited mixture (or why not) when one is dragged.
fn component_handles(
    ui: &mut egui::Ui,
    canvas: &Canvas,
    d: &Mixture,
    side: Side,
    h: Handles,
    row_y: f32,
    (editable, bright): (bool, bool),
) -> Option<Result<Mixture, String>> {
    let color = theme::color(ui, side);
    let centre = pos2(canvas.screen_x(h.centre), row_y);
    let mut handles = vec![(Kind::Centre, centre), (Kind::Width, canvas.to_screen(h.width.0, h.width.1))];
    if d.parts().len() > 1 {
        handles.push((Kind::Weight, canvas.to_screen(h.peak.0, h.peak.1)));
    }
    let mut result = None;
    let mut drawn: Vec<(String, Pos2)> =
        ui.ctx().data(|data| data.get_temp(egui::Id::unique("density handles"))).unwrap_or_default();
    for (kind, at) in handles {
        let id = ui.scope_id().with(("density handle", side.name(), h.index, kind));
        let sense = if editable { Sense::drag() } else { Sense::hover() };
        let response = ui.interact(Rect::from_center_size(at, vec2(2.0, 2.0) * (HANDLE + 3.0)), id, sense);
        let label = handle_label(side, h.index, kind.name());
        drawn.retain(|(name, _)| *name != label);
        drawn.push((label.clone(), at));
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, editable, &label));
        let hot = response.hovered() || response.dragged();
        draw_handle(ui, kind, at, color, hot, bright);
        let response = response.on_hover_text(match kind {
            Kind::Centre => "Drag left or right to move this component",
            Kind::Width => "Drag sideways to make this component wider or narrower",
            Kind::Weight => "Drag up or down to change this component's weight",
        });
        if !response.dragged() {
            continue;
        }
        let Some(pointer) = response.interact_pointer_pos() else { continue };
        let x = canvas.data_x(pointer.x);
        let edited = match kind {
            Kind::Centre => edit::move_centre(d, h.index, x),
            Kind::Width => {
                let half = (x - h.centre).abs().max(1e-3);
                let c = d.parts()[h.index].component;
                let width = if matches!(c, density::Component::Uniform { .. }) { 2.0 * half } else { half };
                edit::set_width(d, h.index, width)
            }
            Kind::Weight => {
                let height = canvas.data_y(pointer.y).max(0.0);
                match edit::weight_for_height(d, h.index, height) {
                    Some(w) => edit::set_weight(d, h.index, w),
                    None => continue,
                }
            }
        };
        result = Some(edited.map_err(|e| e.to_string()));
    }
    ui.ctx().data_mut(|data| data.insert_temp(egui::Id::unique("density handles"), drawn));
    result
}

fn draw_handle(ui: &egui::Ui, kind: Kind, at: Pos2, color: Color32, hot: bool, bright: bool) {
    let painter = ui.painter();
    let radius = if hot { HANDLE + 2.0 } else { HANDLE };
    // A posterior's handles are fainter: it moves with the observations, not by hand.
    let fill = if bright { color } else { color.gamma_multiply(0.4) };
    let outline = Stroke::new(1.5, ui.visuals().extreme_bg_color);
    match kind {
        Kind::Centre => {
            let points =
                vec![at + vec2(0.0, -radius), at + vec2(radius, 0.0), at + vec2(0.0, radius), at + vec2(-radius, 0.0)];
            painter.add(egui::Shape::convex_polygon(points, fill, outline));
        }
        Kind::Width => {
            painter.rect(
                Rect::from_center_size(at, vec2(radius * 1.2, radius * 2.0)),
                2.0,
                fill,
                outline,
                egui::StrokeKind::Middle,
            );
        }
        Kind::Weight => {
            painter.circle(at, radius, fill, outline);
        }
    }
}

/// The observations as marks under the axis, each dragged along it; P follows as their
/// posterior.
fn observations_ui(
    ui: &mut egui::Ui,
    canvas: &Canvas,
    doc: &mut DensitiesDoc,
    row_y: f32,
    live: bool,
) -> Option<Result<(), String>> {
    let observations = doc.model()?.observations().to_vec();
    let color = ui.visuals().strong_text_color();
    let mut result = None;
    for (index, x) in observations.iter().enumerate() {
        let at = pos2(canvas.screen_x(*x), row_y);
        let id = ui.scope_id().with(("observation", index));
        let sense = if live { Sense::drag() } else { Sense::hover() };
        let response = ui.interact(Rect::from_center_size(at, vec2(2.0, 2.0) * (HANDLE + 3.0)), id, sense);
        let label = format!("observation {}", index + 1);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, live, &label));
        let r = if response.hovered() || response.dragged() { HANDLE + 2.0 } else { HANDLE };
        let points = vec![at + vec2(0.0, -r), at + vec2(r, r * 0.8), at + vec2(-r, r * 0.8)];
        ui.painter().add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
        let response = response.on_hover_text("An observation x: drag it along the axis; the posterior P follows");
        if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let mut moved = observations.clone();
            moved[index] = canvas.data_x(pointer.x);
            result = Some(doc.set_observations(moved));
        }
    }
    result
}

/// The key, right-aligned on the row of the y axis's name (off the data): P, Q, and an
/// inference scenario's observations as the mark they are drawn with.
fn key_ui(ui: &egui::Ui, painter: &egui::Painter, plot: &Plot, observations: usize) {
    let font = theme::tick_font(ui);
    let gap = font.size;
    let y = plot.outer.top();
    let mut right = plot.outer.right();
    if observations > 0 {
        let color = ui.visuals().strong_text_color();
        let words = format!("x: the {observations} observations");
        let text = painter.text(pos2(right, y), egui::Align2::RIGHT_TOP, words, font.clone(), color);
        let (at, r) = (pos2(text.left() - HANDLE - 4.0, text.center().y), HANDLE);
        let points = vec![at + vec2(0.0, -r), at + vec2(r, r * 0.8), at + vec2(-r, r * 0.8)];
        painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
        right = at.x - r - gap;
    }
    for side in [Side::Q, Side::P] {
        let text =
            painter.text(pos2(right, y), egui::Align2::RIGHT_TOP, side.name(), font.clone(), theme::color(ui, side));
        right = text.left() - gap;
    }
}
