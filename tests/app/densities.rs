//! The densities screen through the real UI: handles dragged move the curves and the
//! measures, the bins slider, Open as discrete, the ELBO's bars after a drag, and
//! gradient ascent closing the gap.

use crate::harness::{drag, harness_with};
use eframe::egui::{self, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::panels::densities::handle_label;
use klscope::app::ui::theme;
use klscope::info::Side;
use klscope::info::density::{self, Component};
use klscope::scenario::find_builtin_densities;

/// The app showing the built-in densities scenario `id`.
pub fn densities(id: &str) -> Harness<'static, KlApp> {
    harness_with(densities_state(id))
}

pub fn densities_state(id: &str) -> AppState {
    let mut state = AppState::default();
    state.open_densities(find_builtin_densities(id).unwrap());
    state
}

/// The number an accessible label "NAME\nVALUE" shows (the value's first word).
fn shown(harness: &Harness<'_, KlApp>, name: &str) -> f64 {
    let prefix = format!("{name}\n");
    let node = harness.get_by(move |node| node.value().is_some_and(|v| v.starts_with(&prefix)));
    let label = node.value().unwrap();
    let value = label.split_once('\n').unwrap().1.split_whitespace().next().unwrap().replace('−', "-");
    if value == "∞" { f64::INFINITY } else { value.parse().unwrap() }
}

fn centre_of(harness: &Harness<'_, KlApp>, label: &str) -> egui::Pos2 {
    harness.get_by_label(label).rect().center()
}

fn q_mean(harness: &Harness<'_, KlApp>) -> f64 {
    harness.state().state.densities.as_ref().unwrap().q().mean()
}

#[test]
fn dragging_qs_centre_changes_kl_as_half_the_squared_distance() {
    let mut harness = densities("two-bells");
    let before = shown(&harness, "KL(P||Q)");
    // Two unit bells 1.5 apart: ½·1.5² nats, in bits.
    assert!((before - 1.125 / std::f64::consts::LN_2).abs() < 1e-3, "{before}");
    let from = centre_of(&harness, &handle_label(Side::Q, 0, "centre"));
    drag(&mut harness, from, from + vec2(60.0, 0.0));
    let mean = q_mean(&harness);
    assert!(mean > 1.8, "Q's centre moved right: {mean}");
    let after = shown(&harness, "KL(P||Q)");
    let expected = 0.5 * mean * mean / std::f64::consts::LN_2;
    assert!((after - expected).abs() < 1e-3 * expected, "KL shown {after}, ½(Δμ/σ)² = {expected}");
    assert_eq!(harness.state().state.densities.as_ref().unwrap().p().mean(), 0.0, "P stays");
}

#[test]
fn dragging_a_width_handle_makes_the_bell_narrower() {
    let mut harness = densities("two-bells");
    let from = centre_of(&harness, &handle_label(Side::P, 0, "width"));
    drag(&mut harness, from, from - vec2(30.0, 0.0));
    let p = harness.state().state.densities.as_ref().unwrap().p().clone();
    let Some(Component::Gaussian { sd, .. }) = p.as_single() else { panic!("{p:?}") };
    assert!(sd < 0.9, "sd {sd}");
    let kl_pq = shown(&harness, "KL(P||Q)");
    let kl_qp = shown(&harness, "KL(Q||P)");
    assert!((kl_pq - kl_qp).abs() > 0.05, "the two directions part: {kl_pq} vs {kl_qp}");
}

#[test]
fn the_bins_slider_changes_the_binned_kl_and_it_stays_below_the_integral() {
    let mut harness = densities("two-bells");
    let integral = shown(&harness, "KL(P||Q)");
    let coarse = shown(&harness, "Σ over 16 bins");
    harness
        .get_by(|node| node.role() == egui::accesskit::Role::Slider && node.label().as_deref() == Some("bins"))
        .set_value_accesskit(64.0);
    harness.run();
    assert_eq!(harness.state().state.densities.as_ref().unwrap().bins, 64);
    let fine = shown(&harness, "Σ over 64 bins");
    assert!(coarse < fine && fine <= integral, "{coarse} < {fine} ≤ {integral}");
}

