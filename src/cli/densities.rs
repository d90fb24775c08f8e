//! `klscope compute` for two densities (`--p-density`/`--q-density`, or a densities
//! scenario with `--preset`): every measure with its stated error bound and how it was
//! found, as an aligned table or JSON.

use crate::export::json::{density_report_object, method_name};
use crate::info::density::{Accuracy, DENSITY_MEASURES, DensityReport, Mixture};
use crate::info::{Direction, Unit};
use crate::text::fixed6;
use serde_json::Value;

/// The table or JSON for P and Q in `unit`.
pub fn output(p: &Mixture, q: &Mixture, unit: Unit, json: bool) -> String {
    let report = DensityReport::compute(p, q, Accuracy::default());
    if json {
        Value::Object(density_report_object(p, q, &report, unit)).to_string() + "\n"
    } else {
        text(p, q, &report, unit)
    }
}

/// "± 1.2e-13", or nothing for an exact ∞.
fn bound(error: f64, value: f64) -> String {
    if value.is_infinite() { String::new() } else { format!("± {error:.1e}") }
}

fn text(p: &Mixture, q: &Mixture, report: &DensityReport, unit: Unit) -> String {
    let mut out = format!("P = {}\nQ = {}\ndensities, in {}\n\n", p.spec(), q.spec(), unit.name());
    for measure in DENSITY_MEASURES {
        let e = report.in_unit(measure, unit);
        let line = format!(
            "  {:<10} {:<27} {:>12} {:<9} {:<6} {}",
            measure.symbol(),
            measure.name(),
            fixed6(e.value),
            bound(e.error, e.value),
            measure.unit_label(unit),
            method_name(report.method(measure)),
        );
        out.push_str(line.trim_end());
        if let Some(cause) = report.infinite_because(measure) {
            out.push_str(&format!("  {}", cause.explain()));
        }
        out.push('\n');
    }
    out.push('\n');
    for (direction, integrand) in [(Direction::Forward, "p·{log}(p/q)"), (Direction::Reverse, "q·{log}(q/p)")] {
        let (above, below) = report.areas(direction);
        out.push_str(&format!(
            "  {} = area above the axis {} + area below {} (of {})\n",
            direction.symbol(),
            fixed6(unit.from_nats(above.value)),
            fixed6(unit.from_nats(below.value)),
            integrand.replace("{log}", unit.log_name()),
        ));
    }
    out.push_str(
        "  Differential entropies can be negative; each value is within its ± bound of the integral.\n\
         \x20 (√JS is the square root of JS; TV and Hel have no unit.)\n",
    );
    out
}
