//! The surprise curve y = −log x, with each outcome's p and q marked on it, and the
//! entropy H(P) and cross-entropy H(P,Q) as horizontal lines: the gap is KL(P||Q).
//! What it draws is computed once per analysis revision, unit and concealment
//! ([`SurpriseData`]); the `*_ui` functions only draw it.

use eframe::egui::{self, RichText};
use egui_plot::{
    Arrows, HLine, HoverPosition, Line, LineStyle, MarkerShape, PlotPoint, PlotPoints, PlotUi, Points, Text,
};
use std::collections::HashMap;
use std::sync::Arc;

use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::Cached;
use crate::app::ui::concealment::{HIDDEN, HIDDEN_WHY};
use crate::app::ui::theme;
use crate::app::ui::{print, ticks};
use crate::info::{Measure, Side, Unit};
use crate::lesson::Concealed;
use crate::text;

/// How many of a vocabulary's outcomes get markers.
const MARKED_OUTCOMES: usize = 50;

/// What the data depends on: the analysis, the ranking of a vocabulary, the unit, and
/// what a pending question hides, and whether P stands alone.
type SurpriseKey = (u64, usize, Unit, Concealed, bool);

/// The surprise plot's data, ready to draw.
pub struct SurpriseData {
    unit: Unit,
    curve: Vec<[f64; 2]>,
    /// The outcomes marked, P's and Q's (those with a positive probability), with the
    /// markers' points in the same order.
    p_index: Vec<usize>,
    p_points: Vec<[f64; 2]>,
    q_index: Vec<usize>,
    q_points: Vec<[f64; 2]>,
    /// The marked outcomes' names, for the hover text.
    labels: Arc<HashMap<usize, String>>,
    /// Where an outcome has probability 0 its surprise is ∞: a marker at x = 0 pinned to the
    /// top edge says so, for P and for Q, naming the outcomes when one or two ("scissors").
    p_zero: Option<Option<String>>,
    q_zero: Option<Option<String>>,
    entropy: f64,
    cross: f64,
    show_entropy: bool,
    show_cross: bool,
    y_top: f64,
    /// The smallest probability the curve reaches (the left edge of a logarithmic axis).
    x_min: f64,
    /// " (top 50)" when a vocabulary marks only its top outcomes.
    which: String,
    /// The scenario is about P alone: no Q markers, no H(P,Q), no KL gap.
    p_alone: bool,
    /// What P and Q stand for, for the key: "p (policy)".
    roles: crate::scenario::Roles,
}

impl SurpriseData {
    fn compute(state: &AppState, analysis: &Analysis, concealed: &Concealed) -> Self {
        let unit = state.unit;
        let report = &analysis.report;
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
        let curve = (0..=240)
            .map(|k| {
                let x = (x_min.ln() * (1.0 - k as f64 / 240.0)).exp();
                [x, surprise(x)]
            })
            .collect();
        let markers = |values: &[f64]| -> (Vec<usize>, Vec<[f64; 2]>) {
            marked.iter().filter(|&&i| values[i] > 0.0).map(|&i| (i, [values[i], surprise(values[i])])).unzip()
        };
        let names = state.doc.labels();
        let zero = |values: &[f64]| -> Option<Option<String>> {
            let named: Vec<&str> = marked
                .iter()
                .filter(|&&i| values[i] == 0.0)
                .map(|&i| names.get(i).map(String::as_str).unwrap_or(""))
                .collect();
            // Named when there are one or two; more would not fit beside the curve.
            match named.len() {
                0 => None,
                1..=2 => Some(Some(named.join(", "))),
                _ => Some(None),
            }
        };
        // An infinite surprise of Q where P happens makes H(P,Q) and KL(P||Q) infinite (and
        // of P, H(Q,P) and KL(Q||P)): while a question hides those, so does its marker.
        let shows = |measures: [Measure; 2]| !measures.iter().any(|m| concealed.hides(*m));
        let p_zero = zero(&analysis.p).filter(|_| shows([Measure::CrossEntropyQP, Measure::KlQP]));
        let q_zero = zero(&analysis.q).filter(|_| shows([Measure::CrossEntropyPQ, Measure::KlPQ]));
        let p_alone = state.doc.focus.p_alone();
        let q_zero = q_zero.filter(|_| !p_alone);
        let (p_index, p_points) = markers(&analysis.p);
        let (q_index, q_points) = if p_alone { (Vec::new(), Vec::new()) } else { markers(&analysis.q) };
        let entropy = unit.from_nats(report.entropy_p);
        let cross = unit.from_nats(report.cross_entropy_pq);
        let (show_entropy, show_cross) =
            (!concealed.hides(Measure::EntropyP), !p_alone && !concealed.hides(Measure::CrossEntropyPQ));
        // The scale must not hint at a hidden line's height.
        let cross_shown = cross.is_finite() && show_cross;
        let y_top = surprise(x_min).max(if cross_shown { cross * 1.15 } else { 0.0 }).max(1.0);
        let labels = marked.iter().map(|&i| (i, names.get(i).cloned().unwrap_or_default())).collect();
        let which = if marked.len() < analysis.p.len() { format!(" (top {})", marked.len()) } else { String::new() };
        SurpriseData {
            unit,
            curve,
            p_index,
            p_points,
            q_index,
            q_points,
            labels: Arc::new(labels),
            p_zero,
            q_zero,
            entropy,
            cross,
            show_entropy,
            show_cross,
            y_top,
            x_min,
            which,
            p_alone,
            roles: state.doc.roles.clone(),
        }
    }

