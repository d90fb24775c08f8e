//! The views under the editors, through the real UI: the table, coding, fitting,
//! sampling and the libraries panel each open and show the right numbers.

use crate::common;
use crate::harness::{harness_with, preset};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use klscope::app::KlApp;

fn harness(id: &str) -> Harness<'static, KlApp> {
    harness_with(preset(id))
}

/// Clicks the tab of the view with `id` and checks that it is the one shown.
fn open(harness: &mut Harness<'_, KlApp>, id: &str) {
    let views = harness.state().view_ids();
    let (_, title) = views.iter().find(|(known, _)| *known == id).unwrap();
    harness.get_by_label(title).click();
    harness.run();
    assert_eq!(harness.state().state.view, id);
}

#[test]
fn every_view_in_the_registry_opens_from_its_tab_and_follows_a_drag() {
    let mut harness = harness("fair-vs-loaded-die");
    for (id, _) in harness.state().view_ids() {
        open(&mut harness, id);
        harness.state_mut().state.doc.q.set(0, 0.5).unwrap();
        harness.run();
        assert_eq!(harness.state().state.view, id, "{id} stays open after an edit");
    }
}

#[test]
fn the_table_shows_totals_sorts_and_copies_csv() {
    let mut harness = harness("biased-coin-vs-fair");
    open(&mut harness, "table");
    harness.get_by_label("Σ p·log(p/q) = KL(P||Q) = 0.5310 bits");
    harness.get_by_label("Σ p·(−log q) = H(P,Q) = 1.000 bits");
    let y = |harness: &Harness<'_, KlApp>, label: &str| harness.get_by_label(label).rect().top();
    // Sort by p·log₂(p/q), largest first: heads (0.763) above tails (−0.232).
    harness.get_by_label("p·log₂(p/q)").click();
    harness.run();
    assert!(y(&harness, "row heads") < y(&harness, "row tails"));
    harness.get_by_label_contains("p·log₂(p/q) ▼").click();
    harness.run();
    assert!(y(&harness, "row tails") < y(&harness, "row heads"), "a second click reverses");
    // Clicking a row selects its outcome.
    harness.get_by_label("row tails").click();
    harness.run();
    assert_eq!(harness.state().state.selected, 1);
    harness.get_by_label("Copy as CSV").click();
    harness.step();
    let csv = common::copied(&harness);
    assert!(csv.starts_with("outcome,p,q,-log2 p"), "{csv}");
    assert_eq!(csv.lines().count(), 3);
}

#[test]
fn coding_shows_average_lengths_against_entropy() {
    let mut harness = harness("movie-genres");
    open(&mut harness, "coding");
    // Huffman on (0.4, 0.3, 0.2, 0.1): lengths 1, 2, 3, 3 → L_P = 1.9 bits.
    harness.get_by_label("L_P = 1.900 bits");
    harness.get_by_label_contains("≤ L_P < H(P) + 1");
    harness.get_by_label_contains("L_Q − L_P");
}

#[test]
fn fitting_steps_and_can_replace_q() {
    let mut harness = harness("mode-seeking");
    open(&mut harness, "fit");
    harness.get_by_label_contains("at the start: press ▶ Play or Step to descend");
    harness.get_by_label("Step").click();
    harness.run();
    harness.get_by_label_contains("after 1 step (paused)");
    let before = harness.state().state.doc.q.probs().to_vec();
    harness.get_by_label("Use as Q").click();
    harness.run();
    assert_ne!(harness.state().state.doc.q.probs(), before.as_slice(), "Q is now the fitted Gaussian");
    harness.get_by_label("forward KL(P||Q)").click();
    harness.run();
    harness.get_by_label_contains("at the start");
    assert!(harness.query_by_label_contains("0 steps").is_none(), "no step taken is not 'after 0 steps'");
}

#[test]
fn sampling_estimates_converge_near_the_exact_values() {
    let mut harness = harness("biased-coin-vs-fair");
    open(&mut harness, "sampling");
    let text = harness.get_by_label_contains("After 10000 samples").value().unwrap_or_default();
    assert!(text.contains("(exact 0.5310 bits)") && text.contains("(exact 1.000 bits)"), "{text}");
    // RLHF's three estimators: k1 and k3 land near KL; k2 is visibly biased on this coin.
    let estimate = |name: &str| -> f64 {
        let after = text.split(&format!("{name} ≈ ")).nth(1).unwrap();
        after.split(' ').next().unwrap().parse().unwrap()
    };
    assert!((estimate("k1") - 0.531).abs() < 0.06 && (estimate("k3") - 0.531).abs() < 0.06, "{text}");
    assert!(estimate("k2") < 0.46, "k2 is biased low here: {text}");
    harness.get_by_label_contains("k1 = ln(p/q) is negative on");
}

