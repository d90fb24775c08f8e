//! Per-outcome contributions to the two KL divergences, as grouped signed bars:
//! p·log(p/q) (forward, P's colour) beside q·log(q/p) (reverse, Q's colour); for a
//! scenario about P alone, the terms of H(P), p·(−log p), one bar each. What it
//! draws is computed once per analysis revision, selection, unit and concealment
//! ([`ContributionsData`]); the `*_ui` functions only draw it.

use eframe::egui::{self, FontId, Rect, RichText, Stroke};
use egui_plot::{Arrows, Bar, BarChart, HLine, Line, PlotPoint, PlotPoints, PlotUi, Text};

use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::Cached;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::fit_text::{fit_to_width, text_width};
use crate::app::ui::theme;
use crate::info::measures::outcome_terms;
use crate::info::{Measure, Side, Unit};
use crate::lesson::Concealed;
use crate::text;
use crate::text::thousands;

/// What the data depends on: the analysis, the ranking of a vocabulary, the selected
/// outcome, the unit, what a pending question hides, and whether P stands alone.
type ContributionsKey = (u64, usize, usize, Unit, Concealed, bool);

/// The contribution plot's data, ready to draw: the shown outcomes' terms in the unit,
/// NaN where a pending question hides them.
pub struct ContributionsData {
    unit: Unit,
    shown: Shown,
    forward: Vec<f64>,
    reverse: Vec<f64>,
    /// The finite terms' scale: the largest of them, with room above it.
    clip: f64,
    /// The top of the plot: above `clip` by the room an infinite bar's ∞ takes inside it.
    top: f64,
    /// With an infinite term, the plot's bottom (the most negative term, with room): the
    /// y range is fixed, since the infinite bar itself would stretch it.
    bottom: f64,
    any_infinite: bool,
    hide_forward: bool,
    hide_reverse: bool,
    forward_name: String,
    reverse_name: String,
    heading: String,
    /// The scenario is about P alone: `forward` holds H(P)'s terms, and there is no `reverse`.
    p_alone: bool,
}

impl ContributionsData {
    fn compute(state: &AppState, analysis: &Analysis, concealed: &Concealed) -> Self {
        let unit = state.unit;
        let report = &analysis.report;
        let mut shown = Shown::of(state, analysis);
        let p_alone = state.doc.focus.p_alone();
        if p_alone {
            // The terms of H(P) in place of KL's, and nothing of Q's.
            shown.forward = std::mem::take(&mut shown.entropy);
            shown.reverse.clear();
        }
        // A pending question about these terms, or a term near a number question's answer:
        // that side's bars and sum stay hidden.
        let hides = |measure: Measure, terms: &[f64]| {
            concealed.hides_terms(measure) || concealed.hides_any(terms.iter().map(|&t| unit.from_nats(t)))
        };
        let forward_measure = if p_alone { Measure::EntropyP } else { Measure::KlPQ };
        let hide_forward = hides(forward_measure, &shown.forward);
        let hide_reverse = p_alone || hides(Measure::KlQP, &shown.reverse);
        let in_unit = |terms: &[f64], hide: bool| -> Vec<f64> {
            terms.iter().map(|&t| if hide { f64::NAN } else { unit.from_nats(t) }).collect()
        };
        let forward = in_unit(&shown.forward, hide_forward);
        let reverse = in_unit(&shown.reverse, hide_reverse);
        let largest = forward.iter().chain(&reverse).filter(|t| t.is_finite()).fold(0.0f64, |m, t| m.max(t.abs()));
        let clip = (largest * 1.15).max(0.05);
        let any_infinite = forward.iter().chain(&reverse).any(|t| t.is_infinite());
        let top = if any_infinite { clip * INFINITE_ROOM } else { clip };
        let lowest = forward.iter().chain(&reverse).filter(|t| t.is_finite()).fold(0.0f64, |m, &t| m.min(t));
        let bottom = lowest * 1.1 - clip * 0.05;
        let log = unit.log_name();
        let sum =
            |hide: bool, nats: f64| if hide { HIDDEN.to_string() } else { text::with_unit(unit.from_nats(nats), unit) };
        let forward_name = if p_alone {
            format!("Σ p·(−{log} p) = H(P) = {}", sum(hide_forward, report.entropy_p))
        } else {
            format!("Σ p·{log}(p/q) = KL(P||Q) = {}", sum(hide_forward, report.kl_pq))
        };
        let reverse_name = format!("Σ q·{log}(q/p) = KL(Q||P) = {}", sum(hide_reverse, report.kl_qp));
        let heading = match shown.others {
            0 if p_alone => "Each outcome's share of the entropy H(P)".to_string(),
            0 => "Contributions per outcome".to_string(),
            others => format!(
                "Contributions of the {} top outcomes ({}), and of the other {} together",
                shown.outcomes.len(),
                state.sort.name(),
                thousands(others)
            ),
        };
        ContributionsData {
            unit,
            shown,
            forward,
            reverse,
            clip,
            top,
            bottom,
            any_infinite,
            hide_forward,
            hide_reverse,
            forward_name,
            reverse_name,
            heading,
            p_alone,
        }
    }

