//! Two outcomes: every distribution is (x, 1 − x), so KL(P||x) and KL(x||P) are curves
//! over x. They run off to ∞ where x rules out an outcome P has (or the other way round):
//! the plot clips them at its top and says so, never a made-up finite end.

use eframe::egui::{self, RichText};
use egui_plot::{HoverPosition, Line, LineStyle, PlotPoint, PlotPoints, Points, Text, VLine};

use super::geometry::direction_symbol;
use super::geometry::kl_nats;
use crate::app::ui::theme;
use crate::app::views::ViewInput;
use crate::info::{Direction, Side};
use crate::text;

/// Samples per curve, denser near the ends where the curves climb.
const SAMPLES: usize = 400;

pub fn curves_ui(ui: &mut egui::Ui, input: &ViewInput<'_>) {
    let (p, q, unit) = (input.analysis.p[0], input.analysis.q[0], input.state.unit);
    let labels = input.state.doc.labels();
    let (first, second) = (label(labels, 0), label(labels, 1));
    let kl = |direction: Direction, x: f64| unit.from_nats(kl_of(direction, p, x));
    let colors = Direction::ALL.map(|direction| theme::kl_direction(ui, direction));
    let alarm = theme::alarm(ui);

    ui.label(RichText::new(format!("KL over every distribution x = ({first} x, {second} 1 − x):")).strong());
    for (direction, color) in Direction::ALL.into_iter().zip(colors) {
        let at_q = kl(direction, q);
        let symbol = direction_symbol(direction);
        let mut line =
            format!("── {symbol}: at Q it is {} = {}", symbol.replace('x', "Q"), text::with_unit(at_q, unit));
        let ends = infinite_ends(direction, p);
        if !ends.is_empty() {
            line.push_str(&format!("; ↑ ∞ at x = {}", ends.join(" and ")));
        }
        ui.label(RichText::new(line).color(if at_q.is_finite() { color } else { alarm }));
    }

    // The plot shows what matters: P, Q and the finite ends; the rest runs off the top.
    let marked = [kl(Direction::Forward, q), kl(Direction::Reverse, q)].into_iter().filter(|v| v.is_finite());
    let base = marked.fold(unit.from_nats(std::f64::consts::LN_2), f64::max);
    // KL(x||P) is finite at the ends (−log of P's probabilities): show them unless huge.
    let ends = [0.0, 1.0].map(|x| kl(Direction::Reverse, x)).into_iter().filter(|v| v.is_finite() && *v < 8.0 * base);
    let y_top = ends.fold(base, f64::max) * 1.15;
    let p_pair = [p, input.analysis.p[1]];
    let curve = |direction| clipped(runs(|x| unit.from_nats(kl_pair(direction, p_pair, x))), y_top);
    let curves = Direction::ALL.map(curve);
    let x_label = format!("x = probability of {first}");
    let describe = move |position: &HoverPosition<'_>| -> Option<String> {
        let (HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position }) = position;
        let x = position.x.clamp(0.0, 1.0);
        let value = |direction| text::with_unit(unit.from_nats(kl_of(direction, p, x)), unit);
        Some(format!(
            "x = ({first} {}, {second} {})\nKL(P||x) = {}\nKL(x||P) = {}",
            text::probability(x),
            text::probability(1.0 - x),
            value(Direction::Forward),
            value(Direction::Reverse)
        ))
    };
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    theme::still_plot("simplex_curves", ui.available_height())
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(y_top)
        .x_axis_label(x_label)
        .y_axis_label(unit.name())
        .label_formatter(describe)
        .show(ui, |plot_ui| {
            for (runs, (direction, color)) in curves.into_iter().zip(Direction::ALL.into_iter().zip(colors)) {
                for run in runs {
                    plot_ui.line(Line::new(direction_symbol(direction), PlotPoints::from(run)).color(color).width(2.5));
                }
                for x in infinity_xs(direction, p) {
                    // Just under the top, inside the plot, by the end that is infinite.
                    let at = PlotPoint::new(x.clamp(0.03, 0.97), y_top * 0.93);
                    let label = RichText::new("↑ ∞").size(16.0).color(color).strong();
                    plot_ui.text(Text::new("", at, label));
                }
            }
            plot_ui.vline(VLine::new("P", p).color(p_color).width(1.5));
            plot_ui.vline(VLine::new("Q", q).color(q_color).width(1.5).style(LineStyle::dashed_dense()));
            plot_ui.points(Points::new("P", vec![[p, 0.0]]).color(p_color).radius(6.0).filled(true));
            let on_curves: Vec<[f64; 2]> = Direction::ALL
                .map(|direction| [q, kl(direction, q)])
                .into_iter()
                .filter(|[_, y]| y.is_finite())
                .collect();
            plot_ui.points(
                Points::new("Q", on_curves)
                    .color(q_color)
                    .radius(6.0)
                    .shape(egui_plot::MarkerShape::Diamond)
                    .filled(true),
            );
            // The names beside their lines, clear of the ∞ marks at the top corners.
            for (x, name, color) in [(p, " P ", p_color), (q, " Q ", q_color)] {
                let label = RichText::new(name).size(theme::BODY_SIZE).color(color).strong();
                let anchor = if x > 0.85 { egui::Align2::RIGHT_CENTER } else { egui::Align2::LEFT_CENTER };
                plot_ui.text(Text::new("", PlotPoint::new(x, y_top * 0.72), label).anchor(anchor));
            }
        });
}

