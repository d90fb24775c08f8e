//! Plots with numbers and names: at a projector's 1024×768, in the normal layout and in
//! presentation mode, the contribution and surprise plots label three ticks or more on
//! each axis and every pair of bars its outcome; the surprise plot's KL gap is labelled
//! only where there is a gap; every segment of the identity bars is named; negative table
//! terms are marked.

use crate::harness::{harness_sized, preset};
use crate::screen_text::pieces;
use eframe::egui::{self, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::platform::native::Folders;
use klscope::app::ui::theme;

fn at_1024(id: &str, view: &str, presenting: bool) -> Harness<'static, KlApp> {
    let mut state = preset(id);
    state.view = view.into();
    let mut harness = harness_sized(state, Folders::in_temp(), vec2(1024.0, 768.0));
    harness.state_mut().set_presenting(presenting);
    harness.run();
    harness.run();
    harness
}

/// The plots' frames in the order they were drawn (contributions first): a plot paints
/// its background on its frame, clipped to the frame.
fn frames(harness: &Harness<'_, KlApp>) -> Vec<Rect> {
    let mut frames: Vec<Rect> = Vec::new();
    for clipped in &harness.output().shapes {
        if let egui::Shape::Rect(rect) = &clipped.shape
            && (rect.rect.min - clipped.clip_rect.min).length() < 0.5
            && (rect.rect.max - clipped.clip_rect.max).length() < 0.5
            && rect.rect.area() > 2000.0
            && rect.rect.area() < 200_000.0
            && !frames.contains(&rect.rect)
        {
            frames.push(rect.rect);
        }
    }
    frames
}

/// The tick labels drawn left of `frame` (its y axis) and under it (its x axis).
fn ticks(harness: &Harness<'_, KlApp>, frame: Rect) -> (Vec<String>, Vec<String>) {
    let (mut y, mut x) = (Vec::new(), Vec::new());
    for piece in pieces(harness) {
        let Some(rect) = piece.rect else { continue };
        if piece.text.trim().is_empty() || piece.text.parse::<f64>().is_err() {
            continue;
        }
        if rect.right() <= frame.left() + 6.0
            && rect.right() >= frame.left() - 14.0
            && frame.y_range().expand(4.0).contains(rect.center().y)
        {
            y.push(piece.text);
        } else if rect.top() >= frame.bottom() - 2.0
            && rect.top() <= frame.bottom() + 8.0
            && frame.x_range().expand(24.0).contains(rect.center().x)
        {
            x.push(piece.text);
        }
    }
    (y, x)
}

/// The texts painted under the contribution plot, left to right: the outcomes' names.
fn bar_names(harness: &Harness<'_, KlApp>, frame: Rect) -> Vec<String> {
    let mut under: Vec<(f32, String)> = pieces(harness)
        .into_iter()
        .filter_map(|p| {
            let rect = p.rect?;
            let below = rect.top() >= frame.bottom() - 2.0 && rect.top() <= frame.bottom() + 24.0;
            let across = rect.center().x >= frame.left() - 60.0 && rect.center().x <= frame.right() + 10.0;
            (below && across).then(|| (rect.right(), p.text))
        })
        .collect();
    under.sort_by(|a, b| a.0.total_cmp(&b.0));
    under.into_iter().map(|(_, text)| text).collect()
}

/// True when `shown` is `name`, or its beginning cut with "…".
fn names(shown: &str, name: &str) -> bool {
    shown == name || shown.strip_suffix('…').is_some_and(|start| !start.is_empty() && name.starts_with(start))
}

const PRESETS: [&str; 4] =
    ["fair-vs-loaded-die", "lottery-surprise", "rlhf-policy-vs-reference", "next-token-teacher-student"];

#[test]
fn both_plots_label_three_ticks_on_each_axis_and_every_bar_its_outcome() {
    for id in PRESETS {
        for presenting in [false, true] {
            let harness = at_1024(id, "plots", presenting);
            let what = format!("{id}{}", if presenting { " (presenting)" } else { "" });
            let frames = frames(&harness);
            assert_eq!(frames.len(), 2, "{what}: two plots, found {frames:?}");
            let (contributions_y, _) = ticks(&harness, frames[0]);
            let (surprise_y, surprise_x) = ticks(&harness, frames[1]);
            for (axis, labels) in
                [("contributions y", &contributions_y), ("surprise y", &surprise_y), ("surprise x", &surprise_x)]
            {
                assert!(labels.len() >= 3, "{what}: the {axis} axis labels {labels:?}");
            }
            let shown = bar_names(&harness, frames[0]);
            let doc = &harness.state().state.doc;
            if doc.len() > 1000 {
                // A vocabulary: its twelve top outcomes, then everything else together.
                assert_eq!(shown.len(), 13, "{what}: {shown:?}");
                assert!(names(&shown[12], "others"), "{what}: the others are named: {shown:?}");
            } else {
                let near: Vec<(String, Rect)> = pieces(&harness)
                    .into_iter()
                    .filter_map(|p| {
                        p.rect
                            .filter(|r| r.top() > frames[0].bottom() - 5.0 && r.top() < frames[0].bottom() + 80.0)
                            .map(|r| (p.text, r))
                    })
                    .collect();
                assert_eq!(shown.len(), doc.len(), "{what}: {shown:?} under {:?}: {near:?}", frames[0]);
                for (shown, name) in shown.iter().zip(doc.labels()) {
                    assert!(names(shown, name), "{what}: {shown:?} under {name}'s bars");
                }
            }
        }
    }
}

