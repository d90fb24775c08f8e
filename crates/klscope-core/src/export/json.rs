//! P, Q and every measure as one JSON object: what `klscope compute --json` prints and
//! what the page tells a lesson that embeds it. Values are in `unit`, at full precision;
//! infinity is the string "inf".

use serde_json::{Map, Value, json};

use crate::info::density::{DENSITY_MEASURES, DensityReport, Method, Mixture};
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

/// What a density measure's `_method` key says.
pub fn method_name(method: Method) -> &'static str {
    match method {
        Method::ClosedForm => "closed form",
        Method::Quadrature => "quadrature",
        Method::Support => "support",
    }
}

/// Two densities and every measure as one JSON object (`klscope compute --p-density …
/// --json`): the same keys as for discrete P and Q (in `unit`), each with `_error` (the
/// stated bound: the true value is within it) and `_method` beside it, `p` and `q` as
/// specs, the areas above and below the axis under each KL's integrand, and for an
/// infinite measure `_infinite_because`, the interval that makes it so.
pub fn density_report_object(p: &Mixture, q: &Mixture, report: &DensityReport, unit: Unit) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("unit".into(), json!(unit.name()));
    object.insert("p".into(), json!(p.spec()));
    object.insert("q".into(), json!(q.spec()));
    for measure in DENSITY_MEASURES {
        let key = measure.json_key();
        let estimate = report.in_unit(measure, unit);
        object.insert(key.into(), json_number(estimate.value));
        object.insert(format!("{key}_error"), json_number(estimate.error));
        object.insert(format!("{key}_method"), json!(method_name(report.method(measure))));
        if let Some(cause) = report.infinite_because(measure) {
            object.insert(format!("{key}_infinite_because"), json!(cause.explain()));
        }
    }
    let areas = [
        ("kl_pq_positive", report.kl_pq_positive),
        ("kl_pq_negative", report.kl_pq_negative),
        ("kl_qp_positive", report.kl_qp_positive),
        ("kl_qp_negative", report.kl_qp_negative),
    ];
    for (key, estimate) in areas {
        object.insert(key.into(), json_number(unit.from_nats(estimate.value)));
        object.insert(format!("{key}_error"), json_number(unit.from_nats(estimate.error)));
    }
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
