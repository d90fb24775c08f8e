//! A step's task. A prediction's answer is computed from the scenario as it stands when
//! the student answers, never typed by the lesson's author; a goal is checked live.

use super::asked::Asked;
use super::scene::{Scene, SceneMeasures};
use crate::info::measures::outcome_terms;
use crate::info::{Measure, Report, Side, Unit};
use crate::text::{short_number, sig4, with_unit};

/// What a step asks of the student.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    Predict(Prediction),
    Goal(Goal),
}

impl Task {
    /// The measures the task is about.
    pub fn asks(&self) -> Vec<Asked> {
        match self {
            Task::Predict(Prediction::Larger { first, second }) => vec![*first, *second],
            Task::Predict(Prediction::Estimate { measure, .. }) => vec![*measure],
            Task::Predict(Prediction::TopContributor { measure }) => vec![(*measure).into()],
            Task::Predict(Prediction::StaysMeaningful { among }) => among.clone(),
            Task::Goal(goal) => vec![goal.measure.into()],
        }
    }
}

/// A question whose answer the app works out.
#[derive(Debug, Clone, PartialEq)]
pub enum Prediction {
    /// "Which is larger, KL(P||Q) or KL(Q||P)?" (they may also be equal).
    Larger { first: Asked, second: Asked },
    /// "Which outcome adds most to KL(P||Q)?"
    TopContributor { measure: Measure },
    /// "Estimate H(P) in bits", right when within `tolerance`.
    Estimate { measure: Asked, unit: Unit, tolerance: f64 },
    /// "Which of KL(P||Q), JS(P,Q) and W₁(P,Q) still tells how far apart P and Q are?":
    /// right is any that is finite and short of its ceiling ([`Asked::is_meaningful`]), or
    /// "none of them" when none is.
    StaysMeaningful { among: Vec<Asked> },
}

/// One of a choice question's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Measure(Asked),
    Equal,
    /// "None of them" (a StaysMeaningful question).
    NoneOf,
    /// An outcome, by index.
    Outcome(usize),
}

/// What the student answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    Chose(Choice),
    Number(f64),
}

/// The outcome of a prediction: shown once the student answered or the teacher revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// None when revealed without an answer.
    pub correct: Option<bool>,
    pub right_answer: String,
    pub student_answer: Option<String>,
    /// One sentence of why.
    pub why: String,
}

/// Two values count as equal within this relative distance (round-off of the sums).
const EQUAL_WITHIN: f64 = 1e-9;

/// The measures a choice of "which outcome adds most" can be about: those that are a sum
/// of one term per outcome.
pub const PER_OUTCOME: [Measure; 6] = [
    Measure::KlPQ,
    Measure::KlQP,
    Measure::EntropyP,
    Measure::EntropyQ,
    Measure::CrossEntropyPQ,
    Measure::CrossEntropyQP,
];

/// What outcome `index` adds to `measure`, in nats (None for measures that are not a sum
/// of per-outcome terms).
pub fn outcome_term(measure: Measure, p: f64, q: f64) -> Option<f64> {
    let t = outcome_terms(p, q);
    let weighted = |weight: f64, surprise: f64| if weight == 0.0 { 0.0 } else { weight * surprise };
    Some(match measure {
        Measure::KlPQ => t.pq,
        Measure::KlQP => t.qp,
        Measure::EntropyP => weighted(p, t.surprise_p),
        Measure::EntropyQ => weighted(q, t.surprise_q),
        Measure::CrossEntropyPQ => weighted(p, t.surprise_q),
        Measure::CrossEntropyQP => weighted(q, t.surprise_p),
        _ => return None,
    })
}