#[test]
fn open_as_discrete_opens_the_binned_probabilities() {
    let mut harness = densities("two-bells");
    let doc = harness.state().state.densities.clone().unwrap();
    let binned = density::bin(doc.p(), doc.q(), density::covering_range(doc.p(), doc.q()), doc.bins).unwrap();
    harness.get_by_label("Open as discrete").click();
    harness.run();
    let state = &harness.state().state;
    assert!(state.densities.is_none(), "the discrete screen is back");
    assert_eq!(state.doc.len(), 16);
    for (shown, bin) in state.doc.p.probs().iter().zip(&binned.p) {
        assert!((shown - bin).abs() < 1e-12, "{shown} vs {bin}");
    }
    assert!((harness.state().report().kl_pq - binned.kl_pq()).abs() < 1e-9);
    // Every discrete view works on it: the editors are there.
    harness.get_by_label("Q bars");
}

fn elbo_parts(harness: &Harness<'_, KlApp>) -> [f64; 3] {
    ["log p(x)", "ELBO", "KL(q||posterior)"].map(|name| shown(harness, name))
}

#[test]
fn the_elbo_bars_add_up_after_dragging_q_and_an_observation() {
    let mut harness = densities("vi-conjugate");
    let [_, _, gap_before] = elbo_parts(&harness);
    let from = centre_of(&harness, &handle_label(Side::Q, 0, "centre"));
    drag(&mut harness, from, from + vec2(50.0, 0.0));
    let [evidence, elbo, gap] = elbo_parts(&harness);
    assert!(gap < gap_before, "q moved towards the posterior: {gap_before} → {gap}");
    assert!((evidence - (elbo + gap)).abs() < 1e-10, "{evidence} = {elbo} + {gap}");
    let from = centre_of(&harness, "observation 3");
    drag(&mut harness, from, from + vec2(40.0, 0.0));
    let [moved, elbo, gap] = elbo_parts(&harness);
    assert_ne!(moved, evidence, "the evidence follows the observation");
    assert!((moved - (elbo + gap)).abs() < 1e-10, "{moved} = {elbo} + {gap}");
}

#[test]
fn ascend_closes_the_gap() {
    let mut harness = densities("vi-conjugate");
    harness.get_by_label("Ascend").click();
    harness.run_steps(400);
    let doc = harness.state().state.densities.clone().unwrap();
    assert!(!doc.ascending, "ascent stopped by itself");
    let gap = doc.model().unwrap().kl_to_posterior(&doc.vi.unwrap().q());
    assert!(gap < 1e-12, "gap {gap}");
    assert!(shown(&harness, "KL(q||posterior)").abs() < 1e-12);
    let posterior = doc.model().unwrap().posterior();
    assert!((q_mean(&harness) - posterior.mean).abs() < 1e-6);
}

#[test]
fn fitting_the_bimodal_posterior_by_reverse_kl_sits_on_a_mode() {
    let mut harness = densities("bimodal-posterior");
    harness.get_by_label("By reverse KL(q||P)").click();
    harness.run();
    harness.get_by_label("By forward KL(P||q)").click();
    harness.run();
    harness.get_by_label("Use reverse KL: best as Q").click();
    harness.run();
    let mean = q_mean(&harness);
    assert!((mean - -2.0).abs() < 0.3 || (mean - 2.5).abs() < 0.3, "on a mode: {mean}");
    harness.get_by_label("Use forward KL as Q").click();
    harness.run();
    let p = harness.state().state.densities.as_ref().unwrap().p().mean();
    assert!((q_mean(&harness) - p).abs() < 1e-9, "forward KL matches P's mean");
}

#[test]
fn a_discrete_scenario_from_the_picker_leaves_the_densities_screen() {
    let mut harness = densities("two-bells");
    harness.state_mut().run(klscope::app::command::Command::OpenBuiltin(0));
    harness.run();
    assert!(harness.state().state.densities.is_none());
    harness.state_mut().run(klscope::app::command::Command::OpenBuiltinDensities(0));
    harness.run();
    assert!(harness.state().state.densities.is_some());
}

#[test]
fn the_vae_term_sums_its_dimensions_and_shows_what_torch_returns() {
    let mut harness = densities("two-bells");
    harness.get_by_label("The VAE's KL term").click();
    harness.run();
    // The start: μ = (0.8, −0.3), ln σ² = (−1, 0.4); ½(μ² + σ² − 1 − ln σ²) per dimension.
    let kl = |mu: f64, lv: f64| 0.5 * (mu * mu + lv.exp() - 1.0 - lv);
    let (a, b) = (kl(0.8, -1.0), kl(-0.3, 0.4));
    let sum_text = format!("= {} bits", klscope::text::sig4((a + b) / std::f64::consts::LN_2));
    harness.get_by(|node| {
        node.value().is_some_and(|v| v.starts_with("KL(N(μ, σ²) || N(0, I))") && v.ends_with(&sum_text))
    });
    let torch = format!("tensor([{}, {}])", klscope::text::sig4(a), klscope::text::sig4(b));
    harness.get_by(|node| node.value().is_some_and(|v| v.contains(&torch)));
}

