//! The app through its real UI (egui_kittest, no GPU): drag, type, click and press keys,
//! then check the state and the text on screen.

use crate::harness::{drag, harness_with, preset};
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::{Harness, kittest::Queryable};
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::panels::bar_editor::{self as editor, BarLayout};
use klscope::info::{Side, Unit};
use klscope::scenario;

fn coin() -> Harness<'static, KlApp> {
    harness_with(preset("biased-coin-vs-fair"))
}

/// The text a measure's cell shows, e.g. "0.5310 bits" for "KL(P||Q)".
fn shown(harness: &Harness<'_, KlApp>, symbol: &str) -> String {
    let prefix = format!("{symbol}\n");
    let node = harness.get_by(move |node| node.value().is_some_and(|v| v.starts_with(&prefix)));
    node.value().unwrap().split_once('\n').unwrap().1.to_string()
}

/// Where the app drew the bars of `side` (checked against the canvas the UI exposes).
fn layout(harness: &Harness<'_, KlApp>, side: &str) -> BarLayout {
    let rect = harness.get_by_label(&format!("{side} bars")).rect();
    let layout = harness.state().bar_layout(if side == "P" { Side::P } else { Side::Q }).unwrap();
    assert_eq!(layout.rect, rect);
    layout
}

/// Drags the top of bar `index` of `side` to probability `to`.
fn drag_bar(harness: &mut Harness<'_, KlApp>, side: &str, index: usize, to: f64) {
    let bars = layout(harness, side);
    let p = harness.state().state.doc.get(if side == "P" { Side::P } else { Side::Q }).probs()[index];
    let from = egui::pos2(bars.center_x(index), bars.y_of(p) + 4.0);
    let target = egui::pos2(bars.center_x(index), bars.y_of(to));
    drag(harness, from, target);
}

/// Focuses the field named `label`, replaces its text with `text` and presses Enter.
fn type_into(harness: &mut Harness<'_, KlApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.key_press(Key::Enter);
    harness.run();
}

fn p(harness: &Harness<'_, KlApp>) -> Vec<f64> {
    harness.state().state.doc.p.probs().to_vec()
}

fn q(harness: &Harness<'_, KlApp>) -> Vec<f64> {
    harness.state().state.doc.q.probs().to_vec()
}

fn assert_sums_to_one(values: &[f64]) {
    let sum: f64 = values.iter().sum();
    assert!((sum - 1.0).abs() < 1e-12, "sum {sum} of {values:?}");
}

#[test]
fn dragging_a_p_bar_changes_p_and_the_shown_kl() {
    let mut harness = coin();
    assert_eq!(shown(&harness, "KL(P||Q)"), "0.5310 bits");
    drag_bar(&mut harness, "P", 0, 0.6);
    let p = p(&harness);
    assert!((p[0] - 0.6).abs() < 0.02, "heads dragged to about 0.6: {p:?}");
    assert_sums_to_one(&p);
    let kl = shown(&harness, "KL(P||Q)");
    assert_ne!(kl, "0.5310 bits", "the shown KL follows the drag");
    // KL((0.6,0.4)||(0.5,0.5)) ≈ 0.029 bits.
    let value: f64 = kl.trim_end_matches(" bits").parse().unwrap();
    assert!(value < 0.06, "KL shown: {kl}");
}

#[test]
fn typing_a_fraction_into_a_value_field_sets_it_exactly() {
    let mut harness = coin();
    type_into(&mut harness, "P(heads)", "1/3");
    assert_eq!(p(&harness)[0], 1.0 / 3.0);
    assert!((p(&harness)[1] - 2.0 / 3.0).abs() < 1e-15);
}

#[test]
fn a_bad_value_is_refused_with_a_message_and_changes_nothing() {
    let mut harness = coin();
    type_into(&mut harness, "Q(tails)", "abc");
    assert_eq!(q(&harness), vec![0.5, 0.5]);
    harness.get_by_label_contains("Q(tails): 'abc' is not a number");
}

#[test]
fn a_locked_outcome_keeps_its_value_while_another_is_dragged() {
    let mut harness = harness_with(preset("movie-genres"));
    harness.get_by_label("lock P(drama)").click();
    harness.run();
    assert!(harness.state().state.doc.p.is_locked(2));
    drag_bar(&mut harness, "P", 0, 0.1);
    let p = p(&harness);
    assert_eq!(p[2], 0.2, "drama is locked");
    assert!((p[0] - 0.1).abs() < 0.02, "action moved: {p:?}");
    assert_sums_to_one(&p);
}

#[test]
fn outcomes_can_be_added_renamed_and_removed() {
    let mut harness = coin();
    harness.get_by_label_contains("Add outcome").click();
    harness.run();
    assert_eq!(harness.state().state.doc.labels(), &["heads", "tails", "x3"]);
    assert_eq!(harness.state().state.selected, 2);
    type_into(&mut harness, "outcome name", "edge");
    assert_eq!(harness.state().state.doc.labels(), &["heads", "tails", "edge"]);
    assert_eq!(harness.state().state.doc.q.labels(), &["heads", "tails", "edge"]);
    harness.get_by_label("Remove").click();
    harness.run();
    assert_eq!(harness.state().state.doc.labels(), &["heads", "tails"]);
    assert_sums_to_one(&p(&harness));
}