impl Prediction {
    /// The question, as shown.
    pub fn question(&self) -> String {
        match self {
            Prediction::Larger { first, second } => {
                format!("Which is larger, {} or {}?", first.symbol(), second.symbol())
            }
            Prediction::TopContributor { measure } => format!("Which outcome adds most to {}?", measure.symbol()),
            Prediction::Estimate { measure, unit, tolerance } => {
                let unit = measure.unit_label(*unit);
                let tolerance = short_number(*tolerance);
                if unit.is_empty() {
                    format!("Estimate {} (right within ±{tolerance}).", measure.symbol())
                } else {
                    format!("Estimate {} in {unit} (right within ±{tolerance}).", measure.symbol())
                }
            }
            Prediction::StaysMeaningful { among } => {
                let names: Vec<String> = among.iter().map(|a| a.symbol()).collect();
                let listed = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                    _ => names.join(""),
                };
                format!("Which of {listed} still tells how far apart P and Q are here?")
            }
        }
    }

    /// The answers to choose from; empty for a number.
    pub fn choices(&self, labels: &[String]) -> Vec<Choice> {
        match self {
            Prediction::Larger { first, second } => {
                vec![Choice::Measure(*first), Choice::Measure(*second), Choice::Equal]
            }
            Prediction::TopContributor { .. } => (0..labels.len()).map(Choice::Outcome).collect(),
            Prediction::Estimate { .. } => Vec::new(),
            Prediction::StaysMeaningful { among } => {
                among.iter().copied().map(Choice::Measure).chain([Choice::NoneOf]).collect()
            }
        }
    }

    /// What a choice says on its button.
    pub fn choice_text(choice: Choice, labels: &[String]) -> String {
        match choice {
            Choice::Measure(m) => m.symbol(),
            Choice::Equal => "They are equal".to_string(),
            Choice::NoneOf => "None of them".to_string(),
            Choice::Outcome(i) => labels.get(i).cloned().unwrap_or_else(|| format!("outcome {}", i + 1)),
        }
    }

    /// The right answer and whether `answer` (if any) is it, for P and Q as they are now;
    /// `unit` is the unit the app shows the other numbers in.
    pub fn judge(&self, answer: Option<Answer>, now: &Scene<'_>) -> Verdict {
        match self {
            Prediction::Larger { first, second } => judge_larger(*first, *second, answer, now),
            Prediction::TopContributor { measure } => judge_top(*measure, answer, now),
            Prediction::Estimate { measure, unit, tolerance } => {
                judge_estimate(*measure, *unit, *tolerance, answer, now)
            }
            Prediction::StaysMeaningful { among } => judge_meaningful(among, answer, now),
        }
    }
}

/// A quantity's value as the verdict writes it.
fn shown(now: &Scene<'_>, measure: Asked, unit: Unit) -> String {
    with_unit(measure.value(now, unit), measure.unit_label(unit))
}

/// An outcome's name as its button says it.
fn label(now: &Scene<'_>, index: usize) -> String {
    Prediction::choice_text(Choice::Outcome(index), now.labels())
}

fn judge_larger(first: Asked, second: Asked, answer: Option<Answer>, now: &Scene<'_>) -> Verdict {
    let (a, b) = (first.value(now, now.unit), second.value(now, now.unit));
    // An infinite value equals only another infinite one: ∞ − 0.3 ≤ ε·∞ must not pass.
    let equal = a == b || (a.is_finite() && b.is_finite() && (a - b).abs() <= EQUAL_WITHIN * a.abs().max(b.abs()));
    let right = if equal {
        Choice::Equal
    } else if a > b {
        Choice::Measure(first)
    } else {
        Choice::Measure(second)
    };
    let values = format!(
        "{} = {} and {} = {}",
        first.symbol(),
        shown(now, first, now.unit),
        second.symbol(),
        shown(now, second, now.unit)
    );
    let reason = first
        .infinite_reason(now)
        .or_else(|| second.infinite_reason(now))
        .unwrap_or_else(|| pair_reason(first, second, equal).to_string());
    let why = format!("{values}: {reason}");
    verdict(right, answer, now, why)
}

/// Why one of a pair is larger, in general terms.
fn pair_reason(first: Asked, second: Asked, equal: bool) -> &'static str {
    use Measure::*;
    let kl_pair = matches!((first.measure(), second.measure()), (Some(KlPQ), Some(KlQP)) | (Some(KlQP), Some(KlPQ)));
    match (kl_pair, equal) {
        (true, true) => "here P and Q disagree symmetrically, so both directions weigh the log ratios alike",
        (true, false) => {
            "KL(P||Q) weighs each log ratio by P and KL(Q||P) by Q, so KL is not symmetric: each direction punishes a different mistake"
        }
        (false, _) => "compare the two sums term by term in the table view to see where the difference comes from",
    }
}