    fn surprise(&self, x: f64) -> f64 {
        self.unit.from_nats(-x.ln())
    }

    fn p_name(&self) -> String {
        format!("P markers (p, −{} p)", self.unit.log_name())
    }

    fn q_name(&self) -> String {
        format!("Q markers (q, −{} q)", self.unit.log_name())
    }

    /// The hover text of a point: an outcome's marker names it, the curve gives x and y.
    fn describe(&self, axis: XAxis) -> impl Fn(&HoverPosition<'_>) -> Option<String> + 'static {
        let (p_name, q_name, unit) = (self.p_name(), self.q_name(), self.unit);
        let (p_index, q_index) = (self.p_index.clone(), self.q_index.clone());
        let labels = Arc::clone(&self.labels);
        move |position: &HoverPosition<'_>| -> Option<String> {
            let HoverPosition::NearDataPoint { plot_name, position, index } = position else {
                return None;
            };
            let position = PlotPoint::new(axis.probability(position.x), position.y);
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
    }
}

/// The surprise plot's cache, kept by the view that shows it, and whether its probability
/// axis is logarithmic (small probabilities bunch up at the left edge of a linear one).
#[derive(Default)]
pub struct Surprise {
    data: Cached<SurpriseKey, SurpriseData>,
    pub log_x: bool,
}

/// The probability axis: linear from 0 to 1, or log₁₀ p from the curve's smallest p to 1.
#[derive(Debug, Clone, Copy)]
struct XAxis {
    log: bool,
    x_min: f64,
}

impl XAxis {
    /// Where probability `p` is drawn.
    fn x(self, p: f64) -> f64 {
        if self.log { p.max(self.x_min).log10() } else { p }
    }

    /// The probability drawn at `x`.
    fn probability(self, x: f64) -> f64 {
        if self.log { 10f64.powf(x) } else { x }
    }

    /// The left edge, where probability 0 (surprise ∞) is pinned.
    fn left(self) -> f64 {
        if self.log { self.x_min.log10() } else { 0.0 }
    }

    /// A point of the curve or a marker, (p, surprise), where it is drawn.
    fn point(self, [p, y]: [f64; 2]) -> [f64; 2] {
        [self.x(p), y]
    }
}

impl Surprise {
    /// Draws the plot; returns where it was drawn.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        analysis: &Analysis,
        concealed: &Concealed,
    ) -> egui::Rect {
        let key =
            (analysis.revision, analysis.order.ranking_id(), state.unit, concealed.clone(), state.doc.focus.p_alone());
        let data = self.data.get(key, || SurpriseData::compute(state, analysis, concealed));
        surprise_ui(ui, data, state, analysis, &mut self.log_x)
    }
}

