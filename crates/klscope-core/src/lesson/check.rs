//! A step's task as read, made into a [`Task`] and checked against the step's scenario:
//! measures that exist, a choice that fits on the screen, a tolerance that means something,
//! and a goal the student can reach but has not reached yet.

use super::MAX_CHOICE_OUTCOMES;
use super::error::StepProblem;
use super::format::{PredictionFile, TaskFile, known_measures, measure_named};
use super::task::{Goal, PER_OUTCOME, Prediction, Relation, Task};
use crate::info::{Measure, Report, Side, Unit};
use crate::scenario::Scenario;
use crate::text::{short_number, with_unit};

/// A task's problem, and the measure name it is about (to point at it in the text).
pub struct TaskFault {
    pub problem: StepProblem,
    pub measure: Option<String>,
}

impl From<StepProblem> for TaskFault {
    fn from(problem: StepProblem) -> Self {
        TaskFault { problem, measure: None }
    }
}

/// Makes the task and checks it makes sense for `scenario`.
pub fn task(file: TaskFile, scenario: &Scenario) -> Result<Task, TaskFault> {
    match file {
        TaskFile::Predict(prediction) => self::prediction(prediction, scenario).map(Task::Predict),
        TaskFile::Goal { measure, below, above, unit, keep } => {
            let measure = named(&measure)?;
            let (relation, target) = match (below, above) {
                (Some(_), Some(_)) => return Err(StepProblem::BothBounds.into()),
                (None, None) => return Err(StepProblem::NoBound.into()),
                (Some(target), None) => (Relation::Below, target),
                (None, Some(target)) => (Relation::Above, target),
            };
            if !target.is_finite() {
                return Err(StepProblem::BadTarget(target).into());
            }
            let goal = Goal { measure, relation, target, unit: unit.unwrap_or(scenario.unit), keep };
            check_goal(&goal, scenario)?;
            Ok(Task::Goal(goal))
        }
    }
}

fn prediction(file: PredictionFile, scenario: &Scenario) -> Result<Prediction, TaskFault> {
    match file {
        PredictionFile::Larger(first, second) => {
            let (first, second) = (named(&first)?, named(&second)?);
            if first == second {
                return Err(StepProblem::SameMeasure(first.symbol()).into());
            }
            Ok(Prediction::Larger { first, second })
        }
        PredictionFile::TopContributor(name) => {
            let measure = named(&name)?;
            if !PER_OUTCOME.contains(&measure) {
                let allowed = PER_OUTCOME.iter().map(|m| m.symbol()).collect::<Vec<_>>().join(", ");
                let problem = StepProblem::NotPerOutcome { measure: measure.symbol(), allowed };
                return Err(TaskFault { problem, measure: Some(name) });
            }
            let outcomes = scenario.labels.len();
            if outcomes > MAX_CHOICE_OUTCOMES {
                let problem =
                    StepProblem::TooManyChoices { scenario: scenario.id.clone(), outcomes, max: MAX_CHOICE_OUTCOMES };
                return Err(problem.into());
            }
            Ok(Prediction::TopContributor { measure })
        }
        PredictionFile::Estimate { measure, unit, within } => {
            let measure = named(&measure)?;
            if !(within.is_finite() && within > 0.0) {
                return Err(StepProblem::BadTolerance(within).into());
            }
            Ok(Prediction::Estimate { measure, unit: unit.unwrap_or(scenario.unit), tolerance: within })
        }
    }
}

fn named(name: &str) -> Result<Measure, TaskFault> {
    measure_named(name).ok_or_else(|| TaskFault {
        problem: StepProblem::UnknownMeasure { name: name.to_string(), known: known_measures() },
        measure: Some(name.to_string()),
    })
}

/// A goal the student can reach by dragging, and has not reached at the start.
fn check_goal(goal: &Goal, scenario: &Scenario) -> Result<(), StepProblem> {
    let symbol = goal.measure.symbol();
    let label = goal.measure.unit_label(goal.unit);
    let unreachable = |why: String| Err(StepProblem::Unreachable(why));
    if let Some(side) = goal.keep.filter(|side| depends_only_on(goal.measure) == Some(*side)) {
        return unreachable(format!("{symbol} depends only on {}, which the goal keeps as it is", side.name()));
    }
    match goal.relation {
        Relation::Below if goal.target <= 0.0 => {
            return unreachable(format!("{symbol} is never negative, so it cannot be below {}", goal.target));
        }
        Relation::Above => {
            let most = upper_bound(goal.measure, goal.unit, scenario.labels.len());
            if goal.target >= most {
                return unreachable(format!(
                    "{symbol} is at most {} here, so it cannot be above {}",
                    amount(most, &label),
                    amount(goal.target, &label)
                ));
            }
        }
        Relation::Below => {}
    }
    let report = Report::compute(&scenario.p, &scenario.q);
    let status = goal.check(&report, true);
    if status.met {
        let relation = match goal.relation {
            Relation::Below => "below",
            Relation::Above => "above",
        };
        return Err(StepProblem::AlreadyMet(format!(
            "{symbol} is already {} in '{}', {relation} the target {}",
            amount(status.value, &label),
            scenario.id,
            amount(goal.target, &label)
        )));
    }
    Ok(())
}

/// "0.1 bits" as the author wrote it; "∞" alone.
fn amount(x: f64, label: &str) -> String {
    match (x.is_finite(), label) {
        (false, _) => with_unit(x, label),
        (true, "") => short_number(x),
        (true, _) => format!("{} {label}", short_number(x)),
    }
}

/// The side a measure is a function of alone, if it is.
fn depends_only_on(measure: Measure) -> Option<Side> {
    match measure {
        Measure::EntropyP => Some(Side::P),
        Measure::EntropyQ => Some(Side::Q),
        _ => None,
    }
}

/// The largest value a measure can take over `outcomes` outcomes, in `unit`.
fn upper_bound(measure: Measure, unit: Unit, outcomes: usize) -> f64 {
    let ln2 = std::f64::consts::LN_2;
    match measure {
        Measure::EntropyP | Measure::EntropyQ => unit.from_nats((outcomes as f64).ln()),
        Measure::Js => unit.from_nats(ln2),
        Measure::JsDistance => unit.from_nats(ln2).sqrt(),
        Measure::TotalVariation | Measure::Hellinger | Measure::HellingerSquared => 1.0,
        Measure::CrossEntropyPQ
        | Measure::CrossEntropyQP
        | Measure::KlPQ
        | Measure::KlQP
        | Measure::ChiSquarePearson
        | Measure::ChiSquareNeyman => f64::INFINITY,
    }
}
