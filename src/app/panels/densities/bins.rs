//! From integrals to sums: the bins slider cuts P and Q into k bins; the discrete KL of
//! the binned pair is shown beside the integral, and "Open as discrete" opens the pair
//! as an ordinary scenario for every discrete view.

use eframe::egui::{self, RichText};

use super::axes::DensitiesAction;
use super::measures::{bound_text, estimate_text};
use crate::app::model::Mode;
use crate::app::model::densities::{DensitiesDoc, MAX_BINS, MIN_BINS};
use crate::app::ui::Cached;
use crate::app::ui::concealment::HIDDEN;
use crate::info::density::DensityReport;
use crate::info::{Measure, Unit};
use crate::lesson::Concealed;
use crate::text;

/// The binned KL(P||Q) in nats (or why the pair cannot be binned), per (revision, k).
#[derive(Default)]
pub struct BinsCache {
    kl: Cached<(u64, usize), Result<f64, String>>,
}

impl BinsCache {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut DensitiesDoc,
        report: &DensityReport,
        unit: Unit,
        mode: Mode,
        concealed: &Concealed,
    ) -> Option<DensitiesAction> {
        ui.label(RichText::new("From sums to integrals").strong());
        let mut bins = doc.bins;
        let slider = egui::Slider::new(&mut bins, MIN_BINS..=MAX_BINS).text("bins").logarithmic(true);
        if ui.add(slider).on_hover_text("Cut both densities into this many bins").changed() {
            doc.bins = bins;
        }
        let binned =
            self.kl.get((doc.revision, doc.bins), || doc.binned().map(|b| b.kl_pq()).map_err(|e| e.to_string()));
        let integral = report.in_unit(Measure::KlPQ, unit);
        match binned {
            Ok(kl) => {
                // The sum approaches KL(P||Q): it goes with it, or when near the answer.
                let value = unit.from_nats(*kl);
                let hidden = concealed.hides(Measure::KlPQ) || concealed.hides_number_in(value, unit);
                let sum = if hidden { HIDDEN.to_string() } else { text::sig4(value) };
                let integral =
                    if concealed.hides(Measure::KlPQ) { HIDDEN.to_string() } else { estimate_text(integral) };
                let label = format!("Σ over {} bins\n{sum}", doc.bins);
                let shown = ui.label(format!("KL of the {} bins (a sum): {sum} {}", doc.bins, unit.name()));
                shown.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
                let shown = ui.label(format!("KL of the densities (the integral): {integral} {}", unit.name()));
                if !concealed.hides(Measure::KlPQ) {
                    shown.on_hover_text(bound_text(report.in_unit(Measure::KlPQ, unit)));
                }
            }
            Err(e) => {
                ui.colored_label(crate::app::ui::theme::alarm(ui), e);
            }
        }
        ui.label(
            RichText::new(
                "The sum is never above the integral: lumping x into bins throws away where in a bin it fell, and \
                 no processing of the data can make P and Q easier to tell apart. More bins, less lost.",
            )
            .small(),
        );
        let open = ui
            .add(egui::Button::new("Open as discrete"))
            .on_hover_text("Open the binned pair as an ordinary scenario, one outcome per bin, in every discrete view");
        if open.clicked() && mode == Mode::Live {
            return doc.to_discrete(unit).ok().map(|s| DensitiesAction::OpenDiscrete(Box::new(s)));
        }
        None
    }
}
