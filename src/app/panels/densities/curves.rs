//! P and Q drawn as curves, with the handles that edit them: under the axis a row of
//! centres for each side (drag left and right), on each peak a handle whose height sets
//! the component's weight, and on each flank one that sets its width. An inference
//! scenario adds its observations, a row of marks to drag along the axis, and draws the
//! fitted Gaussians when they have been asked for.

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

use super::axes::Axes;
use super::canvas::Canvas;
use crate::app::model::densities::DensitiesDoc;
use crate::app::ui::theme;
use crate::info::Side;
use crate::info::density::{self, CurvePoint, Handles, Mixture, edit};

/// Room under the axis for the rows of centre handles and observations.
const ROW: f32 = 16.0;
const HANDLE: f32 = 7.0;
/// Room under the axis for its numbers.
const TICKS: f32 = 16.0;

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

/// Draws the curves and their handles; returns Some(message) when a drag was made
/// (None inside: it was accepted; Some: why it was refused).
pub fn curves_ui(
    ui: &mut egui::Ui,
    doc: &mut DensitiesDoc,
    samples: &[CurvePoint],
    axes: Axes,
    fits: &[(String, density::Component)],
    height: f32,
    live: bool,
) -> Option<Option<String>> {
    let rows = if doc.model().is_some() { 3.0 } else { 2.0 };
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "P and Q densities"));
    let plot = Rect::from_min_max(rect.min + vec2(8.0, 6.0), rect.max - vec2(8.0, ROW * rows + TICKS));
    // A fitted Gaussian may peak above both densities: room for it and its name.
    let fit_top = fits.iter().map(|(_, c)| 1.15 * c.pdf(c.centre())).fold(axes.top, f64::max);
    let canvas = Canvas { rect: plot, x: axes.x, y: (0.0, fit_top) };
    let painter = ui.painter_at(rect);
    axis_ui(ui, &painter, &canvas);
    for (name, component) in fits {
        fit_curve(ui, &painter, &canvas, name, component);
    }
    for side in [Side::P, Side::Q] {
        let color = theme::color(ui, side);
        let points = canvas.line(samples.iter().map(|s| (s.x, side_value(s, side))));
        painter.add(canvas.area(
            &samples.iter().map(|s| (s.x, side_value(s, side))).collect::<Vec<_>>(),
            |_| true,
            theme::fill(ui, side).gamma_multiply(0.5),
        ));
        painter.add(egui::Shape::line(points, Stroke::new(2.5, color)));
        let label_at = canvas.to_screen(axes.x.0, fit_top) + vec2(4.0 + if side == Side::Q { 30.0 } else { 0.0 }, 0.0);
        painter.text(label_at, egui::Align2::LEFT_TOP, side.name(), egui::FontId::proportional(16.0), color);
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
        let row_y = plot.bottom() + TICKS + ROW * (if side == Side::P { 0.5 } else { 1.5 });
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
        let row_y = plot.bottom() + TICKS + ROW * 2.5;
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

/// The x axis with a few numbered ticks.
fn axis_ui(ui: &egui::Ui, painter: &egui::Painter, canvas: &Canvas) {
    // The plot's frame, marked as egui_plot marks one (an unfilled rectangle clipped to
    // itself): whoever reads the screen's text tells the tick labels under it by it.
    ui.painter_at(canvas.rect).rect_filled(canvas.rect, 0.0, Color32::TRANSPARENT);
    let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
    let y = canvas.rect.bottom();
    painter.line_segment([pos2(canvas.rect.left(), y), pos2(canvas.rect.right(), y)], stroke);
    let span = canvas.x.1 - canvas.x.0;
    let step = nice_step(span / 8.0);
    let mut tick = (canvas.x.0 / step).ceil() * step;
    while tick <= canvas.x.1 {
        let x = canvas.screen_x(tick);
        painter.line_segment([pos2(x, y), pos2(x, y + 3.0)], stroke);
        let text = crate::text::short_number(if tick.abs() < step * 1e-9 { 0.0 } else { tick });
        painter.text(
            pos2(x, y + 3.0),
            egui::Align2::CENTER_TOP,
            text,
            egui::FontId::proportional(11.0),
            ui.visuals().weak_text_color(),
        );
        tick += step;
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.max(1e-9).log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
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
    painter.text(peak - vec2(0.0, 4.0), egui::Align2::CENTER_BOTTOM, name, egui::FontId::proportional(13.0), color);
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
    if !observations.is_empty() {
        let text = format!("x: the {} observations", observations.len());
        ui.painter().text(
            pos2(canvas.rect.right(), row_y),
            egui::Align2::RIGHT_CENTER,
            text,
            egui::FontId::proportional(11.0),
            ui.visuals().weak_text_color(),
        );
    }
    result
}