/// The painted texts reading exactly `text`, with their sizes.
fn painted(harness: &Harness<'_, KlApp>, text: &str) -> Vec<f32> {
    pieces(harness).into_iter().filter(|p| p.rect.is_some() && p.text == text).map(|p| p.size).collect()
}

#[test]
fn the_kl_gap_is_labelled_large_and_only_where_there_is_a_gap() {
    let harness = at_1024("biased-coin-vs-fair", "plots", false);
    let sizes = painted(&harness, "KL");
    assert_eq!(sizes.len(), 1, "one KL label: {sizes:?}");
    assert!(sizes[0] >= theme::BODY_SIZE * 1.2, "KL at {} px", sizes[0]);
    let harness = at_1024("fair-coin", "plots", false);
    assert_eq!(harness.state().report().kl_pq, 0.0);
    assert!(painted(&harness, "KL").is_empty(), "no gap, no label");
}

#[test]
fn every_segment_of_the_identity_bars_is_named_on_every_scenario() {
    for scenario in klscope::scenario::builtin() {
        let harness = at_1024(&scenario.id, "plots", false);
        let texts: Vec<String> = pieces(&harness).into_iter().filter(|p| p.rect.is_some()).map(|p| p.text).collect();
        for name in ["H(P) ", "KL(P||Q) ", "H(Q) ", "KL(Q||P) "] {
            assert!(texts.iter().any(|t| t.starts_with(name)), "{}: no segment labelled {name:?}", scenario.id);
        }
    }
}

#[test]
fn negative_table_terms_are_marked_not_only_coloured() {
    let harness = at_1024("biased-coin-vs-fair", "table", false);
    // tails: p·log₂(p/q) = 0.1·log₂(0.1/0.5) = −0.2322.
    let texts: Vec<String> = pieces(&harness).into_iter().map(|p| p.text).collect();
    let negative = |t: &str| t.contains('-') || t.contains('−');
    assert!(texts.iter().any(|t| t.starts_with('▼') && negative(t) && t.contains("0.2322")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with('▼') && !negative(t)), "only negative terms are marked");
}

#[test]
fn the_surprise_curve_can_spread_small_probabilities_on_a_log_axis() {
    let mut harness = at_1024("lottery-surprise", "plots", false);
    harness.get_by_label("log p").click();
    harness.run();
    harness.run();
    let frames = frames(&harness);
    assert_eq!(frames.len(), 2, "{frames:?}");
    let (_, x) = ticks(&harness, frames[1]);
    // p down to 7e-8: decades from 1e-7 or so up to 1, labelled as probabilities.
    assert!(x.len() >= 3, "{x:?}");
    assert!(x.contains(&"1".to_string()) && x.iter().any(|t| t.starts_with("1e-")), "{x:?}");
    for label in &x {
        let decade = label.parse::<f64>().unwrap().log10();
        assert!((decade - decade.round()).abs() < 1e-9, "{label} is not a power of ten");
    }
}

/// Every built-in step that asks a question over the plots, presented at 1024×768 with
/// its answer and why shown above: both plots keep room to be read (they stood one above
/// the other, and the surprise curve shrank to a sliver without its x axis).
#[test]
fn a_presented_answer_leaves_both_plots_room_and_their_ticks() {
    let mut looked = 0;
    for lesson in klscope::lesson::builtin_lessons() {
        for (index, step) in lesson.steps.iter().enumerate() {
            let asks = matches!(step.task, Some(klscope::lesson::Task::Predict(_)));
            if !asks || step.view != "plots" || step.densities().is_some() {
                continue;
            }
            let mut harness = harness_sized(AppState::default(), Folders::in_temp(), vec2(1024.0, 768.0));
            harness.state_mut().open_lesson(lesson.clone(), index).unwrap();
            harness.state_mut().set_presenting(true);
            harness.run();
            harness.get_by_label("Reveal").click();
            harness.run();
            harness.run();
            let what = format!("{} step {} answered", lesson.id, index + 1);
            let frames = frames(&harness);
            assert_eq!(frames.len(), 2, "{what}: two plots, found {frames:?}");
            for (plot, frame) in ["contributions", "surprise"].iter().zip(&frames) {
                assert!(frame.height() >= 110.0 && frame.width() >= 180.0, "{what}: the {plot} plot is {frame:?}");
            }
            let (_, surprise_x) = ticks(&harness, frames[1]);
            assert!(surprise_x.len() >= 3, "{what}: the surprise curve's x axis labels {surprise_x:?}");
            looked += 1;
        }
    }
    assert!(looked >= 5, "{looked} answered steps over the plots");
}

