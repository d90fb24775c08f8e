//! P, Q and every measure as one JSON object: what `klscope compute --json` prints and
//! what the page tells a lesson that embeds it. Values are in `unit`, at full precision;
//! infinity is the string "inf".

use serde_json::{Map, Value, json};

use crate::info::{Measure, Report, Unit};
use crate::text::json_number;

pub fn report_object(labels: &[String], p: &[f64], q: &[f64], report: &Report, unit: Unit) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("unit".into(), json!(unit.name()));
    object.insert("labels".into(), json!(labels));
    object.insert("p".into(), json!(p));
    object.insert("q".into(), json!(q));
    for measure in Measure::ALL {
        object.insert(measure.json_key().into(), json_number(measure.value(report, unit)));
    }
    let terms = |values: &[f64]| Value::Array(values.iter().map(|&t| json_number(unit.from_nats(t))).collect());
    object.insert("terms_pq".into(), terms(&report.terms_pq));
    object.insert("terms_qp".into(), terms(&report.terms_qp));
    object
}
