//! The teacher's histogram of a step's answers: one bar per choice, or the estimates in
//! ranges made from the answers alone (so the bars say nothing of the true value before
//! Reveal), or goals reached and not. After Reveal the bars holding right answers are
//! marked.

use super::judge::verdict;
use super::{Bar, Judged};
use crate::lesson::{Answer, Prediction, Step, Task};
use crate::text::short_number;

/// How many ranges the estimates are spread over.
const ESTIMATE_BARS: usize = 8;

/// The bars for `answers` to `step` at P and Q; `revealed` marks the right bars and
/// counts right answers.
pub fn histogram(step: &Step, p: &[f64], q: &[f64], answers: &[Judged], revealed: bool) -> (Vec<Bar>, Option<usize>) {
    let right_count = revealed.then(|| answers.iter().filter(|a| is_right(step, p, q, a)).count());
    let bars = match &step.task {
        None => Vec::new(),
        Some(Task::Goal(_)) => {
            let reached = answers.iter().filter(|a| matches!(a, Judged::Goal { met: true })).count();
            vec![
                bar("reached", reached, revealed.then_some(true)),
                bar("not yet", answers.len() - reached, revealed.then_some(false)),
            ]
        }
        Some(Task::Predict(Prediction::Estimate { .. })) => {
            let numbers: Vec<f64> = answers
                .iter()
                .filter_map(|a| match a {
                    Judged::Prediction(Answer::Number(x)) => Some(*x),
                    _ => None,
                })
                .collect();
            estimate_bars(&numbers, |x| revealed.then(|| is_right(step, p, q, &Judged::Prediction(Answer::Number(x)))))
        }
        Some(Task::Predict(prediction)) => {
            let labels = step.labels();
            prediction
                .choices(labels)
                .into_iter()
                .map(|choice| {
                    let chosen = Judged::Prediction(Answer::Chose(choice));
                    let count = answers.iter().filter(|a| **a == chosen).count();
                    let right = revealed.then(|| is_right(step, p, q, &chosen));
                    bar(&Prediction::choice_text(choice, labels), count, right)
                })
                .collect()
        }
    };
    (bars, right_count)
}

fn bar(label: &str, count: usize, right: Option<bool>) -> Bar {
    Bar { label: label.to_string(), count, from: None, to: None, right }
}

/// Whether an answer is right at P and Q, as the lesson judges it.
fn is_right(step: &Step, p: &[f64], q: &[f64], answer: &Judged) -> bool {
    match answer {
        Judged::Goal { met } => *met,
        Judged::Prediction(answer) => verdict(step, p, q, Some(*answer)).and_then(|v| v.correct).unwrap_or(false),
    }
}

/// Equal ranges from the smallest finite estimate to the largest, plus a bar each for
/// ±∞ when someone answered it. A bar is right when one of its answers would be: for a
/// range, its ends or middle (the ranges are coarser than most tolerances).
fn estimate_bars(numbers: &[f64], right: impl Fn(f64) -> Option<bool>) -> Vec<Bar> {
    let finite: Vec<f64> = numbers.iter().copied().filter(|x| x.is_finite()).collect();
    let mut bars = Vec::new();
    let count_inf = |sign: f64| numbers.iter().filter(|x| **x == sign * f64::INFINITY).count();
    if count_inf(-1.0) > 0 {
        bars.push(bar("−∞", count_inf(-1.0), right(f64::NEG_INFINITY)));
    }
    if let (Some(low), Some(high)) = (finite.iter().copied().reduce(f64::min), finite.iter().copied().reduce(f64::max))
    {
        let ranges = if high > low { ESTIMATE_BARS } else { 1 };
        let width = (high - low) / ranges as f64;
        let mut counts = vec![0usize; ranges];
        for x in &finite {
            let at = if width > 0.0 { ((x - low) / width) as usize } else { 0 };
            counts[at.min(ranges - 1)] += 1;
        }
        for (i, count) in counts.into_iter().enumerate() {
            let from = low + width * i as f64;
            let to = if i + 1 == ranges { high } else { low + width * (i + 1) as f64 };
            let any_right = right(from).zip(right(to)).zip(right(0.5 * (from + to))).map(|((a, b), c)| a || b || c);
            let label = if from == to {
                short_number(from)
            } else {
                format!("{} – {}", short_number(from), short_number(to))
            };
            bars.push(Bar { label, count, from: Some(from), to: Some(to), right: any_right });
        }
    }
    if count_inf(1.0) > 0 {
        bars.push(bar("∞", count_inf(1.0), right(f64::INFINITY)));
    }
    bars
}

/// The choice a "which is larger" or "which outcome" question marks right, for tests.
#[cfg(test)]
pub(super) fn right_choice(step: &Step, p: &[f64], q: &[f64]) -> Option<crate::lesson::Choice> {
    let Some(Task::Predict(prediction)) = &step.task else { return None };
    prediction.choices(step.labels()).into_iter().find(|c| is_right(step, p, q, &Judged::Prediction(Answer::Chose(*c))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::find_builtin_lesson;

    #[test]
    fn choices_are_counted_and_marked_only_after_reveal() {
        let step = find_builtin_lesson("when-kl-blows-up").expect("built in").steps[0].clone();
        let (p, q) = (step.discrete().unwrap().p.clone(), step.discrete().unwrap().q.clone());
        let right = right_choice(&step, &p, &q).expect("a choice question");
        let answers =
            [Judged::Prediction(Answer::Chose(right)), Judged::Prediction(Answer::Chose(crate::lesson::Choice::Equal))];
        let (bars, none) = histogram(&step, &p, &q, &answers, false);
        assert_eq!(none, None);
        assert_eq!(bars.iter().map(|b| b.count).sum::<usize>(), 2);
        assert!(bars.iter().all(|b| b.right.is_none()), "nothing marked before Reveal: {bars:?}");
        let (bars, right_count) = histogram(&step, &p, &q, &answers, true);
        assert_eq!(right_count, Some(1));
        let marked: Vec<&str> = bars.iter().filter(|b| b.right == Some(true)).map(|b| b.label.as_str()).collect();
        assert_eq!(marked, [Prediction::choice_text(right, &step.discrete().unwrap().labels)]);
    }

    #[test]
    fn estimate_ranges_come_from_the_answers_alone() {
        let numbers = [0.2, 0.4, 0.4, 1.8, f64::INFINITY];
        let bars = estimate_bars(&numbers, |_| None);
        assert_eq!(bars.len(), ESTIMATE_BARS + 1);
        assert_eq!((bars[0].from, bars[0].count, bars[1].count), (Some(0.2), 1, 2));
        assert_eq!((bars[7].to, bars[7].count), (Some(1.8), 1), "the largest falls in the last bar");
        assert_eq!((bars[8].label.as_str(), bars[8].count), ("∞", 1));
        // With one distinct value, one bar; the right mark follows the judge.
        let one = estimate_bars(&[0.5, 0.5], |x| Some((x - 0.45).abs() <= 0.1));
        assert_eq!((one.len(), one[0].count, one[0].right, one[0].label.as_str()), (1, 2, Some(true), "0.5"));
        assert!(estimate_bars(&[], |_| None).is_empty());
    }
}
