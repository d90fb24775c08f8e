//! The shape of a lesson file, as read before anything is checked:
//!
//! ```text
//! Lesson(
//!     title: "When KL blows up",
//!     steps: [
//!         Step(
//!             scenario: Builtin("support-mismatch"), // or File("x.ron"), or Inline((id: .., ..))
//!                                                     // or InlineDensities((id: .., p: [..], q: [..]))
//!             view: "plots",
//!             say: "Q says scissors never happens.",
//!             task: Predict(Larger("KL(P||Q)", "KL(Q||P)")), // optional
//!             roles: ("policy", "reference"), // optional: names P and Q for this step
//!             focus: P,                       // optional: this step is about P alone
//!         ),
//!     ],
//! )
//! ```
//!
//! Options may be written bare (`task: Predict(..)`, `keep: P`) or as `Some(..)`.

use serde::Deserialize;

use crate::info::{Measure, Side, Unit};
use crate::scenario::{DensitiesFile, Focus, ScenarioFile};

/// A lesson as read from a file.
#[derive(Deserialize)]
#[serde(rename = "Lesson", deny_unknown_fields)]
pub struct LessonFile {
    pub title: String,
    pub steps: Vec<StepFile>,
}

/// One step as read.
#[derive(Deserialize)]
#[serde(rename = "Step", deny_unknown_fields)]
pub struct StepFile {
    pub scenario: ScenarioSource,
    pub view: String,
    pub say: String,
    #[serde(default)]
    pub task: Option<TaskFile>,
    /// Names P and Q for this step, over the scenario's own names.
    #[serde(default)]
    pub roles: Option<(String, String)>,
    /// `P` for a step about P alone, `Both` for P against Q, over the scenario's focus.
    #[serde(default)]
    pub focus: Option<Focus>,
}

/// Where a step's scenario comes from.
#[derive(Deserialize)]
#[serde(rename = "Scenario")]
pub enum ScenarioSource {
    /// A built-in scenario by id: discrete or densities.
    Builtin(String),
    /// A scenario file of either kind, relative to the lesson file's folder.
    File(String),
    /// A scenario written out in the lesson, in the scenario file format.
    Inline(Box<ScenarioFile>),
    /// Densities written out in the lesson, in the densities file format.
    InlineDensities(Box<DensitiesFile>),
}

/// A task as read; measures are still names.
#[derive(Deserialize)]
#[serde(rename = "Task", deny_unknown_fields)]
pub enum TaskFile {
    Predict(PredictionFile),
    Goal {
        measure: String,
        #[serde(default)]
        below: Option<f64>,
        #[serde(default)]
        above: Option<f64>,
        /// The scenario's unit when left out.
        #[serde(default)]
        unit: Option<Unit>,
        #[serde(default)]
        keep: Option<Side>,
    },
}

/// A prediction as read.
#[derive(Deserialize)]
#[serde(rename = "Prediction", deny_unknown_fields)]
pub enum PredictionFile {
    Larger(String, String),
    TopContributor(String),
    Estimate {
        measure: String,
        /// The scenario's unit when left out.
        #[serde(default)]
        unit: Option<Unit>,
        within: f64,
    },
    /// "Which of these still tells how far apart P and Q are?": two to four names.
    StaysMeaningful(Vec<String>),
}

/// The measure a lesson names: its symbol ("KL(P||Q)") or its JSON key ("kl_pq"), either
/// in any case and with any spaces ("kl(p || q)").
pub fn measure_named(name: &str) -> Option<Measure> {
    let wanted = squeeze(name);
    Measure::ALL.into_iter().find(|m| squeeze(m.symbol()) == wanted || m.json_key() == wanted)
}

/// The measures' symbols and keys, as an error lists them.
pub fn known_measures() -> String {
    let symbols: Vec<&str> = Measure::ALL.iter().map(|m| m.symbol()).collect();
    let keys: Vec<&str> = Measure::ALL.iter().map(|m| m.json_key()).collect();
    format!("{} (or their keys {})", symbols.join(", "), keys.join(", "))
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_by_symbol_or_key_in_any_case() {
        assert_eq!(measure_named("KL(P||Q)"), Some(Measure::KlPQ));
        assert_eq!(measure_named("kl(q || p)"), Some(Measure::KlQP));
        assert_eq!(measure_named("KL_PQ"), Some(Measure::KlPQ));
        assert_eq!(measure_named("√JS"), Some(Measure::JsDistance));
        assert_eq!(measure_named("js_distance"), Some(Measure::JsDistance));
        assert_eq!(measure_named("h(p,q)"), Some(Measure::CrossEntropyPQ));
        assert_eq!(measure_named("KL"), None);
        assert!(known_measures().starts_with("H(P), H(Q), H(P,Q)"));
    }
}
