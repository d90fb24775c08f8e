//! The measures of the two densities in the chosen unit, and ∞ (loud) with the interval
//! that makes it so. Each is an integral with a bound on its error: written beside the
//! number only where it reaches the digits shown, else said once above the measures (the
//! largest) and in the number's hover text. Differential entropies can be negative: said
//! beside them.

use eframe::egui::{self, RichText};

use crate::app::ui::concealment::{HIDDEN, HIDDEN_WHY};
use crate::app::ui::{fit_text, theme};
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

/// A computed value for the screen: "0.5623" where the bound on its error cannot change
/// the digits shown, "0.5623 ± 0.002" where it can (a large bound always shows), "∞".
/// The bounds left out are said once, in the measures' note, and each in its hover text.
pub fn estimate_text(e: Estimate) -> String {
    text::sig4_within(e.value, e.error)
}

/// A value with its bound always, for a hover text: "1.6229791 ± 4e-14 (the bound on this
/// integral's error)", or "exact".
pub fn bound_text(e: Estimate) -> String {
    if e.value.is_infinite() || e.error == 0.0 {
        return format!("{}, exact", text::sig4(e.value));
    }
    format!("{} ± {} (the bound on this integral's error)", text::significant(e.value, 8), text::one_digit_up(e.error))
}

/// The largest bound among `estimates` that [`estimate_text`] leaves out (None when it
/// leaves none out).
pub fn largest_unwritten_bound(estimates: impl IntoIterator<Item = Estimate>) -> Option<f64> {
    estimates
        .into_iter()
        .filter(|e| e.value.is_finite() && e.error > 0.0 && text::bound_is_negligible(e.value, e.error))
        .map(|e| e.error)
        .reduce(f64::max)
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
        let estimates = ROWS.map(|(measure, _)| report.in_unit(measure, unit));
        bounds_note_ui(ui, &estimates, unit, concealed);
    }
    // A note or an ∞'s reason under a value is laid out to wrap within the panel (a grid's
    // cells do not wrap): the panel's width less the symbols' column.
    let spacing = 10.0;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = ROWS.iter().map(|(measure, _)| fit_text::text_width(ui.painter(), measure.symbol(), &font));
    let note_width = (ui.available_width() - widest.fold(0.0, f32::max) - spacing).max(80.0);
    egui::Grid::new("density measures").num_columns(2).spacing([spacing, 6.0]).show(ui, |ui| {
        for (measure, note) in ROWS {
            let e = report.in_unit(measure, unit);
            ui.label(RichText::new(measure.symbol()).strong()).on_hover_text(measure.meaning());
            let hidden = concealed.hides(measure);
            let value = if hidden { HIDDEN.to_string() } else { estimate_text(e) };
            // ∞ is loud: at the digits' size its glyph is a dot.
            let infinite = e.value.is_infinite() && !hidden;
            let size = theme::body_size(ui) * 1.15 * if infinite { theme::INFINITY_RATIO } else { 1.0 };
            let color = if infinite { theme::alarm(ui) } else { ui.visuals().strong_text_color() };
            let mut shown = ui.label(RichText::new(&value).size(size).strong().color(color));
            shown = if hidden { shown.on_hover_text(HIDDEN_WHY) } else { shown.on_hover_text(bound_text(e)) };
            let label = row_label(measure, &value);
            shown.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            ui.end_row();
            let reason = report.infinite_because(measure).filter(|_| infinite).map(|u| u.explain());
            if let Some(words) = reason.as_deref().or(note.filter(|_| !compact)) {
                ui.label("");
                let color = if reason.is_some() { theme::alarm(ui) } else { ui.visuals().weak_text_color() };
                let small = egui::TextStyle::Small.resolve(ui.style());
                let galley = ui.painter().layout(words.to_string(), small, color, note_width);
                ui.label(galley);
                ui.end_row();
            }
        }
    });
    if compact {
        ui.label(RichText::new("H: differential, can be negative").small().weak());
    }
}

/// One line for the bounds the numbers leave out: "Integrals, each good to ±1e-13", and
/// where some numbers carry their own "±", that those are the ones it reaches.
fn bounds_note_ui(ui: &mut egui::Ui, estimates: &[Estimate], unit: Unit, concealed: &Concealed) {
    let written = estimates.iter().any(|e| e.value.is_finite() && !text::bound_is_negligible(e.value, e.error));
    let largest = largest_unwritten_bound(estimates.iter().copied());
    let good_to = match largest {
        Some(bound) if !concealed.hides_number_in(bound, unit) => {
            format!("good to ±{}", text::one_digit_up(bound))
        }
        _ => "good to every digit shown".to_string(),
    };
    let words = match (largest, written) {
        (_, false) => format!("Integrals, each {good_to}"),
        (Some(_), true) => format!("Integrals: ± where the error bound reaches the digits; the rest {good_to}"),
        (None, true) => "Integrals, each with the bound on its error where it reaches the digits".to_string(),
    };
    ui.label(RichText::new(words).small().weak()).on_hover_text(
        "Each integral is computed by quadrature with a bound on its error. A bound far below the last digit \
         shown changes none of the digits and is left out; hover a number for its own.",
    );
}