#[test]
fn undo_after_dragging_a_centre_restores_kl_and_redo_brings_the_drag_back() {
    let mut harness = densities("two-bells");
    let discrete = harness.state().state.doc.clone();
    let before = shown(&harness, "KL(P||Q)");
    let from = centre_of(&harness, &handle_label(Side::Q, 0, "centre"));
    drag(&mut harness, from, from + vec2(60.0, 0.0));
    harness.run();
    let dragged = shown(&harness, "KL(P||Q)");
    assert!(dragged > before * 1.2, "{before} → {dragged}");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(shown(&harness, "KL(P||Q)"), before, "undo puts Q's centre back");
    assert_eq!(q_mean(&harness), 1.5);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(shown(&harness, "KL(P||Q)"), dragged, "redo drags it again");
    // The arrow keys and undo leave the discrete document behind the screen alone.
    for key in [egui::Key::ArrowRight, egui::Key::ArrowUp] {
        harness.key_press(key);
        harness.run();
    }
    assert_eq!(harness.state().state.doc, discrete);
}

#[test]
fn undo_takes_back_the_bins_and_a_whole_ascent_at_once() {
    let mut harness = densities("vi-conjugate");
    let start = harness.state().state.densities.clone().unwrap();
    harness
        .get_by(|node| node.role() == egui::accesskit::Role::Slider && node.label().as_deref() == Some("bins"))
        .set_value_accesskit(40.0);
    harness.run();
    harness.get_by_label("Ascend").click();
    harness.run_steps(400);
    let done = harness.state().state.densities.clone().unwrap();
    assert!(!done.ascending && done.vi != start.vi && done.bins == 40);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let undone = harness.state().state.densities.clone().unwrap();
    assert_eq!((undone.vi, undone.bins), (start.vi, 40), "one undo takes back the whole ascent");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().state.densities.as_ref().unwrap().bins, start.bins, "then the bins");
}

/// A `.npy` file (version 1.0, float64, little-endian, C order) of `rows` × `columns`.
fn npy(rows: usize, columns: usize, values: &[f64]) -> Vec<u8> {
    let mut header = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend((header.len() as u16).to_le_bytes());
    bytes.extend(header.as_bytes());
    values.iter().for_each(|v| bytes.extend(v.to_le_bytes()));
    bytes
}

