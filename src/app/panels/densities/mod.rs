//! The densities screen: P and Q as curves with handles to drag, the integrand of
//! KL(P||Q) or KL(Q||P) beneath (both on one x axis, with round ticks in body type), the
//! measures and how good their integrals are, the bins that turn the integrals back into
//! sums, and, for inference scenarios, the ELBO and its gap. It replaces the discrete
//! editors and views while a densities scenario is open.

mod axes;
mod bins;
mod canvas;
mod curves;
mod inference;
mod integrand;
mod measures;
mod vae;

use eframe::egui;

use crate::app::model::Mode;
use crate::app::model::densities::DensitiesDoc;
use crate::app::ui::Cached;
use crate::info::density::{Accuracy, CurvePoint, DensityReport, covering_range, curves as sample_curves};
use crate::info::{Direction, Measure, Unit};
use crate::lesson::Concealed;

pub use axes::{Axes, DensitiesAction};
pub use curves::{handle_label, handle_positions};
pub use measures::{estimate_text, row_label};

/// The screen's type beside the lesson's, in presentation mode (as the discrete views'):
/// the curves keep their height on a 768-point screen.
const PRESENTED_TEXT: f32 = 0.8;

/// Samples of the curves across the plot.
const SAMPLES: usize = 400;

/// What the screen is drawn with, beside the document.
pub struct ScreenInput<'a> {
    pub unit: Unit,
    pub mode: Mode,
    /// What a pending lesson question hides.
    pub concealed: &'a Concealed,
    /// Presentation mode: large type, and only what a room reads from the back.
    pub presenting: bool,
    /// The scenario's title as a heading (presenting without a lesson's strip).
    pub title: Option<String>,
    /// One column (a phone's): the curves, then the numbers under them.
    pub narrow: bool,
}

/// What the screen keeps between frames.
#[derive(Default)]
pub struct DensitiesScreen {
    report: Cached<u64, DensityReport>,
    axes: Cached<u64, Axes>,
    samples: Cached<(u64, [u64; 2]), Vec<CurvePoint>>,
    bins: bins::BinsCache,
    fits: inference::Fits,
    pub vae: vae::VaeState,
    /// Why the last drag was refused, shown until the next drag succeeds.
    message: Option<String>,
    /// The integrand the user chose to draw, and the scenario (by id) they chose it on.
    integrand: Option<(String, Direction)>,
}

impl DensitiesScreen {
    /// Brings the measures up to date with `doc` (the lesson's strip and the app's
    /// concealment read them before the screen is drawn).
    pub fn refresh(&mut self, doc: &DensitiesDoc) {
        let (p, q) = (doc.p(), doc.q());
        self.report.get(doc.revision, || DensityReport::compute(p, q, Accuracy::default()));
    }

    /// Whose integrand is drawn under the curves: the user's choice on this scenario, or
    /// else KL(Q||P) for an inference scenario (its ELBO's gap is KL(q||posterior)) and
    /// KL(P||Q) for any other.
    fn integrand_direction(&self, doc: &DensitiesDoc) -> Direction {
        match &self.integrand {
            Some((id, chosen)) if *id == doc.scenario.id => *chosen,
            _ => default_direction(doc),
        }
    }

    /// The measures of `doc` if they are computed (see [`DensitiesScreen::refresh`]).
    pub fn report_of(&self, doc: &DensitiesDoc) -> Option<&DensityReport> {
        self.report.value_for(&doc.revision)
    }