    /// No bar shows: every term drawn is hidden by a pending question.
    fn all_hidden(&self) -> bool {
        self.hide_forward && self.hide_reverse
    }

    /// The width of a bar, and how far P's stands from its slot's centre: alone, a bar takes
    /// both halves of the slot.
    fn p_bar(&self) -> (f64, f64) {
        if self.p_alone { (2.0 * BAR_WIDTH, 0.0) } else { (BAR_WIDTH, -OFFSET) }
    }

    /// One side's bars: each outcome's term; an infinite one runs off the top of the plot,
    /// pale and outlined in the alarm colour (hatched and labelled by `infinite_ui`).
    fn bars(
        &self,
        terms: &[f64],
        offset: f64,
        color: egui::Color32,
        formula: &str,
        text_color: egui::Color32,
        alarm: egui::Color32,
    ) -> Vec<Bar> {
        let (selected, labels, unit) = (self.shown.selected, &self.shown.labels, self.unit);
        terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_nan())
            .map(|(i, &t)| {
                let infinite = t.is_infinite();
                let shown = if infinite { self.top * RUN_OFF } else { t };
                // Finite bars in the side's solid fill; an infinite one pale, so its arrow and ∞ read.
                let fill = if infinite { 0.3 } else { 1.0 };
                let width = if self.p_alone { self.p_bar().0 } else { BAR_WIDTH };
                let mut bar = Bar::new(i as f64 + offset, shown)
                    .width(width)
                    .fill(color.gamma_multiply(fill))
                    .name(format!("{}: {formula} = {}", labels[i], text::with_unit(t, unit)));
                if infinite {
                    bar = bar.stroke(Stroke::new(2.0, alarm));
                } else if selected == Some(i) {
                    bar = bar.stroke(Stroke::new(2.0, text_color));
                }
                bar
            })
            .collect()
    }
}

/// Each bar's width, in outcome slots: two bars and a gap per outcome.
const BAR_WIDTH: f64 = 0.36;
/// How far each side's bar stands from its outcome's slot centre.
const OFFSET: f64 = 0.19;
/// With an infinite term the plot reaches this many times the finite scale: the room for
/// the ∞ inside it, above the tallest finite bar.
const INFINITE_ROOM: f64 = 1.6;
/// An infinite bar is drawn this many times the plot's height, so that it runs off its top.
const RUN_OFF: f64 = 10.0;

/// The contribution plot's cache, kept by the view that shows it.
#[derive(Default)]
pub struct Contributions {
    data: Cached<ContributionsKey, ContributionsData>,
}

impl Contributions {
    /// Draws the plot; returns where it was drawn.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        analysis: &Analysis,
        concealed: &Concealed,
    ) -> egui::Rect {
        let key = (
            analysis.revision,
            analysis.order.ranking_id(),
            state.selected,
            state.unit,
            concealed.clone(),
            state.doc.focus.p_alone(),
        );
        let data = self.data.get(key, || ContributionsData::compute(state, analysis, concealed));
        contributions_ui(ui, data)
    }
}

