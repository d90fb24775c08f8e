//! What the `compute` and `presets` commands print, as text tables or JSON (`fit` and
//! `sample` are in cli_views.rs). The argument parsing itself lives in main.rs; everything
//! here is plain functions, easy to test.

use crate::info::UnknownDirection;
use crate::info::distribution::{check_labels, default_labels};
use crate::info::{Distribution, DistributionError, Measure, Report, Unit};
use crate::scenario::{Scenario, ScenarioError};
use crate::text::{NumberError, fixed6, json_number, parse_number, short_number};
use serde_json::{Map, Value, json};

/// Why a command could not run. Each message names the argument and the item.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("--{field}: {field}[{index}] {source}")]
    Number { field: &'static str, index: usize, source: NumberError },

    #[error("--{field}: {}{}", .source.message(field), hint(.source))]
    Distribution { field: &'static str, source: DistributionError },

    #[error("--p has {p} values but --q has {q}: P and Q need one value per outcome each")]
    LengthsDiffer { p: usize, q: usize },

    #[error("give --p and --q, or --preset")]
    MissingInput,

    #[error("{0}")]
    Scenario(#[from] ScenarioError),

    #[error("--{flag}: '{value}' is not a whole number from {min} to {max}")]
    NotInRange { flag: &'static str, value: String, min: u64, max: u64 },

    #[error("--direction: {0}")]
    Direction(#[from] UnknownDirection),
}

fn hint(error: &DistributionError) -> &'static str {
    match error {
        DistributionError::SumNotOne { .. } => "; pass --normalize to rescale counts or weights",
        _ => "",
    }
}

/// Labels, P and Q ready to measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub labels: Vec<String>,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
}

impl Pair {
    /// From comma-separated lists, as typed after `--p`, `--q` and `--labels`.
    pub fn from_lists(p: &str, q: &str, labels: Option<&str>, rescale: bool) -> Result<Pair, CliError> {
        let p = parse_list(p, "p")?;
        let q = parse_list(q, "q")?;
        if p.len() != q.len() {
            return Err(CliError::LengthsDiffer { p: p.len(), q: q.len() });
        }
        let labels: Vec<String> = match labels {
            Some(text) => text.split(',').map(|l| l.trim().to_string()).collect(),
            None => default_labels(p.len()),
        };
        check_labels(&labels).map_err(|source| CliError::Distribution { field: "labels", source })?;
        let make = |field, values: Vec<f64>| {
            let result = if rescale {
                Distribution::from_weights(labels.clone(), values)
            } else {
                Distribution::new(labels.clone(), values)
            };
            result.map_err(|source| CliError::Distribution { field, source })
        };
        let p = make("p", p)?;
        let q = make("q", q)?;
        Ok(Pair { labels, p: p.probs().to_vec(), q: q.probs().to_vec() })
    }

    pub fn from_scenario(scenario: &Scenario) -> Pair {
        Pair { labels: scenario.labels.clone(), p: scenario.p.clone(), q: scenario.q.clone() }
    }
}

/// Parses "0.9, 0.1" or "1/3,2/3" into numbers. Signs and non-finite values pass through
/// here and are judged by [`Distribution`], which names the outcome.
pub fn parse_list(text: &str, field: &'static str) -> Result<Vec<f64>, CliError> {
    text.split(',')
        .enumerate()
        .map(|(index, item)| parse_number(item).map_err(|source| CliError::Number { field, index, source }))
        .collect()
}

/// The aligned table printed by `klscope compute`.
pub fn report_text(pair: &Pair, report: &Report, unit: Unit) -> String {
    let mut out = format!("P vs Q over {} outcomes, in {}\n\n", pair.labels.len(), unit.name());
    for measure in Measure::ALL {
        let value = fixed6(measure.value(report, unit));
        let unit_label = measure.unit_label(unit);
        out.push_str(&format!("  {:<10} {:<27} {:>12} {:<6}", measure.symbol(), measure.name(), value, unit_label));
        if let Some(cause) = measure.infinite_because(report) {
            out.push_str(&format!("  {}", cause.explain(&pair.labels, &pair.p, &pair.q)));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out.push_str(&format!("\n  (√JS is the square root of JS in {}; TV and Hel have no unit.)\n\n", unit.name()));
    out.push_str(&outcome_table(pair, report, unit));
    out
}

/// Per-outcome terms, one row each; long lists are cut to the first and last rows.
fn outcome_table(pair: &Pair, report: &Report, unit: Unit) -> String {
    let log = unit.log_name();
    let width = pair.labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).clamp(7, 24);
    let mut out = format!(
        "  {:<width$} {:>10} {:>10} {:>14} {:>14} {:>10} {:>10}\n",
        "outcome",
        "p",
        "q",
        format!("p·{log}(p/q)"),
        format!("q·{log}(q/p)"),
        format!("−{log} p"),
        format!("−{log} q"),
    );
    let n = pair.labels.len();
    let shown: Vec<usize> = if n <= 40 { (0..n).collect() } else { (0..20).chain(n - 20..n).collect() };
    for (row, &i) in shown.iter().enumerate() {
        if n > 40 && row == 20 {
            out.push_str(&format!("  … {} more outcomes …\n", n - 40));
        }
        let term = |nats: f64| fixed6(unit.from_nats(nats));
        out.push_str(&format!(
            "  {:<width$} {:>10} {:>10} {:>14} {:>14} {:>10} {:>10}\n",
            truncate(&pair.labels[i], 24),
            short_number(pair.p[i]),
            short_number(pair.q[i]),
            term(report.terms_pq[i]),
            term(report.terms_qp[i]),
            term(report.surprise_p[i]),
            term(report.surprise_q[i]),
        ));
    }
    out
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// The object printed by `klscope compute --json`.
pub fn report_json(pair: &Pair, report: &Report, unit: Unit) -> String {
    let mut object = Map::new();
    object.insert("unit".into(), json!(unit.name()));
    object.insert("labels".into(), json!(pair.labels));
    object.insert("p".into(), json!(pair.p));
    object.insert("q".into(), json!(pair.q));
    for measure in Measure::ALL {
        object.insert(measure.json_key().into(), json_number(measure.value(report, unit)));
    }
    let terms = |values: &[f64]| Value::Array(values.iter().map(|&t| json_number(unit.from_nats(t))).collect());
    object.insert("terms_pq".into(), terms(&report.terms_pq));
    object.insert("terms_qp".into(), terms(&report.terms_qp));
    Value::Object(object).to_string()
}

/// The list printed by `klscope presets`.
pub fn presets_text(scenarios: &[Scenario]) -> String {
    let width = scenarios.iter().map(|s| s.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for s in scenarios {
        out.push_str(&format!("{:<width$}  {:>2} outcomes  {}\n", s.id, s.labels.len(), s.title));
    }
    out
}

/// The array printed by `klscope presets --json`.
pub fn presets_json(scenarios: &[Scenario]) -> String {
    let list: Vec<Value> = scenarios
        .iter()
        .map(|s| json!({ "id": s.id, "title": s.title, "outcomes": s.labels.len(), "unit": s.unit.name() }))
        .collect();
    Value::Array(list).to_string()
}
