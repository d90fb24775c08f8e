//! The leak rule, checked on every question of every built-in lesson: with the question
//! open, no view, no panel, presentation mode and the page's `state()` show a number that
//! gives the answer away; after Reveal the answer is there.
//!
//! What is not judged, and why: the lesson's own words (the strip's place, the step's text
//! and the question, which the author wrote and the core's lesson tests check), the
//! scenario's inputs as the editors write them (P and Q are what the student reasons from),
//! the scenario's names and description, and a plot's tick labels (its scale, not a value).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::panels::densities::{estimate_text, row_label};
use klscope::info::density::DensityReport;
use klscope::info::{Measure, Report, Unit};
use klscope::lesson::{Asked, Lesson, Prediction, Task, VIEW_IDS, builtin_lessons};
use klscope::text;
use serde_json::Value;

use crate::harness::harness_with;
use crate::screen_text::{Piece, pieces, tokens};

/// Every question of every built-in lesson: the lesson, the step's index and its question.
fn questions() -> Vec<(Lesson, usize, Prediction)> {
    let mut out = Vec::new();
    for lesson in builtin_lessons() {
        for (index, step) in lesson.steps.iter().enumerate() {
            if let Some(Task::Predict(prediction)) = &step.task {
                out.push((lesson.clone(), index, prediction.clone()));
            }
        }
    }
    out
}

/// Where the measures come from: the discrete document's report or the densities'.
enum Numbers {
    Discrete(Report),
    Densities(DensityReport),
}

impl Numbers {
    fn value(&self, measure: Measure, unit: Unit) -> f64 {
        match self {
            Numbers::Discrete(report) => measure.value(report, unit),
            Numbers::Densities(report) => report.in_unit(measure, unit).value,
        }
    }
}

/// What one open question must not show, and the texts that are not judged.
struct Judge {
    prediction: Prediction,
    numbers: Numbers,
    /// The unit the screen shows.
    screen: Unit,
    p: Vec<f64>,
    q: Vec<f64>,
    positions: Option<Vec<f64>>,
    /// The texts not judged: the lesson's words.
    authored: Vec<String>,
    /// Numbers as the editors write the inputs ("0.9"), and as the names write theirs
    /// ("1/6" writes 1 and 6, which do not excuse a "1.000").
    inputs: Vec<String>,
    named: Vec<String>,
    outcomes: usize,
}

impl Judge {
    fn new(harness: &Harness<'_, KlApp>, lesson: &Lesson, index: usize, prediction: &Prediction) -> Judge {
        let app = harness.state();
        let step = &lesson.steps[index];
        let doc = &app.state.doc;
        let authored = vec![
            format!("{} · step {} of {}", lesson.title, index + 1, lesson.steps.len()),
            step.text.clone(),
            prediction.question(),
        ];
        if let (Some(densities), Some(report)) = (&app.state.densities, app.density_report()) {
            // Densities have no bars to write: their names and words are all that is not judged.
            let s = &densities.scenario;
            let named = [&s.title, &s.description].into_iter().flat_map(|name| tokens(name)).map(|(w, _)| w).collect();
            return Judge {
                prediction: prediction.clone(),
                numbers: Numbers::Densities(report.clone()),
                screen: app.state.unit,
                p: Vec::new(),
                q: Vec::new(),
                positions: None,
                authored,
                inputs: Vec::new(),
                named,
                outcomes: 0,
            };
        }
        let values = doc.p.probs().iter().chain(doc.q.probs());
        let inputs = values.map(|&v| text::probability(v)).collect();
        let names = doc.labels().iter().chain([&doc.title, &doc.description]);
        let named = names.flat_map(|name| tokens(name)).map(|(written, _)| written).collect();
        Judge {
            prediction: prediction.clone(),
            numbers: Numbers::Discrete(app.report().clone()),
            p: doc.p.probs().to_vec(),
            q: doc.q.probs().to_vec(),
            positions: doc.positions.as_deref().map(<[f64]>::to_vec),
            screen: app.state.unit,
            authored,
            inputs,
            named,
            outcomes: doc.len(),
        }
    }

    /// Whether the number `x` would give the answer away, with a description of it.
    fn gives_away(&self, x: f64) -> Option<String> {
        let value = |m: Asked, unit: Unit| match m {
            Asked::Measure(measure) => self.numbers.value(measure, unit),
            other => other.value_at(&self.p, &self.q, self.positions.as_deref(), unit),
        };
        match &self.prediction {
            &Prediction::Estimate { measure, unit, tolerance } => {
                // The answer as the student types it, and as the screen shows it.
                let (answer, on_screen) = (value(measure, unit), value(measure, self.screen));
                let ratio = if measure.has_unit() { unit.nats_per_unit() / self.screen.nats_per_unit() } else { 1.0 };
                let close = |a: f64, tol: f64| if a.is_finite() { (x - a).abs() <= tol } else { x == a };
                (close(answer, tolerance) || close(on_screen, tolerance * ratio))
                    .then(|| format!("within {tolerance} of the answer {answer}"))
            }
            Prediction::Larger { .. } | Prediction::StaysMeaningful { .. } => self
                .sides()
                .into_iter()
                .filter(|m| !self.coincides(value(*m, self.screen)))
                .find(|m| same_digits(x, value(*m, self.screen)))
                .map(|m| format!("the value of {}", m.symbol())),
            Prediction::TopContributor { .. } => None,
        }
    }