fn judge_meaningful(among: &[Asked], answer: Option<Answer>, now: &Scene<'_>) -> Verdict {
    let meaningful: Vec<Asked> = among.iter().copied().filter(|a| a.is_meaningful(now)).collect();
    let right = match answer {
        Some(Answer::Chose(Choice::Measure(chosen))) if meaningful.contains(&chosen) => Choice::Measure(chosen),
        _ => meaningful.first().copied().map_or(Choice::NoneOf, Choice::Measure),
    };
    let reasons: Vec<String> = among.iter().map(|a| a.meaningful_reason(now)).collect();
    verdict(right, answer, now, reasons.join("; "))
}

fn judge_top(measure: Measure, answer: Option<Answer>, now: &Scene<'_>) -> Verdict {
    let (p, q): (&[f64], &[f64]) = match now.measures {
        SceneMeasures::Discrete { p, q, .. } => (p, q),
        SceneMeasures::Densities(_) => (&[], &[]),
    };
    let terms: Vec<f64> = p.iter().zip(q).map(|(&p, &q)| outcome_term(measure, p, q).unwrap_or(f64::NAN)).collect();
    let best = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let top = terms.iter().position(|&t| t == best).unwrap_or(0);
    // Any outcome tied with the largest term is right.
    let tied = |i: usize| {
        terms.get(i).is_some_and(|&t| t == best || (best.is_finite() && (best - t).abs() <= EQUAL_WITHIN * best.abs()))
    };
    let amount = now.unit.from_nats(best);
    let why = if best.is_infinite() {
        now.infinite_reason(measure)
            .unwrap_or_else(|| format!("'{}' makes {} infinite", label(now, top), measure.symbol()))
    } else {
        let factors = p.get(top).zip(q.get(top)).and_then(|(&p, &q)| term_factors(measure, p, q, now.unit));
        format!(
            "'{}' adds {} to {}: {}, the largest of the outcomes' terms",
            label(now, top),
            with_unit(amount, now.unit.name()),
            measure.symbol(),
            factors.unwrap_or_else(|| "its probability times its surprise or log ratio".to_string())
        )
    };
    let right = match answer {
        Some(Answer::Chose(Choice::Outcome(i))) if tied(i) => Choice::Outcome(i),
        _ => Choice::Outcome(top),
    };
    verdict(right, answer, now, why)
}

/// An outcome's term of `measure` as the product it is, with its two factors in `unit`:
/// "p·(−log₂ p) = 0.004630 × 7.755" (a why that names the numbers, not the rule alone).
/// None where the weight is 0: "0 × ∞" would explain nothing.
fn term_factors(measure: Measure, p: f64, q: f64, unit: Unit) -> Option<String> {
    let log = unit.log_name();
    let surprise = |x: f64| unit.from_nats(-x.ln());
    let log_ratio = |a: f64, b: f64| unit.from_nats((a / b).ln());
    let (formula, weight, factor) = match measure {
        Measure::EntropyP => (format!("p·(−{log} p)"), p, surprise(p)),
        Measure::EntropyQ => (format!("q·(−{log} q)"), q, surprise(q)),
        Measure::CrossEntropyPQ => (format!("p·(−{log} q)"), p, surprise(q)),
        Measure::CrossEntropyQP => (format!("q·(−{log} p)"), q, surprise(p)),
        Measure::KlPQ => (format!("p·{log}(p/q)"), p, log_ratio(p, q)),
        Measure::KlQP => (format!("q·{log}(q/p)"), q, log_ratio(q, p)),
        _ => return None,
    };
    (weight > 0.0).then(|| format!("{formula} = {} × {}", sig4(weight), sig4(factor)))
}

