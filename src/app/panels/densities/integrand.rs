//! The integrand of KL(P||Q), p·log(p/q), under the curves on the same x axis: the area
//! above the axis (where P is the more likely) and below it (where Q is) shaded apart,
//! with each area's integral printed. Their sum is KL(P||Q).

use eframe::egui::{self, Rect, Sense, Stroke, pos2, vec2};

use super::axes::Axes;
use super::canvas::Canvas;
use super::measures::estimate_text;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::theme;
use crate::info::density::{CurvePoint, DensityReport};
use crate::info::{Measure, Side, Unit};
use crate::lesson::Concealed;

pub fn integrand_ui(
    ui: &mut egui::Ui,
    samples: &[CurvePoint],
    report: &DensityReport,
    axes: Axes,
    unit: Unit,
    concealed: &Concealed,
) {
    let positive = report.kl_pq_positive;
    let negative = report.kl_pq_negative;
    let in_unit = |e: crate::info::density::Estimate| crate::info::density::Estimate {
        value: unit.from_nats(e.value),
        error: unit.from_nats(e.error),
    };
    ui.label(egui::RichText::new("The integrand of KL(P||Q): p(x)·log(p(x)/q(x))").strong());
    let kl = report.in_unit(Measure::KlPQ, unit);
    let (positive, negative) = (in_unit(positive), in_unit(negative));
    // The two areas add up to KL(P||Q): they go with it, or when either is near the answer.
    let areas_hidden = concealed.hides_terms(Measure::KlPQ)
        || [positive.value, negative.value].into_iter().any(|x| concealed.hides_number_in(x, unit));
    let area = |e| if areas_hidden { HIDDEN.to_string() } else { estimate_text(e) };
    let sum = if concealed.hides(Measure::KlPQ) { HIDDEN.to_string() } else { estimate_text(kl) };
    ui.label(format!(
        "Area above the axis {}, below {}: their sum is KL(P||Q) = {sum} {}",
        area(positive),
        area(negative),
        unit.name()
    ));
    let height = ui.available_height().max(90.0);
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "The integrand of KL(P||Q)"));
    let points: Vec<(f64, f64)> = samples.iter().map(|s| (s.x, unit.from_nats(s.kl_term))).collect();
    let finite = points.iter().map(|(_, y)| *y).filter(|y| y.is_finite());
    let (low, high) = finite.fold((0.0f64, 0.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let pad = 0.1 * (high - low).max(1e-9);
    let canvas = Canvas {
        rect: Rect::from_min_max(rect.min + vec2(8.0, 4.0), rect.max - vec2(8.0, 4.0)),
        x: axes.x,
        y: (low - pad, high + pad),
    };
    let painter = ui.painter_at(rect);
    let above = theme::color(ui, Side::P).gamma_multiply(0.45);
    let below = theme::color(ui, Side::Q).gamma_multiply(0.45);
    painter.add(canvas.area(&points, |y| y > 0.0, above));
    painter.add(canvas.area(&points, |y| y < 0.0, below));
    let y0 = canvas.screen_y(0.0);
    let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
    painter.line_segment([pos2(canvas.rect.left(), y0), pos2(canvas.rect.right(), y0)], stroke);
    painter.add(egui::Shape::line(canvas.line(points.iter().copied()), Stroke::new(2.0, theme::divergence(ui))));
    let small = egui::FontId::proportional(12.0);
    painter.text(
        canvas.rect.left_top() + vec2(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        "P more likely: adds to KL",
        small.clone(),
        theme::color(ui, Side::P),
    );
    painter.text(
        canvas.rect.left_bottom() + vec2(4.0, -2.0),
        egui::Align2::LEFT_BOTTOM,
        "Q more likely: takes away",
        small,
        theme::color(ui, Side::Q),
    );
}
