//! Per-outcome contributions to the two KL divergences, as grouped signed bars:
//! p·log(p/q) (forward, P's colour) beside q·log(q/p) (reverse, Q's colour).

use eframe::egui::{self, RichText, Stroke};
use egui_plot::{Bar, BarChart, HLine, PlotPoint, Text};

use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::theme;
use crate::info::measures::outcome_terms;
use crate::info::{Measure, Side};
use crate::lesson::task::Concealed;
use crate::text;
use crate::text::thousands;

/// Returns where the plot was drawn.
pub fn contributions_ui(ui: &mut egui::Ui, state: &AppState, analysis: &Analysis, concealed: &Concealed) -> egui::Rect {
    let unit = state.unit;
    let report = &analysis.report;
    let mut outcomes = Shown::of(state, analysis);
    // A pending question about these terms: their bars and sums stay hidden.
    let (hide_forward, hide_reverse) = (concealed.hides_terms(Measure::KlPQ), concealed.hides_terms(Measure::KlQP));
    for (hide, terms) in [(hide_forward, &mut outcomes.forward), (hide_reverse, &mut outcomes.reverse)] {
        if hide {
            terms.iter_mut().for_each(|t| *t = f64::NAN);
        }
    }
    let selected = outcomes.selected;
    let labels = &outcomes.labels;
    let forward: Vec<f64> = outcomes.forward.iter().map(|&t| unit.from_nats(t)).collect();
    let reverse: Vec<f64> = outcomes.reverse.iter().map(|&t| unit.from_nats(t)).collect();
    let largest = forward.iter().chain(&reverse).filter(|t| t.is_finite()).fold(0.0f64, |m, t| m.max(t.abs()));
    // Infinite terms are drawn up to this height, with an ∞ marker.
    let clip = (largest * 1.15).max(0.05);
    let any_infinite = forward.iter().chain(&reverse).any(|t| t.is_infinite());

    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    let alarm = theme::alarm(ui);
    let text_color = ui.visuals().strong_text_color();
    let n = labels.len();
    let bar_width = 0.36;
    let make_bars = |terms: &[f64], offset: f64, color: egui::Color32, formula: &str| -> Vec<Bar> {
        terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_nan())
            .map(|(i, &t)| {
                let shown = if t.is_infinite() { clip } else { t };
                let mut bar = Bar::new(i as f64 + offset, shown)
                    .width(bar_width)
                    .fill(color.gamma_multiply(if selected == Some(i) { 1.0 } else { 0.7 }))
                    .name(format!("{}: {formula} = {}", labels[i], text::with_unit(t, unit)));
                if selected == Some(i) {
                    bar = bar.stroke(Stroke::new(2.0, text_color));
                }
                bar
            })
            .collect()
    };
    let log = unit.log_name();
    let sum = |measure: Measure, nats: f64| {
        if concealed.hides_terms(measure) { HIDDEN.to_string() } else { text::with_unit(unit.from_nats(nats), unit) }
    };
    let forward_name = format!("Σ p·{log}(p/q) = KL(P||Q) = {}", sum(Measure::KlPQ, report.kl_pq));
    let reverse_name = format!("Σ q·{log}(q/p) = KL(Q||P) = {}", sum(Measure::KlQP, report.kl_qp));
    let forward_bars = make_bars(&forward, -0.19, p_color, &format!("p·{log}(p/q)"));
    let reverse_bars = make_bars(&reverse, 0.19, q_color, &format!("q·{log}(q/p)"));

    let heading = match outcomes.others {
        0 => "Contributions per outcome".to_string(),
        others => format!(
            "Contributions of the {} top outcomes ({}), and of the other {} together",
            outcomes.outcomes.len(),
            state.sort.name(),
            thousands(others)
        ),
    };
    ui.label(RichText::new(heading).strong());
    ui.label(RichText::new(forward_name.clone()).color(p_color));
    ui.label(RichText::new(reverse_name.clone()).color(q_color));
    let label_for = |x: f64| -> String {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n { labels[i as usize].clone() } else { String::new() }
    };
    let response = theme::still_plot("contributions", ui.available_height())
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .include_y(if any_infinite { clip * 1.12 } else { clip })
        .include_x(-0.6)
        .include_x(n as f64 - 0.4)
        .y_axis_label(unit.name())
        .custom_x_axes(vec![
            // Outcome names, thinned by `outcome_marks`, shown even when slots are narrow.
            egui_plot::AxisHints::new_x().formatter(move |mark, _| label_for(mark.value)).label_spacing(24.0..=30.0),
        ])
        .x_grid_spacer(move |input| outcome_marks(input, n))
        .show(ui, |plot_ui| {
            plot_ui.hline(HLine::new("", 0.0).color(text_color).width(1.0));
            let chart = |name: String, bars: Vec<Bar>, color| {
                BarChart::new(name, bars)
                    .color(color)
                    .element_formatter(Box::new(|bar: &Bar, _: &BarChart| bar.name.clone()))
            };
            if hide_forward && hide_reverse {
                let note = RichText::new("hidden until the question is answered").color(text_color);
                plot_ui.text(Text::new("", PlotPoint::new((n as f64 - 1.0) / 2.0, clip / 2.0), note));
            }
            plot_ui.bar_chart(chart(forward_name, forward_bars, p_color));
            plot_ui.bar_chart(chart(reverse_name, reverse_bars, q_color));
            for (i, (&f, &r)) in forward.iter().zip(&reverse).enumerate() {
                for (t, offset) in [(f, -0.19), (r, 0.19)] {
                    if t.is_infinite() {
                        let marker = RichText::new(text::INFINITY).size(22.0).strong().color(alarm);
                        plot_ui.text(
                            Text::new("", PlotPoint::new(i as f64 + offset, clip), marker)
                                .anchor(egui::Align2::CENTER_BOTTOM),
                        );
                    }
                }
            }
        });
    response.response.rect
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
            labels.push(format!("+{} others", thousands(others)));
        }
        let selected = outcomes.iter().position(|&i| i == state.selected);
        Shown { outcomes, labels, forward, reverse, others, selected }
    }
}

/// One grid mark per outcome, thinned so that labels do not collide.
pub fn outcome_marks(input: egui_plot::GridInput, n: usize) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    let visible = (max - min).max(1.0);
    let stride = ((visible / 8.0).ceil() as usize).max(1);
    (0..n).step_by(stride).map(|i| egui_plot::GridMark { value: i as f64, step_size: stride as f64 }).collect()
}
