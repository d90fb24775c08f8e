//! The integrand of KL(P||Q), p·log(p/q), or of KL(Q||P), q·log(q/p), under the curves on
//! the same x axis: the area above the axis (where the first density is the more likely)
//! and below it shaded apart, with each area's integral printed. Their sum is that KL.

use eframe::egui::{self, Rect, Sense, Stroke, pos2, vec2};

use super::axes::Axes;
use super::canvas::Plot;
use super::measures::{bound_text, estimate_text};
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::theme;
use crate::info::density::{CurvePoint, DensityReport, Estimate};
use crate::info::{Direction, Measure, Side, Unit};
use crate::lesson::Concealed;

/// The least height of the plot, in points: room for three labelled y ticks and the x's.
pub const LEAST_HEIGHT: f32 = 140.0;

/// The KL whose integrand is drawn.
fn measure(direction: Direction) -> Measure {
    match direction {
        Direction::Forward => Measure::KlPQ,
        Direction::Reverse => Measure::KlQP,
    }
}

/// The side the KL averages over (its integrand is positive where this side is the more
/// likely), then the other.
fn sides(direction: Direction) -> (Side, Side) {
    match direction {
        Direction::Forward => (Side::P, Side::Q),
        Direction::Reverse => (Side::Q, Side::P),
    }
}

/// The title with the switch between the two KLs, and the two areas, above the plot.
/// `gap` names KL(Q||P) as the ELBO's gap (an inference scenario: q is Q, the posterior P);
/// `locked` keeps the switch where it is until a pending question is answered.
pub fn header_ui(
    ui: &mut egui::Ui,
    report: &DensityReport,
    unit: Unit,
    concealed: &Concealed,
    direction: &mut Direction,
    gap: bool,
    locked: bool,
) {
    // The switch stands in the title, where the KL's name goes: one row, as before.
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(egui::RichText::new("The integrand of").strong());
        for choice in Direction::ALL {
            ui.add_enabled_ui(!locked, |ui| {
                ui.selectable_value(direction, choice, choice.symbol())
                    .on_hover_text(format!("Draw the integrand of {} and its two areas", choice.symbol()))
                    .on_disabled_hover_text("The other integrand can be drawn once the question is answered");
            });
        }
        let (a, b) = sides(*direction);
        let (a, b) = (a.name().to_lowercase(), b.name().to_lowercase());
        ui.label(egui::RichText::new(format!("is {a}(x)·log({a}(x)/{b}(x))")).strong());
    });
    let direction = *direction;
    let kl_measure = measure(direction);
    let in_unit = |e: Estimate| Estimate { value: unit.from_nats(e.value), error: unit.from_nats(e.error) };
    let kl = report.in_unit(kl_measure, unit);
    let (positive, negative) = report.areas(direction);
    let (positive, negative) = (in_unit(positive), in_unit(negative));
    // The two areas add up to the KL: they go with it, or when either is near the answer.
    let areas_hidden = concealed.hides_terms(kl_measure)
        || [positive.value, negative.value].into_iter().any(|x| concealed.hides_number_in(x, unit));
    let area = |e| if areas_hidden { HIDDEN.to_string() } else { estimate_text(e) };
    let sum = if concealed.hides(kl_measure) { HIDDEN.to_string() } else { estimate_text(kl) };
    let symbol = direction.symbol();
    let gap = if gap && direction == Direction::Reverse { ", the ELBO's gap" } else { "" };
    // Each area is named in its shade's colour: the key of the plot, off its data.
    let (above, below) = sides(direction);
    let mut words = egui::text::LayoutJob::default();
    let text_color = ui.visuals().text_color();
    for (part, color) in [
        (format!("Above the axis, {} more likely: {}", above.name(), area(positive)), theme::color(ui, above)),
        ("; ".to_string(), text_color),
        (format!("below, {} more likely: {}", below.name(), area(negative)), theme::color(ui, below)),
        (format!(". Their sum is {symbol} = {sum} {}{gap}", unit.name()), text_color),
    ] {
        words.append(&part, 0.0, egui::TextFormat::simple(egui::TextStyle::Body.resolve(ui.style()), color));
    }
    let shown = ui.label(words);
    if !areas_hidden && !concealed.hides(kl_measure) {
        shown.on_hover_text(format!(
            "Above: {}\nBelow: {}\n{symbol}: {}",
            bound_text(positive),
            bound_text(negative),
            bound_text(kl)
        ));
    }
}

/// The plot's rectangle: what is left below, named for whoever reads the screen.
pub fn allocate(ui: &mut egui::Ui, direction: Direction) -> Rect {
    let height = ui.available_height().max(LEAST_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    let name = format!("The integrand of {}", direction.symbol());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, &name));
    rect
}

/// The integrand of `direction`'s KL at each sample, in `unit` per unit of x.
pub fn points(samples: &[CurvePoint], unit: Unit, direction: Direction) -> Vec<(f64, f64)> {
    samples.iter().map(|s| (s.x, unit.from_nats(s.term(direction)))).collect()
}