/// Presses "Open a batch…" and types `path` into the path field.
fn open_batch(harness: &mut Harness<'_, KlApp>, path: &std::path::Path) {
    harness.get_by_label("Open a batch…").click();
    harness.run();
    harness.get_by_label("file path").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("file path").type_text(&path.display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
}

#[test]
fn a_batch_of_encodings_shows_each_dimensions_kl_averaged_and_their_sum() {
    let dir = tempfile::tempdir().unwrap();
    // Two rows of (μ₁, μ₂, ln σ₁², ln σ₂²): KL per row ½μ² per dimension, as σ = 1.
    let path = dir.path().join("encodings.npy");
    std::fs::write(&path, npy(2, 4, &[1.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0])).unwrap();
    // Tall enough that the whole VAE section is on screen under the measures.
    let folders = klscope::app::platform::native::Folders::in_temp();
    let mut harness = crate::harness::harness_sized(densities_state("two-bells"), folders, vec2(1280.0, 1600.0));
    harness.get_by_label("The VAE's KL term").click();
    harness.run();
    open_batch(&mut harness, &path);
    let bits = |nats: f64| nats / std::f64::consts::LN_2;
    // z₁: (½ + 0)/2; z₂: (0 + 2)/2; the sum of the two averaged over the batch: 1.25 nats.
    assert!((shown(&harness, "z1 mean KL") - bits(0.25)).abs() < 1e-3);
    assert!((shown(&harness, "z2 mean KL") - bits(1.0)).abs() < 1e-3);
    assert!((shown(&harness, "batch KL sum") - bits(1.25)).abs() < 1e-3);
    let status = harness.state().status.as_ref().unwrap().text.clone();
    assert!(status.contains("a batch of 2 encodings"), "{status}");

    // An odd number of columns cannot be μ and ln σ²: one sentence names the file.
    let odd = dir.path().join("odd.npy");
    std::fs::write(&odd, npy(1, 3, &[0.0, 0.0, 0.0])).unwrap();
    open_batch(&mut harness, &odd);
    let status = harness.state().status.clone().unwrap();
    assert!(status.is_error && status.text.contains("odd.npy") && status.text.contains("3 columns"), "{}", status.text);
    assert_eq!(status.text.matches(". ").count(), 0, "one sentence: {}", status.text);
    assert!((shown(&harness, "batch KL sum") - bits(1.25)).abs() < 1e-3, "the batch before stays");
    harness.get_by_label("Back to the sliders").click();
    harness.run();
    assert!(harness.query_by_label("Back to the sliders").is_none());
}

/// Every text on the screen where a "±" follows a number: a bound written beside its value.
fn written_bounds(harness: &Harness<'_, KlApp>) -> Vec<String> {
    crate::screen_text::pieces(harness)
        .into_iter()
        .filter(|piece| {
            piece.text.split('±').rev().skip(1).any(|before| before.trim_end().ends_with(|c: char| c.is_ascii_digit()))
        })
        .map(|piece| piece.text)
        .collect()
}

/// The quadrature's bounds (1e-14 to 1e-11) are far below the fourth digit: no number on
/// the screen carries one, in either layout, while the measures still say how good they are.
#[test]
fn no_number_carries_a_bound_too_small_to_change_its_digits() {
    for id in ["two-bells", "narrow-uniform-model", "vi-conjugate", "bimodal-posterior"] {
        for presenting in [false, true] {
            let folders = klscope::app::platform::native::Folders::in_temp();
            let mut harness = crate::harness::harness_sized(densities_state(id), folders, vec2(1024.0, 768.0));
            harness.state_mut().set_presenting(presenting);
            harness.run();
            harness.run();
            let report = harness.state().density_report().unwrap().clone();
            let kl = report.get(klscope::info::Measure::KlPQ);
            assert!(kl.value.is_infinite() || kl.error > 0.0, "{id}: the bound the screen leaves out is there");
            let written = written_bounds(&harness);
            assert!(written.is_empty(), "{id} (presenting: {presenting}): {written:?}");
            if !presenting {
                // The bounds left out are said once, with the largest of them.
                let said = |text: Option<String>| text.is_some_and(|t| t.starts_with("Integrals, each good to ±"));
                let notes = harness.query_all_by(|node| said(node.label()) || said(node.value())).count();
                assert!(notes >= 1, "{id}: no note of the bounds left out");
            }
        }
    }
    // The measure's accessible value is the digits alone: "KL(P||Q)\n1.623".
    let harness = densities("two-bells");
    let kl = harness.state().density_report().unwrap().get(klscope::info::Measure::KlPQ);
    let label = klscope::app::panels::densities::row_label(
        klscope::info::Measure::KlPQ,
        &klscope::text::sig4(kl.value / std::f64::consts::LN_2),
    );
    harness.get_by_label(&label);
}

/// A bound that reaches the digits shown is still written: honesty first.
#[test]
fn a_bound_that_reaches_the_digits_is_written() {
    use klscope::app::panels::densities::estimate_text;
    use klscope::info::density::Estimate;
    assert_eq!(estimate_text(Estimate { value: 1.6229, error: 4e-14 }), "1.623");
    assert_eq!(estimate_text(Estimate { value: 1.6229, error: 0.003 }), "1.623 ± 0.003");
    assert_eq!(estimate_text(Estimate { value: 2e-16, error: 0.013 }), "0 ± 0.02");
    assert_eq!(estimate_text(Estimate { value: f64::INFINITY, error: 0.0 }), "∞");
}

/// The painted texts reading exactly `text`, with their sizes and places.
fn painted(harness: &Harness<'_, KlApp>, text: &str) -> Vec<(f32, egui::Rect)> {
    crate::screen_text::pieces(harness)
        .into_iter()
        .filter(|p| p.text == text)
        .filter_map(|p| p.rect.map(|r| (p.size, r)))
        .collect()
}

/// The ELBO's bars name themselves in body type, and on a slide the notes are body type
/// too (a class reads them from the back of the room).
#[test]
fn the_elbo_bars_and_the_notes_are_in_body_type() {
    for presenting in [false, true] {
        let folders = klscope::app::platform::native::Folders::in_temp();
        let mut harness = crate::harness::harness_sized(densities_state("vi-conjugate"), folders, vec2(1024.0, 768.0));
        harness.state_mut().set_presenting(presenting);
        harness.run();
        harness.run();
        let body = painted(&harness, "ELBO").first().map(|(size, _)| *size).unwrap();
        let bars = harness.get_by_label("log p(x), the ELBO and the gap").rect();
        for name in ["log p(x)", "ELBO", "gap = KL(q||posterior)"] {
            let in_bars: Vec<f32> = painted(&harness, name)
                .into_iter()
                .filter(|(_, r)| bars.contains(r.center()))
                .map(|(s, _)| s)
                .collect();
            assert_eq!(in_bars.len(), 1, "presenting {presenting}: {name} once in the bars: {in_bars:?}");
            assert!(in_bars[0] >= theme::BODY_SIZE, "presenting {presenting}: {name} at {} px", in_bars[0]);
        }
        // The grid's "ELBO" beside its number is body text: the bar's name is as large.
        let sizes: Vec<f32> = painted(&harness, "ELBO").into_iter().map(|(s, _)| s).collect();
        assert!(sizes.iter().all(|s| (s - body).abs() < 0.01), "presenting {presenting}: {sizes:?}");
        if presenting {
            let note = painted(&harness, "H: differential, can be negative");
            // The ELBO's gap is KL(q||posterior): its integrand is the one drawn.
            let title = painted(&harness, "is q(x)·log(q(x)/p(x))");
            assert!(!note.is_empty() && !title.is_empty(), "{note:?} {title:?}");
            assert!(note[0].0 >= title[0].0, "the note at {} px, body text at {} px", note[0].0, title[0].0);
        }
    }
}

/// The sentence under the integrand's title: its two areas and their sum.
pub fn integrand_sentence(harness: &Harness<'_, KlApp>) -> String {
    let node = harness.get_by_label_contains("Their sum is");
    node.value().unwrap_or_default()
}

/// The switch to the integrand of `symbol`'s KL: the lowest button so named (a lesson's
/// answer buttons above may carry the same name).
pub fn integrand_switch<'h>(harness: &'h Harness<'_, KlApp>, symbol: &'h str) -> egui_kittest::Node<'h> {
    let buttons =
        harness.get_all_by_label(symbol).filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Button);
    buttons.max_by(|a, b| a.rect().top().total_cmp(&b.rect().top())).expect("the integrand's switch")
}

