//! Sampling: draw n outcomes from P and watch the running means of log(p/q) and −log q
//! converge to KL(P||Q) and H(P,Q), inside a band of ±2 standard errors.

use eframe::egui::{self, RichText};
use egui_plot::{FilledArea, HLine, Line, LineStyle, PlotPoints};

use super::format;
use super::state::{Analysis, AppState};
use super::theme::{self, Side};
use crate::info::Unit;
use crate::info::sampling::{self, SampleRun};

pub struct SamplingState {
    pub samples: usize,
    pub seed: u64,
    cache_key: Option<(u64, usize, u64)>,
    run: Option<SampleRun>,
}

impl Default for SamplingState {
    fn default() -> Self {
        SamplingState { samples: 10_000, seed: 1, cache_key: None, run: None }
    }
}

impl SamplingState {
    /// The run for the current P, Q, n and seed; drawn again only when one changes, and
    /// not while a bar or slider is held (a million samples take longer than a frame).
    fn run(&mut self, analysis: &Analysis, held: bool) -> Option<&SampleRun> {
        let key = (analysis.revision, self.samples, self.seed);
        if self.cache_key != Some(key) && !(held && self.run.is_some()) {
            self.run = Some(sampling::sample(&analysis.p, &analysis.q, self.samples, self.seed));
            self.cache_key = Some(key);
        }
        self.run.as_ref()
    }
}

pub fn sampling_ui(ui: &mut egui::Ui, state: &AppState, analysis: &Analysis, sampling: &mut SamplingState) {
    let unit = state.unit;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Samples from P:").strong());
        ui.add(egui::Slider::new(&mut sampling.samples, 10..=sampling::MAX_SAMPLES).logarithmic(true).text("samples"));
        ui.label("seed");
        ui.add(egui::DragValue::new(&mut sampling.seed).range(0..=u64::MAX)).on_hover_text("Same seed, same samples");
        if ui.button("New seed").on_hover_text("Draw a fresh set of samples").clicked() {
            sampling.seed = sampling.seed.wrapping_add(1);
        }
    });
    let held = ui.input(|i| i.pointer.any_down());
    let Some(run) = sampling.run(analysis, held) else {
        return;
    };
    let exact_kl = unit.from_nats(analysis.report.kl_pq);
    let exact_cross = unit.from_nats(analysis.report.cross_entropy_pq);
    let estimate = |mean: f64, stderr: f64, exact: f64| {
        format!(
            "{} ± {} (exact {})",
            format::sig4(unit.from_nats(mean)),
            format::sig4(2.0 * unit.from_nats(stderr)),
            format::with_unit(exact, unit)
        )
    };
    ui.label(format!(
        "After {} samples: KL(P||Q) ≈ {};  H(P,Q) ≈ {}",
        run.n,
        estimate(run.kl_estimate, run.kl_stderr, exact_kl),
        estimate(run.cross_entropy_estimate, run.cross_entropy_stderr, exact_cross)
    ));
    if !run.kl_estimate.is_finite() {
        ui.label(
            RichText::new("A sample fell where Q gives probability 0: log(p/q) is infinite, and so is the estimate.")
                .color(theme::alarm(ui)),
        );
    }
    let height = ui.available_height().max(120.0);
    let divergence = theme::divergence(ui);
    let cross_color = theme::color(ui, Side::Q);
    ui.columns(2, |columns| {
        let kl: Vec<[f64; 3]> = run.checkpoints.iter().map(|c| [c.n as f64, c.kl_mean, c.kl_stderr]).collect();
        let cross: Vec<[f64; 3]> = run.checkpoints.iter().map(|c| [c.n as f64, c.cross_mean, c.cross_stderr]).collect();
        convergence_plot(&mut columns[0], "sampling kl", "mean of log(p/q)", &kl, exact_kl, unit, divergence, height);
        convergence_plot(
            &mut columns[1],
            "sampling cross",
            "mean of −log q",
            &cross,
            exact_cross,
            unit,
            cross_color,
            height,
        );
    });
}

/// A running mean against log10 of the sample count, with its ±2 SE band and the exact
/// value it converges to.
#[allow(clippy::too_many_arguments)]
fn convergence_plot(
    ui: &mut egui::Ui,
    id: &str,
    name: &str,
    points: &[[f64; 3]],
    exact: f64,
    unit: Unit,
    color: egui::Color32,
    height: f32,
) {
    let finite: Vec<&[f64; 3]> =
        points.iter().filter(|p| p[1].is_finite() && p[2].is_finite() && p[0] >= 1.0).collect();
    let xs: Vec<f64> = finite.iter().map(|p| p[0].log10()).collect();
    let mean: Vec<f64> = finite.iter().map(|p| unit.from_nats(p[1])).collect();
    let low: Vec<f64> = finite.iter().map(|p| unit.from_nats(p[1] - 2.0 * p[2])).collect();
    let high: Vec<f64> = finite.iter().map(|p| unit.from_nats(p[1] + 2.0 * p[2])).collect();
    let line: Vec<[f64; 2]> = xs.iter().zip(&mean).map(|(&x, &y)| [x, y]).collect();
    let text_color = ui.visuals().strong_text_color();
    theme::still_plot(id, height)
        .x_axis_label("samples")
        .y_axis_label(unit.name())
        .x_axis_formatter(|mark, _| format!("{}", 10f64.powf(mark.value).round()))
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightTop))
        .show(ui, |plot_ui| {
            if xs.len() >= 2 {
                plot_ui.add(
                    FilledArea::new("±2 standard errors", &xs, &low, &high).fill_color(color.gamma_multiply(0.25)),
                );
            }
            plot_ui.line(Line::new(name.to_string(), PlotPoints::from(line)).color(color).width(2.0));
            if exact.is_finite() {
                plot_ui.hline(
                    HLine::new(format!("exact {}", format::with_unit(exact, unit)), exact)
                        .color(text_color)
                        .style(LineStyle::dashed_dense()),
                );
            }
        });
}
