//! A student's answer read against the step it answers: the wire form becomes the
//! lesson's own `Answer` (or a goal's check on the student's copy of P and Q), judged by
//! the lesson's task code against P and Q as the teacher has them.

use super::{MAX_ROOM_OUTCOMES, WireAnswer};
use crate::info::density::{Accuracy, DensityReport};
use crate::info::{Distribution, Report};
use crate::lesson::{Answer, Choice, Prediction, Scene, Step, Task, Verdict};
use crate::scenario::AnyScenario;
use crate::text::parse_number;

/// An answer, understood.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Judged {
    /// A prediction's answer, judged only at Reveal (P and Q may move until then).
    Prediction(Answer),
    /// Whether the student's copy reached the goal.
    Goal { met: bool },
}

/// How close two probabilities must be for a side to count as unchanged.
const KEPT_WITHIN: f64 = 1e-9;

/// The longest estimate text read.
const MAX_NUMBER_TEXT: usize = 40;

/// Why a room cannot carry a densities step.
pub const DENSITIES_REFUSED: &str = "this step shows densities, and a room carries only discrete P and Q: teach it from the projector and go on to the next step";

/// Checks P and Q from the wire for a step's outcomes; the error is one sentence.
pub fn check_scene(step: &Step, p: &[f64], q: &[f64]) -> Result<(), String> {
    let Some(scenario) = step.discrete() else {
        return Err(DENSITIES_REFUSED.to_string());
    };
    let labels = &scenario.labels;
    if labels.len() > MAX_ROOM_OUTCOMES {
        return Err(format!("this step has {} outcomes, more than a room carries ({MAX_ROOM_OUTCOMES})", labels.len()));
    }
    for (side, values) in [("P", p), ("Q", q)] {
        Distribution::check_values_for(labels, values).map_err(|error| format!("{side}: {error}"))?;
    }
    Ok(())
}

/// Reads `wire` as an answer to `step`, whose P and Q are now `p` and `q`.
pub fn judge_answer(step: &Step, p: &[f64], wire: &WireAnswer) -> Result<Judged, String> {
    let Some(scenario) = step.discrete() else {
        return Err(DENSITIES_REFUSED.to_string());
    };
    let labels = &scenario.labels;
    let prediction = match &step.task {
        None => return Err("this step asks nothing: there is nothing to answer".to_string()),
        Some(Task::Goal(goal)) => {
            let WireAnswer::Scene { p: own_p, q: own_q } = wire else {
                return Err("this step is a goal: send your P and Q".to_string());
            };
            check_scene(step, own_p, own_q)?;
            let kept = own_p.iter().zip(p).all(|(a, b)| (a - b).abs() <= KEPT_WITHIN);
            return Ok(Judged::Goal { met: goal.check(&Report::compute(own_p, own_q), kept).met });
        }
        Some(Task::Predict(prediction)) => prediction,
    };
    let choice = |choice: Choice| -> Result<Judged, String> {
        if prediction.choices(labels).contains(&choice) {
            Ok(Judged::Prediction(Answer::Chose(choice)))
        } else {
            Err("that is not one of this question's choices".to_string())
        }
    };
    match (prediction, wire) {
        (Prediction::Estimate { .. }, WireAnswer::Number { value }) => {
            if value.len() > MAX_NUMBER_TEXT {
                return Err(format!("an estimate is at most {MAX_NUMBER_TEXT} characters"));
            }
            match parse_number(value) {
                Ok(x) if !x.is_nan() => Ok(Judged::Prediction(Answer::Number(x))),
                Ok(_) => Err("an estimate must be a number, not NaN".to_string()),
                Err(error) => Err(error.to_string()),
            }
        }
        (Prediction::Estimate { .. }, _) => Err("this question asks for a number".to_string()),
        (_, WireAnswer::Measure { measure }) => {
            let named = prediction
                .choices(labels)
                .into_iter()
                .find(|c| matches!(c, Choice::Measure(asked) if asked.json_key() == measure));
            match named {
                Some(named) => choice(named),
                None => Err("that is not one of this question's choices".to_string()),
            }
        }
        (_, WireAnswer::Equal {}) => choice(Choice::Equal),
        (_, WireAnswer::NoneOf {}) => choice(Choice::NoneOf),
        (_, WireAnswer::Outcome { index }) => choice(Choice::Outcome(*index)),
        (_, WireAnswer::Number { .. } | WireAnswer::Scene { .. }) => {
            Err("this question takes one of its choices".to_string())
        }
    }
}

