//! The simplex view through the real UI: P and Q dragged on the triangle move the bars,
//! the direction toggle, and what it says at two and at four outcomes.

use crate::harness::{drag, harness_with, preset};
use eframe::egui::{Pos2, vec2};
use egui_kittest::{Harness, kittest::Queryable};
use klscope::app::KlApp;
use klscope::app::views::{SimplexLayout, simplex_layout};

/// The app on the built-in scenario `id`, showing the simplex.
fn simplex(id: &str) -> Harness<'static, KlApp> {
    let mut state = preset(id);
    state.view = "simplex".into();
    harness_with(state)
}

fn layout(harness: &Harness<'_, KlApp>) -> SimplexLayout {
    simplex_layout(&harness.ctx).expect("the triangle was drawn")
}

fn point(layout: &SimplexLayout, probs: &[f64]) -> Pos2 {
    layout.to_screen([probs[0], probs[1], probs[2]])
}

fn sums_to_one(probs: &[f64]) -> bool {
    (probs.iter().sum::<f64>() - 1.0).abs() < 1e-9
}

#[test]
fn dragging_p_on_the_triangle_moves_ps_bars() {
    // Rock, paper, scissors: P = (0.4, 0.4, 0.2), Q = (0.5, 0.5, 0).
    let mut harness = simplex("support-mismatch");
    let layout = layout(&harness);
    let before = harness.state().state.doc.p.probs().to_vec();
    let from = point(&layout, &before);
    // Towards scissors, the top corner.
    drag(&mut harness, from, from - vec2(0.0, 40.0));
    let after = harness.state().state.doc.p.probs().to_vec();
    assert!(after[2] > before[2] + 0.1, "{before:?} → {after:?}");
    assert!(sums_to_one(&after), "{after:?}");
    assert_eq!(harness.state().state.doc.q.probs(), &[0.5, 0.5, 0.0], "Q stays");
}

#[test]
fn dragging_q_off_the_edge_makes_kl_finite() {
    let mut harness = simplex("support-mismatch");
    harness.get_by_label("At Q: KL(P||Q) = ∞");
    let layout = layout(&harness);
    let from = point(&layout, harness.state().state.doc.q.probs());
    // Q sits on the bottom edge (no scissors): drag it up and to the left, towards rock.
    drag(&mut harness, from, from + vec2(-30.0, -30.0));
    let q = harness.state().state.doc.q.probs().to_vec();
    assert!(q[2] > 0.05 && q[0] > q[1], "{q:?}");
    assert!(sums_to_one(&q), "{q:?}");
    assert!(harness.state().report().kl_pq.is_finite());
    assert_eq!(harness.state().state.doc.p.probs(), &[0.4, 0.4, 0.2], "P stays");
    // The drag is one undo step.
    harness.state_mut().run(klscope::app::command::Command::Undo);
    harness.run();
    assert_eq!(harness.state().state.doc.q.probs(), &[0.5, 0.5, 0.0]);
}

#[test]
fn the_toggle_switches_the_direction() {
    let mut harness = simplex("support-mismatch");
    harness.get_by_label_contains("∞ on every edge");
    harness.get_by_label("KL(x||P)").click();
    harness.run();
    harness.get_by_label("At Q: KL(Q||P) = 0.3219 bits");
    harness.get_by_label_contains("Finite everywhere");
    assert!(harness.query_by_label("At Q: KL(P||Q) = ∞").is_none());
}

#[test]
fn two_outcomes_show_the_curves() {
    let harness = simplex("biased-coin-vs-fair");
    harness.get_by_label("KL over every distribution x = (heads x, tails 1 − x):");
    harness.get_by_label_contains("KL(P||x): at Q it is KL(P||Q) = 0.5310 bits; ↑ ∞ at x = 0 and 1");
    assert!(simplex_layout(&harness.ctx).is_none(), "no triangle");
}

#[test]
fn four_outcomes_are_asked_to_be_two_or_three() {
    let harness = simplex("movie-genres");
    harness.get_by_label_contains("The simplex needs two or three outcomes");
    harness.get_by_label_contains("This scenario has 4 outcomes.");
}