#[test]
fn swapping_p_and_q_swaps_the_two_kl_values() {
    let mut harness = coin();
    let (forward, reverse) = (shown(&harness, "KL(P||Q)"), shown(&harness, "KL(Q||P)"));
    assert_eq!((forward.as_str(), reverse.as_str()), ("0.5310 bits", "0.7370 bits"));
    harness.get_by_label_contains("Swap P").click();
    harness.run();
    assert_eq!(shown(&harness, "KL(P||Q)"), reverse);
    assert_eq!(shown(&harness, "KL(Q||P)"), forward);
    assert_eq!(p(&harness), vec![0.5, 0.5]);
}

#[test]
fn copying_p_to_q_makes_every_divergence_zero() {
    let mut harness = coin();
    harness.get_by_label_contains("Copy P").click();
    harness.run();
    assert_eq!(shown(&harness, "KL(P||Q)"), "0 bits");
    assert_eq!(shown(&harness, "JS(P,Q)"), "0 bits");
}

#[test]
fn the_unit_switch_changes_values_and_units() {
    let mut harness = coin();
    harness.get_by_label("nats").click();
    harness.run();
    assert_eq!(harness.state().state.unit, Unit::Nats);
    assert_eq!(shown(&harness, "KL(P||Q)"), "0.3681 nats");
    assert_eq!(shown(&harness, "H(P,Q)"), "0.6931 nats");
    harness.get_by_label("bans").click();
    harness.run();
    assert_eq!(shown(&harness, "H(P,Q)"), "0.3010 bans");
    assert_eq!(shown(&harness, "TV(P,Q)"), "0.4000", "total variation has no unit");
}

#[test]
fn dragging_a_q_bar_to_zero_shows_infinity_and_why() {
    let mut harness = coin();
    drag_bar(&mut harness, "Q", 1, 0.0);
    assert_eq!(q(&harness), vec![1.0, 0.0]);
    assert_eq!(shown(&harness, "KL(P||Q)"), "∞");
    assert_eq!(shown(&harness, "H(P,Q)"), "∞");
    harness.get_by_label_contains("Q gives 'tails' probability 0, but P gives it 0.1");
    // The other direction and JS stay finite.
    assert_ne!(shown(&harness, "KL(Q||P)"), "∞");
    assert_ne!(shown(&harness, "JS(P,Q)"), "∞");
}

#[test]
fn the_epsilon_floor_makes_support_mismatch_finite() {
    let mut harness = harness_with(preset("support-mismatch"));
    assert_eq!(shown(&harness, "KL(P||Q)"), "∞");
    harness.get_by_label("How zero probabilities are treated before measuring").click();
    harness.run();
    harness.get_by_label("ε-floor on Q").click();
    harness.run();
    let kl = shown(&harness, "KL(P||Q)");
    assert_ne!(kl, "∞");
    assert!(kl.ends_with(" bits"));
    harness.get_by_label_contains("Zero rule: ε-floor on Q");
}

#[test]
fn undo_restores_the_state_before_a_drag_and_redo_brings_it_back() {
    let mut harness = coin();
    drag_bar(&mut harness, "P", 0, 0.5);
    let dragged = p(&harness);
    assert!((dragged[0] - 0.5).abs() < 0.02);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(p(&harness), vec![0.9, 0.1], "one undo undoes the whole drag");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(p(&harness), dragged);
    harness.get_by_label_contains("Undo").click();
    harness.run();
    assert_eq!(p(&harness), vec![0.9, 0.1], "the button does the same");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(p(&harness), dragged, "Ctrl+Shift+Z redoes too");
}

#[test]
fn arrow_keys_select_and_nudge() {
    let mut harness = coin();
    // Click the tails bar of P: selects it and makes P the active editor.
    let bars = layout(&harness, "P");
    harness.get_by_label("P bars").hover();
    harness.hover_at(egui::pos2(bars.center_x(1), bars.y_of(0.5)));
    harness.run();
    harness.drag_at(egui::pos2(bars.center_x(1), bars.y_of(0.5)));
    harness.drop_at(egui::pos2(bars.center_x(1), bars.y_of(0.5)));
    harness.run();
    assert_eq!(harness.state().state.selected, 1);
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert!((p(&harness)[1] - 0.11).abs() < 1e-12, "{:?}", p(&harness));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    assert!((p(&harness)[1] - 0.109).abs() < 1e-12, "{:?}", p(&harness));
    assert_sums_to_one(&p(&harness));
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().state.selected, 0);
}

#[test]
fn the_scenario_picker_opens_a_preset_in_its_unit() {
    let mut harness = coin();
    harness.get_by_label("Scenario:").click();
    harness.run();
    harness.get_by_label("Support mismatch: the model rules out scissors").click();
    harness.run();
    assert_eq!(harness.state().state.doc.id, "support-mismatch");
    assert_eq!(shown(&harness, "KL(P||Q)"), "∞");
}