/// The lesson's verdict on `answer` for a prediction step at P and Q; None for a step
/// without a prediction.
pub fn verdict(step: &Step, p: &[f64], q: &[f64], answer: Option<Answer>) -> Option<Verdict> {
    let Some(Task::Predict(prediction)) = &step.task else {
        return None;
    };
    match &step.scenario {
        AnyScenario::Discrete(scenario) => {
            let report = Report::compute(p, q);
            let scene = Scene::discrete(&scenario.labels, p, q, &report, scenario.unit);
            Some(prediction.judge(answer, &scene.at_positions(scenario.positions.as_deref())))
        }
        // Densities do not move over the wire: judged as the step sets them.
        AnyScenario::Densities(densities) => {
            let report = DensityReport::compute(&densities.p, &densities.q, Accuracy::default());
            Some(prediction.judge(answer, &Scene::densities(&report, densities.unit)))
        }
    }
}

/// The answer as a person reads it in the record: "KL(Q||P)", "scissors", "0.7",
/// "reached".
pub fn answer_text(step: &Step, judged: &Judged) -> String {
    match judged {
        Judged::Prediction(Answer::Chose(choice)) => Prediction::choice_text(*choice, step.labels()),
        Judged::Prediction(Answer::Number(x)) => crate::text::full(*x),
        Judged::Goal { met: true } => "reached".to_string(),
        Judged::Goal { met: false } => "not reached".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::find_builtin_lesson;

    fn step(lesson: &str, index: usize) -> Step {
        find_builtin_lesson(lesson).expect(lesson).steps[index].clone()
    }

    #[test]
    fn answers_are_read_against_their_question() {
        let larger = step("asymmetry", 0);
        let p = larger.discrete().unwrap().p.clone();
        let kl_qp = WireAnswer::Measure { measure: "kl_qp".into() };
        assert!(matches!(judge_answer(&larger, &p, &kl_qp), Ok(Judged::Prediction(Answer::Chose(_)))));
        let not_offered = WireAnswer::Measure { measure: "js".into() };
        assert_eq!(judge_answer(&larger, &p, &not_offered), Err("that is not one of this question's choices".into()));
        let number = WireAnswer::Number { value: "0.5".into() };
        assert_eq!(judge_answer(&larger, &p, &number), Err("this question takes one of its choices".into()));
        assert!(judge_answer(&step("asymmetry", 1), &p, &WireAnswer::Equal {}).is_err(), "a step without a task");

        let estimate = step("surprise-and-entropy", 0);
        let p = estimate.discrete().unwrap().p.clone();
        let third = WireAnswer::Number { value: "1/3".into() };
        assert_eq!(judge_answer(&estimate, &p, &third), Ok(Judged::Prediction(Answer::Number(1.0 / 3.0))));
        for bad in ["NaN", "abc", &"1".repeat(41)] {
            assert!(judge_answer(&estimate, &p, &WireAnswer::Number { value: bad.into() }).is_err(), "{bad}");
        }
        assert!(judge_answer(&estimate, &p, &WireAnswer::Equal {}).is_err());
    }

    #[test]
    fn a_goal_is_checked_on_the_students_own_copy_with_the_kept_side() {
        // asymmetry's last step: KL(P||Q) below 0.05 bits, keeping P.
        let goal = step("asymmetry", 5);
        let p = goal.discrete().unwrap().p.clone();
        let near = WireAnswer::Scene { p: p.clone(), q: p.clone() };
        assert_eq!(judge_answer(&goal, &p, &near), Ok(Judged::Goal { met: true }));
        let far = WireAnswer::Scene { p: p.clone(), q: goal.discrete().unwrap().q.clone() };
        assert_eq!(judge_answer(&goal, &p, &far), Ok(Judged::Goal { met: false }));
        let moved_p =
            WireAnswer::Scene { p: goal.discrete().unwrap().q.clone(), q: goal.discrete().unwrap().q.clone() };
        assert_eq!(judge_answer(&goal, &p, &moved_p), Ok(Judged::Goal { met: false }), "P changed");
        let short = WireAnswer::Scene { p: vec![1.0], q: vec![1.0] };
        assert!(judge_answer(&goal, &p, &short).is_err_and(|e| e.starts_with("P: ")));
        let bad_sum = WireAnswer::Scene { p: p.clone(), q: vec![0.5; p.len()] };
        assert!(judge_answer(&goal, &p, &bad_sum).is_err_and(|e| e.starts_with("Q: ")));
    }
}