#[test]
fn the_libraries_panel_shows_scipy_and_torch_and_copies_python() {
    let mut harness = harness("biased-coin-vs-fair");
    open(&mut harness, "libraries");
    // KL(P||Q) = 0.3681 nats; KLDivLoss 'mean' divides it by the 2 outcomes.
    assert!(harness.query_all_by_label("0.3681").count() >= 3);
    harness.get_by_label("0.1840");
    harness.get_by_label("Copy as Python").click();
    harness.step();
    let script = common::copied(&harness);
    assert!(script.contains("from scipy") && script.contains("0.9"), "{script}");
    // F.kl_div the other way round is KL(Q||P) = 0.5108 nats; distillation at T = 2 is
    // 4·KL((0.75, 0.25)||(0.5, 0.5)) = 0.5232 nats, and the script uses that T.
    harness.get_by_label("0.5108");
    harness.get_by_label("0.5232");
    assert!(script.contains("T = 2.0"), "{script}");
}

/// The lesson of mode-seeking: press Play and watch reverse KL settle on one mode while
/// forward KL spreads over both, as a bump (not a flat line at the widest σ allowed); the
/// status names the steps taken.
#[test]
fn playing_the_fit_shows_mode_seeking_and_mode_covering() {
    let mut harness = harness("mode-seeking");
    open(&mut harness, "fit");
    for (direction, check) in [("reverse KL(Q||P)", "reverse"), ("forward KL(P||Q)", "forward")] {
        harness.get_by_label(direction).click();
        harness.run();
        harness.get_by_label("▶ Play").click();
        for _ in 0..600 {
            harness.step();
            if harness.query_by_label_contains("(converged)").is_some() {
                break;
            }
        }
        let text = harness.get_by_label_contains("(converged)").value().unwrap_or_default();
        let number = |name: &str| -> f64 {
            let start = text.find(name).unwrap() + name.len();
            text[start..].split([',', ':']).next().unwrap().trim().parse().unwrap()
        };
        let (mu, sigma) = (number("μ = "), number("σ = "));
        let steps: usize = text.split("after ").nth(1).and_then(|t| t.split(' ').next()).unwrap().parse().unwrap();
        assert!(steps >= 2 && text.contains(&format!("after {steps} steps (converged)")), "{text}");
        assert!(!text.contains("widest"), "the fit stops inside the range: {text}");
        // P's modes sit at 6 and 13, each with σ = 1.2.
        if check == "reverse" {
            assert!((mu - 6.0).abs() <= 0.5 || (mu - 13.0).abs() <= 0.5, "reverse settles on a mode: {text}");
            assert!((sigma - 1.2).abs() < 0.3, "as wide as one mode: {text}");
        } else {
            assert!((mu - 9.5).abs() <= 0.5, "forward sits between the modes: {text}");
            assert!((3.0..=4.5).contains(&sigma), "a bump as wide as both modes' spread: {text}");
        }
    }
}

/// The divergences view on disjoint supports: KL is ∞, JS at its 1-bit ceiling, W₁
/// finite; moving Q's bump towards P's changes only W₁ (and the plan), and the α slider
/// moves Rényi's D_α.
#[test]
fn the_divergences_view_shows_the_family_and_follows_alpha_and_a_drag() {
    // A tall window, so the whole view is on screen without scrolling.
    let folders = klscope::app::platform::native::Folders::in_temp();
    let mut harness = crate::harness::harness_sized(preset("disjoint-supports"), folders, egui::vec2(1280.0, 1800.0));
    open(&mut harness, "divergences");
    harness.get_by_label_contains("Moving P onto Q: W₁ = 5");
    assert!(!harness.query_all_by_label("∞").collect::<Vec<_>>().is_empty(), "KL(P||Q) is shown as ∞");
    harness.get_by_label("1.000 bits");
    // Q's bump two outcomes closer, still apart: W₁ falls from 5 to 3, JS stays at 1 bit.
    let closer = [0.0, 0.0, 0.0, 0.0, 0.25, 0.5, 0.25, 0.0, 0.0, 0.0];
    harness.state_mut().state.doc.q.set_all(&closer).unwrap();
    harness.run();
    harness.get_by_label_contains("Moving P onto Q: W₁ = 3");
    harness.get_by_label_contains("JS = 1.000 bits");
    // The α slider: from 2 upwards, D_α changes with it.
    let shown = |harness: &Harness<'_, KlApp>, prefix: &str| {
        let node = harness.get_by_label_contains(prefix);
        let node = node.accesskit_node();
        node.label().or(node.value()).unwrap_or_default().to_string()
    };
    let before = shown(&harness, "D₂ =");
    harness.get_by_label("α = ∞").click();
    harness.run();
    let after = shown(&harness, "D∞ =");
    assert_ne!(before, after, "the order changes D_α");
    // Copy as Python puts the family's script on the clipboard.
    harness.get_by_label("Copy as Python").click();
    harness.step();
    let script = common::copied(&harness);
    assert!(script.contains("wasserstein_distance(x, x, P, Q)") && script.contains("alpha = np.inf"), "{script}");
}

