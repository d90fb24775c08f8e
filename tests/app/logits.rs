//! Logits in the app: drag a logit bar, move a temperature slider, switch a side to
//! logits and back, undo; and the distillation view's numbers.

use crate::harness::{drag, harness_with, preset};
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::{Harness, kittest::Queryable};
use klscope::app::KlApp;
use klscope::app::panels::editing::logits_switch_name;
use klscope::app::panels::logit_editor::temperature_name;
use klscope::app::views::shown_loss;
use klscope::info::Side;
use klscope::info::distillation::distillation_loss;

/// The text a measure's cell shows, e.g. "1.379 bits" for "H(P)".
fn shown(harness: &Harness<'_, KlApp>, symbol: &str) -> String {
    let prefix = format!("{symbol}\n");
    let node = harness.get_by(move |node| node.value().is_some_and(|v| v.starts_with(&prefix)));
    node.value().unwrap().split_once('\n').unwrap().1.to_string()
}

fn two_temperatures() -> Harness<'static, KlApp> {
    harness_with(preset("one-model-two-temperatures"))
}

fn p_logits(harness: &Harness<'_, KlApp>) -> klscope::info::logits::Logits {
    harness.state().state.doc.logits(Side::P).cloned().unwrap()
}

/// Drags logit bar `index` of P from its top to logit `to`.
fn drag_logit(harness: &mut Harness<'_, KlApp>, index: usize, to: f64) {
    let layout = harness.state().logit_layout(Side::P).expect("P is drawn as logits");
    let from_z = p_logits(harness).values[index];
    let from = egui::pos2(layout.center_x(index), layout.y_of(from_z) + 2.0);
    let target = egui::pos2(layout.center_x(index), layout.y_of(to));
    drag(harness, from, target);
}

#[test]
fn dragging_a_logit_bar_moves_p_and_its_entropy_and_undo_takes_it_back() {
    let mut harness = two_temperatures();
    let before_p = harness.state().state.doc.p.probs().to_vec();
    let before_h = shown(&harness, "H(P)");
    assert_eq!(before_h, "1.379 bits");
    // 'sofa' from logit 2 up to 3.5: above 'mat' (3), so P moves towards it.
    drag_logit(&mut harness, 1, 3.5);
    let z = p_logits(&harness);
    assert!((z.values[1] - 3.5).abs() < 0.1, "dragged to about 3.5: {:?}", z.values);
    assert_eq!(z.temperature, 0.7, "the temperature stays");
    let p = harness.state().state.doc.p.probs().to_vec();
    let softmax = klscope::info::softmax::softmax(&z.values, 0.7).unwrap();
    assert_eq!(p, softmax, "P is softmax(z / T) of the dragged logits");
    assert!(p[1] > p[0] && p[1] > before_p[1], "sofa is now the likeliest: {p:?}");
    assert_ne!(shown(&harness, "H(P)"), before_h, "the shown entropy follows the drag");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(p_logits(&harness).values[1], 2.0, "one undo takes the whole drag back");
    assert_eq!(harness.state().state.doc.p.probs(), before_p.as_slice());
    assert_eq!(shown(&harness, "H(P)"), before_h);
}

#[test]
fn the_temperature_slider_changes_the_entropy_shown() {
    let mut harness = two_temperatures();
    let before = shown(&harness, "H(P)");
    harness.get_by_label(&temperature_name(Side::P)).focus();
    harness.run();
    for _ in 0..20 {
        harness.key_press(Key::ArrowRight);
    }
    harness.run();
    let t = p_logits(&harness).temperature;
    assert!(t > 0.7, "the slider warmed P: T = {t}");
    let after = shown(&harness, "H(P)");
    assert_ne!(after, before, "a warmer P has a higher entropy");
    let h: f64 = after.trim_end_matches(" bits").parse().unwrap();
    assert!(h > 1.379, "{after}");
    // Undo brings the temperature back in one step (once the slider lets go of the keys).
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(p_logits(&harness).temperature, 0.7);
}

#[test]
fn a_side_switches_to_logits_and_back_without_moving() {
    let mut harness = harness_with(preset("support-mismatch"));
    let q = harness.state().state.doc.q.probs().to_vec();
    harness.get_by_label(&logits_switch_name(Side::Q)).click();
    harness.run();
    let logits = harness.state().state.doc.logits(Side::Q).cloned().expect("Q is now logits");
    assert_eq!(logits.temperature, 1.0);
    for (z, q) in logits.values.iter().zip(&q) {
        assert_eq!(*z, if *q > 0.0 { q.ln() } else { f64::NEG_INFINITY }, "z = ln q");
    }
    assert_eq!(harness.state().state.doc.q.probs(), q.as_slice(), "switching moves nothing");
    assert!(harness.query_by_label("Q logits").is_some(), "Q's logit editor is shown");
    harness.get_by_label(&logits_switch_name(Side::Q)).click();
    harness.run();
    assert!(harness.state().state.doc.logits(Side::Q).is_none());
    assert!(harness.query_by_label("Q bars").is_some(), "Q's bars are back");
}

#[test]
fn the_distillation_view_shows_the_losses_info_computes() {
    let mut state = preset("rlhf-policy-vs-reference");
    state.view = "distillation".into();
    let harness = harness_with(state);
    let doc = &harness.state().state.doc;
    let (teacher, student) = (doc.logit_values(Side::P), doc.logit_values(Side::Q));
    // The view starts at T = 2, α = ½ and the teacher's arg-max (the clear answer) as y.
    let loss = distillation_loss(&teacher, &student, 2.0, 0.5, 0).unwrap();
    for (name, t, value) in [("soft loss", 2.0, loss.soft), ("hard loss", 1.0, loss.hard)] {
        let text = shown_loss(name, t, value);
        assert!(harness.query_by_label(&text).is_some(), "the view shows {text}");
    }
    harness.get_by_label(&format!("total loss = {}", klscope::text::with_unit(loss.total, "nats")));
    assert!(loss.soft > 0.1 && loss.hard > 0.1, "{loss:?}");
    assert!(
        harness.query_by_label_contains("in nats (natural logs").is_some(),
        "the view says its numbers are in nats"
    );
}
