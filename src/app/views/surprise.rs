//! The surprise curve y = −log x, with each outcome's p and q marked on it, and the
//! entropy H(P) and cross-entropy H(P,Q) as horizontal lines: the gap is KL(P||Q).

use eframe::egui::{self, RichText};
use egui_plot::{HLine, HoverPosition, Line, LineStyle, MarkerShape, PlotPoint, PlotPoints, Points, Text};

use crate::app::analysis::Analysis;
use crate::app::panels::measures::{HIDDEN, HIDDEN_WHY};
use crate::app::state::AppState;
use crate::app::theme;
use crate::info::{Measure, Side};
use crate::lesson::task::Concealed;
use crate::text;

/// How many of a vocabulary's outcomes get markers.
const MARKED_OUTCOMES: usize = 50;

/// Returns where the plot was drawn.
pub fn surprise_ui(ui: &mut egui::Ui, state: &AppState, analysis: &Analysis, concealed: &Concealed) -> egui::Rect {
    let unit = state.unit;
    let report = &analysis.report;
    let labels = state.doc.labels();
    let surprise = |x: f64| unit.from_nats(-x.ln());

    // A vocabulary marks its top outcomes only: a million markers would hide the curve.
    let marked: Vec<usize> = match analysis.order.ranking() {
        Some(ranking) => ranking.outcomes.iter().take(MARKED_OUTCOMES).map(|&i| i as usize).collect(),
        None => (0..analysis.p.len()).collect(),
    };
    // The curve reaches down to the smallest marked probability.
    let smallest =
        marked.iter().flat_map(|&i| [analysis.p[i], analysis.q[i]]).filter(|&x| x > 0.0).fold(0.05f64, f64::min);
    let x_min = (smallest * 0.5).max(1e-300);
    let curve: Vec<[f64; 2]> = (0..=240)
        .map(|k| {
            let x = (x_min.ln() * (1.0 - k as f64 / 240.0)).exp();
            [x, surprise(x)]
        })
        .collect();
    let markers = |values: &[f64]| -> (Vec<usize>, Vec<[f64; 2]>) {
        marked.iter().filter(|&&i| values[i] > 0.0).map(|&i| (i, [values[i], surprise(values[i])])).unzip()
    };
    let (p_index, p_points) = markers(&analysis.p);
    let (q_index, q_points) = markers(&analysis.q);
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    // H(P,Q) is the cost with Q's code: Q's colour. The gap, KL, has the divergence colour.
    let cross_color = theme::color(ui, Side::Q);
    let gap_color = theme::divergence(ui);
    let curve_color = ui.visuals().text_color().gamma_multiply(0.6);
    let alarm = theme::alarm(ui);
    let entropy = unit.from_nats(report.entropy_p);
    let cross = unit.from_nats(report.cross_entropy_pq);
    // The scale must not hint at a hidden line's height.
    let cross_shown = cross.is_finite() && !concealed.hides(Measure::CrossEntropyPQ);
    let y_top = surprise(x_min).max(if cross_shown { cross * 1.15 } else { 0.0 }).max(1.0);

    let p_name = format!("P markers (p, −{} p)", unit.log_name());
    let q_name = format!("Q markers (q, −{} q)", unit.log_name());
    let describe = {
        let (p_name, q_name) = (p_name.clone(), q_name.clone());
        let (p_index, q_index) = (p_index.clone(), q_index.clone());
        let labels: std::collections::HashMap<usize, String> =
            marked.iter().map(|&i| (i, labels.get(i).cloned().unwrap_or_default())).collect();
        move |position: &HoverPosition<'_>| -> Option<String> {
            let HoverPosition::NearDataPoint { plot_name, position, index } = position else {
                return None;
            };
            let (side, outcomes) = if *plot_name == p_name {
                ("p", &p_index)
            } else if *plot_name == q_name {
                ("q", &q_index)
            } else {
                return Some(format!("x = {}\nsurprise = {} {unit}", text::sig4(position.x), text::sig4(position.y)));
            };
            let outcome = outcomes.get(*index).and_then(|i| labels.get(i)).cloned().unwrap_or_default();
            Some(format!(
                "{outcome}: {side} = {}\nsurprise −{} {side} = {} {unit}",
                text::probability(position.x),
                unit.log_name(),
                text::sig4(position.y)
            ))
        }
    };

    // The title carries the key: a legend inside the plot covered the markers at
    // 1024×768, and a line of its own would take the plot's last rows.
    let which = if marked.len() < analysis.p.len() { format!(" (top {})", marked.len()) } else { String::new() };
    // Two short lines: the key, then the two levels (each with its meaning on hover).
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        ui.label(RichText::new(format!("Surprise −{} x:", unit.log_name())).strong());
        ui.label(RichText::new("● p").color(p_color).strong()).on_hover_text("P's outcomes, at (p, surprise)");
        ui.label(RichText::new(format!("◆ q{which}")).color(q_color).strong())
            .on_hover_text("Q's outcomes, at (q, surprise)");
    });
    // A pending question about either line hides it, and its value.
    let (show_entropy, show_cross) = (!concealed.hides(Measure::EntropyP), !concealed.hides(Measure::CrossEntropyPQ));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 14.0;
        if show_entropy {
            ui.label(RichText::new(format!("── H(P) = {}", text::with_unit(entropy, unit))).color(p_color))
                .on_hover_text("P's average surprise");
        } else {
            ui.label(RichText::new(format!("H(P) = {HIDDEN}")).color(p_color)).on_hover_text(HIDDEN_WHY);
        }
        if !show_cross {
            ui.label(RichText::new(format!("H(P,Q) = {HIDDEN}")).color(cross_color)).on_hover_text(HIDDEN_WHY);
        } else if cross.is_finite() {
            ui.label(RichText::new(format!("- - H(P,Q) = {}", text::with_unit(cross, unit))).color(cross_color))
                .on_hover_text("The average surprise under Q's model: the gap to H(P) is KL(P||Q)");
        } else {
            ui.label(RichText::new("H(P,Q) = ∞: Q rules out an outcome of P").color(alarm).strong());
        }
    });
    let response = theme::still_plot("surprise_curve", ui.available_height())
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(y_top)
        .x_axis_label("probability")
        .y_axis_label(unit.name())
        .label_formatter(describe)
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("", PlotPoints::from(curve)).color(curve_color).width(2.0));
            if show_entropy {
                plot_ui.hline(HLine::new("", entropy).color(p_color).width(2.0));
            }
            if cross.is_finite() && show_cross && show_entropy {
                plot_ui.hline(HLine::new("", cross).color(cross_color).width(2.0).style(LineStyle::dashed_dense()));
                // The gap between the lines is KL(P||Q): draw it and say so.
                let gap_x = 0.97;
                plot_ui.line(
                    Line::new("", PlotPoints::from(vec![[gap_x, entropy], [gap_x, cross]])).color(gap_color).width(3.0),
                );
                let label = RichText::new("KL").size(15.0).color(gap_color);
                plot_ui.text(
                    Text::new("", PlotPoint::new(gap_x - 0.02, (entropy + cross) / 2.0), label)
                        .anchor(egui::Align2::RIGHT_CENTER),
                );
            }
            plot_ui.points(
                Points::new(p_name.clone(), p_points)
                    .color(p_color)
                    .radius(6.0)
                    .shape(MarkerShape::Circle)
                    .filled(true),
            );
            plot_ui.points(
                Points::new(q_name.clone(), q_points)
                    .color(q_color)
                    .radius(6.0)
                    .shape(MarkerShape::Diamond)
                    .filled(true),
            );
            // The selected outcome, larger.
            let i = state.selected;
            for (values, color) in [(&analysis.p, p_color), (&analysis.q, q_color)] {
                if let Some(&v) = values.get(i).filter(|v| **v > 0.0) {
                    plot_ui.points(Points::new("", vec![[v, surprise(v)]]).color(color).radius(10.0).filled(false));
                }
            }
        });
    response.response.rect
}
