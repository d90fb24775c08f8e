//! The page on a phone: below 600 points of width (or 500 of height) the app lays out in
//! one column that scrolls: the lesson's step and its question, the bars, the view, the
//! measures. Checked at 390×844 and 360×640 upright and 844×390 on its side: nothing is
//! wider than the window, no two parts overlap, the question's buttons are a finger's
//! size and on screen, and touch drags a bar, taps an answer and scrolls the column.

use eframe::egui::{self, Pos2, Rect, Vec2, accesskit::Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::platform::native::Folders;
use klscope::app::ui::column::Section;
use klscope::app::ui::theme::TOUCH_TARGET;
use klscope::info::Side;
use klscope::lesson::{Task, builtin_lessons, find_builtin_lesson};

use crate::harness::{harness_sized, preset};
use crate::screen_text::pieces;

const PORTRAIT: Vec2 = vec2(390.0, 844.0);
const SMALL: Vec2 = vec2(360.0, 640.0);
const LANDSCAPE: Vec2 = vec2(844.0, 390.0);
const LARGE: Vec2 = vec2(430.0, 932.0);

/// Half a point of slack for rounding.
const SLACK: f32 = 0.5;

fn phone(state: AppState, size: Vec2) -> Harness<'static, KlApp> {
    harness_sized(state, Folders::in_temp(), size)
}

/// A phone showing `lesson` at `step` (0-based).
fn phone_lesson(lesson: &str, step: usize, size: Vec2) -> Harness<'static, KlApp> {
    let mut harness = phone(AppState::default(), size);
    harness.state_mut().open_lesson(find_builtin_lesson(lesson).unwrap(), step).unwrap();
    harness.run();
    harness
}

/// The parts of the column as drawn last frame.
fn sections(harness: &Harness<'_, KlApp>) -> Vec<(Section, Rect)> {
    harness.state().column_sections()
}

fn section(harness: &Harness<'_, KlApp>, which: Section) -> Rect {
    sections(harness).into_iter().find(|(s, _)| *s == which).map(|(_, r)| r).unwrap_or_else(|| {
        panic!("no {which:?} in the column: {:?}", sections(harness));
    })
}

/// Everything that must hold on a phone-sized window, whatever it shows.
fn assert_fits(harness: &Harness<'_, KlApp>, size: Vec2, what: &str) {
    let width = size.x;
    // The parts: in order, top to bottom, none over another, none wider than the window.
    let parts = sections(harness);
    let order: Vec<Section> = parts.iter().map(|(s, _)| *s).collect();
    assert_eq!(order.first(), Some(&Section::TopBar), "{what}: the column's parts {order:?}");
    assert!(order.len() >= 2, "{what}: the column has too few parts: {order:?}");
    for pair in parts.windows(2) {
        let ((a, above), (b, below)) = (pair[0], pair[1]);
        assert!(above.bottom() <= below.top() + SLACK, "{what}: {a:?} {above:?} runs into {b:?} {below:?}");
    }
    for (part, rect) in &parts {
        assert!(
            rect.left() >= -SLACK && rect.right() <= width + SLACK,
            "{what}: {part:?} {rect:?} is wider than {width}"
        );
    }
    // Every widget within the window's width.
    for node in harness.root().children_recursive() {
        let node = node.accesskit_node();
        let Some(bounds) = node.bounding_box() else {
            continue;
        };
        let label = node.label().unwrap_or_default();
        assert!(
            bounds.x0 as f32 >= -SLACK && bounds.x1 as f32 <= width + SLACK,
            "{what}: the {:?} '{label}' spans x {:.0}..{:.0}, past the window's {width}",
            node.role(),
            bounds.x0,
            bounds.x1
        );
    }
    // Every painted text within the window's width and not cut at the right by what
    // clips it (a plot's own labels excepted: they are its scale, drawn at its frame).
    let clips: Vec<(String, Rect, Rect)> = painted(harness);
    for (text, rect, clip) in clips {
        if text.trim().is_empty() {
            continue;
        }
        assert!(
            rect.right() <= width + SLACK && rect.left() >= -SLACK,
            "{what}: '{text}' spans x {:.0}..{:.0}, past the window's {width}",
            rect.left(),
            rect.right()
        );
        assert!(
            rect.right() <= clip.right() + 1.0 || rect.left() >= clip.right(),
            "{what}: '{text}' at {rect:?} is cut at its right edge by {clip:?}"
        );
    }
    let _ = pieces; // the same painted texts the leak tests read, with their clip rects here
}

