//! A vocabulary of 100,000 outcomes in the real UI: the editors draw the top outcomes as
//! bars and the tail by pixel column, dragging edits the outcome under the pointer
//! (a top bar or one in the tail), hovering names it, and the order follows the choice.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klscope::app::KlApp;
use klscope::app::model::order::SortKey;
use klscope::app::model::state::AppState;
use klscope::app::panels::bar_editor::BarLayout;
use klscope::info::{Side, Unit};
use klscope::scenario::Scenario;

use super::harness::{drag, harness_with};

const N: usize = 100_000;

/// Zipf-like P and Q with different exponents, tokens named tok0, tok1, ….
fn zipf(exponent: f64) -> Vec<f64> {
    let weights: Vec<f64> = (0..N).map(|i| 1.0 / ((i + 1) as f64).powf(exponent)).collect();
    let total: f64 = weights.iter().sum();
    weights.iter().map(|w| w / total).collect()
}

fn vocabulary() -> Harness<'static, KlApp> {
    let scenario = Scenario {
        id: "vocabulary".into(),
        title: "A vocabulary".into(),
        description: String::new(),
        unit: Unit::Bits,
        labels: (0..N).map(|i| format!("tok{i}")).collect(),
        p: zipf(1.1),
        q: zipf(0.9),
        logits: Default::default(),
        positions: None,
        roles: Default::default(),
        focus: Default::default(),
    };
    let mut state = AppState::default();
    state.open_scenario(&scenario).unwrap();
    harness_with(state)
}

fn q_layout(harness: &Harness<'_, KlApp>) -> BarLayout {
    harness.state().bar_layout(Side::Q).expect("the Q editor was drawn")
}

fn kl(harness: &Harness<'_, KlApp>) -> f64 {
    harness.state().report().kl_pq
}

/// KL(P||Q) as the measures panel shows it.
fn shown_kl(harness: &Harness<'_, KlApp>) -> String {
    let node = harness.get_by(|node| node.value().is_some_and(|v| v.starts_with("KL(P||Q)\n")));
    node.value().unwrap_or_default()
}

/// Drags outcome `index` of Q from its height to probability `to`.
fn drag_q(harness: &mut Harness<'_, KlApp>, index: usize, to: f64) {
    let layout = q_layout(harness);
    let x = layout.center_x(index);
    let from = egui::pos2(x, layout.y_of(harness.state().state.doc.q.probs()[index]));
    let target = egui::pos2(x, layout.y_of(to));
    drag(harness, from, target);
}

#[test]
fn dragging_a_top_bar_and_a_tail_outcome_edits_them_and_the_measures_follow() {
    let mut harness = vocabulary();
    let layout = q_layout(&harness);
    let vocabulary = layout.vocabulary.clone().expect("100,000 outcomes are drawn as a vocabulary");
    assert_eq!(vocabulary.ranking.outcome(0), 0, "sorted by P: tok0 first");
    assert!(vocabulary.bars >= 4 && vocabulary.bars <= 40);

    // A top bar: tok0 down to 1%.
    let before = kl(&harness);
    let shown_before = shown_kl(&harness);
    drag_q(&mut harness, 0, 0.01);
    let q = harness.state().state.doc.q.probs().to_vec();
    assert!((q[0] / 0.01 - 1.0).abs() < 0.1, "tok0 is now {}", q[0]);
    assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    let after_bar = kl(&harness);
    assert!(after_bar > before * 1.05, "KL(P||Q) went from {before} to {after_bar}");
    // Shown in the measures panel, not only computed.
    assert_ne!(shown_kl(&harness), shown_before);

    // An outcome deep in the tail, up to 0.1%: the one under the pointer changes.
    let deep = q_layout(&harness).outcome_at_rank(60_000);
    assert!(harness.state().state.doc.q.probs()[deep] < 1e-4);
    drag_q(&mut harness, deep, 1e-3);
    let q = harness.state().state.doc.q.probs();
    assert!((q[deep] / 1e-3 - 1.0).abs() < 0.15, "tok{deep} is now {}", q[deep]);
    assert!(kl(&harness) != after_bar);
    assert_eq!(harness.state().state.selected, deep, "the dragged outcome is selected");
}

#[test]
fn hovering_the_tail_names_the_outcome_under_the_pointer() {
    let mut harness = vocabulary();
    let layout = q_layout(&harness);
    let rank = 70_000;
    let index = layout.outcome_at_rank(rank);
    let y = layout.bars().center().y;
    harness.hover_at(egui::pos2(layout.x_of_rank(rank), y));
    harness.run();
    let hovered = harness.state().bar_layout(Side::Q).map(|l| l.index_at(l.x_of_rank(rank)));
    assert_eq!(hovered, Some(index));
    let name = format!("'tok{index}': P = ");
    assert!(harness.query_by_label_contains(&name).is_some(), "no label names {name}");
}

#[test]
fn the_order_follows_the_chosen_key() {
    let mut harness = vocabulary();
    // Make tok99999 the most likely outcome under Q, then sort by Q.
    harness.state_mut().state.doc.q.set(N - 1, 0.5).unwrap();
    harness.state_mut().state.sort = SortKey::Q;
    harness.run();
    let layout = q_layout(&harness);
    assert_eq!(layout.outcome_at_rank(0), N - 1);
    assert!(harness.query_by_label_contains("most likely under Q").is_some());
}
