//! What a scenario says about its sides: a step about P alone shows P alone (H(P)'s terms
//! in the plot and the table, no Q, no divergences), the sides' names head the editors,
//! and the distillation view names the temperature of every number.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::panels::editing::COMPARE_WITH_Q;
use klscope::info::{Side, Unit};
use klscope::lesson;
use klscope::text;

use crate::harness::{harness_with, preset};
use crate::screen_text::shown_text;

/// The built-in entropy lesson at `step` (1-based), its question answered by Reveal.
fn entropy_step(step: usize) -> Harness<'static, KlApp> {
    let mut harness = harness_with(AppState::default());
    let lesson = lesson::find_builtin_lesson("surprise-and-entropy").unwrap();
    harness.state_mut().open_lesson(lesson, step - 1).unwrap();
    harness.run();
    if harness.query_by_label("Reveal").is_some() {
        harness.get_by_label("Reveal").click();
        harness.run();
    }
    harness
}

/// Nothing on screen that needs Q: its editor, its markers, the divergences, P → Q.
fn assert_no_q(harness: &Harness<'_, KlApp>, at: &str) {
    let shown = shown_text(harness);
    for absent in ["Q — the model", "KL(P||Q)", "KL(Q||P)", "H(P,Q)", "JS(P,Q)", "◆ q", "Copy P → Q"] {
        assert!(!shown.contains(absent), "{at}: '{absent}' is on screen:\n{shown}");
    }
    assert!(harness.query_by_label_contains("Q — ").is_none(), "{at}: Q's editor is shown");
}

#[test]
fn the_entropy_lesson_shows_entropys_terms_and_p_alone() {
    // Step 4: three sixes in a row, "which outcome adds most to H(P)?", on the plots.
    let harness = entropy_step(4);
    let p = harness.state().state.doc.p.probs().to_vec();
    let h = text::with_unit(-p.iter().map(|x| x * x.log2()).sum::<f64>(), Unit::Bits);
    let shown = shown_text(&harness);
    assert!(shown.contains(&format!("Σ p·(−log₂ p) = H(P) = {h}")), "the plot sums H(P)'s terms:\n{shown}");
    assert!(shown.contains("share of the entropy H(P)"), "{shown}");
    harness.get_by_label("P — the truth");
    assert_no_q(&harness, "step 4, plots");
    // Step 5: the same P in the table: the columns of H(P) and their sum.
    let harness = entropy_step(5);
    let shown = shown_text(&harness);
    for heading in ["p", "−log₂ p", "p·(−log₂ p)"] {
        assert!(harness.query_all_by_label(heading).next().is_some(), "the table heads a column {heading}");
    }
    assert!(harness.query_all_by_label("q").next().is_none(), "no column of q:\n{shown}");
    assert!(harness.query_all_by_label("p·log₂(p/q)").next().is_none(), "no KL terms:\n{shown}");
    // The biggest term is three sixes': 1/216 · log₂ 216 ≈ 0.0359 bits.
    let term = (1.0 / 216.0) * 216f64.log2();
    assert!(shown.contains(&text::sig4(term)), "three sixes' term {} in the table:\n{shown}", text::sig4(term));
    assert!(shown.contains("H(P) = "), "{shown}");
    assert_no_q(&harness, "step 5, table");
}

#[test]
fn an_h_question_about_p_alone_still_hides_h_and_its_terms() {
    // Step 2: estimate H(P) of a fair die; its terms 1/6 · log₂ 6 add up to the answer.
    let mut harness = harness_with(AppState::default());
    let lesson = lesson::find_builtin_lesson("surprise-and-entropy").unwrap();
    harness.state_mut().open_lesson(lesson, 1).unwrap();
    harness.run();
    let shown = shown_text(&harness);
    assert!(shown.contains("H(P) = ?"), "the sum is hidden:\n{shown}");
    assert!(shown.contains("hidden until the question is answered"), "and so are its terms:\n{shown}");
    assert!(!shown.contains("2.585"), "{shown}");
}

#[test]
fn q_comes_back_at_a_click_and_undo_hides_it_again() {
    let harness = &mut entropy_step(4);
    harness.get_by_label(COMPARE_WITH_Q).click();
    harness.run();
    harness.get_by_label("Q — the model");
    assert!(shown_text(harness).contains("KL(P||Q)"), "the divergences are back");
    harness.state_mut().run(klscope::app::command::Command::Undo);
    harness.run();
    assert!(harness.query_by_label("Q — the model").is_none(), "undo puts P back alone");
}

#[test]
fn the_sides_names_head_the_editors() {
    let harness = harness_with(preset("rlhf-policy-vs-reference"));
    harness.get_by_label("P — policy");
    harness.get_by_label("Q — reference");
    let harness = harness_with(preset("biased-coin-vs-fair"));
    harness.get_by_label("P — the truth");
    harness.get_by_label("Q — the model");
}

/// next-token-teacher-student: the student Q is edited at T = 0.8, while the hard loss
/// takes it at T = 1. Both are on screen, each with its temperature.
#[test]
fn every_distillation_number_names_its_temperature() {
    let mut state = preset("next-token-teacher-student");
    state.view = "distillation".into();
    let harness = harness_with(state);
    let doc = &harness.state().state.doc;
    assert_eq!(doc.temperature(Side::Q), 0.8);
    let teacher = doc.logit_values(Side::P);
    let y = teacher.iter().enumerate().fold(0, |best, (i, z)| if *z > teacher[best] { i } else { best });
    let label = doc.labels()[y].clone();
    // Softmax of the student's logits at T = 1, computed here on its own.
    let z = doc.logit_values(Side::Q);
    let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let at_one = (z[y] - top).exp() / z.iter().map(|v| (v - top).exp()).sum::<f64>();
    let in_editor = doc.q.probs()[y];
    assert!((at_one - in_editor).abs() > 0.01, "the two temperatures give different q: {at_one} {in_editor}");
    let shown = shown_text(&harness);
    assert!(shown.contains("soft loss at T = 2 = "), "{shown}");
    assert!(shown.contains("hard loss at T = 1 = "), "{shown}");
    let note = format!(
        "the student at T = 1: q({label}) = {}; Q's editor shows it at T = 0.8: q({label}) = {}",
        text::probability(at_one),
        text::probability(in_editor)
    );
    assert!(shown.contains(&note), "expected '{note}' in:\n{shown}");
    assert!(shown.contains("× soft (T = 2) + ") && shown.contains(" × hard (T = 1)"), "{shown}");
    assert!(shown.contains("Q's editor: T = 0.8"), "{shown}");
    assert!(shown.contains("teacher P, student Q"), "{shown}");
}