/// The heading, the two sums, the plot, and the outcomes' names under their bars.
fn contributions_ui(ui: &mut egui::Ui, data: &ContributionsData) -> egui::Rect {
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    ui.label(RichText::new(&data.heading).strong());
    ui.label(RichText::new(&data.forward_name).color(p_color));
    if !data.p_alone {
        ui.label(RichText::new(&data.reverse_name).color(q_color));
    }
    let n = data.shown.labels.len();
    let names = OutcomeNames::for_ui(ui, &data.shown.labels);
    // Bars in the sides' saturated fills; the sums above in their text colours.
    let (p_fill, q_fill) = (theme::fill(ui, Side::P), theme::fill(ui, Side::Q));
    let palette = Palette {
        p: p_fill,
        q: q_fill,
        alarm: theme::alarm(ui),
        text: ui.visuals().strong_text_color(),
        infinity_size: infinity_size(ui, n),
    };
    let height = ui.available_height() - names.height - ui.spacing().item_spacing.y;
    let mut plot = theme::round_ticks(theme::still_plot("contributions", height), ui);
    // The outcomes' names are drawn under the plot (`outcome_names_ui`), not as its x
    // axis; with both sides hidden there are no bars to read against a y scale either.
    plot = plot.show_axes([false, !data.all_hidden()]);
    let response = plot
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .include_y(data.top)
        .include_x(-0.6)
        .include_x(n as f64 - 0.4)
        .y_axis_label(data.unit.name())
        .x_grid_spacer(move |input| outcome_marks(input, n))
        .show(ui, |plot_ui| {
            // With an infinite bar the y range is set every frame (the bar itself would
            // stretch it tenfold); a default range would be kept in the plot's memory and go
            // stale as soon as a bar is dragged. Otherwise the range follows the bars.
            if data.any_infinite {
                plot_ui.set_plot_bounds_y(data.bottom..=data.top);
            } else {
                plot_ui.set_auto_bounds(true);
            }
            bars_ui(plot_ui, data, &palette)
        });
    let rect = response.response.rect;
    outcome_names_ui(ui, &names, &data.shown.labels, &response.transform, rect);
    rect.union(Rect::from_min_size(rect.left_bottom(), egui::vec2(rect.width(), names.height)))
}

/// The size of an infinite bar's ∞ among `n` pairs of bars: as large as the measures
/// panel's digits, but no wider than half an outcome's slot (the glyph is about 0.55 of
/// its size wide), so that P's and Q's, side by side, never run into each other. The
/// slot is taken from the width here: the plot's own transform is last frame's while it
/// is being built.
fn infinity_size(ui: &egui::Ui, n: usize) -> f32 {
    let slot = ui.available_width() * 0.85 / n.max(1) as f32;
    (theme::big_number(ui) * theme::INFINITY_RATIO * 0.7).min(0.5 * slot / 0.55).max(theme::SMALL_SIZE)
}

/// How the outcomes' names stand under the bars: level where every one fits its slot,
/// else turned by `angle` (steeper for narrow slots, so that neighbours do not touch) and
/// cut to the band's room (the bars and the names' own hover text give them whole); only
/// where slots are too narrow even for that, every `stride`-th pair named, counting back
/// from the last, so that "the others" always are.
struct OutcomeNames {
    font: FontId,
    turned: bool,
    /// How far turned names lean from level, in radians.
    angle: f32,
    height: f32,
}

/// The least and the most turned names lean from level, in radians (40° and 70°).
const LEAST_ANGLE: f32 = 0.7;
const MOST_ANGLE: f32 = 1.22;

impl OutcomeNames {
    fn for_ui(ui: &egui::Ui, labels: &[String]) -> OutcomeNames {
        let scale = theme::text_scale(ui);
        let painter = ui.painter();
        let level = FontId::proportional(theme::BODY_SIZE * scale);
        // The plot's frame is the width less its y axis; the slot of one pair of bars.
        let slot = (ui.available_width() - 64.0 * scale) / labels.len().max(1) as f32;
        let widest = |font: &FontId| labels.iter().map(|l| text_width(painter, l, font)).fold(0.0f32, f32::max);
        let row = ui.fonts_mut(|f| f.row_height(&level));
        if widest(&level) <= slot - 6.0 {
            return OutcomeNames { font: level, turned: false, angle: 0.0, height: row + 4.0 };
        }
        let font = FontId::proportional(theme::SMALL_SIZE * scale);
        let row = ui.fonts_mut(|f| f.row_height(&font));
        // Parallel names stand slot·sin(angle) apart: enough for a row.
        let angle = ((row + 3.0) / slot.max(1.0)).min(1.0).asin().clamp(LEAST_ANGLE, MOST_ANGLE);
        // The band never takes the plot below its least height: names are cut first.
        let most = (ui.available_height() * 0.34).min(ui.available_height() - 120.0 * scale).max(2.0 * row);
        let wanted = widest(&font) * angle.sin() + row * angle.cos() + 6.0;
        OutcomeNames { font, turned: true, angle, height: wanted.min(most) }
    }
}

