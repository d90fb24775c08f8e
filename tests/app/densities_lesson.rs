//! A lesson step on densities: the densities screen shows it, a pending question hides
//! every number near its answer there (the measures, the integrand's areas, the binned
//! sum, the ELBO), the answer comes out after Answer, and presentation mode shows the
//! densities screen in its large type.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::panels::lesson_step::ESTIMATE_FIELD;
use klscope::info::Measure;
use klscope::lesson::find_builtin_lesson;

use crate::densities::{integrand_sentence, integrand_switch};
use crate::harness::harness_with;
use crate::screen_text::{pieces, tokens};

fn on_step(index: usize) -> Harness<'static, KlApp> {
    let mut harness = harness_with(AppState::default());
    harness.state_mut().open_lesson(find_builtin_lesson("sums-to-integrals").unwrap(), index).unwrap();
    harness.run();
    harness
}

/// Every number on screen within `tolerance` of `answer`, with its text.
fn near(harness: &Harness<'_, KlApp>, answer: f64, tolerance: f64) -> Vec<String> {
    pieces(harness)
        .into_iter()
        .filter(|piece| !piece.tick && !piece.text.contains("step 2 of"))
        .flat_map(|piece| {
            tokens(&piece.text)
                .into_iter()
                .filter(|(_, x)| (x - answer).abs() <= tolerance)
                .map(move |(written, _)| format!("{written} in {:?}", piece.text))
        })
        .collect()
}

#[test]
fn a_densities_step_shows_the_densities_screen_and_hides_the_answer_until_answered() {
    // Step 2: two unit bells two apart; KL(P||Q) = ½·2² = 2 nats, asked within 0.25.
    let mut harness = on_step(1);
    assert!(harness.state().state.densities.is_some(), "the step opens the densities screen");
    harness.get_by_label("Measures (nats)");
    harness.get_by_label("KL(P||Q)\n?");
    harness.get_by_label("KL(Q||P)\n?");
    harness.get_by_label("Σ over 16 bins\n?");
    let report = harness.state().density_report().unwrap().clone();
    assert!((report.get(Measure::KlPQ).value - 2.0).abs() < 1e-9);
    let leaks = near(&harness, 2.0, 0.25);
    assert!(leaks.is_empty(), "shown while the question is open: {leaks:?}");
    assert!(harness.state().summary()["kl_pq"].is_null() && harness.state().summary()["kl_qp"].is_null());

    harness.get_by_label(ESTIMATE_FIELD).click();
    harness.run();
    harness.get_by_label(ESTIMATE_FIELD).type_text("2");
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Answer").click();
    harness.run();
    harness.run();
    harness.get_by_label("Right!");
    harness.get_by_label("KL(P||Q) = 2.000 nats");
    // The closed form's bound is far below the fourth digit: the digits alone.
    harness.get_by_label("KL(P||Q)\n2.000");
    assert_eq!(harness.state().summary()["kl_pq"].as_f64().map(|x| (x - 2.0).abs() < 1e-9), Some(true));
}

#[test]
fn a_larger_question_on_the_elbo_hides_both_directions_and_the_gap() {
    // Step 6: which is larger for the bimodal posterior; then step 5's ELBO screen.
    let mut harness = on_step(5);
    harness.get_by_label("KL(P||Q)\n?");
    harness.get_by_label("KL(Q||P)\n?");
    harness.get_by_label("By reverse KL(q||P)");
    // The scenario's own integrand stays until the answer (the two side by side would
    // tell which is larger), its areas untold on screen and to the page.
    integrand_switch(&harness, "KL(Q||P)").click();
    harness.run();
    harness.get_by_label("The integrand of KL(P||Q)");
    let sentence = integrand_sentence(&harness);
    assert!(sentence.contains("more likely: ?; below") && sentence.contains("KL(P||Q) = ? nats"), "{sentence}");
    let summary = harness.state().summary();
    for key in ["kl_pq_positive", "kl_pq_negative", "kl_qp_positive", "kl_qp_negative"] {
        assert!(summary[key].is_null(), "{key}: {}", summary[key]);
    }
    harness.get_by_label("Reveal").click();
    harness.run();
    harness.run();
    harness.get_by_label("The answer:");
    assert!(harness.query_by_label("KL(Q||P)\n?").is_none(), "out after Reveal");
    integrand_switch(&harness, "KL(Q||P)").click();
    harness.run();
    harness.get_by_label("The integrand of KL(Q||P)");
    harness.get_by_label("◀ Back").click();
    harness.run();
    harness.get_by_label("Ascend");
    assert_eq!(harness.state().state.densities.as_ref().unwrap().scenario.id, "vi-conjugate");
    harness.get_by(|node| node.value().is_some_and(|v| v.starts_with("KL(q||posterior)\n3.568")));
}

