//! The measures of the two densities, each with its error bound in the chosen unit, and
//! ∞ with the interval that makes it so. Differential entropies can be negative: said
//! beside them.

use eframe::egui::{self, RichText};

use crate::app::ui::theme;
use crate::info::density::{DensityReport, Estimate};
use crate::info::{Measure, Unit};
use crate::text;

/// The rows shown, and a note for the differential ones.
const ROWS: [(Measure, Option<&str>); 6] = [
    (Measure::KlPQ, None),
    (Measure::KlQP, None),
    (Measure::EntropyP, Some("differential: can be negative")),
    (Measure::CrossEntropyPQ, Some("differential: can be negative")),
    (Measure::Js, None),
    (Measure::TotalVariation, None),
];

/// "0.5623 ± 2e-12", or "∞".
pub fn estimate_text(e: Estimate) -> String {
    if e.value.is_infinite() {
        return if e.value > 0.0 { "∞".to_string() } else { "−∞".to_string() };
    }
    if e.error == 0.0 {
        return text::sig4(e.value);
    }
    format!("{} ± {}", text::sig4(e.value), text::significant(e.error, 1))
}

pub fn measures_ui(ui: &mut egui::Ui, report: &DensityReport, unit: Unit) {
    ui.heading(format!("Measures ({})", unit.name()));
    ui.label(RichText::new("Integrals, each with the bound on its error").small().weak());
    egui::Grid::new("density measures").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
        for (measure, note) in ROWS {
            let e = report.in_unit(measure, unit);
            ui.label(RichText::new(measure.symbol()).strong()).on_hover_text(measure.meaning());
            let value = estimate_text(e);
            let shown = ui.label(RichText::new(&value).size(theme::body_size(ui) * 1.15).strong());
            let label = format!("{}\n{value}", measure.symbol());
            shown.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            ui.end_row();
            let reason = report.infinite_because(measure).filter(|_| e.value.is_infinite()).map(|u| u.explain());
            if let Some(words) = reason.as_deref().or(note) {
                ui.label("");
                let color = if reason.is_some() { theme::alarm(ui) } else { ui.visuals().weak_text_color() };
                ui.label(RichText::new(words).small().color(color));
                ui.end_row();
            }
        }
    });
}
