//! Lessons in the app: a question hides its answer until the student commits, the verdict
//! follows, goals are met by dragging, and the clicker keys step through the lesson.

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::panels::lesson_step::ESTIMATE_FIELD;
use klscope::info::{Measure, Side, Unit};
use klscope::lesson::{Asked, Goal, Lesson, Prediction, Relation, Step, Task};
use klscope::scenario;

use crate::harness::{drag, harness_with};
use crate::screen_text::shown_text;

fn step(preset: &str, view: &str, task: Option<Task>) -> Step {
    Step {
        scenario: scenario::AnyScenario::Discrete(scenario::find_builtin(preset).unwrap()),
        view: view.to_string(),
        text: format!("A step on {preset}."),
        task,
    }
}

/// A lesson of four steps: which KL is larger, estimate H(P), a goal, which outcome adds most.
fn lesson() -> Lesson {
    let larger = Prediction::Larger { first: Measure::KlPQ.into(), second: Measure::KlQP.into() };
    let estimate = Prediction::Estimate { measure: Measure::EntropyP.into(), unit: Unit::Bits, tolerance: 0.1 };
    let goal =
        Goal { measure: Measure::KlPQ, relation: Relation::Below, target: 0.01, unit: Unit::Bits, keep: Some(Side::P) };
    let top = Prediction::TopContributor { measure: Measure::KlPQ };
    Lesson {
        id: "test-lesson".into(),
        title: "A test lesson".into(),
        steps: vec![
            step("biased-coin-vs-fair", "table", Some(Task::Predict(larger))),
            step("weather-codebook", "plots", Some(Task::Predict(estimate))),
            step("biased-coin-vs-fair", "plots", Some(Task::Goal(goal))),
            step("support-mismatch", "plots", Some(Task::Predict(top))),
        ],
    }
}

fn harness_on_lesson(step: usize) -> Harness<'static, KlApp> {
    let mut harness = harness_with(AppState::default());
    harness.state_mut().open_lesson(lesson(), step).unwrap();
    harness.run();
    harness
}

/// The digits a value shows with, at the precisions the app uses.
fn digit_forms(value: f64) -> Vec<String> {
    vec![format!("{value:.4}"), format!("{value:.3}"), klscope::text::sig4(value)]
}

fn open_view(harness: &mut Harness<'_, KlApp>, id: &str) {
    harness.state_mut().state.view = id.to_string();
    harness.run();
}

#[test]
fn a_question_hides_its_answer_everywhere_until_answered() {
    let mut harness = harness_on_lesson(0);
    let report = harness.state().report().clone();
    let (forward, reverse) = (Measure::KlPQ.value(&report, Unit::Bits), Measure::KlQP.value(&report, Unit::Bits));
    let cross = Measure::CrossEntropyPQ.value(&report, Unit::Bits);
    harness.get_by_label_contains("Which is larger, KL(P||Q) or KL(Q||P)?");
    for view in ["table", "plots", "coding", "libraries", "sampling", "distillation"] {
        open_view(&mut harness, view);
        let text = shown_text(&harness);
        for value in [forward, reverse] {
            for digits in digit_forms(value) {
                assert!(!text.contains(&digits), "{view} shows {digits} before the answer:\n{text}");
            }
        }
    }
    // H(P,Q) = H(P) + KL(P||Q) would give KL away: it is hidden too (its 1.000 bits is
    // also H(Q) here, so its digits are not searched for).
    assert!(cross > 0.99);
    harness.get_by_label("H(P,Q)\n?");
    // The page's summary and the copied tables say nothing either.
    let summary = harness.state().summary();
    assert!(summary["kl_pq"].is_null() && summary["kl_qp"].is_null(), "{summary}");
    harness.state_mut().run(klscope::app::command::Command::CopyMarkdown);
    assert!(harness.state().status.as_ref().is_some_and(|s| s.is_error));
    harness.run();

    // The student picks the reverse KL, which is the larger one for this coin.
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "KL(Q||P)").click();
    harness.run();
    harness.get_by_label("Right!");
    harness.get_by_label("(you said KL(Q||P))");
    harness.get_by_label_contains("Why: KL(P||Q) = 0.5310 bits and KL(Q||P) = 0.7370 bits");
    open_view(&mut harness, "table");
    assert!(shown_text(&harness).contains(&klscope::text::sig4(forward)));
    assert!(!harness.state().summary()["kl_pq"].is_null());
}

#[test]
fn a_wrong_answer_is_told_with_the_right_one_and_why() {
    let mut harness = harness_on_lesson(0);
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "They are equal").click();
    harness.run();
    harness.get_by_label("Not quite.");
    harness.get_by_label("KL(Q||P)");
    harness.get_by_label("(you said They are equal)");
}

