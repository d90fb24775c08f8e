//! The densities screen: P and Q as curves with handles to drag, the integrand of
//! KL(P||Q) beneath, the measures with their error bounds, the bins that turn the
//! integrals back into sums, and, for inference scenarios, the ELBO and its gap. It
//! replaces the discrete editors and views while a densities scenario is open.

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
use crate::info::Unit;
use crate::info::density::{Accuracy, CurvePoint, DensityReport, covering_range, curves as sample_curves};

pub use axes::{Axes, DensitiesAction};
pub use curves::{handle_label, handle_positions};

/// Samples of the curves across the plot.
const SAMPLES: usize = 400;

/// What the screen keeps between frames.
#[derive(Default)]
pub struct DensitiesScreen {
    report: Cached<u64, DensityReport>,
    axes: Cached<u64, Axes>,
    samples: Cached<(u64, [u64; 2]), Vec<CurvePoint>>,
    bins: bins::BinsCache,
    fits: inference::Fits,
    vae: vae::VaeState,
    /// Why the last drag was refused, shown until the next drag succeeds.
    message: Option<String>,
}

impl DensitiesScreen {
    /// Draws the screen for `doc`; returns what it asks the app to do.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        unit: Unit,
        mode: Mode,
        narrow: bool,
    ) -> Option<DensitiesAction> {
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
        let width = ui.available_width();
        let live = mode == Mode::Live;
        if narrow {
            // One column: the curves first, then the numbers under them.
            self.curves_ui(ui, doc, &samples, &report, axes, unit, live);
            ui.separator();
            return self.numbers_ui(ui, doc, &report, unit, mode);
        }
        egui::Panel::right("density measures").resizable(false).exact_size((width * 0.32).clamp(280.0, 420.0)).show(
            ui,
            |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    action = self.numbers_ui(ui, doc, &report, unit, mode);
                });
            },
        );
        egui::CentralPanel::default().show(ui, |ui| self.curves_ui(ui, doc, &samples, &report, axes, unit, live));
        action
    }

    /// The measures, the ELBO and its fits, the bins and the VAE's KL term.
    fn numbers_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        report: &DensityReport,
        unit: Unit,
        mode: Mode,
    ) -> Option<DensitiesAction> {
        measures::measures_ui(ui, report, unit);
        ui.separator();
        // An inference scenario is about its ELBO: that comes before the bins.
        if doc.model().is_some() {
            inference::inference_ui(ui, doc, &mut self.fits, unit, mode);
            ui.separator();
        }
        let action = self.bins.ui(ui, doc, report, unit, mode);
        if doc.model().is_none() {
            ui.separator();
            inference::inference_ui(ui, doc, &mut self.fits, unit, mode);
        }
        ui.separator();
        self.vae.ui(ui, unit);
        action
    }

    /// The curves with their handles, and the integrand under them.
    #[expect(clippy::too_many_arguments, reason = "the parts of one frame's drawing")]
    fn curves_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        samples: &[CurvePoint],
        report: &DensityReport,
        axes: Axes,
        unit: Unit,
        live: bool,
    ) {
        let curve_height = (ui.available_height() * 0.58).max(180.0);
        if let Some(message) = curves::curves_ui(ui, doc, samples, axes, self.fits.drawn(), curve_height, live) {
            self.message = message;
        }
        if let Some(message) = &self.message {
            ui.colored_label(crate::app::ui::theme::alarm(ui), message);
        }
        integrand::integrand_ui(ui, samples, report, axes, unit);
    }
}

/// The range that covers both densities, and their highest point on it (with room for
/// a handle above it).
fn axes(p: &crate::info::density::Mixture, q: &crate::info::density::Mixture) -> Axes {
    let x = covering_range(p, q);
    let top = sample_curves(p, q, x, SAMPLES).iter().map(|point| point.p.max(point.q)).fold(0.0, f64::max);
    Axes { x, top: if top.is_finite() && top > 0.0 { top * 1.2 } else { 1.0 } }
}