/// The table can add another member's terms: W₁'s share of each gap on disjoint bumps adds
/// up to W₁ = 5; the copied Markdown lists D_α at the order the Divergences view's slider
/// chose, and W₁; the CSV carries every member's column.
#[test]
fn the_table_adds_a_family_members_terms_and_the_copies_carry_the_family() {
    let folders = klscope::app::platform::native::Folders::in_temp();
    let mut harness = crate::harness::harness_sized(preset("disjoint-supports"), folders, egui::vec2(1280.0, 1400.0));
    open(&mut harness, "table");
    assert!(harness.query_by_label_contains("|F_P − F_Q|·gap").is_none(), "no member column at first");
    harness.get_by_label("terms too").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "W₁(P,Q)").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "|F_P − F_Q|·gap");
    harness.get_by_label_contains("W₁(P,Q) = 5.000");
    // Q's bump two outcomes closer: the column's sum follows.
    let closer = [0.0, 0.0, 0.0, 0.0, 0.25, 0.5, 0.25, 0.0, 0.0, 0.0];
    harness.state_mut().state.doc.q.set_all(&closer).unwrap();
    harness.run();
    harness.get_by_label_contains("W₁(P,Q) = 3.000");
    // The order chosen on the Divergences view is the one the copied tables use.
    open(&mut harness, "divergences");
    harness.get_by_label("α = ∞").click();
    harness.run();
    assert_eq!(harness.state().state.alpha, f64::INFINITY);
    harness.state_mut().run(klscope::app::command::Command::CopyMarkdown);
    harness.step();
    let markdown = common::copied(&harness);
    assert!(markdown.contains("| D∞(P\\|\\|Q) | Rényi divergence | ∞ |"), "{markdown}");
    assert!(markdown.contains("| W₁(P,Q) | Wasserstein-1 distance | 3.00000 |"), "{markdown}");
    harness.state_mut().run(klscope::app::command::Command::CopyCsv);
    harness.step();
    let csv = common::copied(&harness);
    assert!(csv.lines().next().unwrap_or_default().ends_with(",chi2_neyman_term,w1_gap_term"), "{csv}");
}

/// `support-mismatch`: Q rules scissors out, so its term of KL(P||Q) is infinite. The
/// contribution plot's bar runs off the top with a full-size ∞ inside the plot (not cut by
/// its frame), the surprise plot pins −log q = ∞ at q = 0 to its top edge, and the table
/// writes ∞ larger than its digits.
#[test]
fn an_infinite_term_runs_off_the_plot_and_says_so_in_full_size() {
    use crate::screen_text::pieces;
    let mut harness = harness("support-mismatch");
    open(&mut harness, "plots");
    let body = klscope::app::ui::theme::BODY_SIZE;
    let shown = pieces(&harness);
    let bar = shown.iter().find(|p| p.text == klscope::text::INFINITY && p.inside_plot);
    let bar =
        bar.unwrap_or_else(|| panic!("no ∞ inside a plot: {:?}", shown.iter().map(|p| &p.text).collect::<Vec<_>>()));
    assert!(bar.size >= 1.5 * body, "the ∞ is {} px beside {body} px body text", bar.size);
    let pinned = shown.iter().find(|p| p.text.contains("−log₂ q = ∞") && p.inside_plot);
    let pinned = pinned.unwrap_or_else(|| panic!("no pinned ∞ in the surprise plot"));
    assert!(pinned.text.contains("scissors") && pinned.size >= body, "{} at {} px", pinned.text, pinned.size);
    // The bar stands above every finite one: its ∞ is higher on screen than the plot's 0.1 tick.
    let tick = shown.iter().find(|p| p.tick && p.text.parse::<f64>() == Ok(0.1)).and_then(|p| p.rect).unwrap();
    assert!(bar.rect.unwrap().bottom() < tick.top(), "{:?} {tick:?}", bar.rect);
    open(&mut harness, "table");
    let cell = pieces(&harness).into_iter().find(|p| p.text == klscope::text::INFINITY && p.rect.is_some()).unwrap();
    assert!(cell.size >= 1.5 * 14.0, "the table's ∞ is {} px", cell.size);
}