#[test]
fn presentation_mode_shows_the_densities_screen_with_the_elbo_first() {
    let mut harness = on_step(4);
    harness.state_mut().set_presenting(true);
    harness.run();
    harness.run();
    // No top bar; the curves, the ELBO with Ascend, and the measures in presentation type.
    assert!(harness.query_by_label("File").is_none());
    harness.get_by_label("P and Q densities");
    let ascend = harness.get_by_label("Ascend").rect();
    let measures = harness.get_by_label("Measures (nats)").rect();
    assert!(ascend.bottom() < measures.top(), "the ELBO and Ascend come before the measures");
    assert!(ascend.bottom() < 768.0, "Ascend is on the slide");
    let heading = pieces(&harness).into_iter().find(|p| p.text == "Measures (nats)").unwrap();
    harness.state_mut().set_presenting(false);
    harness.run();
    harness.run();
    let desk = pieces(&harness).into_iter().find(|p| p.text == "Measures (nats)").unwrap();
    assert!(heading.size > desk.size * 1.2, "presentation type: {} vs {}", heading.size, desk.size);
}

/// An integrand's two areas add up to its KL: when either is near a pending estimate's
/// answer, both are withheld from the page (KL minus one area gives the other), even
/// where the KL itself shows. Checked over a grid of Qs against P = N(0, 1), asking
/// KL(P||Q) within 0.08 nats; KL(Q||P)'s areas are the ones that can come near.
#[test]
fn an_area_near_the_answer_takes_its_partner_with_it() {
    let mut exercised = 0;
    for mean in [0.3, 0.5, 0.7, 0.9, 1.1, 1.3] {
        for sd in [0.6, 0.7, 0.8, 1.2, 1.5, 1.8] {
            let text = format!(
                r#"Lesson(title: "t", steps: [Step(
                    scenario: InlineDensities((id: "near", title: "Near", description: "", unit: Nats,
                        p: [Normal(mean: 0.0, sd: 1.0)], q: [Normal(mean: {mean:?}, sd: {sd:?})])),
                    view: "plots", say: "How far?", task: Predict(Estimate(measure: "KL(P||Q)", within: 0.08)))])"#
            );
            let lesson = klscope::lesson::Lesson::from_ron(&text, "t.ron", None).unwrap();
            let mut harness = harness_with(AppState::default());
            harness.state_mut().open_lesson(lesson, 0).unwrap();
            harness.run();
            let report = harness.state().density_report().unwrap().clone();
            let answer = report.get(Measure::KlPQ).value;
            let near = |x: f64| (x - answer).abs() <= 0.08;
            let (above, below) = (report.kl_qp_positive.value, report.kl_qp_negative.value);
            let summary = harness.state().summary();
            if summary["kl_qp"].is_null() || !(near(above) || near(below)) {
                continue;
            }
            exercised += 1;
            for key in ["kl_qp_positive", "kl_qp_negative", "kl_qp_positive_error", "kl_qp_negative_error"] {
                assert!(summary[key].is_null(), "Q = N({mean}, {sd}²), KL(P||Q) {answer}: {key} {}", summary[key]);
            }
        }
    }
    assert!(exercised > 0, "no Q on the grid has an area near the answer while KL(Q||P) shows");
}