/// The key, the two levels, and the plot.
fn surprise_ui(
    ui: &mut egui::Ui,
    data: &SurpriseData,
    state: &AppState,
    analysis: &Analysis,
    log_x: &mut bool,
) -> egui::Rect {
    // The title carries the key: a legend inside the plot covered the markers at
    // 1024×768, and a line of its own would take the plot's last rows.
    key_ui(ui, data, log_x);
    levels_ui(ui, data);
    let axis = XAxis { log: *log_x, x_min: data.x_min };
    let palette = Palette {
        p: theme::color(ui, Side::P),
        q: theme::color(ui, Side::Q),
        gap: theme::divergence(ui),
        alarm: theme::alarm(ui),
        curve: ui.visuals().text_color().gamma_multiply(0.6),
        label_size: theme::body_size(ui) * 1.3,
    };
    let height = ui.available_height();
    let notes = ZeroNotes::lay_out(ui, data, height, palette.alarm);
    let mut plot = theme::round_ticks(theme::still_plot("surprise_curve", height), ui);
    if axis.log {
        // Decades, labelled as the probabilities they are.
        plot = plot.x_grid_spacer(|input| ticks::decade_marks(input, theme::TICK_SPACING_X + 1.0)).custom_x_axes(vec![
            theme::unfaded_x_axis(theme::TICK_SPACING_X).formatter(|mark, _| ticks::decade_label(mark.value)),
        ]);
    }
    let response = plot
        .include_x(axis.left())
        .include_x(1.0f64.min(axis.x(1.0)))
        .include_y(0.0)
        .include_y(notes.top)
        .x_axis_label(if axis.log { "probability (log scale)" } else { "probability" })
        .y_axis_label(data.unit.name())
        .label_formatter(data.describe(axis))
        .show(ui, |plot_ui| plot_contents_ui(plot_ui, data, &palette, state.selected, analysis, axis, &notes));
    response.response.rect
}

/// The first line: what the markers are, and the switch to a logarithmic probability axis.
fn key_ui(ui: &mut egui::Ui, data: &SurpriseData, log_x: &mut bool) {
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        ui.label(RichText::new(format!("Surprise −{} x:", data.unit.log_name())).strong());
        let named = |side: Side| match data.roles.is_default() {
            true => String::new(),
            false => format!(" ({})", data.roles.of(side)),
        };
        ui.label(RichText::new(format!("● p{}", named(Side::P))).color(p_color).strong())
            .on_hover_text("P's outcomes, at (p, surprise)");
        if !data.p_alone {
            ui.label(RichText::new(format!("◆ q{}{}", named(Side::Q), data.which)).color(q_color).strong())
                .on_hover_text("Q's outcomes, at (q, surprise)");
        }
        if !print::printing(ui) {
            ui.checkbox(log_x, "log p").on_hover_text(
                "The probability axis on a log scale: small probabilities, bunched at the left edge, spread out",
            );
        }
    });
}

/// The second line: the two levels, each with its meaning on hover; a pending question
/// about either hides it, and its value.
fn levels_ui(ui: &mut egui::Ui, data: &SurpriseData) {
    let unit = data.unit;
    let p_color = theme::color(ui, Side::P);
    // H(P,Q) is the cost with Q's code: Q's colour.
    let cross_color = theme::color(ui, Side::Q);
    let alarm = theme::alarm(ui);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 14.0;
        if data.show_entropy {
            ui.label(RichText::new(format!("── H(P) = {}", text::with_unit(data.entropy, unit))).color(p_color))
                .on_hover_text("P's average surprise");
        } else {
            ui.label(RichText::new(format!("H(P) = {HIDDEN}")).color(p_color)).on_hover_text(HIDDEN_WHY);
        }
        if data.p_alone {
            // P alone: no cross-entropy to compare with.
        } else if !data.show_cross {
            ui.label(RichText::new(format!("H(P,Q) = {HIDDEN}")).color(cross_color)).on_hover_text(HIDDEN_WHY);
        } else if data.cross.is_finite() {
            ui.label(RichText::new(format!("- - H(P,Q) = {}", text::with_unit(data.cross, unit))).color(cross_color))
                .on_hover_text("The average surprise under Q's model: the gap to H(P) is KL(P||Q)");
        } else {
            ui.label(RichText::new("H(P,Q) = ∞: Q rules out an outcome of P").color(alarm).strong());
        }
    });
}

