//! A scenario: outcome labels, P, Q, a unit, a title and teaching text. Stored as RON.

mod any;
mod catalog;
mod densities;
mod error;
#[cfg(not(target_arch = "wasm32"))]
mod file;
mod format;
mod generated;
pub mod link;
mod link_error;
mod sides;

pub use any::{AnyScenario, builtin_densities, builtin_densities_ids, find_builtin_any, find_builtin_densities};
#[cfg(not(target_arch = "wasm32"))]
pub use any::{load_any, resolve_any};
#[cfg(not(target_arch = "wasm32"))]
pub use catalog::names_a_file;
pub use catalog::{builtin, builtin_ids, find_builtin, generated_ids, resolve};
pub use densities::{DensitiesScenario, is_densities};
pub use error::ScenarioError;
#[cfg(not(target_arch = "wasm32"))]
pub use file::{load, save, save_densities};
pub use sides::{Focus, MAX_ROLE_CHARS, Roles};

use crate::info::distribution::check_labels;
use crate::info::logits::Logits;
use crate::info::wasserstein::{PositionsError, check_positions};
use crate::info::{Distribution, DistributionError, Side, Unit};
pub(crate) use densities::DensitiesFile;
pub(crate) use format::ScenarioFile;
use format::{ScenarioOut, Values, ValuesOut};

/// The most outcomes a scenario may have.
pub const MAX_OUTCOMES: usize = 1_000_000;

/// How far softmax of a side's logits may be from its probabilities.
const LOGITS_TOLERANCE: f64 = 1e-9;

/// One teaching example, as in a `.ron` file (see `format` for the file's shape).
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub description: String,
    pub unit: Unit,
    pub labels: Vec<String>,
    /// P's probabilities, always: softmax of P's logits when it has them.
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    /// The logits a side was given as, if it was; saving writes them back.
    pub logits: SideLogits,
    /// Where the outcomes sit on a line, for Wasserstein-1 (strictly increasing, one per
    /// label); `None` means 0, 1, 2, …. A boxed slice, not a `Vec`: a scenario travels in
    /// the app's messages, which stay small.
    pub positions: Option<Box<[f64]>>,
    /// What P and Q stand for ("the truth" and "the model" unless the file says).
    pub roles: Roles,
    /// Whether the scenario is about P alone.
    pub focus: Focus,
}

/// Logits and temperature for P and for Q, where a side has them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SideLogits {
    pub p: Option<Logits>,
    pub q: Option<Logits>,
}

impl SideLogits {
    pub fn get(&self, side: Side) -> Option<&Logits> {
        match side {
            Side::P => self.p.as_ref(),
            Side::Q => self.q.as_ref(),
        }
    }

    pub fn get_mut(&mut self, side: Side) -> &mut Option<Logits> {
        match side {
            Side::P => &mut self.p,
            Side::Q => &mut self.q,
        }
    }
}

