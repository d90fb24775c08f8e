//! The measures as tables to paste into lessons: Markdown and LaTeX (every measure, and
//! Rényi's D_α and W₁ from the family), and the per-outcome table as CSV (with every
//! f-divergence's terms and W₁'s share of each gap).

use crate::info::f_divergence::FDivergence;
use crate::info::family::{FamilyMember, FamilyReport};
use crate::info::measures::outcome_terms;
use crate::info::wasserstein;
use crate::info::{Measure, Report, Unit, ZeroRule, log_ratio};
use crate::text;

/// The value as a table shows it: 6 significant decimals, or ∞.
fn cell(measure: Measure, report: &Report, unit: Unit, latex: bool) -> String {
    value_cell(measure.value(report, unit), measure.unit_label(unit), latex)
}

/// A family member beyond the [`Measure`]s (D_α, W₁) as a table shows it.
fn member_cell(member: FamilyMember, family: &FamilyReport, unit: Unit, latex: bool) -> String {
    let label = if member.has_unit() { unit.name().to_string() } else { String::new() };
    value_cell(member.value(family, unit), label, latex)
}

fn value_cell(value: f64, unit_label: String, latex: bool) -> String {
    if value.is_infinite() {
        return if latex { "$\\infty$".to_string() } else { text::INFINITY.to_string() };
    }
    let unit_label = if latex { unit_label.replace('√', "$\\sqrt{}$") } else { unit_label };
    format!("{} {unit_label}", text::significant(value, 6)).trim_end().to_string()
}

