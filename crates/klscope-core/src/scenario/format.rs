//! The shape of a scenario file. `p` and `q` are each a plain list of probabilities,
//! `p: [0.5, 0.5]`, or logits at a temperature, `p: Logits(values: [2.0, 1.0], temperature:
//! 0.7)` (temperature optional, default 1.0), meaning softmax(values / temperature).
//! `positions: [1, 2, 3]` (optional) places the outcomes on a line for Wasserstein-1:
//! finite, strictly increasing, one per label (default 0, 1, 2, …).
//! `roles: ("policy", "reference")` (optional) names what P and Q stand for; `focus: P`
//! (optional) makes the scenario about P alone, as does leaving `q` out (Q is then P).

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStructVariant;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sides::Focus;
use crate::info::Unit;
use crate::info::logits::{DEFAULT_TEMPERATURE, Logits};

/// One side as written in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Probabilities(Vec<f64>),
    Logits(Logits),
}

/// A scenario as read from a file, before it is checked.
#[derive(Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct ScenarioFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub unit: Unit,
    pub labels: Vec<String>,
    pub p: Values,
    /// Left out for a scenario about P alone: Q is then P.
    #[serde(default, deserialize_with = "present")]
    pub q: Option<Values>,
    /// Written as a plain list, `positions: [1.0, 2.0]`, not `Some([..])`.
    #[serde(default, deserialize_with = "a_list")]
    pub positions: Option<Vec<f64>>,
    /// Written as a pair, `roles: ("policy", "reference")`.
    #[serde(default, deserialize_with = "present")]
    pub roles: Option<(String, String)>,
    /// `focus: P` or `focus: Both`; P alone when `q` is left out, else Both.
    #[serde(default, deserialize_with = "present")]
    pub focus: Option<Focus>,
}

/// A present field, written without `Some(..)`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// A present `positions` field: its list.
fn a_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<f64>>, D::Error> {
    Vec::<f64>::deserialize(deserializer).map(Some)
}

/// Writes `Some(list)` as the list itself (absent fields are skipped before this).
fn as_list<S: Serializer>(positions: &Option<&[f64]>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(positions.unwrap_or_default())
}

/// A scenario as written to a file (borrowed: a scenario may hold a million outcomes).
#[derive(Serialize)]
#[serde(rename = "Scenario")]
pub struct ScenarioOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub unit: Unit,
    pub labels: &'a [String],
    pub p: ValuesOut<'a>,
    pub q: ValuesOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_list")]
    pub positions: Option<&'a [f64]>,
    /// Written only when not the default words.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_pair")]
    pub roles: Option<(&'a str, &'a str)>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_focus")]
    pub focus: Option<Focus>,
}

fn as_pair<S: Serializer>(roles: &Option<(&str, &str)>, serializer: S) -> Result<S::Ok, S::Error> {
    roles.unwrap_or_default().serialize(serializer)
}

fn as_focus<S: Serializer>(focus: &Option<Focus>, serializer: S) -> Result<S::Ok, S::Error> {
    focus.unwrap_or_default().serialize(serializer)
}

/// One side as written: the logits when the side has them, else the probabilities.
pub enum ValuesOut<'a> {
    Probabilities(&'a [f64]),
    Logits(&'a Logits),
}

impl Serialize for ValuesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ValuesOut::Probabilities(values) => serializer.collect_seq(values.iter()),
            ValuesOut::Logits(logits) => {
                // A struct variant, which RON writes as `Logits(values: [..], temperature: T)`.
                let mut variant = serializer.serialize_struct_variant("Values", 1, "Logits", 2)?;
                variant.serialize_field("values", &logits.values)?;
                variant.serialize_field("temperature", &logits.temperature)?;
                variant.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A list is probabilities, `Logits(..)` a struct: only a self-describing read can
        // tell them apart, which RON is.
        deserializer.deserialize_any(ValuesVisitor)
    }
}

struct ValuesVisitor;

impl<'de> Visitor<'de> for ValuesVisitor {
    type Value = Values;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of probabilities like [0.5, 0.5], or Logits(values: [..], temperature: 1.0)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values, A::Error> {
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(value) = seq.next_element::<f64>()? {
            values.push(value);
        }
        Ok(Values::Probabilities(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Values, A::Error> {
        // Field by field rather than a derived struct, so that errors name `Logits`
        // (RON would name the enclosing `Scenario`).
        let (mut values, mut temperature) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "values" if values.is_none() => values = Some(map.next_value::<Vec<f64>>()?),
                "temperature" if temperature.is_none() => temperature = Some(map.next_value::<f64>()?),
                "values" | "temperature" => return Err(de::Error::custom(format!("Logits has `{key}` twice"))),
                _ => {
                    return Err(de::Error::custom(format!(
                        "Logits has no field named `{key}`: its fields are `values` and `temperature`"
                    )));
                }
            }
        }
        let values =
            values.ok_or_else(|| de::Error::custom("Logits needs its `values`, e.g. Logits(values: [1.0, 0.0])"))?;
        Ok(Values::Logits(Logits { values, temperature: temperature.unwrap_or(DEFAULT_TEMPERATURE) }))
    }
}
