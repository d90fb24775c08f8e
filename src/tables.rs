//! The measures as tables to paste into lessons: Markdown and LaTeX.

use crate::info::{Measure, Report, Unit, ZeroRule};

/// The value as a table shows it: 6 significant decimals, or ∞.
fn cell(measure: Measure, report: &Report, unit: Unit, latex: bool) -> String {
    let value = measure.value(report, unit);
    if value.is_infinite() {
        return if latex { "$\\infty$".to_string() } else { "∞".to_string() };
    }
    let unit_label = measure.unit_label(unit);
    let unit_label = if latex { unit_label.replace('√', "$\\sqrt{}$") } else { unit_label };
    format!("{value:.6} {unit_label}").trim_end().to_string()
}

/// A Markdown table of every measure, with a caption line naming the rule.
pub fn markdown(title: &str, report: &Report, unit: Unit, rule: &ZeroRule) -> String {
    let mut out = format!("**{title}** (values in {}; zeros: {})\n\n", unit.name(), rule.describe());
    out.push_str("| measure | | value |\n|---|---|---:|\n");
    for measure in Measure::ALL {
        let symbol = measure.symbol().replace('|', "\\|");
        out.push_str(&format!("| {symbol} | {} | {} |\n", measure.name(), cell(measure, report, unit, false)));
    }
    out
}

/// A LaTeX `tabular` of every measure.
pub fn latex(title: &str, report: &Report, unit: Unit, rule: &ZeroRule) -> String {
    let mut out = format!("% {title}; values in {}; zeros: {}\n", unit.name(), rule.describe());
    out.push_str("\\begin{tabular}{llr}\n\\hline\nmeasure & & value \\\\\n\\hline\n");
    for measure in Measure::ALL {
        out.push_str(&format!(
            "{} & {} & {} \\\\\n",
            latex_symbol(measure),
            escape_latex(measure.name()),
            cell(measure, report, unit, true)
        ));
    }
    out.push_str("\\hline\n\\end{tabular}\n");
    out
}

fn latex_symbol(measure: Measure) -> &'static str {
    match measure {
        Measure::EntropyP => "$H(P)$",
        Measure::EntropyQ => "$H(Q)$",
        Measure::CrossEntropyPQ => "$H(P,Q)$",
        Measure::CrossEntropyQP => "$H(Q,P)$",
        Measure::KlPQ => "$D_{\\mathrm{KL}}(P\\,\\|\\,Q)$",
        Measure::KlQP => "$D_{\\mathrm{KL}}(Q\\,\\|\\,P)$",
        Measure::Js => "$\\mathrm{JS}(P,Q)$",
        Measure::JsDistance => "$\\sqrt{\\mathrm{JS}(P,Q)}$",
        Measure::TotalVariation => "$\\mathrm{TV}(P,Q)$",
        Measure::Hellinger => "$H_{\\mathrm{el}}(P,Q)$",
    }
}

fn escape_latex(text: &str) -> String {
    text.replace('&', "\\&").replace('%', "\\%").replace('_', "\\_").replace('–', "--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lists_every_measure_with_units() {
        let report = Report::compute(&[0.9, 0.1], &[0.5, 0.5]);
        let table = markdown("Coin", &report, Unit::Bits, &ZeroRule::Exact);
        assert!(table.contains("| KL(P\\|\\|Q) | KL divergence, forward | 0.531004 bits |"), "{table}");
        assert!(table.contains("| TV(P,Q) | total variation distance | 0.400000 |"), "{table}");
        assert_eq!(table.lines().filter(|l| l.starts_with("| ")).count(), 11);
    }

    #[test]
    fn latex_is_a_tabular_with_infinity() {
        let report = Report::compute(&[0.5, 0.5], &[1.0, 0.0]);
        let table = latex("Mismatch", &report, Unit::Nats, &ZeroRule::Exact);
        assert!(table.starts_with("% Mismatch; values in nats"));
        assert!(table.contains("\\begin{tabular}{llr}") && table.contains("\\end{tabular}"));
        assert!(table.contains("$D_{\\mathrm{KL}}(P\\,\\|\\,Q)$ & KL divergence, forward & $\\infty$ \\\\"), "{table}");
        assert!(table.contains("Jensen--Shannon divergence"), "{table}");
    }
}
