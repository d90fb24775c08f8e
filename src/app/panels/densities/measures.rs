//! The measures of the two densities, each with its error bound in the chosen unit, and
//! ∞ with the interval that makes it so. Differential entropies can be negative: said
//! beside them.

use eframe::egui::{self, RichText};

use crate::app::ui::concealment::{HIDDEN, HIDDEN_WHY};
use crate::app::ui::theme;
use crate::info::density::{DensityReport, Estimate};
use crate::info::{Measure, Unit};
use crate::lesson::Concealed;
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

/// `text`, or "?" when a pending question hides `x` (in `unit`).
pub fn unless_near(concealed: &Concealed, x: f64, unit: Unit, text: String) -> String {
    if concealed.hides_number_in(x, unit) { HIDDEN.to_string() } else { text }
}

/// The accessible and shown text of a measure's row: "KL(P||Q)\n0.5623 ± 2e-12", or
/// "KL(P||Q)\n?" while a question hides it.
pub fn row_label(measure: Measure, shown: &str) -> String {
    format!("{}\n{shown}", measure.symbol())
}

/// The measures; `compact` (presentation mode) leaves out the notes but an ∞'s reason, so
/// that what follows fits under them.
pub fn measures_ui(ui: &mut egui::Ui, report: &DensityReport, unit: Unit, concealed: &Concealed, compact: bool) {
    ui.heading(format!("Measures ({})", unit.name()));
    if !compact {
        ui.label(RichText::new("Integrals, each with the bound on its error").small().weak());
    }
    egui::Grid::new("density measures").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
        for (measure, note) in ROWS {
            let e = report.in_unit(measure, unit);
            ui.label(RichText::new(measure.symbol()).strong()).on_hover_text(measure.meaning());
            let hidden = concealed.hides(measure);
            let value = if hidden { HIDDEN.to_string() } else { estimate_text(e) };
            let mut shown = ui.label(RichText::new(&value).size(theme::body_size(ui) * 1.15).strong());
            if hidden {
                shown = shown.on_hover_text(HIDDEN_WHY);
            }
            let label = row_label(measure, &value);
            shown.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            ui.end_row();
            let infinite = e.value.is_infinite() && !hidden;
            let reason = report.infinite_because(measure).filter(|_| infinite).map(|u| u.explain());
            if let Some(words) = reason.as_deref().or(note.filter(|_| !compact)) {
                ui.label("");
                let color = if reason.is_some() { theme::alarm(ui) } else { ui.visuals().weak_text_color() };
                ui.label(RichText::new(words).small().color(color));
                ui.end_row();
            }
        }
    });
    if compact {
        ui.label(RichText::new("H: differential, can be negative").small().weak());
    }
}