/// Every painted text with its rectangle and the rectangle it is clipped to.
fn painted(harness: &Harness<'_, KlApp>) -> Vec<(String, Rect, Rect)> {
    fn walk(shape: &egui::Shape, clip: Rect, out: &mut Vec<(String, Rect, Rect)>) {
        match shape {
            egui::Shape::Text(text) => out.push((text.galley.text().to_string(), text.visual_bounding_rect(), clip)),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, clip, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, clipped.clip_rect, &mut out);
    }
    out
}

/// The question's choice buttons (and Reveal): a finger's size, wholly on screen.
fn assert_question_tappable(harness: &Harness<'_, KlApp>, size: Vec2, labels: &[&str], what: &str) {
    let screen = Rect::from_min_size(Pos2::ZERO, size);
    for label in labels {
        let rect = harness.get_by_role_and_label(Role::Button, label).rect();
        assert!(rect.height() >= TOUCH_TARGET - SLACK, "{what}: '{label}' is {:.0} points tall", rect.height());
        assert!(
            screen.expand(SLACK).contains_rect(rect),
            "{what}: '{label}' at {rect:?} is not on the screen {size:?}"
        );
    }
}

const ASYMMETRY_CHOICES: [&str; 4] = ["KL(P||Q)", "KL(Q||P)", "They are equal", "Reveal"];

#[test]
fn a_lesson_question_on_a_phone_is_one_column_with_buttons_a_finger_can_tap() {
    for (size, name) in [(PORTRAIT, "390×844"), (SMALL, "360×640"), (LANDSCAPE, "844×390"), (LARGE, "430×932")] {
        let harness = phone_lesson("asymmetry", 0, size);
        let what = format!("asymmetry step 1 at {name}");
        assert_fits(&harness, size, &what);
        let order: Vec<Section> = sections(&harness).iter().map(|(s, _)| *s).collect();
        assert_eq!(
            order,
            [Section::TopBar, Section::Lesson, Section::Editors, Section::View, Section::Measures],
            "{what}"
        );
        assert_question_tappable(&harness, size, &ASYMMETRY_CHOICES, &what);
        // The bars are drawn in the column, side by side with nothing.
        let bars = harness.state().bar_layout(Side::Q).expect("Q's bars are drawn");
        assert!(bars.n == 4, "{what}: four genres");
    }
}

#[test]
fn every_step_of_every_lesson_fits_the_smallest_phone() {
    for lesson in builtin_lessons() {
        for step in 0..lesson.steps.len() {
            let mut harness = phone(AppState::default(), SMALL);
            harness.state_mut().open_lesson(lesson.clone(), step).unwrap();
            harness.run();
            let what = format!("'{}' step {} at 360×640", lesson.title, step + 1);
            assert_fits(&harness, SMALL, &what);
            if let Some(Task::Predict(_)) = &lesson.steps[step].task {
                assert_question_tappable(&harness, SMALL, &["Reveal"], &what);
            }
        }
    }
}

#[test]
fn the_plain_page_and_a_share_link_fit_a_phone_without_a_lesson() {
    for id in ["biased-coin-vs-fair", "movie-genres", "support-mismatch"] {
        for size in [PORTRAIT, LANDSCAPE] {
            let harness = phone(preset(id), size);
            let what = format!("{id} at {size:?}");
            assert_fits(&harness, size, &what);
            let order: Vec<Section> = sections(&harness).iter().map(|(s, _)| *s).collect();
            // The scenario's description heads the column, where a lesson's step would.
            assert_eq!(
                order,
                [Section::TopBar, Section::Lesson, Section::Editors, Section::View, Section::Measures],
                "{what}"
            );
        }
    }
}

#[test]
fn a_densities_scenario_fits_a_phone() {
    for size in [PORTRAIT, LANDSCAPE] {
        let harness = phone(crate::densities::densities_state("two-bells"), size);
        assert_fits(&harness, size, &format!("two-bells at {size:?}"));
        let order: Vec<Section> = sections(&harness).iter().map(|(s, _)| *s).collect();
        assert_eq!(
            order,
            [Section::TopBar, Section::Lesson, Section::View],
            "the curves and their numbers in one column"
        );
    }
}

