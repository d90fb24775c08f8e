//! A step's task as read, made into a [`Task`] and checked against the step's scenario:
//! measures that exist, a choice that fits on the screen, a tolerance that means something,
//! and a goal the student can reach but has not reached yet.

use super::MAX_CHOICE_OUTCOMES;
use super::asked::{Asked, BEYOND_MEASURES, asked_named};
use super::error::StepProblem;
use super::format::{PredictionFile, TaskFile, known_measures, measure_named};
use super::task::{Goal, PER_OUTCOME, Prediction, Relation, Task};
use crate::info::density::DENSITY_MEASURES;
use crate::info::{Measure, Report, Side, Unit};
use crate::scenario::{AnyScenario, Scenario};
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

/// Makes the task and checks it makes sense for `scenario`: on densities, a question
/// about a measure the densities screen shows (their goals and "which outcome" have
/// nothing to be checked on).
pub fn task(file: TaskFile, scenario: &AnyScenario) -> Result<Task, TaskFault> {
    match scenario {
        AnyScenario::Discrete(scenario) => discrete_task(file, scenario),
        AnyScenario::Densities(scenario) => densities_task(file, scenario.unit),
    }
}

fn densities_task(file: TaskFile, unit: Unit) -> Result<Task, TaskFault> {
    let prediction = match file {
        TaskFile::Goal { .. } => return Err(StepProblem::DensitiesGoal.into()),
        TaskFile::Predict(PredictionFile::TopContributor(_)) => return Err(StepProblem::DensitiesOutcome.into()),
        TaskFile::Predict(prediction) => prediction,
    };
    let names: Vec<String> = match &prediction {
        PredictionFile::Larger(first, second) => vec![first.clone(), second.clone()],
        PredictionFile::Estimate { measure, .. } => vec![measure.clone()],
        PredictionFile::StaysMeaningful(names) => names.clone(),
        PredictionFile::TopContributor(_) => Vec::new(),
    };
    for name in names {
        let measure = named(&name)?;
        if !DENSITY_MEASURES.contains(&measure) {
            let allowed = DENSITY_MEASURES.iter().map(|m| m.symbol()).collect::<Vec<_>>().join(", ");
            let problem = StepProblem::NotForDensities { measure: measure.symbol(), allowed };
            return Err(TaskFault { problem, measure: Some(name) });
        }
    }
    prediction_for(prediction, unit, usize::MAX, "").map(Task::Predict)
}