#[test]
fn an_estimate_is_typed_and_judged_within_its_tolerance() {
    let mut harness = harness_on_lesson(1);
    let entropy = Measure::EntropyP.value(harness.state().report(), Unit::Bits);
    assert!(!shown_text(&harness).contains(&klscope::text::sig4(entropy)));
    harness.get_by_label(ESTIMATE_FIELD).click();
    harness.run();
    harness.get_by_label(ESTIMATE_FIELD).type_text(&format!("{:.2}", entropy + 0.05));
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Answer").click();
    harness.run();
    harness.get_by_label("Right!");
    harness.get_by_label(&format!("H(P) = {} bits", klscope::text::sig4(entropy)));
}

#[test]
fn reveal_shows_the_answer_without_one() {
    let mut harness = harness_on_lesson(3);
    harness.get_by_label("Reveal").click();
    harness.run();
    harness.get_by_label("The answer:");
    harness.get_by_label("scissors");
    harness.get_by_label_contains("Why: KL(P||Q) is infinite because Q gives 'scissors' probability 0");
}

#[test]
fn a_goal_is_met_by_dragging_q() {
    let mut harness = harness_on_lesson(2);
    harness.get_by_label_contains("Goal: Make KL(P||Q) smaller than 0.01 bits without changing P.");
    assert!(harness.query_by_label_contains("Goal met").is_none());
    // P is (0.9, 0.1): drag Q's first bar from 0.5 up to 0.9.
    let layout = harness.state().bar_layout(Side::Q).unwrap();
    let from = egui::pos2(layout.center_x(0), layout.y_of(0.5));
    let to = egui::pos2(layout.center_x(0), layout.y_of(0.9));
    drag(&mut harness, from, to);
    let q = harness.state().state.doc.q.probs().to_vec();
    assert!((q[0] - 0.9).abs() < 0.03, "{q:?}");
    harness.get_by_label_contains("Goal met: KL(P||Q) =");
}

#[test]
fn the_clicker_keys_step_through_the_lesson_in_presentation_mode() {
    let mut harness = harness_on_lesson(0);
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_presenting());
    let body = egui::TextStyle::Body.resolve(&harness.ctx.global_style()).size;
    assert!(body >= 24.0, "presentation text is {body} px");
    let at = |harness: &Harness<'_, KlApp>| harness.state().lesson().map(|run| run.step_index());
    for (key, expected) in [
        (Key::PageDown, 1),
        (Key::ArrowRight, 2),
        (Key::Space, 3),
        (Key::Space, 3),
        (Key::PageUp, 2),
        (Key::ArrowLeft, 1),
        (Key::ArrowUp, 0),
        (Key::ArrowDown, 1),
    ] {
        harness.key_press(key);
        harness.run();
        assert_eq!(at(&harness), Some(expected), "after {key:?}");
    }
    // Each step opens its own scenario and view.
    assert_eq!(harness.state().state.doc.id, "weather-codebook");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().is_presenting());
    let body = egui::TextStyle::Body.resolve(&harness.ctx.global_style()).size;
    assert!(body < 20.0, "normal text again: {body} px");
    // Outside presentation the arrow keys select outcomes again.
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(at(&harness), Some(1));
}

/// Presenting, the row of key measures adds what the step asks that is not among them:
/// "Beyond KL" estimates W₁, hidden until answered, then shown beside KL and JS (its
/// answer named a number the row never showed).
#[test]
fn a_presented_step_adds_the_number_it_asks_to_the_key_measures() {
    let lesson = klscope::lesson::builtin_lessons().iter().find(|l| l.id == "beyond-kl").unwrap().clone();
    let index = lesson
        .steps
        .iter()
        .position(|step| {
            matches!(&step.task, Some(Task::Predict(Prediction::Estimate { measure: Asked::Wasserstein1, .. })))
        })
        .expect("Beyond KL estimates W₁");
    let mut harness = harness_with(AppState::default());
    harness.state_mut().open_lesson(lesson, index).unwrap();
    harness.state_mut().set_presenting(true);
    harness.run();
    let cells = |harness: &Harness<'_, KlApp>| -> Vec<String> {
        let painted = crate::screen_text::pieces(harness).into_iter().filter(|p| p.rect.is_some());
        painted.map(|p| p.text).filter(|t| t.starts_with("W₁(P,Q)\n")).collect()
    };
    assert_eq!(cells(&harness), vec!["W₁(P,Q)\n?".to_string()], "hidden while the question is pending");
    harness.get_by_label("Reveal").click();
    harness.run();
    // The dice are one face apart: W₁ = 1 exactly.
    assert_eq!(cells(&harness), vec!["W₁(P,Q)\n1.000".to_string()], "shown once answered");
}