/// The numbers a sentence shows, in order (a "± bound" left out).
fn numbers_in(sentence: &str) -> Vec<f64> {
    let mut numbers = Vec::new();
    let mut tokens = sentence.split_whitespace();
    while let Some(token) = tokens.next() {
        if token == "±" {
            tokens.next();
            continue;
        }
        let token = token.trim_end_matches([';', '.', ',']).replace('−', "-");
        if let Ok(x) = token.parse::<f64>() {
            numbers.push(x);
        }
    }
    numbers
}

/// The ELBO's gap is KL(q||posterior): an inference scenario draws that integrand, whose
/// two areas add up to the gap; the switch brings KL(P||Q)'s back, and it stays chosen.
#[test]
fn an_inference_scenario_draws_its_gaps_integrand_and_the_switch_brings_the_other_back() {
    densities("two-bells").get_by_label("The integrand of KL(P||Q)");
    let mut harness = densities("vi-conjugate");
    harness.get_by_label("The integrand of KL(Q||P)");
    let [_, _, gap] = elbo_parts(&harness);
    let sentence = integrand_sentence(&harness);
    assert!(sentence.starts_with("Above the axis, Q more likely: "), "{sentence}");
    assert!(sentence.contains("Their sum is KL(Q||P) = ") && sentence.ends_with(", the ELBO's gap"), "{sentence}");
    let [above, below, sum] = numbers_in(&sentence)[..] else { panic!("three numbers: {sentence}") };
    assert!((sum - gap).abs() <= 1e-3 * gap, "the sum {sum} is the gap {gap}");
    assert!(below < 0.0 && above > sum && (above + below - sum).abs() <= 2e-3 * sum, "{sentence}");

    integrand_switch(&harness, "KL(P||Q)").click();
    harness.run();
    harness.get_by_label("The integrand of KL(P||Q)");
    let sentence = integrand_sentence(&harness);
    assert!(sentence.starts_with("Above the axis, P more likely: "), "{sentence}");
    assert!(sentence.contains("Their sum is KL(P||Q) = ") && !sentence.contains("gap"), "{sentence}");
    let [_, _, sum] = numbers_in(&sentence)[..] else { panic!("three numbers: {sentence}") };
    let forward = shown(&harness, "KL(P||Q)");
    assert!((sum - forward).abs() <= 1e-3 * forward && (sum - gap).abs() > 1e-2, "{sum} is KL(P||Q) {forward}");

    // A drag of q keeps the choice.
    let from = centre_of(&harness, &handle_label(Side::Q, 0, "centre"));
    drag(&mut harness, from, from + vec2(30.0, 0.0));
    harness.get_by_label("The integrand of KL(P||Q)");
}