fn judge_estimate(measure: Asked, unit: Unit, tolerance: f64, answer: Option<Answer>, now: &Scene<'_>) -> Verdict {
    let value = measure.value(now, unit);
    let right_answer = shown(now, measure, unit);
    let student = match answer {
        Some(Answer::Number(x)) => Some(x),
        _ => None,
    };
    let correct = student.map(|x| {
        if value.is_infinite() {
            x.is_infinite() && x.signum() == value.signum()
        } else {
            (x - value).abs() <= tolerance
        }
    });
    let integral = match now.measures {
        SceneMeasures::Densities(_) => ", here an integral over x instead of a sum over outcomes",
        SceneMeasures::Discrete { .. } => "",
    };
    let why = measure.infinite_reason(now).unwrap_or_else(|| {
        let meaning = lowercase_first(measure.meaning());
        match integral {
            "" => format!("{} is {meaning}", measure.symbol()),
            _ => format!("{} is {}{integral}.", measure.symbol(), meaning.trim_end_matches('.')),
        }
    });
    Verdict {
        correct,
        right_answer: format!("{} = {right_answer}", measure.symbol()),
        student_answer: student.map(|x| with_unit(x, measure.unit_label(unit))),
        why,
    }
}

/// "The average surprise…" as "the average surprise…", to follow "H(P) is".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn verdict(right: Choice, answer: Option<Answer>, now: &Scene<'_>, why: String) -> Verdict {
    let chosen = match answer {
        Some(Answer::Chose(choice)) => Some(choice),
        _ => None,
    };
    Verdict {
        correct: chosen.map(|c| c == right),
        right_answer: Prediction::choice_text(right, now.labels()),
        student_answer: chosen.map(|c| Prediction::choice_text(c, now.labels())),
        why,
    }
}

/// Above or below a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Below,
    Above,
}

/// A goal checked while the student drags: "Make KL(P||Q) smaller than 0.1 bits without
/// changing P".
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub measure: Measure,
    pub relation: Relation,
    pub target: f64,
    pub unit: Unit,
    /// The side the student must leave as the step set it.
    pub keep: Option<Side>,
}

/// Where the student stands against a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalStatus {
    pub met: bool,
    /// The measure now, in the goal's unit.
    pub value: f64,
    /// The side to keep was changed.
    pub broke_keep: bool,
}

impl Goal {
    /// The goal, as said to the student.
    pub fn describe(&self) -> String {
        let relation = match self.relation {
            Relation::Below => "smaller than",
            Relation::Above => "larger than",
        };
        let unit = self.measure.unit_label(self.unit);
        let target =
            if unit.is_empty() { short_number(self.target) } else { format!("{} {unit}", short_number(self.target)) };
        let keep = self.keep.map(|side| format!(" without changing {}", side.name())).unwrap_or_default();
        format!("Make {} {relation} {target}{keep}.", self.measure.symbol())
    }