#[test]
fn the_desktop_keeps_its_columns() {
    let harness = phone(preset("movie-genres"), vec2(1024.0, 768.0));
    assert!(sections(&harness).is_empty(), "1024×768 is not a phone");
    let p = harness.state().bar_layout(Side::P).unwrap();
    let measures = harness.get_by_label("Measures, in bits").rect();
    assert!(p.center_x(p.n - 1) < measures.left(), "the measures are beside the bars");
}

/// One finger: the touch events and the pointer events a browser sends with them, as
/// eframe's web runner turns them into egui's.
fn touch(harness: &mut Harness<'_, KlApp>, phase: egui::TouchPhase, pos: Pos2) {
    let touch = egui::Event::Touch { device_id: egui::TouchDeviceId(1), id: egui::TouchId(0), phase, pos, force: None };
    let pointer = match phase {
        egui::TouchPhase::Start => egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Default::default(),
        },
        egui::TouchPhase::Move => egui::Event::PointerMoved(pos),
        _ => egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Default::default(),
        },
    };
    harness.event(pointer);
    harness.event(touch);
    if matches!(phase, egui::TouchPhase::End) {
        harness.event(egui::Event::PointerGone);
    }
    harness.step();
}

/// A finger put down at `from`, moved in steps to `to` and lifted; returns where the top
/// of the bars' section was in each frame while the finger was down.
fn swipe(harness: &mut Harness<'_, KlApp>, from: Pos2, to: Pos2) -> Vec<f32> {
    let mut tops = Vec::new();
    touch(harness, egui::TouchPhase::Start, from);
    for k in 1..=6 {
        touch(harness, egui::TouchPhase::Move, from + (to - from) * (k as f32 / 6.0));
        tops.push(section(harness, Section::Editors).top());
    }
    touch(harness, egui::TouchPhase::End, to);
    harness.run();
    tops
}

#[test]
fn by_touch_a_bar_drags_an_answer_taps_and_the_column_scrolls() {
    let mut harness = phone_lesson("asymmetry", 0, PORTRAIT);
    // A tap on a choice answers the question.
    let choice = harness.get_by_role_and_label(Role::Button, "KL(Q||P)").rect().center();
    touch(&mut harness, egui::TouchPhase::Start, choice);
    touch(&mut harness, egui::TouchPhase::End, choice);
    harness.run();
    let lesson = &harness.state().summary()["lesson"];
    assert_eq!(lesson["pending"], false, "{lesson}");
    assert_eq!(lesson["answer"], "KL(Q||P)", "{lesson}");
    // A finger on a bar drags the bar; the column stays where it is.
    let editors_top = section(&harness, Section::Editors).top();
    let q_before = harness.state().state.doc.q.probs()[0];
    let bars = harness.state().bar_layout(Side::Q).unwrap();
    let x = bars.center_x(0);
    let tops = swipe(&mut harness, egui::pos2(x, bars.y_of(q_before) + 2.0), egui::pos2(x, bars.y_of(0.6)));
    let q_after = harness.state().state.doc.q.probs()[0];
    assert!((q_after - 0.6).abs() < 0.05, "Q(action) dragged from {q_before} to about 0.6, now {q_after}");
    // The bars stay under the finger: the column neither scrolls nor moves them while it
    // is down (the step's words above them change with the numbers).
    assert!(tops.iter().all(|top| *top == editors_top), "the bars moved under the finger: {editors_top} then {tops:?}");
    let editors_top = section(&harness, Section::Editors).top();
    // A finger on the view's plot scrolls the column.
    let view = section(&harness, Section::View);
    let start = egui::pos2(view.center().x, (view.top() + 120.0).min(PORTRAIT.y - 40.0));
    swipe(&mut harness, start, start - vec2(0.0, 300.0));
    let moved = editors_top - section(&harness, Section::Editors).top();
    assert!(moved > 100.0, "a swipe up on the view scrolled the column by {moved} points");
    assert_eq!(harness.state().state.doc.q.probs()[0], q_after, "the swipe changed no bar");
}