    /// A hidden side's value that equals a measure the question does not hide (H(Q) = H(P,Q)
    /// when Q is uniform) is not looked for: seeing it says nothing.
    fn coincides(&self, hidden: f64) -> bool {
        let open = match self.prediction {
            Prediction::Larger { .. } | Prediction::StaysMeaningful { .. } => {
                let sides: Vec<Measure> = self.sides().into_iter().filter_map(Asked::measure).collect();
                let partners = sides.iter().flat_map(|m| klscope::lesson::identity_partners(*m).to_vec());
                let hidden: Vec<Measure> = sides.iter().copied().chain(partners).collect();
                Measure::ALL.into_iter().filter(|m| !hidden.contains(m)).collect()
            }
            _ => Vec::new(),
        };
        open.into_iter().any(|m| same_digits(hidden, self.numbers.value(m, self.screen)))
    }

    /// What a choice question compares, whose values it hides.
    fn sides(&self) -> Vec<Asked> {
        match &self.prediction {
            Prediction::Larger { first, second } => vec![*first, *second],
            Prediction::StaysMeaningful { among } => among.clone(),
            _ => Vec::new(),
        }
    }

    fn exempt(&self, piece: &Piece, written: &str) -> bool {
        piece.tick
            || self.authored.iter().any(|a| is_authored(a, &piece.text))
            || self.inputs.iter().any(|input| input == written)
            || self.named.iter().any(|name| name == written)
            || piece.text.starts_with("scale to ")
            || is_outcome_count(&piece.text, self.outcomes)
    }

    /// Every number on screen that gives the answer away, with where it was seen.
    fn leaks(&self, shown: &[Piece], place: &str) -> Vec<String> {
        let mut out = Vec::new();
        for piece in shown {
            for (written, x) in tokens(&piece.text) {
                if self.exempt(piece, &written) {
                    continue;
                }
                if let Some(why) = self.gives_away(x) {
                    out.push(format!("{place}: {written} ({why}) in {:?}", piece.text));
                }
            }
        }
        out
    }

    /// Every number in the page's summary that gives the answer away (P, Q and the lesson's
    /// place are inputs).
    fn summary_leaks(&self, summary: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let Value::Object(object) = summary else {
            return vec!["the summary is not an object".into()];
        };
        for (key, value) in object {
            if ["p", "q", "lesson", "labels"].contains(&key.as_str()) {
                continue;
            }
            let mut numbers = Vec::new();
            collect_numbers(value, &mut numbers);
            for x in numbers {
                if let Some(why) = self.gives_away(x) {
                    out.push(format!("state(): {key} = {x} ({why})"));
                }
            }
        }
        out
    }
}

/// The lesson's words as shown: whole, or (where a long text is cut to fit or painted row
/// by row) a long run of them; never a short piece that merely occurs in them ("0.1").
fn is_authored(authored: &str, shown: &str) -> bool {
    let (authored, shown) = (authored.trim(), shown.trim());
    authored == shown || (shown.chars().count() >= 24 && authored.contains(shown))
}

/// "Outcome 2 of 6:" and "6 outcomes, sorted by" name the inputs' size.
fn is_outcome_count(text: &str, n: usize) -> bool {
    let n = klscope::text::thousands(n);
    (text.starts_with("Outcome ") && text.ends_with(&format!(" of {n}:"))) || text.starts_with(&format!("{n} outcomes"))
}

/// Two values that show alike at four significant digits (or are the same infinity).
fn same_digits(x: f64, value: f64) -> bool {
    if !value.is_finite() {
        return x == value;
    }
    value != 0.0 && (x - value).abs() <= 5e-4 * value.abs()
}

