//! P, Q and every measure as one JSON object: what `klscope compute --json` prints and
//! what the page tells a lesson that embeds it. Values are in `unit`, at full precision;
//! infinity is the string "inf".

use serde_json::{Map, Value, json};

use crate::info::family::{FamilyMember, FamilyReport};
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

/// Adds what a [`FamilyReport`] has beyond the report to `object`: `renyi` (D_α in `unit`)
/// with its `renyi_alpha` (a number, or "inf"), `wasserstein1` (in the positions' units)
/// and the `positions` it was taken at (0, 1, 2, … unless given). The f-divergences are
/// keys of [`report_object`] already (`chi2_pearson`, `chi2_neyman`, `hellinger_squared`).
pub fn insert_family(object: &mut Map<String, Value>, family: &FamilyReport, positions: Option<&[f64]>, unit: Unit) {
    for member in [FamilyMember::Renyi, FamilyMember::Wasserstein1] {
        object.insert(member.json_key().into(), json_number(member.value(family, unit)));
    }
    object.insert("renyi_alpha".into(), json_number(family.alpha));
    let positions =
        positions.map_or_else(|| crate::info::wasserstein::default_positions(family.report.len()), <[f64]>::to_vec);
    object.insert("positions".into(), json!(positions));
}
