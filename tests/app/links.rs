//! Share links in the desktop app: Copy link, and File ▸ Open link… with a good link, one
//! that carries a zero rule, and a damaged one.

use crate::common::copied;
use crate::harness::{harness_with, preset};
use eframe::egui::{Key, Modifiers};
use egui_kittest::{Harness, kittest::Queryable};
use klscope::app::KlApp;
use klscope::info::ZeroRule;
use klscope::scenario::{self, link};

fn file_menu(harness: &mut Harness<'_, KlApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
}

fn open_link(harness: &mut Harness<'_, KlApp>, text: &str) {
    file_menu(harness, "Open link…");
    harness.get_by_label("link").focus();
    harness.run();
    harness.get_by_label("link").type_text(text);
    harness.key_press(Key::Enter);
    harness.run();
}

fn status(harness: &Harness<'_, KlApp>) -> (String, bool) {
    let status = harness.state().status.clone().unwrap();
    (status.text, status.is_error)
}

#[test]
fn copy_link_puts_a_link_to_exactly_this_scenario_on_the_clipboard() {
    let mut state = preset("movie-genres");
    state.doc.zero_rule = ZeroRule::Smooth { alpha: 0.001 };
    let mut harness = harness_with(state);
    harness.state_mut().state.doc.p.set(0, 0.5).unwrap();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Copy link").click();
    harness.step();
    let text = copied(&harness);
    assert!(text.starts_with(link::DEFAULT_BASE), "{text}");
    let shared = link::decode(&text).unwrap();
    let doc = &harness.state().state.doc;
    assert_eq!(shared.scenario, doc.to_scenario(harness.state().state.unit));
    assert_eq!(shared.zero_rule, ZeroRule::Smooth { alpha: 0.001 });
    assert!(!status(&harness).1);
}

#[test]
fn open_link_opens_the_scenario_with_its_zero_rule_and_undo_brings_the_old_one_back() {
    let mut harness = harness_with(preset("biased-coin-vs-fair"));
    let mismatch = scenario::find_builtin("support-mismatch").unwrap();
    open_link(&mut harness, &link::encode(&mismatch, ZeroRule::FloorQ { epsilon: 1e-3 }, link::DEFAULT_BASE).unwrap());
    let doc = &harness.state().state.doc;
    assert_eq!((doc.id.as_str(), doc.zero_rule), ("support-mismatch", ZeroRule::FloorQ { epsilon: 1e-3 }));
    assert_eq!(status(&harness), ("Opened the link".to_string(), false));
    assert!(harness.state().report().kl_pq.is_finite(), "the ε-floor came with the link");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().state.doc.id, "biased-coin-vs-fair");
}

#[test]
fn a_damaged_link_says_why_and_changes_nothing() {
    let mut harness = harness_with(preset("movie-genres"));
    let before = harness.state().state.doc.clone();
    let lottery = scenario::find_builtin("lottery-surprise").unwrap();
    let good = link::encode(&lottery, ZeroRule::Exact, link::DEFAULT_BASE).unwrap();
    open_link(&mut harness, &good[..good.len() - 25]);
    let (text, is_error) = status(&harness);
    assert!(is_error && text.starts_with("The link opens nothing: this link is damaged"), "{text}");
    assert_eq!(harness.state().state.doc, before);
}
