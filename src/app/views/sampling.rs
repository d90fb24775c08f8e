//! Sampling: draw n outcomes from P and watch the running means of log(p/q) and −log q
//! converge to KL(P||Q) and H(P,Q), inside a band of ±2 standard errors.

use eframe::egui::{self, RichText};
use egui_plot::{FilledArea, HLine, Line, LineStyle, PlotPoints};

use super::guards::near_answer_ui;
use super::{View, ViewInput};
use crate::app::edit::Action;
use crate::app::ui::Cached;
use crate::app::ui::theme;
use crate::info::Measure;
use crate::info::sampling::{self, SampleRun};
use crate::info::{Side, Unit};
use crate::text;

pub struct SamplingView {
    samples: usize,
    seed: u64,
    /// The run for the current P, Q, n and seed.
    run: Cached<(u64, usize, u64), SampleRun>,
}

impl Default for SamplingView {
    fn default() -> Self {
        SamplingView { samples: 10_000, seed: 1, run: Cached::default() }
    }
}

impl View for SamplingView {
    fn id(&self) -> &'static str {
        "sampling"
    }

    fn title(&self) -> &'static str {
        "Sampling"
    }

    fn tooltip(&self) -> &'static str {
        "Draw samples from P and watch the estimates converge to KL and cross-entropy"
    }

    fn reveals(&self) -> &'static [Measure] {
        &[Measure::KlPQ, Measure::KlQP, Measure::CrossEntropyPQ]
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        sampling_ui(ui, input, self);
        None
    }
}

fn sampling_ui(ui: &mut egui::Ui, input: &ViewInput<'_>, sampling: &mut SamplingView) {
    let (unit, analysis) = (input.state.unit, input.analysis);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Samples from P:").strong());
        ui.add(egui::Slider::new(&mut sampling.samples, 10..=sampling::MAX_SAMPLES).logarithmic(true).text("samples"));
        ui.label("seed");
        ui.add(egui::DragValue::new(&mut sampling.seed).range(0..=u64::MAX)).on_hover_text("Same seed, same samples");
        if ui.button("New seed").on_hover_text("Draw a fresh set of samples").clicked() {
            sampling.seed = sampling.seed.wrapping_add(1);
        }
    });
    // Drawn again only when P, Q, n or the seed change, and not while a bar or slider is
    // held: a million samples take longer than a frame.
    let held = ui.input(|i| i.pointer.any_down());
    let (samples, seed) = (sampling.samples, sampling.seed);
    sampling
        .run
        .update((analysis.revision, samples, seed), held, || sampling::sample(&analysis.p, &analysis.q, samples, seed));
    let Some(run) = sampling.run.value() else {
        return;
    };
    // The estimates converge to the measures: near the answer, they would tell it.
    let estimates = [
        run.kl_estimate,
        run.k2_estimate,
        run.k3_estimate,
        run.cross_entropy_estimate,
        2.0 * run.kl_stderr,
        2.0 * run.k2_stderr,
        2.0 * run.k3_stderr,
        2.0 * run.cross_entropy_stderr,
    ];
    if near_answer_ui(ui, input.concealed, &estimates, Unit::Nats) {
        return;
    }
    let exact_kl = unit.from_nats(analysis.report.kl_pq);
    let exact_cross = unit.from_nats(analysis.report.cross_entropy_pq);
    let estimate = |mean: f64, stderr: f64| {
        format!("{} ± {}", text::sig4(unit.from_nats(mean)), text::sig4(2.0 * unit.from_nats(stderr)))
    };
    ui.label(format!(
        "After {} samples: k1 ≈ {},  k2 ≈ {},  k3 ≈ {} for KL(P||Q) (exact {});  H(P,Q) ≈ {} (exact {})",
        run.n,
        estimate(run.kl_estimate, run.kl_stderr),
        estimate(run.k2_estimate, run.k2_stderr),
        estimate(run.k3_estimate, run.k3_stderr),
        text::with_unit(exact_kl, unit),
        estimate(run.cross_entropy_estimate, run.cross_entropy_stderr),
        text::with_unit(exact_cross, unit),
    ));
    ui.label(
        RichText::new(format!(
            "k1 = ln(p/q) is negative on {:.1}% of the samples (where q > p), yet its mean is unbiased; \
             k2 = ½ ln²(p/q) is never negative but biased; k3 = q/p − 1 + ln(p/q) is both unbiased and never negative.",
            100.0 * run.k1_negative_fraction
        ))
        .small(),
    );
    if !run.kl_estimate.is_finite() {
        ui.label(
            RichText::new("A sample fell where Q gives probability 0: log(p/q) is infinite, and so is the estimate.")
                .color(theme::alarm(ui)),
        );
    }
    let height = ui.available_height().max(120.0);
    let [k1_color, k2_color, k3_color] = theme::estimator_colors(ui);
    let series = |name: &'static str, color, pick: fn(&sampling::Checkpoint) -> [f64; 2]| Series {
        name,
        color,
        points: run
            .checkpoints
            .iter()
            .map(|c| {
                let [mean, stderr] = pick(c);
                [c.n as f64, mean, stderr]
            })
            .collect(),
    };
    let kl = Convergence {
        id: "sampling kl",
        title: "exact KL(P||Q) dashed; estimates ±2 SE:",
        series: vec![
            series("k1", k1_color, |c| [c.kl_mean, c.kl_stderr]),
            series("k2", k2_color, |c| [c.k2_mean, c.k2_stderr]),
            series("k3", k3_color, |c| [c.k3_mean, c.k3_stderr]),
        ],
        exact: exact_kl,
    };
    let cross = Convergence {
        id: "sampling cross",
        title: "exact H(P,Q) dashed; estimate ±2 SE:",
        series: vec![series("−ln q", theme::color(ui, Side::Q), |c| [c.cross_mean, c.cross_stderr])],
        exact: exact_cross,
    };
    ui.columns(2, |columns| {
        kl.plot_ui(&mut columns[0], unit, height);
        cross.plot_ui(&mut columns[1], unit, height);
    });
}

