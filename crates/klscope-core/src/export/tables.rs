//! The measures as tables to paste into lessons: Markdown and LaTeX, and the per-outcome
//! table as CSV.

use crate::info::measures::outcome_terms;
use crate::info::{Measure, Report, Unit, ZeroRule, log_ratio};
use crate::text;

/// The value as a table shows it: 6 significant decimals, or ∞.
fn cell(measure: Measure, report: &Report, unit: Unit, latex: bool) -> String {
    let value = measure.value(report, unit);
    if value.is_infinite() {
        return if latex { "$\\infty$".to_string() } else { text::INFINITY.to_string() };
    }
    let unit_label = measure.unit_label(unit);
    let unit_label = if latex { unit_label.replace('√', "$\\sqrt{}$") } else { unit_label };
    format!("{} {unit_label}", text::significant(value, 6)).trim_end().to_string()
}

/// A title on one line (a newline would end a LaTeX comment or a Markdown paragraph).
fn one_line(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown table of every measure, with a caption line naming the rule.
pub fn markdown(title: &str, report: &Report, unit: Unit, rule: &ZeroRule) -> String {
    let mut out = format!("**{}** (values in {}; zeros: {})\n\n", one_line(title), unit.name(), rule.describe());
    out.push_str("| measure | | value |\n|---|---|---:|\n");
    for measure in Measure::ALL {
        let symbol = measure.symbol().replace('|', "\\|");
        out.push_str(&format!("| {symbol} | {} | {} |\n", measure.name(), cell(measure, report, unit, false)));
    }
    out
}

/// A LaTeX `tabular` of every measure.
pub fn latex(title: &str, report: &Report, unit: Unit, rule: &ZeroRule) -> String {
    let mut out = format!("% {}; values in {}; zeros: {}\n", one_line(title), unit.name(), rule.describe());
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
        Measure::HellingerSquared => "$H_{\\mathrm{el}}^2(P,Q)$",
        Measure::ChiSquarePearson => "$\\chi^2(P\\,\\|\\,Q)$",
        Measure::ChiSquareNeyman => "$\\chi^2_{\\mathrm{N}}(P\\,\\|\\,Q)$",
    }
}

fn escape_latex(text: &str) -> String {
    text.replace('&', "\\&").replace('%', "\\%").replace('_', "\\_").replace('–', "--")
}

/// The per-outcome table as CSV: one row per outcome, values in `unit` with full
/// precision, infinity as "inf". Labels are quoted when they need it.
pub fn outcomes_csv(labels: &[String], p: &[f64], q: &[f64], unit: Unit) -> String {
    let log = match unit {
        Unit::Bits => "log2",
        Unit::Nats => "ln",
        Unit::Bans => "log10",
    };
    let mut out = format!("outcome,p,q,-{log} p,-{log} q,{log}(p/q),p*{log}(p/q),q*{log}(q/p)\n");
    let number = text::csv_number;
    for (i, label) in labels.iter().enumerate() {
        let (pi, qi) = (p.get(i).copied().unwrap_or(0.0), q.get(i).copied().unwrap_or(0.0));
        let ratio = unit.from_nats(log_ratio(pi, qi));
        let terms = outcome_terms(pi, qi);
        let cells = [
            number(pi),
            number(qi),
            number(unit.from_nats(terms.surprise_p)),
            number(unit.from_nats(terms.surprise_q)),
            if ratio.is_nan() { String::new() } else { number(ratio) },
            number(unit.from_nats(terms.pq)),
            number(unit.from_nats(terms.qp)),
        ];
        out.push_str(&format!("{},{}\n", csv_field(label), cells.join(",")));
    }
    out
}

/// A label as a CSV field: quoted when it needs it, and a label that a spreadsheet would
/// take for a formula (=, +, -, @ first) is marked as text with a leading apostrophe.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_row_per_outcome_with_full_precision() {
        let labels = vec!["heads".to_string(), "tails, or \"edge\"".to_string()];
        let (p, q) = ([0.9, 0.1], [1.0, 0.0]);
        let csv = outcomes_csv(&labels, &p, &q, Unit::Bits);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "outcome,p,q,-log2 p,-log2 q,log2(p/q),p*log2(p/q),q*log2(q/p)");
        assert!(lines[1].starts_with("heads,0.9,1,0.15200309344504997,0,-0.15200309344504997,"), "{}", lines[1]);
        assert!(
            lines[2].starts_with("\"tails, or \"\"edge\"\"\",0.1,0,3.321928094887362,inf,inf,inf,0"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn a_label_that_looks_like_a_formula_stays_text() {
        let labels = vec!["=HYPERLINK(\"x\")".to_string(), "-1".to_string()];
        let csv = outcomes_csv(&labels, &[0.5, 0.5], &[0.5, 0.5], Unit::Bits);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"x\"\")\","), "{}", lines[1]);
        assert!(lines[2].starts_with("'-1,"), "{}", lines[2]);
    }

    #[test]
    fn markdown_lists_every_measure_with_units() {
        let report = Report::compute(&[0.9, 0.1], &[0.5, 0.5]);
        let table = markdown("Coin", &report, Unit::Bits, &ZeroRule::Exact);
        assert!(table.contains("| KL(P\\|\\|Q) | KL divergence, forward | 0.531004 bits |"), "{table}");
        assert!(table.contains("| TV(P,Q) | total variation distance | 0.400000 |"), "{table}");
        assert_eq!(table.lines().filter(|l| l.starts_with("| ")).count(), Measure::ALL.len() + 1);
        assert!(table.contains("| χ²(P\\|\\|Q) | Pearson's χ² divergence | 0.640000 |"), "{table}");
        let close = Report::compute(&[0.5, 0.5], &[0.5 + 1e-5, 0.5 - 1e-5]);
        let table = markdown("Two\nlines", &close, Unit::Nats, &ZeroRule::Exact);
        assert!(table.starts_with("**Two lines**"), "{table}");
        assert!(table.contains("| 2.00000e-10 nats |"), "tiny values keep their digits: {table}");
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