/// An infinite term's ∞ grows with the type: in presentation mode it is drawn well above
/// body size (it asked for a fixed 29 points, a third of the measures panel's ∞ there).
#[test]
fn an_infinite_bars_infinity_is_drawn_large_where_its_slot_allows() {
    for (presenting, least) in
        [(false, theme::BODY_SIZE * 1.4), (true, theme::BODY_SIZE * theme::PRESENTATION_SCALE * 1.4)]
    {
        let harness = at_1024("support-mismatch", "plots", presenting);
        let frames = frames(&harness);
        let inside: Vec<f32> = pieces(&harness)
            .into_iter()
            .filter(|p| p.text == "∞" && p.rect.is_some_and(|r| frames[0].contains(r.center())))
            .map(|p| p.size)
            .collect();
        assert_eq!(inside.len(), 1, "one infinite term, scissors' in KL(P||Q): {inside:?}");
        assert!(inside[0] >= least, "presenting {presenting}: ∞ at {} points, wanted {least} or more", inside[0]);
    }
}

/// "q = 0: −log₂ q = ∞" stands in the surprise plot's top right corner, where the curve is
/// low: beside the pinned markers at the left it covered the curve's steep end.
#[test]
fn the_surprise_curves_infinity_notes_stand_clear_of_its_left_end() {
    for (id, note) in
        [("support-mismatch", "q = 0: −log₂ q = ∞ (scissors)"), ("disjoint-supports", "p = 0: −log₂ p = ∞")]
    {
        let harness = at_1024(id, "plots", false);
        let frames = frames(&harness);
        let notes: Vec<Rect> = pieces(&harness)
            .into_iter()
            .filter(|p| p.text.lines().any(|line| line == note))
            .filter_map(|p| p.rect)
            .collect();
        assert_eq!(notes.len(), 1, "{id}: one text says {note:?}");
        let (rect, frame) = (notes[0], frames[1]);
        assert!(frame.contains_rect(rect), "{id}: the note {rect:?} lies inside the plot {frame:?}");
        assert!(rect.right() > frame.center().x, "{id}: the note {rect:?} ends in the right half of {frame:?}");
        assert!(
            rect.left() > frame.left() + 0.15 * frame.width(),
            "{id}: the note {rect:?} starts clear of the left edge"
        );
    }
}

/// The table's sums each on one line, "Σ p·log(p/q) = KL(P||Q) = 0.3500 bits": the line
/// of sums wraps between them, never inside one.
#[test]
fn the_tables_sums_never_break_inside_one() {
    let harness = at_1024("fair-vs-loaded-die", "table", false);
    let row = theme::BODY_SIZE * 1.6;
    for sum in [
        "Σ p·(−log p) = H(P) = 2.585 bits",
        "Σ p·log(p/q) = KL(P||Q) = 0.3500 bits",
        "Σ q·log(q/p) = KL(Q||P) = 0.4240 bits",
    ] {
        let shown: Vec<Rect> = pieces(&harness).into_iter().filter(|p| p.text == sum).filter_map(|p| p.rect).collect();
        assert_eq!(shown.len(), 1, "{sum:?} is one text");
        assert!(shown[0].height() < row, "{sum:?} is one line: {:?}", shown[0]);
        assert!(shown[0].right() <= 1024.0, "{sum:?} ends on screen: {:?}", shown[0]);
    }
}

/// The densities screen at 1024×768 on the built-in densities scenario `id`.
fn densities_at_1024(id: &str, presenting: bool) -> Harness<'static, KlApp> {
    let state = crate::densities::densities_state(id);
    let mut harness = harness_sized(state, Folders::in_temp(), vec2(1024.0, 768.0));
    harness.state_mut().set_presenting(presenting);
    harness.run();
    harness.run();
    harness
}