fn discrete_task(file: TaskFile, scenario: &Scenario) -> Result<Task, TaskFault> {
    match file {
        TaskFile::Predict(prediction) => {
            prediction_for(prediction, scenario.unit, scenario.labels.len(), &scenario.id).map(Task::Predict)
        }
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

/// A prediction for a scenario in `unit` with `outcomes` outcomes (its id names it in an
/// error).
fn prediction_for(file: PredictionFile, unit: Unit, outcomes: usize, id: &str) -> Result<Prediction, TaskFault> {
    match file {
        PredictionFile::Larger(first, second) => {
            let (first, second) = (asked(&first)?, asked(&second)?);
            if first == second {
                return Err(StepProblem::SameMeasure(first.symbol()).into());
            }
            Ok(Prediction::Larger { first, second })
        }
        PredictionFile::StaysMeaningful(names) => {
            if !(MEANINGFUL_CHOICES.contains(&names.len())) {
                return Err(StepProblem::MeaningfulCount(names.len()).into());
            }
            let mut among: Vec<Asked> = Vec::with_capacity(names.len());
            for name in &names {
                let one = asked(name)?;
                if among.contains(&one) {
                    return Err(StepProblem::NamedTwice(one.symbol()).into());
                }
                among.push(one);
            }
            Ok(Prediction::StaysMeaningful { among })
        }
        PredictionFile::TopContributor(name) => {
            let measure = named(&name)?;
            if !PER_OUTCOME.contains(&measure) {
                let allowed = PER_OUTCOME.iter().map(|m| m.symbol()).collect::<Vec<_>>().join(", ");
                let problem = StepProblem::NotPerOutcome { measure: measure.symbol(), allowed };
                return Err(TaskFault { problem, measure: Some(name) });
            }
            if outcomes > MAX_CHOICE_OUTCOMES {
                let problem =
                    StepProblem::TooManyChoices { scenario: id.to_string(), outcomes, max: MAX_CHOICE_OUTCOMES };
                return Err(problem.into());
            }
            Ok(Prediction::TopContributor { measure })
        }
        PredictionFile::Estimate { measure, unit: given_unit, within } => {
            let measure = asked(&measure)?;
            if !(within.is_finite() && within > 0.0) {
                return Err(StepProblem::BadTolerance(within).into());
            }
            Ok(Prediction::Estimate { measure, unit: given_unit.unwrap_or(unit), tolerance: within })
        }
    }
}

/// How many names a StaysMeaningful question may offer: each is a button, beside "None of
/// them".
const MEANINGFUL_CHOICES: std::ops::RangeInclusive<usize> = 2..=4;

/// A measure, W₁ or a Rényi divergence, by name.
fn asked(name: &str) -> Result<Asked, TaskFault> {
    asked_named(name).ok_or_else(|| TaskFault {
        problem: StepProblem::UnknownMeasure {
            name: name.to_string(),
            known: format!("{}, or {BEYOND_MEASURES}", known_measures()),
        },
        measure: Some(name.to_string()),
    })
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
    // First what no drag can do whatever is kept, then what the kept side rules out.
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
    // With one side kept, the measure moves only as far as the other side can take it.
    if let Some(kept) = goal.keep {
        let (least, most) = kept_range(goal.measure, kept, scenario, goal.unit);
        let side = kept.name();
        if goal.relation == Relation::Below && goal.target <= least {
            return unreachable(format!(
                "{symbol} is at least {} while {side} is kept as it is, so it cannot be below {}",
                amount(least, &label),
                amount(goal.target, &label)
            ));
        }
        if goal.relation == Relation::Above && goal.target >= most {
            return unreachable(format!(
                "{symbol} is at most {} while {side} is kept as it is, so it cannot be above {}",
                amount(most, &label),
                amount(goal.target, &label)
            ));
        }
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
            crate::text::quote(&scenario.id),
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

/// The least and the largest value `measure` can take, in `unit`, when the side `kept`
/// stays as the scenario has it and the other side may become any distribution. Each
/// convex measure of the moving side (KL, JS, TV, Hellinger, cross-entropy in its
/// weights) is largest at a corner, all mass on the kept side's least likely outcome;
/// a cross-entropy whose weights are kept is least where the moving side equals them.
fn kept_range(measure: Measure, kept: Side, scenario: &Scenario, unit: Unit) -> (f64, f64) {
    let fixed = match kept {
        Side::P => &scenario.p,
        Side::Q => &scenario.q,
    };
    let least_p = fixed.iter().copied().fold(f64::INFINITY, f64::min);
    let most_p = fixed.iter().copied().fold(0.0, f64::max);
    let entropy = -fixed.iter().filter(|&&x| x > 0.0).map(|&x| x * x.ln()).sum::<f64>();
    let surprise = |x: f64| if x > 0.0 { -x.ln() } else { f64::INFINITY };
    let n = fixed.len();
    // JS(kept, all mass on outcome j) depends on p_j alone, and is largest at the least p_j.
    let js_corner = {
        let x = least_p;
        let ln2 = std::f64::consts::LN_2;
        let own = if x > 0.0 { x * (2.0 * x / (1.0 + x)).ln() } else { 0.0 };
        0.5 * ((1.0 - x) * ln2 + own + (2.0 / (1.0 + x)).ln())
    };
    // Which way round the measure holds the kept side.
    let (kept_weights, moving_weights) = match kept {
        Side::P => (Measure::CrossEntropyPQ, Measure::CrossEntropyQP),
        Side::Q => (Measure::CrossEntropyQP, Measure::CrossEntropyPQ),
    };
    let (kl_from_kept, kl_from_moving) = match kept {
        Side::P => (Measure::KlPQ, Measure::KlQP),
        Side::Q => (Measure::KlQP, Measure::KlPQ),
    };
    let nats = |(a, b): (f64, f64)| (unit.from_nats(a), unit.from_nats(b));
    match measure {
        Measure::EntropyP | Measure::EntropyQ if depends_only_on(measure) == Some(kept) => nats((entropy, entropy)),
        Measure::EntropyP | Measure::EntropyQ => nats((0.0, (n as f64).ln())),
        m if m == kept_weights => nats((entropy, f64::INFINITY)),
        m if m == moving_weights => nats((surprise(most_p), surprise(least_p))),
        m if m == kl_from_kept => nats((0.0, f64::INFINITY)),
        m if m == kl_from_moving => nats((0.0, surprise(least_p))),
        Measure::Js => nats((0.0, js_corner)),
        Measure::JsDistance => (0.0, unit.from_nats(js_corner).sqrt()),
        Measure::TotalVariation => (0.0, 1.0 - least_p),
        Measure::Hellinger => (0.0, (1.0 - least_p.sqrt()).max(0.0).sqrt()),
        _ => (0.0, f64::INFINITY),
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