impl Scenario {
    /// Parses and validates RON text; `origin` names it in errors (a path or preset).
    pub fn from_ron(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
        // Editors on Windows may start a UTF-8 file with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if is_densities(text) {
            return Err(ScenarioError::IsDensities { origin: origin.to_string() });
        }
        let file: ScenarioFile = ron::Options::default().from_str(text).map_err(|e| {
            let (line, column) = skip_blanks(text, e.span.start.line, e.span.start.col);
            ScenarioError::Syntax { origin: origin.to_string(), line, column, message: e.code.to_string() }
        })?;
        Scenario::from_file(file, origin)
    }

    /// Checks a scenario as read (from its own file, or inside a lesson) and makes it.
    pub(crate) fn from_file(file: ScenarioFile, origin: &str) -> Result<Scenario, ScenarioError> {
        let mut logits = SideLogits::default();
        let side = |field: &str, values: Values, slot: &mut Option<Logits>| match values {
            Values::Probabilities(p) => Ok(p),
            Values::Logits(given) => {
                // Checked before softmax, so that a bad logit is named as one.
                check_logits(field, &given, &file.labels, origin)?;
                let p = given
                    .probabilities()
                    .map_err(|e| invalid_in(origin, format!("{field}: Logits"), &e.to_string()))?;
                *slot = Some(given);
                Ok::<_, ScenarioError>(p)
            }
        };
        let p = side("p", file.p, &mut logits.p)?;
        // Without `q` the scenario is about P alone, and Q is P.
        let (q, focus) = match file.q {
            Some(values) => (side("q", values, &mut logits.q)?, file.focus.unwrap_or_default()),
            None => {
                logits.q = logits.p.clone();
                (p.clone(), file.focus.unwrap_or(Focus::P))
            }
        };
        let roles = file.roles.map_or_else(Roles::default, |(p, q)| Roles::new(p, q));
        let scenario = Scenario {
            id: file.id,
            title: file.title,
            description: file.description,
            unit: file.unit,
            labels: file.labels,
            p,
            q,
            logits,
            positions: file.positions.map(Vec::into_boxed_slice),
            roles,
            focus,
        };
        scenario.validate(origin)?;
        Ok(scenario)
    }

    /// The scenario as pretty RON, numbers in full precision; a side given as logits is
    /// written as logits.
    pub fn to_ron(&self) -> Result<String, ScenarioError> {
        let config = ron::ser::PrettyConfig::new().depth_limit(1).struct_names(false);
        fn values<'a>(p: &'a [f64], logits: Option<&'a Logits>) -> ValuesOut<'a> {
            logits.map_or(ValuesOut::Probabilities(p), ValuesOut::Logits)
        }
        let out = ScenarioOut {
            id: &self.id,
            title: &self.title,
            description: &self.description,
            unit: self.unit,
            labels: &self.labels,
            p: values(&self.p, self.logits.p.as_ref()),
            q: values(&self.q, self.logits.q.as_ref()),
            positions: self.positions.as_deref(),
            roles: self.roles.pair(),
            focus: self.focus.p_alone().then_some(self.focus),
        };
        ron::ser::to_string_pretty(&out, config)
            .map(|mut text| {
                text.push('\n');
                text
            })
            .map_err(|e| ScenarioError::Serialize(e.to_string()))
    }

    /// Checks everything a [`Distribution`] checks, for P and for Q, plus a non-empty id,
    /// equal lengths, at most [`MAX_OUTCOMES`] outcomes, logits that give the
    /// probabilities beside them, and positions (if any) W₁ can use.
    pub fn validate(&self, origin: &str) -> Result<(), ScenarioError> {
        let invalid = |subject: String, reason: &str| ScenarioError::Invalid {
            origin: origin.to_string(),
            subject,
            reason: reason.to_string(),
        };
        if self.id.trim().is_empty() {
            return Err(invalid("id is empty".into(), "every scenario needs an id"));
        }
        if self.labels.is_empty() {
            return Err(invalid("labels is empty".into(), "a scenario needs at least one outcome"));
        }
        if self.labels.len() > MAX_OUTCOMES {
            return Err(invalid(
                format!("labels has {} outcomes", self.labels.len()),
                "a scenario may have at most 1000000 outcomes",
            ));
        }
        let from_distribution = |field: &str, e: DistributionError| invalid(e.subject(field), e.reason());
        check_labels(&self.labels).map_err(|e| from_distribution("labels", e))?;
        Distribution::check_values_for(&self.labels, &self.p).map_err(|e| from_distribution("p", e))?;
        Distribution::check_values_for(&self.labels, &self.q).map_err(|e| from_distribution("q", e))?;
        if let Some(problem) = self.roles.problem() {
            return Err(invalid("roles".into(), &problem));
        }
        if let Some(positions) = &self.positions {
            check_positions(positions, self.labels.len())
                .map_err(|e| invalid(positions_subject(&e, &self.labels), e.reason()))?;
        }
        for (field, logits, p) in [("p", &self.logits.p, &self.p), ("q", &self.logits.q, &self.q)] {
            let Some(logits) = logits else { continue };
            check_logits(field, logits, &self.labels, origin)?;
            let matches = logits
                .probabilities()
                .is_ok_and(|softmax| softmax.iter().zip(p).all(|(a, b)| (a - b).abs() <= LOGITS_TOLERANCE));
            if !matches {
                return Err(invalid_in(
                    origin,
                    format!("{field} differs from softmax of its logits"),
                    "a side given as logits must have the probabilities they stand for",
                ));
            }
        }
        Ok(())
    }

    /// The outcomes' positions: as given, or 0, 1, 2, ….
    pub fn positions_or_default(&self) -> Vec<f64> {
        self.positions
            .as_deref()
            .map_or_else(|| crate::info::wasserstein::default_positions(self.labels.len()), <[f64]>::to_vec)
    }

    pub fn distribution_p(&self) -> Result<Distribution, DistributionError> {
        Distribution::new(self.labels.clone(), self.p.clone())
    }

    pub fn distribution_q(&self) -> Result<Distribution, DistributionError> {
        Distribution::new(self.labels.clone(), self.q.clone())
    }
}