/// The frame of the plot inside the canvas named `name`: the largest rectangle painted
/// clipped to itself within it.
fn frame_in(harness: &Harness<'_, KlApp>, name: &str) -> Rect {
    let canvas = harness.get_by_label(name).rect();
    let mut inside: Vec<Rect> = frames(harness).into_iter().filter(|f| canvas.expand(1.0).contains_rect(*f)).collect();
    inside.sort_by(|a, b| b.area().total_cmp(&a.area()));
    *inside.first().unwrap_or_else(|| panic!("no plot frame inside {name:?} at {canvas:?}"))
}

const DENSITIES: [&str; 4] = ["two-bells", "narrow-uniform-model", "vi-conjugate", "bimodal-posterior"];

#[test]
fn the_density_and_integrand_plots_label_three_round_ticks_on_each_axis_in_body_type() {
    for id in DENSITIES {
        for presenting in [false, true] {
            let harness = densities_at_1024(id, presenting);
            let what = format!("{id}{}", if presenting { " (presenting)" } else { "" });
            // An inference scenario draws its ELBO gap's integrand, KL(Q||P)'s.
            let integrand =
                if id == "vi-conjugate" { "The integrand of KL(Q||P)" } else { "The integrand of KL(P||Q)" };
            // Body type on this screen: the integrand's title is body text.
            let body = pieces(&harness)
                .into_iter()
                .find(|p| p.rect.is_some() && p.text == "The integrand of")
                .map(|p| p.size)
                .unwrap_or_else(|| panic!("{what}: no integrand title"));
            assert!(body >= theme::BODY_SIZE, "{what}: body text at {body} px");
            let unit = harness.state().state.unit.name();
            for (canvas, y_name) in [
                ("P and Q densities", "density, per unit of x".to_string()),
                (integrand, format!("{unit} per unit of x")),
            ] {
                let frame = frame_in(&harness, canvas);
                let (y, x) = ticks(&harness, frame);
                for (axis, labels) in [("y", &y), ("x", &x)] {
                    assert!(labels.len() >= 3, "{what}: {canvas}'s {axis} axis labels {labels:?}");
                    let values: Vec<f64> = labels.iter().map(|l| l.parse().unwrap()).collect();
                    let step = values.windows(2).map(|w| (w[1] - w[0]).abs()).fold(f64::INFINITY, f64::min);
                    let mantissa = step / 10f64.powf(step.log10().floor());
                    assert!(
                        [1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-6),
                        "{what}: {canvas}'s {axis} labels are not round steps: {labels:?}"
                    );
                }
                // Every tick label at least as large as the body text beside it.
                for piece in pieces(&harness) {
                    let Some(rect) = piece.rect else { continue };
                    let is_label = (y.contains(&piece.text) && rect.right() <= frame.left() + 6.0)
                        || (x.contains(&piece.text) && rect.top() >= frame.bottom() - 2.0);
                    if is_label && frame.expand(30.0).contains(rect.center()) {
                        assert!(
                            piece.size >= body,
                            "{what}: {canvas}'s tick {:?} at {} px, body {body}",
                            piece.text,
                            piece.size
                        );
                    }
                }
                // The y axis is named with its unit, above the plot.
                let named = pieces(&harness).into_iter().any(|p| {
                    p.text == y_name
                        && p.rect.is_some_and(|r| r.bottom() <= frame.top() + 2.0 && r.left() < frame.left())
                });
                assert!(named, "{what}: {canvas}'s y axis is not named {y_name:?} above it");
            }
        }
    }
}

/// With an infinite bar the contribution plot's scale is the finite bars' (with room for
/// the ∞), worked out again after every edit: a range kept from the first frame cut the
/// finite bars once a bar was dragged.
#[test]
fn the_contribution_scale_follows_an_edit_while_a_term_is_infinite() {
    let mut harness = at_1024("support-mismatch", "plots", false);
    let top_tick = |harness: &Harness<'_, KlApp>| {
        let (y, _) = ticks(harness, frames(harness)[0]);
        y.iter().filter_map(|t| t.parse::<f64>().ok()).fold(f64::NEG_INFINITY, f64::max)
    };
    // q·log₂(q/p) of rock and paper: 0.5·log₂(0.5/0.4) = 0.161.
    assert!((0.15..0.5).contains(&top_tick(&harness)), "{}", top_tick(&harness));
    // Scissors dragged up to 0.65: rock's and paper's reverse terms grow to 0.5·log₂(0.5/0.175) = 0.757.
    let p = vec![0.175, 0.175, 0.65];
    harness.state_mut().apply(klscope::app::edit::Edit::SetDistribution { side: klscope::info::Side::P, values: p });
    harness.run();
    harness.run();
    assert!(harness.state().report().kl_pq.is_infinite());
    assert!(top_tick(&harness) >= 0.7, "the scale reaches the tallest finite bar: {}", top_tick(&harness));
}
