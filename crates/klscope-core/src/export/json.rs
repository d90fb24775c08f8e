//! P, Q and every measure as one JSON object: what `klscope compute --json` prints and
//! what the page tells a lesson that embeds it. Values are in `unit`, at full precision;
//! infinity is the string "inf".

use serde_json::{Map, Value, json};

use crate::info::measures::{OutcomeTerms, outcome_terms};
use crate::info::{Measure, Report, Unit};
use crate::text::json_number;

/// `p` and `q` are what the report was computed from (after any zero rule), so that the
/// per-outcome terms add up to its totals.
pub fn report_object(labels: &[String], p: &[f64], q: &[f64], report: &Report, unit: Unit) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("unit".into(), json!(unit.name()));
    object.insert("labels".into(), json!(labels));
    object.insert("p".into(), json!(p));
    object.insert("q".into(), json!(q));
    for measure in Measure::ALL {
        object.insert(measure.json_key().into(), json_number(measure.value(report, unit)));
    }
    let terms: Vec<OutcomeTerms> = p.iter().zip(q).map(|(&p, &q)| outcome_terms(p, q)).collect();
    let column = |term: fn(&OutcomeTerms) -> f64| {
        Value::Array(terms.iter().map(|t| json_number(unit.from_nats(term(t)))).collect())
    };
    object.insert("terms_pq".into(), column(|t| t.pq));
    object.insert("terms_qp".into(), column(|t| t.qp));
    object
}