/// What says that a probability 0 has surprise ∞: a line for each side that has one,
/// laid out before the plot (egui_plot would not wrap it), and the plot's top, raised
/// over the curve's so that the notes have a band of their own.
struct ZeroNotes {
    galley: Option<Arc<egui::Galley>>,
    top: f64,
}

impl ZeroNotes {
    fn lay_out(ui: &egui::Ui, data: &SurpriseData, plot_height: f32, color: egui::Color32) -> Self {
        let log = data.unit.log_name();
        let lines: Vec<String> = [(&data.p_zero, "p"), (&data.q_zero, "q")]
            .into_iter()
            .filter_map(|(zero, side)| zero.as_ref().map(|named| (named, side)))
            .map(|(named, side)| match named {
                Some(named) => format!("{side} = 0: −{log} {side} = {} ({named})", text::INFINITY),
                None => format!("{side} = 0: −{log} {side} = {}", text::INFINITY),
            })
            .collect();
        if lines.is_empty() {
            return ZeroNotes { galley: None, top: data.y_top };
        }
        // The frame is the plot less its x axis (about two rows); the notes take their
        // share of it off the top, up to half. In a short plot they take smaller type.
        let row = ui.text_style_height(&egui::TextStyle::Body);
        let frame = (plot_height.max(100.0) - 2.0 * row).max(60.0);
        let style = if frame < 10.0 * row { egui::TextStyle::Small } else { egui::TextStyle::Body };
        let wrap = (ui.available_width() * 0.7).max(120.0);
        let galley = ui.fonts_mut(|fonts| fonts.layout(lines.join("\n"), style.resolve(ui.style()), color, wrap));
        let share = ((galley.size().y + 6.0) / frame).min(0.5) as f64;
        ZeroNotes { galley: Some(galley), top: data.y_top / (1.0 - share) }
    }
}

/// The plot's colours, taken from the theme outside the plot.
struct Palette {
    p: egui::Color32,
    q: egui::Color32,
    /// The KL gap: the divergence colour, neither P's nor Q's.
    gap: egui::Color32,
    /// Infinite surprises.
    alarm: egui::Color32,
    curve: egui::Color32,
    /// The KL label's size: large, in presentation mode too.
    label_size: f32,
}