/// One running mean: (sample count, mean, standard error) at each checkpoint, in nats.
struct Series {
    name: &'static str,
    color: egui::Color32,
    points: Vec<[f64; 3]>,
}

/// Running means that converge to one exact value (in the shown unit).
struct Convergence {
    id: &'static str,
    title: &'static str,
    series: Vec<Series>,
    exact: f64,
}

impl Convergence {
    /// Each running mean against log10 of the sample count, with its ±2 SE band, and the
    /// exact value: a band that stays off the exact line shows a bias.
    fn plot_ui(&self, ui: &mut egui::Ui, unit: Unit, height: f32) {
        let text_color = ui.visuals().strong_text_color();
        let exact = self.exact;
        // The key is a line of coloured names above the plot: no legend on the curves.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(self.title).small());
            for series in &self.series {
                ui.label(RichText::new(format!("━ {}", series.name)).small().strong().color(series.color));
            }
        });
        theme::still_plot(self.id, height - 24.0)
            .x_axis_label("samples")
            .y_axis_label(unit.name())
            .x_axis_formatter(|mark, _| format!("{}", 10f64.powf(mark.value).round()))
            .show(ui, |plot_ui| {
                for series in &self.series {
                    let finite: Vec<&[f64; 3]> =
                        series.points.iter().filter(|p| p[1].is_finite() && p[2].is_finite() && p[0] >= 1.0).collect();
                    let xs: Vec<f64> = finite.iter().map(|p| p[0].log10()).collect();
                    let low: Vec<f64> = finite.iter().map(|p| unit.from_nats(p[1] - 2.0 * p[2])).collect();
                    let high: Vec<f64> = finite.iter().map(|p| unit.from_nats(p[1] + 2.0 * p[2])).collect();
                    let line: Vec<[f64; 2]> = finite.iter().map(|p| [p[0].log10(), unit.from_nats(p[1])]).collect();
                    // The band has no legend entry of its own: the legend stays small.
                    if xs.len() >= 2 {
                        plot_ui.add(FilledArea::new("", &xs, &low, &high).fill_color(series.color.gamma_multiply(0.2)));
                    }
                    plot_ui.line(Line::new(series.name, PlotPoints::from(line)).color(series.color).width(2.0));
                }
                if exact.is_finite() {
                    plot_ui.hline(HLine::new("exact", exact).color(text_color).style(LineStyle::dashed_dense()));
                }
            });
    }
}