/// Each outcome's name under its pair of bars, found by its full name (hover, screen
/// readers) even where it is cut.
fn outcome_names_ui(
    ui: &mut egui::Ui,
    names: &OutcomeNames,
    labels: &[String],
    transform: &egui_plot::PlotTransform,
    frame: Rect,
) {
    let (band, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), names.height), egui::Sense::hover());
    let band = Rect::from_x_y_ranges(frame.x_range(), band.y_range());
    let painter = ui.painter_at(band.expand2(egui::vec2(frame.left() - ui.max_rect().left(), 0.0)));
    let color = theme::palette(ui).muted;
    let center = |i: usize| transform.position_from_point(&PlotPoint::new(i as f64, 0.0)).x;
    let n = labels.len();
    let slot = if n > 1 { (center(1) - center(0)).abs() } else { frame.width() };
    let row = ui.fonts_mut(|f| f.row_height(&names.font));
    let (sin, cos) = names.angle.sin_cos();
    // Turned names are parallel lines a slot·sin apart: name every stride-th so they do not touch.
    let stride = if names.turned { ((row + 1.0) / (slot * sin).max(1.0)).ceil().max(1.0) as usize } else { 1 };
    let along = ((names.height - 4.0 - row * cos) / sin).max(row);
    for (i, label) in labels.iter().enumerate().filter(|(i, _)| (n - 1 - i).is_multiple_of(stride)) {
        let x = center(i);
        let shown = if names.turned {
            fit_to_width(&painter, label, &names.font, along)
        } else {
            fit_to_width(&painter, label, &names.font, slot * stride as f32 - 6.0)
        };
        let galley = painter.layout_no_wrap(shown, names.font.clone(), color);
        let size = galley.size();
        let hover = if names.turned {
            // The name's right end under the slot's centre, leaning up to it from the lower left.
            let end = egui::pos2(x + row * 0.5 * sin, band.top() + 2.0 + row * 0.5);
            let along_text = egui::vec2(cos, -sin);
            let across = egui::vec2(sin, cos);
            let origin = end - along_text * size.x - across * (size.y * 0.5);
            painter.add(egui::epaint::TextShape::new(origin, galley, color).with_angle(-names.angle));
            Rect::from_min_max(
                egui::pos2(x - size.x * cos - row, band.top()),
                egui::pos2(x + row * 0.5, band.top() + size.x * sin + row),
            )
        } else {
            let min = egui::pos2(x - size.x / 2.0, band.top() + 2.0);
            painter.galley(min, galley, color);
            Rect::from_min_size(min, size)
        };
        let response = ui.interact(hover, ui.scope_id().with(("outcome name", i)), egui::Sense::hover());
        response
            .on_hover_text(label.as_str())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, format!("outcome {label}")));
    }
}

/// The plot's colours, taken from the theme outside the plot.
struct Palette {
    p: egui::Color32,
    q: egui::Color32,
    alarm: egui::Color32,
    text: egui::Color32,
    /// The size of an infinite bar's ∞ where its slot is wide enough: as large as the
    /// measures panel's digits, so that it reads from the back of the room.
    infinity_size: f32,
}

/// The zero line, both sides' bars, and an ∞ over each infinite term.
fn bars_ui(plot_ui: &mut PlotUi<'_>, data: &ContributionsData, palette: &Palette) {
    let n = data.shown.labels.len();
    let log = data.unit.log_name();
    plot_ui.hline(HLine::new("", 0.0).color(palette.text).width(1.0));
    let chart = |name: &str, bars: Vec<Bar>, color| {
        BarChart::new(name.to_string(), bars)
            .color(color)
            .element_formatter(Box::new(|bar: &Bar, _: &BarChart| bar.name.clone()))
    };
    if data.all_hidden() {
        let note = RichText::new("hidden until the question is answered").color(palette.text);
        plot_ui.text(Text::new("", PlotPoint::new((n as f64 - 1.0) / 2.0, data.clip / 2.0), note));
    }
    let (_, p_offset) = data.p_bar();
    let forward_formula = if data.p_alone { format!("p·(−{log} p)") } else { format!("p·{log}(p/q)") };
    let forward_bars = data.bars(&data.forward, p_offset, palette.p, &forward_formula, palette.text, palette.alarm);
    plot_ui.bar_chart(chart(&data.forward_name, forward_bars, palette.p));
    if !data.p_alone {
        let reverse_bars =
            data.bars(&data.reverse, OFFSET, palette.q, &format!("q·{log}(q/p)"), palette.text, palette.alarm);
        plot_ui.bar_chart(chart(&data.reverse_name, reverse_bars, palette.q));
    }
    for (terms, offset) in [(&data.forward, p_offset), (&data.reverse, OFFSET)] {
        for (i, t) in terms.iter().enumerate() {
            if t.is_infinite() {
                infinite_ui(plot_ui, i as f64 + offset, data.top, palette);
            }
        }
    }
}