/// The curve, the levels with the KL gap between them, the markers, and the selected
/// outcome's markers larger.
fn plot_contents_ui(
    plot_ui: &mut PlotUi<'_>,
    data: &SurpriseData,
    palette: &Palette,
    selected: usize,
    analysis: &Analysis,
    axis: XAxis,
    notes: &ZeroNotes,
) {
    let (p_color, q_color) = (palette.p, palette.q);
    // H(P,Q) is the cost with Q's code: Q's colour.
    let cross_color = q_color;
    let (gap_color, curve_color) = (palette.gap, palette.curve);
    let (entropy, cross) = (data.entropy, data.cross);
    let points = |points: &[[f64; 2]]| -> Vec<[f64; 2]> { points.iter().map(|&p| axis.point(p)).collect() };
    plot_ui.line(Line::new("", PlotPoints::from(points(&data.curve))).color(curve_color).width(2.0));
    if data.show_entropy {
        plot_ui.hline(HLine::new("", entropy).color(p_color).width(2.0));
    }
    if cross.is_finite() && data.show_cross && data.show_entropy {
        plot_ui.hline(HLine::new("", cross).color(cross_color).width(2.0).style(LineStyle::dashed_dense()));
        // The gap between the lines is KL(P||Q): draw it and say so (not when it is 0).
        if cross - entropy > 1e-9 * entropy.abs().max(1.0) {
            gap_ui(plot_ui, data, axis, gap_color, palette.label_size);
        }
    }
    plot_ui.points(
        Points::new(data.p_name(), points(&data.p_points))
            .color(p_color)
            .radius(6.0)
            .shape(MarkerShape::Circle)
            .filled(true),
    );
    plot_ui.points(
        Points::new(data.q_name(), points(&data.q_points))
            .color(q_color)
            .radius(6.0)
            .shape(MarkerShape::Diamond)
            .filled(true),
    );
    // Probability 0: surprise ∞, pinned to the top edge at x = 0.
    let (top, left) = (notes.top, axis.left());
    for (zero, color, shape) in
        [(&data.p_zero, p_color, MarkerShape::Circle), (&data.q_zero, q_color, MarkerShape::Diamond)]
    {
        if zero.is_none() {
            continue;
        }
        plot_ui.points(Points::new("", vec![[left, top]]).color(color).radius(7.0).shape(shape).filled(true));
        let arrow = Arrows::new("", PlotPoints::from(vec![[left, top * 0.9]]), PlotPoints::from(vec![[left, top]]));
        plot_ui.arrows(arrow.color(palette.alarm).tip_length(8.0));
    }
    // The notes in the top right corner, in the room made for them above the curve (beside
    // the pinned markers they covered the curve's steep left end).
    if let Some(galley) = &notes.galley {
        let corner = axis.x(1.0) - 0.02 * (axis.x(1.0) - left);
        let label = egui::WidgetText::Galley(Arc::clone(galley));
        plot_ui.text(Text::new("", PlotPoint::new(corner, top), label).anchor(egui::Align2::RIGHT_TOP));
    }
    let sides: &[(&Vec<f64>, egui::Color32)] =
        if data.p_alone { &[(&analysis.p, p_color)] } else { &[(&analysis.p, p_color), (&analysis.q, q_color)] };
    for &(values, color) in sides {
        if let Some(&v) = values.get(selected).filter(|v| **v > 0.0) {
            let at = axis.point([v, data.surprise(v)]);
            plot_ui.points(Points::new("", vec![at]).color(color).radius(10.0).filled(false));
        }
    }
}

/// The KL gap between H(P) and H(P,Q): a bar from one level to the other, on the side of
/// the plot away from the curve at that height (so no marker sits on it), and "KL" in
/// large type beside it, between the lines where they are far enough apart, else just
/// above the upper one, clear of both.
fn gap_ui(plot_ui: &mut PlotUi<'_>, data: &SurpriseData, axis: XAxis, color: egui::Color32, size: f32) {
    let (entropy, cross) = (data.entropy, data.cross);
    let (left, right) = (axis.left(), axis.x(1.0));
    let width = right - left;
    let middle = (entropy + cross) / 2.0;
    // Every marker sits on the curve, which passes this height at p = e^(−middle in nats):
    // the gap goes on the other half of the plot.
    let per_nat = data.unit.from_nats(1.0);
    let curve_x = axis.x((-middle / per_nat).exp());
    let on_right = curve_x - left < width * 0.5;
    let gap_x = if on_right { right - width * 0.03 } else { left + width * 0.03 };
    plot_ui.line(Line::new("", PlotPoints::from(vec![[gap_x, entropy], [gap_x, cross]])).color(color).width(3.0));
    let label = RichText::new("KL").size(size).strong().color(color);
    let transform = plot_ui.transform();
    let gap_points = (transform.position_from_point(&PlotPoint::new(gap_x, entropy)).y
        - transform.position_from_point(&PlotPoint::new(gap_x, cross)).y)
        .abs();
    let text_x = if on_right { gap_x - width * 0.02 } else { gap_x + width * 0.02 };
    let (y, vertical) = if gap_points >= size + 6.0 {
        (middle, egui::Align::Center)
    } else {
        // Too narrow: over the upper line, a few points clear of it.
        let above = transform.dvalue_dpos()[1].abs() * 4.0;
        (cross.max(entropy) + above, egui::Align::Max)
    };
    let horizontal = if on_right { egui::Align::Max } else { egui::Align::Min };
    plot_ui.text(Text::new("", PlotPoint::new(text_x, y), label).anchor(egui::Align2([horizontal, vertical])));
}