/// "positions[2] is NaN" with the outcome's label: "positions[2] ('three') is NaN".
fn positions_subject(error: &PositionsError, labels: &[String]) -> String {
    let text = error.to_string();
    match error {
        PositionsError::NotFinite { index, .. } | PositionsError::NotIncreasing { index, .. } => {
            let label = crate::text::quote(labels.get(*index).map(String::as_str).unwrap_or_default());
            let at = format!("positions[{index}]");
            text.replacen(&at, &format!("{at} ('{label}')"), 1)
        }
        PositionsError::Length { .. } => text,
    }
}

fn invalid_in(origin: &str, subject: String, reason: &str) -> ScenarioError {
    ScenarioError::Invalid { origin: origin.to_string(), subject, reason: reason.to_string() }
}

/// Logits that softmax can use: one per label, none NaN or +∞, a positive finite
/// temperature. −∞ is allowed (probability 0) as long as some outcome is possible.
fn check_logits(field: &str, logits: &Logits, labels: &[String], origin: &str) -> Result<(), ScenarioError> {
    let subject = |what: String| format!("{field}: Logits {what}");
    if logits.values.len() != labels.len() {
        return Err(invalid_in(
            origin,
            subject(format!("has {} values but there are {} labels", logits.values.len(), labels.len())),
            "every outcome needs exactly one logit",
        ));
    }
    let t = logits.temperature;
    if !(t.is_finite() && t > 0.0) {
        return Err(invalid_in(
            origin,
            subject(format!("temperature is {t}")),
            "a temperature must be a positive, finite number",
        ));
    }
    if let Some((index, value)) = logits.values.iter().enumerate().find(|(_, z)| z.is_nan() || **z == f64::INFINITY) {
        let label = labels.get(index).map(String::as_str).unwrap_or_default();
        return Err(invalid_in(
            origin,
            subject(format!("values[{index}] ('{}') is {value}", crate::text::quote(label))),
            "a logit is a number below +inf (-inf means probability 0)",
        ));
    }
    if logits.values.iter().all(|z| *z == f64::NEG_INFINITY) {
        return Err(invalid_in(origin, subject("values are all -inf".into()), "at least one outcome must be possible"));
    }
    Ok(())
}

/// ron sometimes reports the position of the blank before the offending token; move
/// forward past spaces and line breaks so line:column points at the token itself. When
/// only blanks follow (the file ended early), the reported position stays.
pub(crate) fn skip_blanks(text: &str, reported_line: usize, reported_column: usize) -> (usize, usize) {
    let (line, column) = (reported_line, reported_column);
    let start_of_line: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let offset = text[start_of_line.min(text.len())..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| start_of_line + i);
    let Some(offset) = offset else {
        return (line, column);
    };
    let (mut line, mut column) = (line, column);
    for c in text[offset..].chars() {
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            c if c.is_whitespace() => column += 1,
            _ => return (line, column),
        }
    }
    (reported_line, reported_column)
}