    /// Checks the goal against `report`; `kept` says whether the side to keep is as the
    /// step set it.
    pub fn check(&self, report: &Report, kept: bool) -> GoalStatus {
        let value = self.measure.value(report, self.unit);
        let reached = match self.relation {
            Relation::Below => value < self.target,
            Relation::Above => value > self.target,
        };
        let broke_keep = self.keep.is_some() && !kept;
        GoalStatus { met: reached && !broke_keep, value, broke_keep }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn judge(prediction: &Prediction, answer: Option<Answer>, p: &[f64], q: &[f64], names: &[&str]) -> Verdict {
        let labels = labels(names);
        let report = Report::compute(p, q);
        prediction.judge(answer, &Scene::discrete(&labels, p, q, &report, Unit::Bits))
    }

    #[test]
    fn larger_knows_the_reverse_kl_is_larger_for_the_biased_coin() {
        let larger = Prediction::Larger { first: Measure::KlPQ.into(), second: Measure::KlQP.into() };
        let (p, q) = ([0.9, 0.1], [0.5, 0.5]);
        let right = judge(&larger, Some(Answer::Chose(Choice::Measure(Measure::KlQP.into()))), &p, &q, &["h", "t"]);
        assert_eq!(right.correct, Some(true));
        assert_eq!(right.right_answer, "KL(Q||P)");
        assert!(right.why.starts_with("KL(P||Q) = 0.5310 bits and KL(Q||P) = 0.7370 bits: "), "{}", right.why);
        let wrong = judge(&larger, Some(Answer::Chose(Choice::Equal)), &p, &q, &["h", "t"]);
        assert_eq!((wrong.correct, wrong.student_answer.as_deref()), (Some(false), Some("They are equal")));
        // Mirror-image P and Q: the two directions are equal, and "equal" is right.
        let same = judge(&larger, Some(Answer::Chose(Choice::Equal)), &[0.7, 0.3], &[0.3, 0.7], &["h", "t"]);
        assert_eq!(same.correct, Some(true));
        // Revealed without an answer: no verdict on the student, the answer still shown.
        let revealed = judge(&larger, None, &p, &q, &["h", "t"]);
        assert_eq!((revealed.correct, revealed.student_answer), (None, None));
    }

    #[test]
    fn the_top_contributor_may_be_infinite_and_ties_are_all_right() {
        let top = Prediction::TopContributor { measure: Measure::KlPQ };
        let names = ["rock", "paper", "scissors"];
        let (p, q) = ([0.4, 0.4, 0.2], [0.5, 0.5, 0.0]);
        let verdict = judge(&top, Some(Answer::Chose(Choice::Outcome(2))), &p, &q, &names);
        assert_eq!((verdict.correct, verdict.right_answer.as_str()), (Some(true), "scissors"));
        assert!(verdict.why.contains("infinite because Q gives 'scissors' probability 0"), "{}", verdict.why);
        // Entropy of a uniform P: every outcome adds the same, any choice is right.
        let entropy = Prediction::TopContributor { measure: Measure::EntropyP };
        let uniform = [1.0 / 3.0; 3];
        let tie = judge(&entropy, Some(Answer::Chose(Choice::Outcome(1))), &uniform, &uniform, &names);
        assert_eq!((tie.correct, tie.right_answer.as_str()), (Some(true), "paper"));
        assert_eq!(top.choices(&labels(&names)).len(), 3);
    }

    #[test]
    fn the_top_contributors_why_names_its_term_and_factors() {
        // Three sixes: p = 1/216 carries −log₂ p = 7.755 bits, a term of 0.03590.
        let entropy = Prediction::TopContributor { measure: Measure::EntropyP };
        let (p, q) = ([1.0 / 216.0, 215.0 / 216.0], [1.0 / 216.0, 215.0 / 216.0]);
        let verdict = judge(&entropy, None, &p, &q, &["three sixes", "anything else"]);
        assert_eq!(
            verdict.why,
            "'three sixes' adds 0.03590 bits to H(P): p·(−log₂ p) = 0.004630 × 7.755, the largest of the outcomes' terms"
        );
        let kl = Prediction::TopContributor { measure: Measure::KlPQ };
        let verdict = judge(&kl, None, &[0.9, 0.1], &[0.5, 0.5], &["heads", "tails"]);
        assert!(verdict.why.contains("p·log₂(p/q) = 0.9000 × 0.8480"), "{}", verdict.why);
    }

    #[test]
    fn an_estimate_is_right_within_its_tolerance_and_infinity_only_by_infinity() {
        let estimate = Prediction::Estimate { measure: Measure::EntropyP.into(), unit: Unit::Bits, tolerance: 0.1 };
        let (p, q) = ([0.5, 0.5], [0.5, 0.5]);
        for (guess, right) in [(1.05, true), (0.91, true), (1.2, false), (f64::INFINITY, false)] {
            let verdict = judge(&estimate, Some(Answer::Number(guess)), &p, &q, &["h", "t"]);
            assert_eq!(verdict.correct, Some(right), "guess {guess}");
            assert_eq!(verdict.right_answer, "H(P) = 1.000 bits");
        }
        let kl = Prediction::Estimate { measure: Measure::KlPQ.into(), unit: Unit::Nats, tolerance: 0.5 };
        let (p, q) = ([0.5, 0.5], [1.0, 0.0]);
        let infinite = judge(&kl, Some(Answer::Number(f64::INFINITY)), &p, &q, &["h", "t"]);
        assert_eq!((infinite.correct, infinite.right_answer.as_str()), (Some(true), "KL(P||Q) = ∞"));
        let finite = judge(&kl, Some(Answer::Number(1e300)), &p, &q, &["h", "t"]);
        assert_eq!(finite.correct, Some(false));
    }

    #[test]
    fn a_goal_is_met_only_past_its_target_with_the_kept_side_untouched() {
        let goal = Goal {
            measure: Measure::KlPQ,
            relation: Relation::Below,
            target: 0.1,
            unit: Unit::Bits,
            keep: Some(Side::P),
        };
        assert_eq!(goal.describe(), "Make KL(P||Q) smaller than 0.1 bits without changing P.");
        let far = Report::compute(&[0.9, 0.1], &[0.5, 0.5]);
        let near = Report::compute(&[0.9, 0.1], &[0.85, 0.15]);
        assert!(!goal.check(&far, true).met);
        let status = goal.check(&near, true);
        assert!(status.met && (status.value - 0.01572).abs() < 1e-4, "{status:?}");
        let broken = goal.check(&near, false);
        assert!(!broken.met && broken.broke_keep);
        let above = Goal { relation: Relation::Above, keep: None, ..goal };
        assert!(above.check(&far, false).met, "no side to keep: a changed P does not matter");
    }

    #[test]
    fn stays_meaningful_accepts_any_measure_short_of_its_ceiling() {
        let among = vec![Measure::KlPQ.into(), Measure::Js.into(), Asked::Wasserstein1];
        let question = Prediction::StaysMeaningful { among: among.clone() };
        assert_eq!(
            question.question(),
            "Which of KL(P||Q), JS(P,Q) and W₁(P,Q) still tells how far apart P and Q are here?"
        );
        let names = ["a", "b", "c", "d"];
        assert_eq!(question.choices(&labels(&names)).len(), 4, "three measures and none of them");
        // Disjoint: KL ∞, JS at 1 bit; only W₁ = 2 tells.
        let (p, q) = ([0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]);
        let w1 = judge(&question, Some(Answer::Chose(Choice::Measure(Asked::Wasserstein1))), &p, &q, &names);
        assert_eq!((w1.correct, w1.right_answer.as_str()), (Some(true), "W₁(P,Q)"));
        assert!(w1.why.contains("JS(P,Q) = 1.000 bits is at its ceiling"), "{}", w1.why);
        let js = judge(&question, Some(Answer::Chose(Choice::Measure(Measure::Js.into()))), &p, &q, &names);
        assert_eq!(js.correct, Some(false));
        let none = judge(&question, Some(Answer::Chose(Choice::NoneOf)), &p, &q, &names);
        assert_eq!(none.correct, Some(false));
        // Overlapping: every one tells, and each is right.
        let (p, q) = ([0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4]);
        for asked in among {
            assert_eq!(
                judge(&question, Some(Answer::Chose(Choice::Measure(asked))), &p, &q, &names).correct,
                Some(true)
            );
        }
        // Only ceilings: "none of them" is right.
        let saturated = Prediction::StaysMeaningful { among: vec![Measure::Js.into(), Measure::TotalVariation.into()] };
        let (p, q) = ([1.0, 0.0], [0.0, 1.0]);
        let verdict = judge(&saturated, Some(Answer::Chose(Choice::NoneOf)), &p, &q, &["a", "b"]);
        assert_eq!((verdict.correct, verdict.right_answer.as_str()), (Some(true), "None of them"));
    }

    #[test]
    fn w1_and_renyi_are_estimated_at_the_positions_and_order() {
        let labels = labels(&["1", "2", "3"]);
        let (p, q) = ([0.5, 0.5, 0.0], [0.0, 0.5, 0.5]);
        let report = Report::compute(&p, &q);
        let positions = [0.0, 10.0, 20.0];
        let scene = Scene::discrete(&labels, &p, &q, &report, Unit::Bits).at_positions(Some(&positions));
        let w1 = Prediction::Estimate { measure: Asked::Wasserstein1, unit: Unit::Bits, tolerance: 0.5 };
        assert_eq!(w1.question(), "Estimate W₁(P,Q) (right within ±0.5).");
        let verdict = w1.judge(Some(Answer::Number(10.2)), &scene);
        assert_eq!((verdict.correct, verdict.right_answer.as_str()), (Some(true), "W₁(P,Q) = 10.00"));
        // D_∞ = log₂ max p/q is infinite here (q = 0 where p = 0.5).
        let renyi = Prediction::Estimate { measure: Asked::Renyi(f64::INFINITY), unit: Unit::Bits, tolerance: 0.1 };
        let verdict = renyi.judge(Some(Answer::Number(f64::INFINITY)), &scene);
        assert_eq!(verdict.correct, Some(true));
        assert!(verdict.why.starts_with("D∞(P||Q) is infinite because Q gives '1' probability 0"), "{}", verdict.why);
    }
}