fn collect_numbers(value: &Value, out: &mut Vec<f64>) {
    match value {
        Value::Number(n) => out.extend(n.as_f64()),
        Value::String(s) if s == "inf" => out.push(f64::INFINITY),
        Value::Array(items) => items.iter().for_each(|v| collect_numbers(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_numbers(v, out)),
        _ => {}
    }
}

fn open_view(harness: &mut Harness<'_, KlApp>, id: &str) {
    harness.state_mut().state.view = id.to_string();
    harness.run();
}

#[test]
fn no_question_of_a_built_in_lesson_shows_a_number_that_gives_its_answer_away() {
    let questions = questions();
    // asymmetry 2, cost-of-the-wrong-model 2, surprise-and-entropy 4, when-kl-blows-up 3,
    // sums-to-integrals 3 (on densities).
    assert!(questions.len() >= 14, "{} questions", questions.len());
    let on_densities = questions.iter().filter(|(l, i, _)| l.steps[*i].densities().is_some()).count();
    assert!(on_densities >= 3, "{on_densities} questions on densities");
    let mut leaks = Vec::new();
    let mut looked = 0;
    for (lesson, index, prediction) in &questions {
        let mut harness = harness_with(AppState::default());
        harness.state_mut().open_lesson(lesson.clone(), *index).unwrap();
        harness.run();
        let judge = Judge::new(&harness, lesson, *index, prediction);
        let step_view = lesson.steps[*index].view.clone();
        let question = format!("{} step {} ({})", lesson.id, index + 1, prediction.question());
        for view in VIEW_IDS {
            open_view(&mut harness, view);
            leaks.extend(judge.leaks(&pieces(&harness), &format!("{question}, {view} view")));
            looked += 1;
        }
        open_view(&mut harness, &step_view);
        harness.state_mut().set_presenting(true);
        harness.run();
        leaks.extend(judge.leaks(&pieces(&harness), &format!("{question}, presenting")));
        harness.state_mut().set_presenting(false);
        harness.run();
        leaks.extend(judge.summary_leaks(&harness.state().summary()));

        // After Reveal the answer is out, in the strip and on the measures.
        harness.get_by_label("Reveal").click();
        harness.run();
        harness.get_by_label("The answer:");
        if let Prediction::Estimate { measure: Asked::Measure(measure), .. } = prediction {
            let unit = harness.state().state.unit;
            let cell = match harness.state().density_report() {
                Some(report) => row_label(*measure, &estimate_text(report.in_unit(*measure, unit))),
                None => {
                    let value = measure.value(harness.state().report(), unit);
                    klscope::app::panels::measures::cell_text(*measure, value, unit)
                }
            };
            harness.get_by_label(&cell);
            assert!(harness.state().concealed().is_empty(), "{question}: still hidden after Reveal");
            assert!(!harness.state().summary()[measure.json_key()].is_null(), "{question}");
        }
    }
    assert!(leaks.is_empty(), "{} numbers give answers away:\n{}", leaks.len(), leaks.join("\n"));
    assert_eq!(looked, questions.len() * VIEW_IDS.len());
    // The rule is not vacuous: on cost-of-the-wrong-model step 4 it hides KL(Q||P) = 0.06406
    // bits, within 0.05 of the answer 0.05293.
    let (lesson, index, _) = questions.iter().find(|(l, i, _)| l.id == "cost-of-the-wrong-model" && *i == 3).unwrap();
    let mut harness = harness_with(AppState::default());
    harness.state_mut().open_lesson(lesson.clone(), *index).unwrap();
    harness.run();
    assert!(harness.state().concealed().hides(Measure::KlQP));
    harness.get_by_label("KL(Q||P)\n?");
}

/// The rule follows P and Q: dragging Q while the question is open hides what has come
/// near the answer and shows what has left it.
#[test]
fn the_rule_is_worked_out_again_when_q_is_dragged() {
    let lesson = klscope::lesson::find_builtin_lesson("cost-of-the-wrong-model").unwrap();
    let mut harness = harness_with(AppState::default());
    harness.state_mut().open_lesson(lesson, 3).unwrap();
    harness.run();
    harness.get_by_label("KL(Q||P)\n?");
    // Q = (0.8, 0.2) becomes about (0.5, 0.5): KL(P||Q) grows to 0.531 bits and
    // KL(Q||P) to 0.737, no longer within 0.05 of it.
    let layout = harness.state().bar_layout(klscope::info::Side::Q).unwrap();
    let from = eframe::egui::pos2(layout.center_x(0), layout.y_of(0.8));
    let to = eframe::egui::pos2(layout.center_x(0), layout.y_of(0.5));
    crate::harness::drag(&mut harness, from, to);
    let report = harness.state().report().clone();
    let (forward, reverse) = (Measure::KlPQ.value(&report, Unit::Bits), Measure::KlQP.value(&report, Unit::Bits));
    assert!((reverse - forward).abs() > 0.1, "{forward} {reverse}");
    assert!(!harness.state().concealed().hides(Measure::KlQP));
    let cell = klscope::app::panels::measures::cell_text(Measure::KlQP, reverse, Unit::Bits);
    harness.get_by_label(&cell);
    harness.get_by_label("KL(P||Q)\n?");
}