/// KL(P||x) or KL(x||P) in nats, for the distributions (p, 1 − p) and (x, 1 − x).
fn kl_of(direction: Direction, p: f64, x: f64) -> f64 {
    kl_pair(direction, [p, 1.0 - p], [x, 1.0 - x])
}

fn kl_pair(direction: Direction, p: [f64; 2], x: [f64; 2]) -> f64 {
    match direction {
        Direction::Forward => kl_nats(&p, &x),
        Direction::Reverse => kl_nats(&x, &p),
    }
}

/// The distributions sampled, from (0, 1) to (1, 0): Chebyshev nodes inside, and near
/// each end x = 10⁻⁵ … 10⁻³⁰⁰ held exactly (1 − 10⁻²⁰ would round to 1), so a curve that
/// climbs to ∞ is drawn climbing all the way out of the plot.
fn samples() -> Vec<[f64; 2]> {
    let tiny: Vec<f64> = (1..=60).map(|k| 10f64.powi(-5 * k)).collect();
    let inside = (1..SAMPLES).map(|k| {
        let x = 0.5 - 0.5 * (std::f64::consts::PI * k as f64 / SAMPLES as f64).cos();
        [x, 1.0 - x]
    });
    std::iter::once([0.0, 1.0])
        .chain(tiny.iter().rev().map(|&e| [e, 1.0 - e]))
        .chain(inside)
        .chain(tiny.iter().map(|&e| [1.0 - e, e]))
        .chain(std::iter::once([1.0, 0.0]))
        .collect()
}

/// The curve as runs of finite (x, value) points (an infinite stretch breaks the line).
fn runs(f: impl Fn([f64; 2]) -> f64) -> Vec<Vec<[f64; 2]>> {
    let mut runs = vec![Vec::new()];
    for x in samples() {
        let y = f(x);
        match runs.last_mut() {
            Some(run) if y.is_finite() => run.push([x[0], y]),
            Some(run) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.retain(|run| !run.is_empty());
    runs
}

/// The runs cut where they leave the plot at `top`: the line meets the top edge and
/// stops there (no made-up value is drawn for what lies above).
fn clipped(runs: Vec<Vec<[f64; 2]>>, top: f64) -> Vec<Vec<[f64; 2]>> {
    let mut out = Vec::new();
    for run in runs {
        let mut current: Vec<[f64; 2]> = Vec::new();
        for (k, &[x, y]) in run.iter().enumerate() {
            let previous = k.checked_sub(1).map(|j| run[j]);
            if let Some([px, py]) = previous
                && (py > top) != (y > top)
            {
                let t = (top - py) / (y - py);
                current.push([px + t * (x - px), top]);
                if y > top {
                    out.push(std::mem::take(&mut current));
                }
            }
            if y <= top {
                current.push([x, y]);
            }
        }
        out.push(current);
    }
    out.retain(|run| run.len() > 1);
    out
}

/// The ends x = 0 and x = 1 where a curve is infinite.
fn infinity_xs(direction: Direction, p: f64) -> Vec<f64> {
    [0.0, 1.0].into_iter().filter(|&x| kl_of(direction, p, x).is_infinite()).collect()
}

fn infinite_ends(direction: Direction, p: f64) -> Vec<String> {
    let xs = infinity_xs(direction, p);
    // KL(x||P) with P at an end is ∞ everywhere but at P itself.
    if direction == Direction::Reverse && (p == 0.0 || p == 1.0) {
        return vec![format!("every x ≠ {}", text::probability(p))];
    }
    xs.iter().map(|x| text::probability(*x)).collect()
}

fn label(labels: &[String], index: usize) -> String {
    labels.get(index).cloned().unwrap_or_else(|| format!("outcome {}", index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forward_curve_climbs_to_infinity_at_both_ends_and_the_reverse_stays_finite() {
        assert_eq!(infinity_xs(Direction::Forward, 0.9), vec![0.0, 1.0]);
        assert!(infinity_xs(Direction::Reverse, 0.9).is_empty());
        // KL(x||P) at x = 0 is −ln(1 − p): finite.
        assert!((kl_of(Direction::Reverse, 0.9, 0.0) - 10f64.ln()).abs() < 1e-12);
        let forward = runs(|x| kl_pair(Direction::Forward, [0.9, 0.1], x));
        assert_eq!(forward.len(), 1, "one unbroken run between the infinite ends");
        let (first, last) = (forward[0][0], forward[0][forward[0].len() - 1]);
        assert!(first[1] > 600.0 && last[1] > 60.0, "both ends climb far out: {first:?} {last:?}");
        let top = clipped(forward, 3.0);
        assert_eq!(top.len(), 1, "cut at both ends, the middle stays");
        let (first, last) = (top[0][0], top[0][top[0].len() - 1]);
        assert!(first[1] == 3.0 && last[1] == 3.0 && first[0] > 0.0 && last[0] < 1.0, "{first:?} {last:?}");
        // P at an end: the reverse curve is finite only at P.
        assert_eq!(infinite_ends(Direction::Reverse, 1.0), vec!["every x ≠ 1".to_string()]);
    }
}