/// What says that the bar at `x` is infinite: hatching up its length, an arrow at the top
/// edge pointing on up, and a full-size ∞ inside the plot under it.
fn infinite_ui(plot_ui: &mut PlotUi<'_>, x: f64, top: f64, palette: &Palette) {
    let (left, right) = (x - BAR_WIDTH / 2.0, x + BAR_WIDTH / 2.0);
    let step = top / 8.0;
    for k in 0..12 {
        let y = k as f64 * step;
        let hatch = vec![[left, y], [right, (y + step).min(top * RUN_OFF)]];
        plot_ui.line(Line::new("", PlotPoints::from(hatch)).color(palette.alarm.gamma_multiply(0.6)).width(1.5));
    }
    let arrow = Arrows::new("", PlotPoints::from(vec![[x, top * 0.86]]), PlotPoints::from(vec![[x, top]]));
    plot_ui.arrows(arrow.color(palette.alarm).tip_length(10.0));
    let size = palette.infinity_size;
    let marker = RichText::new(text::INFINITY).size(size).strong().color(palette.alarm);
    plot_ui.text(Text::new("", PlotPoint::new(x, top * 0.84), marker).anchor(egui::Align2::CENTER_TOP));
}

/// The outcomes given a pair of bars: all of them, or a vocabulary's top outcomes and
/// one more pair for everything else.
struct Shown {
    /// The outcome of each pair of bars (the last pair, "others", has none).
    outcomes: Vec<usize>,
    labels: Vec<String>,
    /// p·ln(p/q) and q·ln(q/p) of each pair, in nats.
    forward: Vec<f64>,
    reverse: Vec<f64>,
    /// p·(−ln p) of each: the terms of H(P), in nats.
    entropy: Vec<f64>,
    /// How many outcomes the last pair sums (0: no such pair).
    others: usize,
    /// The pair of the selected outcome, if it has one.
    selected: Option<usize>,
}

/// How many of a vocabulary's outcomes get bars of their own.
const TOP_OUTCOMES: usize = 12;

impl Shown {
    fn of(state: &AppState, analysis: &Analysis) -> Shown {
        let (p, q) = (&analysis.p, &analysis.q);
        let all_labels = state.doc.labels();
        let outcomes: Vec<usize> = match analysis.order.ranking() {
            Some(ranking) => ranking.outcomes.iter().take(TOP_OUTCOMES).map(|&i| i as usize).collect(),
            None => (0..p.len()).collect(),
        };
        let terms: Vec<_> = outcomes.iter().map(|&i| outcome_terms(p[i], q[i])).collect();
        let mut forward: Vec<f64> = terms.iter().map(|t| t.pq).collect();
        let mut reverse: Vec<f64> = terms.iter().map(|t| t.qp).collect();
        let entropy_term = |p: f64, surprise: f64| if p > 0.0 { p * surprise } else { 0.0 };
        let mut entropy: Vec<f64> =
            outcomes.iter().zip(&terms).map(|(&i, t)| entropy_term(p[i], t.surprise_p)).collect();
        let mut labels: Vec<String> =
            outcomes.iter().map(|&i| all_labels.get(i).cloned().unwrap_or_default()).collect();
        let others = p.len() - outcomes.len();
        if others > 0 {
            // What the others add: the total less the shown terms, unless the total is
            // infinite; then they are summed one by one (rare, and only then).
            let summed = |term: fn(f64, f64) -> f64| {
                let mut is_shown = vec![false; p.len()];
                outcomes.iter().for_each(|&i| is_shown[i] = true);
                (0..p.len()).filter(|&i| !is_shown[i]).map(|i| term(p[i], q[i])).sum::<f64>()
            };
            let rest = |total: f64, shown: &[f64], term: fn(f64, f64) -> f64| {
                if total.is_finite() { total - shown.iter().sum::<f64>() } else { summed(term) }
            };
            forward.push(rest(analysis.report.kl_pq, &forward, |p, q| outcome_terms(p, q).pq));
            reverse.push(rest(analysis.report.kl_qp, &reverse, |p, q| outcome_terms(p, q).qp));
            entropy.push(analysis.report.entropy_p - entropy.iter().sum::<f64>());
            // Their number is in the heading: the short name fits under narrow bars.
            labels.push("others".to_string());
        }
        let selected = outcomes.iter().position(|&i| i == state.selected);
        Shown { outcomes, labels, forward, reverse, entropy, others, selected }
    }
}

/// One grid mark per outcome, thinned so that labels do not collide.
pub fn outcome_marks(input: egui_plot::GridInput, n: usize) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    let visible = (max - min).max(1.0);
    let stride = ((visible / 8.0).ceil() as usize).max(1);
    (0..n).step_by(stride).map(|i| egui_plot::GridMark { value: i as f64, step_size: stride as f64 }).collect()
}