/// A title on one line (a newline would end a LaTeX comment or a Markdown paragraph).
fn one_line(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The family's members that are not [`Measure`]s, in the order the tables list them.
const BEYOND_MEASURES: [FamilyMember; 2] = [FamilyMember::Renyi, FamilyMember::Wasserstein1];

/// A Markdown table of every measure, then D_α at the family's α and W₁ at its
/// positions, with a caption line naming the rule.
pub fn markdown(title: &str, family: &FamilyReport, unit: Unit, rule: &ZeroRule) -> String {
    let report = &family.report;
    let mut out = format!("**{}** (values in {}; zeros: {})\n\n", one_line(title), unit.name(), rule.describe());
    out.push_str("| measure | | value |\n|---|---|---:|\n");
    for measure in Measure::ALL {
        let symbol = measure.symbol().replace('|', "\\|");
        out.push_str(&format!("| {symbol} | {} | {} |\n", measure.name(), cell(measure, report, unit, false)));
    }
    for member in BEYOND_MEASURES {
        let symbol = member.symbol(family.alpha).replace('|', "\\|");
        let value = member_cell(member, family, unit, false);
        out.push_str(&format!("| {symbol} | {} | {value} |\n", member.name()));
    }
    out
}

/// A LaTeX `tabular` of every measure, then D_α and W₁.
pub fn latex(title: &str, family: &FamilyReport, unit: Unit, rule: &ZeroRule) -> String {
    let report = &family.report;
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
    for member in BEYOND_MEASURES {
        let symbol = match member {
            FamilyMember::Renyi => format!("$D_{{{}}}(P\\,\\|\\,Q)$", latex_alpha(family.alpha)),
            _ => "$W_1(P,Q)$".to_string(),
        };
        let value = member_cell(member, family, unit, true);
        out.push_str(&format!("{symbol} & {} & {value} \\\\\n", escape_latex(member.name())));
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

/// α as LaTeX writes it: ∞ and ½ in math mode.
fn latex_alpha(alpha: f64) -> String {
    match crate::info::family::alpha_text(alpha).as_str() {
        "∞" => "\\infty".to_string(),
        "½" => "1/2".to_string(),
        other => other.to_string(),
    }
}

fn escape_latex(text: &str) -> String {
    text.replace('&', "\\&").replace('%', "\\%").replace('_', "\\_").replace('–', "--")
}

/// The f-divergences whose terms the CSV adds after KL's two columns, with their
/// column names.
const TERM_COLUMNS: [(FDivergence, &str); 5] = [
    (FDivergence::Js, "js_term"),
    (FDivergence::TotalVariation, "tv_term"),
    (FDivergence::HellingerSquared, "hellinger_squared_term"),
    (FDivergence::ChiSquarePearson, "chi2_pearson_term"),
    (FDivergence::ChiSquareNeyman, "chi2_neyman_term"),
];

/// The per-outcome table as CSV: one row per outcome, values in `unit` with full
/// precision, infinity as "inf". After KL's terms come each f-divergence's term q·f(p/q)
/// (JS's in `unit`, the others without one) and W₁'s share of the gap after the outcome
/// at `positions` (`None`: 0, 1, 2, …), so that each column adds up to its measure.
/// Labels are quoted when they need it.
pub fn outcomes_csv(labels: &[String], p: &[f64], q: &[f64], positions: Option<&[f64]>, unit: Unit) -> String {
    let log = match unit {
        Unit::Bits => "log2",
        Unit::Nats => "ln",
        Unit::Bans => "log10",
    };
    let term_names: Vec<&str> = TERM_COLUMNS.iter().map(|(_, name)| *name).collect();
    let mut out = format!(
        "outcome,p,q,-{log} p,-{log} q,{log}(p/q),p*{log}(p/q),q*{log}(q/p),{},w1_gap_term\n",
        term_names.join(",")
    );
    let number = text::csv_number;
    let gaps = wasserstein::gap_terms(p, q, positions);
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
        let family = TERM_COLUMNS.iter().map(|(member, _)| {
            let term = member.term(pi, qi);
            number(if *member == FDivergence::Js { unit.from_nats(term) } else { term })
        });
        let gap = number(gaps.get(i).copied().unwrap_or(0.0));
        let cells: Vec<String> = cells.into_iter().chain(family).chain([gap]).collect();
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
        let csv = outcomes_csv(&labels, &p, &q, None, Unit::Bits);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0],
            "outcome,p,q,-log2 p,-log2 q,log2(p/q),p*log2(p/q),q*log2(q/p),js_term,tv_term,\
             hellinger_squared_term,chi2_pearson_term,chi2_neyman_term,w1_gap_term"
        );
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
        let csv = outcomes_csv(&labels, &[0.5, 0.5], &[0.5, 0.5], None, Unit::Bits);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"x\"\")\","), "{}", lines[1]);
        assert!(lines[2].starts_with("'-1,"), "{}", lines[2]);
    }

    /// Each CSV column after the outcome's name, parsed, with its header.
    fn csv_columns(csv: &str) -> Vec<(String, Vec<f64>)> {
        let mut lines = csv.lines();
        let header: Vec<String> = lines.next().unwrap_or_default().split(',').map(str::to_string).collect();
        let rows: Vec<Vec<f64>> = lines
            .map(|l| l.split(',').skip(1).map(|c| if c.is_empty() { f64::NAN } else { c.parse().unwrap() }).collect())
            .collect();
        header.into_iter().skip(1).enumerate().map(|(k, h)| (h, rows.iter().map(|r| r[k]).collect())).collect()
    }

    #[test]
    fn csv_family_columns_add_up_to_their_measures() {
        let (p, q) = ([0.5, 0.3, 0.2, 0.0], [0.1, 0.2, 0.3, 0.4]);
        let x = [0.0, 1.0, 3.0, 7.5];
        let labels: Vec<String> = (1..=4).map(|i| format!("o{i}")).collect();
        let family = FamilyReport::compute(&p, &q, 2.0, Some(&x));
        let csv = outcomes_csv(&labels, &p, &q, Some(&x), Unit::Bits);
        let columns = csv_columns(&csv);
        let sum = |name: &str| -> f64 {
            columns.iter().find(|(h, _)| h == name).map(|(_, v)| v.iter().sum()).expect("column")
        };
        let r = &family.report;
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
        assert!(close(sum("js_term"), Unit::Bits.from_nats(r.js)), "JS in bits");
        assert!(close(sum("tv_term"), r.total_variation));
        assert!(close(sum("hellinger_squared_term"), r.hellinger_squared));
        assert!(close(sum("chi2_pearson_term"), r.chi2_pearson));
        // q = 0.4 > p = 0 on the last outcome: Neyman's χ² is infinite there.
        assert_eq!(sum("chi2_neyman_term"), f64::INFINITY);
        assert!(close(sum("w1_gap_term"), family.wasserstein1), "{} vs {}", sum("w1_gap_term"), family.wasserstein1);
        // By hand: F_P − F_Q = 0.4, 0.5, 0.4 over gaps 1, 2, 4.5.
        assert!(close(family.wasserstein1, 0.4 + 1.0 + 1.8));
    }

    #[test]
    fn markdown_lists_every_measure_with_units() {
        let family = FamilyReport::compute(&[0.9, 0.1], &[0.5, 0.5], 0.5, None);
        let table = markdown("Coin", &family, Unit::Bits, &ZeroRule::Exact);
        assert!(table.contains("| KL(P\\|\\|Q) | KL divergence, forward | 0.531004 bits |"), "{table}");
        assert!(table.contains("| TV(P,Q) | total variation distance | 0.400000 |"), "{table}");
        assert_eq!(table.lines().filter(|l| l.starts_with("| ")).count(), Measure::ALL.len() + 3);
        assert!(table.contains("| χ²(P\\|\\|Q) | Pearson's χ² divergence | 0.640000 |"), "{table}");
        // D_½ = −2 log₂(√0.45 + √0.05) and W₁ = |0.9 − 0.5|·1.
        let renyi = -2.0 * (0.45f64.sqrt() + 0.05f64.sqrt()).log2();
        assert!(
            table.contains(&format!("| D½(P\\|\\|Q) | Rényi divergence | {} bits |", text::significant(renyi, 6))),
            "{table}"
        );
        assert!(table.contains("| W₁(P,Q) | Wasserstein-1 distance | 0.400000 |"), "{table}");
        let close = FamilyReport::compute(&[0.5, 0.5], &[0.5 + 1e-5, 0.5 - 1e-5], 2.0, None);
        let table = markdown("Two\nlines", &close, Unit::Nats, &ZeroRule::Exact);
        assert!(table.starts_with("**Two lines**"), "{table}");
        assert!(table.contains("| 2.00000e-10 nats |"), "tiny values keep their digits: {table}");
    }

    #[test]
    fn latex_is_a_tabular_with_infinity() {
        let family = FamilyReport::compute(&[0.5, 0.5], &[1.0, 0.0], f64::INFINITY, None);
        let table = latex("Mismatch", &family, Unit::Nats, &ZeroRule::Exact);
        assert!(table.starts_with("% Mismatch; values in nats"));
        assert!(table.contains("\\begin{tabular}{llr}") && table.contains("\\end{tabular}"));
        assert!(table.contains("$D_{\\mathrm{KL}}(P\\,\\|\\,Q)$ & KL divergence, forward & $\\infty$ \\\\"), "{table}");
        assert!(table.contains("Jensen--Shannon divergence"), "{table}");
        assert!(table.contains("$D_{\\infty}(P\\,\\|\\,Q)$ & Rényi divergence & $\\infty$ \\\\"), "{table}");
        assert!(table.contains("$W_1(P,Q)$ & Wasserstein-1 distance & 0.500000 \\\\"), "{table}");
    }
}