    /// Draws the screen for `doc`; returns what it asks the app to do.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        input: &ScreenInput<'_>,
    ) -> Option<DensitiesAction> {
        let mode = input.mode;
        if mode == Mode::Live && doc.ascending {
            doc.ascend();
            ui.ctx().request_repaint();
        }
        let held = ui.input(|i| i.pointer.any_down());
        let revision = doc.revision;
        let (p, q) = (doc.p().clone(), doc.q().clone());
        self.axes.update(revision, held, || axes(&p, &q));
        let axes = self.axes.value().copied().unwrap_or(Axes { x: (-4.0, 4.0), top: 1.0 });
        let report = self.report.get(revision, || DensityReport::compute(&p, &q, Accuracy::default())).clone();
        let key = (revision, [axes.x.0.to_bits(), axes.x.1.to_bits()]);
        let samples = self.samples.get(key, || sample_curves(&p, &q, axes.x, SAMPLES)).clone();
        let mut action = None;
        if input.presenting {
            crate::app::ui::theme::scale_text(ui.style_mut(), PRESENTED_TEXT);
            crate::app::ui::theme::notes_at_body_size(ui.style_mut());
        }
        if let Some(title) = &input.title {
            egui::Panel::top("presented densities title").show(ui, |ui| {
                ui.label(egui::RichText::new(title).heading().strong());
            });
        }
        let width = ui.available_width();
        let live = mode == Mode::Live;
        if input.narrow {
            // One column: the curves first, then the numbers under them.
            self.curves_ui(ui, doc, &samples, &report, axes, input, live);
            ui.separator();
            return self.numbers_ui(ui, doc, &report, input);
        }
        let side =
            if input.presenting { (width * 0.4).clamp(300.0, 560.0) } else { (width * 0.32).clamp(280.0, 420.0) };
        egui::Panel::right("density measures").resizable(false).exact_size(side).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                action = self.numbers_ui(ui, doc, &report, input);
            });
        });
        egui::CentralPanel::default().show(ui, |ui| self.curves_ui(ui, doc, &samples, &report, axes, input, live));
        action
    }

    /// The measures, the ELBO and its fits, the bins and the VAE's KL term.
    fn numbers_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        report: &DensityReport,
        input: &ScreenInput<'_>,
    ) -> Option<DensitiesAction> {
        let (unit, mode, concealed) = (input.unit, input.mode, input.concealed);
        let compact = input.presenting;
        let inference = doc.model().is_some();
        // On a slide an inference scenario's ELBO, its point, comes first.
        if inference && compact {
            inference::inference_ui(ui, doc, &mut self.fits, unit, mode, concealed, compact);
            ui.separator();
        }
        measures::measures_ui(ui, report, unit, concealed, compact);
        ui.separator();
        // An inference scenario is about its ELBO: that comes before the bins.
        if inference && !compact {
            inference::inference_ui(ui, doc, &mut self.fits, unit, mode, concealed, compact);
            ui.separator();
        }
        // On a slide the fits' two buttons come before the bins' longer section.
        if !inference && compact {
            inference::inference_ui(ui, doc, &mut self.fits, unit, mode, concealed, compact);
            ui.separator();
        }
        let mut action = self.bins.ui(ui, doc, report, unit, mode, concealed);
        if !inference && !compact {
            ui.separator();
            inference::inference_ui(ui, doc, &mut self.fits, unit, mode, concealed, compact);
        }
        // The VAE's term is a desk tool, not a slide.
        if !compact {
            ui.separator();
            if self.vae.ui(ui, unit, concealed) {
                action = Some(DensitiesAction::OpenEncodings);
            }
        }
        action
    }

    /// The curves with their handles, and the integrand under them, on one x axis.
    #[expect(clippy::too_many_arguments, reason = "the parts of one frame's drawing")]
    fn curves_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        samples: &[CurvePoint],
        report: &DensityReport,
        axes: Axes,
        input: &ScreenInput<'_>,
        live: bool,
    ) {
        // Both plots are placed first: they take the same room for their y labels, the
        // wider's, so that their x axes line up.
        // Under the curves the integrand keeps its least height and its header (up to three
        // rows, on a slide), so that it is never cut at 1024×768 under a lesson's long words.
        let rows = 3.0 * (canvas::row_height(ui) + ui.spacing().item_spacing.y);
        let room = ui.available_height() - integrand::LEAST_HEIGHT - rows;
        let curve_height = (ui.available_height() * 0.58).min(room).max(180.0);
        let curves_rect = curves::allocate(ui, curve_height);
        if let Some(message) = &self.message {
            ui.colored_label(crate::app::ui::theme::alarm(ui), message);
        }
        // While a question hides either KL's terms, the scenario's own integrand stays:
        // the two plots side by side would tell which KL is the larger.
        let locked = [Measure::KlPQ, Measure::KlQP].into_iter().any(|m| input.concealed.hides_terms(m));
        let mut direction = if locked { default_direction(doc) } else { self.integrand_direction(doc) };
        let gap = doc.model().is_some();
        integrand::header_ui(ui, report, input.unit, input.concealed, &mut direction, gap, locked);
        if !locked && direction != self.integrand_direction(doc) {
            self.integrand = Some((doc.scenario.id.clone(), direction));
        }
        let integrand_rect = integrand::allocate(ui, direction);
        let points = integrand::points(samples, input.unit, direction);
        let curves_plot = curves::plot(doc, curves_rect, axes, self.fits.drawn());
        let integrand_plot = integrand::plot(integrand_rect, &points, axes, input.unit);
        let gutter = canvas::gutter(ui, &[&curves_plot, &integrand_plot]);
        if let Some(message) = curves::curves_ui(ui, &curves_plot, gutter, doc, samples, self.fits.drawn(), live)
            && message != self.message
        {
            // Said under the curves from the next frame on.
            self.message = message;
            ui.ctx().request_repaint();
        }
        integrand::integrand_ui(ui, &integrand_plot, gutter, &points, direction);
    }
}

/// The integrand a scenario starts on: KL(Q||P)'s for an inference scenario (its ELBO's
/// gap is KL(q||posterior)), KL(P||Q)'s for any other.
fn default_direction(doc: &DensitiesDoc) -> Direction {
    if doc.model().is_some() { Direction::Reverse } else { Direction::Forward }
}

/// The range that covers both densities, and their highest point on it (with room for
/// a handle above it).
fn axes(p: &crate::info::density::Mixture, q: &crate::info::density::Mixture) -> Axes {
    let x = covering_range(p, q);
    let top = sample_curves(p, q, x, SAMPLES).iter().map(|point| point.p.max(point.q)).fold(0.0, f64::max);
    Axes { x, top: if top.is_finite() && top > 0.0 { top * 1.2 } else { 1.0 } }
}