#[test]
fn the_theme_switches_to_light_and_back() {
    let mut harness = coin();
    harness.get_by_label("Light").click();
    harness.run();
    assert!(!harness.ctx.global_style().visuals.dark_mode || harness.ctx.theme() == egui::Theme::Light);
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn the_help_window_opens_with_f1() {
    let mut harness = coin();
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Conventions");
}

#[test]
fn an_idle_window_does_not_recompute() {
    let mut harness = coin();
    let before = harness.state().recomputations();
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(harness.state().recomputations(), before);
    drag_bar(&mut harness, "Q", 0, 0.7);
    assert!(harness.state().recomputations() > before);
}

#[test]
fn sixty_four_and_a_thousand_outcomes_render() {
    for n in [64usize, 1000] {
        let labels: Vec<String> = (0..n).map(|i| format!("o{i}")).collect();
        let s = scenario::Scenario {
            id: format!("many-{n}"),
            title: format!("{n} outcomes"),
            description: String::new(),
            unit: Unit::Bits,
            labels,
            p: vec![1.0 / n as f64; n],
            q: (0..n).map(|i| (i + 1) as f64 / (n * (n + 1) / 2) as f64).collect(),
            logits: Default::default(),
            positions: None,
            roles: Default::default(),
            focus: Default::default(),
        };
        let mut state = AppState::default();
        state.open_scenario(&s).unwrap();
        let mut harness = harness_with(state);
        assert!(shown(&harness, "KL(P||Q)").ends_with("bits"));
        assert!(editor::fields_fit(1280.0, 2));
        assert!(!editor::fields_fit(800.0, n), "fields move to the outcome strip");
        drag_bar(&mut harness, "Q", n / 2, 0.2);
        assert_sums_to_one(&q(&harness));
    }
}

#[test]
fn a_new_edit_after_undo_drops_the_redo_branch() {
    let mut harness = coin();
    drag_bar(&mut harness, "P", 0, 0.5);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    drag_bar(&mut harness, "Q", 0, 0.8);
    let after = p(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(p(&harness), after, "redo must not bring back the undone drag");
}

#[test]
fn a_rename_applies_to_the_outcome_it_was_typed_for() {
    let mut harness = coin();
    harness.get_by_label("outcome name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("outcome name").type_text("H");
    harness.run();
    // Clicking the other bar moves the selection before the field loses focus.
    let bars = layout(&harness, "P");
    let tails = egui::pos2(bars.center_x(1), bars.y_of(0.5));
    harness.drag_at(tails);
    harness.drop_at(tails);
    harness.run();
    assert_eq!(harness.state().state.doc.labels(), &["H", "tails"]);
}

#[test]
fn while_a_field_has_the_keyboard_only_shortcuts_that_do_not_clash_with_typing_work() {
    let mut harness = coin();
    harness.get_by_label("outcome name").focus();
    harness.run();
    let before = p(&harness);
    // The arrow keys and Ctrl+Z belong to the field: no nudge, no undo.
    harness.key_press(Key::ArrowUp);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(p(&harness), before, "a key the field uses must not edit P");
    assert!(harness.query_by_label("Conventions").is_none(), "help is closed so far");
    // F1 is not typing: it opens the help even with the field focused.
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Conventions");
    // F5 presents from a field too.
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_presenting(), "F5 should start presentation mode while typing");
}

#[test]
fn the_measures_panel_can_show_the_chi_squares_in_its_last_row() {
    let mut harness = coin();
    assert!(shown(&harness, "TV(P,Q)").starts_with("0.4"), "TV by default");
    harness.get_by_label("in the last row").click();
    harness.run();
    harness.get_by_label("χ² both ways").click();
    harness.run();
    assert_eq!(harness.state().state.family_pair, klscope::app::model::state::FamilyPair::ChiSquares);
    // 0.9/0.1 against 0.5/0.5: Pearson Σ (p−q)²/q = 0.64, Neyman Σ (p−q)²/p = 1.778.
    assert_eq!(shown(&harness, "χ²(P||Q)"), "0.6400");
    assert_eq!(shown(&harness, "χ²_N(P||Q)"), "1.778");
}

/// A printed picture has nothing to click: while a pass is marked as printing, the
/// editors' Uniform and the table's Copy as CSV are left out; unmarked, they are back.
#[test]
fn a_printed_pass_leaves_the_buttons_out() {
    let mut state = preset("fair-vs-loaded-die");
    state.view = "table".to_string();
    let mut harness = harness_with(state);
    let count = |harness: &Harness<'_, KlApp>, label: &str| harness.query_all_by_label(label).count();
    assert_eq!(count(&harness, "Uniform"), 2, "one Uniform per editor, live");
    assert_eq!(count(&harness, "Copy as CSV"), 1);
    klscope::app::ui::print::set_printing(&harness.ctx, true);
    harness.run();
    assert_eq!(count(&harness, "Uniform"), 0, "no buttons on paper");
    assert_eq!(count(&harness, "Copy as CSV"), 0);
    klscope::app::ui::print::set_printing(&harness.ctx, false);
    harness.run();
    assert_eq!(count(&harness, "Uniform"), 2);
}