/// The integrand's plot in `rect`: x as `axes` says, y over its values and 0 with a little
/// room around them. Where the integrand is ∞ (its own density has mass where the other has
/// none), its area runs
/// off the top of the plot, above the last labelled value, and says ∞ there.
pub fn plot(rect: Rect, points: &[(f64, f64)], axes: Axes, unit: Unit) -> Plot {
    let finite = points.iter().map(|(_, y)| *y).filter(|y| y.is_finite());
    let (low, high) = finite.fold((0.0f64, 0.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
    // P = Q: the integrand is 0 everywhere, drawn on a scale around it.
    let (low, high) = if high - low > 1e-12 { (low, high) } else { (-1.0, 1.0) };
    // A little room beyond the extremes (0 stays an end where it is one).
    // 0.0's signum is 1: a 0 end is kept by name, not pushed away.
    let pad = |end: f64| if end == 0.0 { end } else { end + 0.05 * (high - low) * end.signum() };
    let infinite = points.iter().any(|(_, y)| *y == f64::INFINITY);
    let room_above = if infinite { 0.3 } else { 0.0 };
    Plot { outer: rect, below: 0.0, x: axes.x, y: (pad(low), pad(high)), room_above, y_name: y_name(unit) }
}

/// What the integrand's y axis shows: "bits per unit of x".
pub fn y_name(unit: Unit) -> String {
    format!("{} per unit of x", unit.name())
}

/// Draws the integrand of `direction`'s KL in `plot` (see [`plot`]), `gutter` points in
/// for the y labels: each area in the colour of the side that is the more likely there.
pub fn integrand_ui(ui: &egui::Ui, plot: &Plot, gutter: f32, points: &[(f64, f64)], direction: Direction) {
    let canvas = plot.canvas(ui, gutter);
    plot.axes_ui(ui, &canvas);
    let painter = ui.painter_at(canvas.rect.expand(2.0));
    let (above, below) = sides(direction);
    let above = theme::color(ui, above).gamma_multiply(0.45);
    let below = theme::color(ui, below).gamma_multiply(0.45);
    painter.add(canvas.area(points, |y| y > 0.0, above));
    painter.add(canvas.area(points, |y| y < 0.0, below));
    let y0 = canvas.screen_y(0.0);
    let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
    painter.line_segment([pos2(canvas.rect.left(), y0), pos2(canvas.rect.right(), y0)], stroke);
    painter.add(egui::Shape::line(canvas.line(points.iter().copied()), Stroke::new(2.0, theme::divergence(ui))));
    // Each stretch where the integrand is ∞ says so, at ∞'s full size.
    let infinity = egui::FontId::proportional(theme::body_size(ui) * theme::INFINITY_RATIO);
    let mut runs: Vec<(f64, f64)> = Vec::new();
    let mut before_was_infinite = false;
    for &(x, y) in points {
        let infinite = y == f64::INFINITY;
        match runs.last_mut() {
            Some(run) if infinite && before_was_infinite => run.1 = x,
            _ if infinite => runs.push((x, x)),
            _ => {}
        }
        before_was_infinite = infinite;
    }
    for (from, to) in runs {
        let at = pos2(canvas.screen_x(0.5 * (from + to)), canvas.rect.top() + 2.0);
        painter.text(
            at,
            egui::Align2::CENTER_TOP,
            crate::text::INFINITY,
            infinity.clone(),
            ui.visuals().strong_text_color(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reverse_integrand_is_q_log_q_over_p_shaded_q_above_the_axis() {
        let sample =
            CurvePoint { x: 1.0, p: 0.1, q: 0.4, kl_pq_term: 0.1 * (0.25f64).ln(), kl_qp_term: 0.4 * 4f64.ln() };
        let forward = points(&[sample], Unit::Nats, Direction::Forward);
        let reverse = points(&[sample], Unit::Bits, Direction::Reverse);
        assert_eq!(forward, vec![(1.0, sample.kl_pq_term)]);
        assert!((reverse[0].1 - 0.4 * 4f64.log2()).abs() < 1e-15, "{reverse:?}");
        // Above the axis is where the KL's own density is the more likely.
        assert_eq!(sides(Direction::Forward), (Side::P, Side::Q));
        assert_eq!(sides(Direction::Reverse), (Side::Q, Side::P));
        assert_eq!(measure(Direction::Reverse), Measure::KlQP);
    }

    #[test]
    fn a_zero_end_of_the_y_range_stays_at_zero_and_another_gets_room() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 200.0));
        let axes = Axes { x: (0.0, 1.0), top: 1.0 };
        // Never below 0 (P inside a much wider Q): the axis starts at 0, the zero line at the bottom.
        let never_negative = plot(rect, &[(0.0, 0.0), (0.5, 2.0), (1.0, 0.5)], axes, Unit::Nats);
        assert_eq!(never_negative.y.0, 0.0);
        assert!((never_negative.y.1 - 2.1).abs() < 1e-12, "{:?}", never_negative.y);
        let both = plot(rect, &[(0.0, -1.0), (1.0, 1.0)], axes, Unit::Nats);
        assert!((both.y.0 + 1.1).abs() < 1e-12 && (both.y.1 - 1.1).abs() < 1e-12, "{:?}", both.y);
    }
}
