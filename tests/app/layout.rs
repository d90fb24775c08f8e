//! The layout holds still and reads at a projector's 1024×768: the tabs stay on one row,
//! the scenario's title is cut only when the bar has no room for it, a drag moves nothing
//! but the bar, a drag snaps to 0.01 (Shift: free), and every bar's value is written large
//! enough in presentation mode.

use crate::harness::{harness_sized, preset};
use crate::screen_text::pieces;
use eframe::egui::{self, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use klscope::app::KlApp;
use klscope::app::panels::bar_editor::SNAP;
use klscope::app::platform::native::Folders;
use klscope::info::Side;

fn sized(id: &str, size: egui::Vec2) -> Harness<'static, KlApp> {
    harness_sized(preset(id), Folders::in_temp(), size)
}

#[test]
fn the_tabs_stay_on_one_row_at_1024() {
    let harness = sized("fair-vs-loaded-die", vec2(1024.0, 768.0));
    let tops: Vec<(String, f32)> = harness
        .state()
        .view_ids()
        .iter()
        .map(|(_, title)| (title.to_string(), harness.get_by_label(title).rect().top()))
        .collect();
    assert!(tops.iter().all(|(_, top)| (top - tops[0].1).abs() < 1.0), "{tops:?}");
}

#[test]
fn the_scenario_title_is_whole_where_the_bar_has_room() {
    let title = klscope::scenario::find_builtin("biased-coin-vs-fair").unwrap().title;
    let shown = |harness: &Harness<'_, KlApp>| {
        pieces(harness).into_iter().filter(|p| p.rect.is_some()).map(|p| p.text).any(|t| t == title)
    };
    assert!(shown(&sized("biased-coin-vs-fair", vec2(1920.0, 1080.0))), "{title} whole at 1920");
    // At 1024 the bar stays one row: File and Present on the same line.
    let harness = sized("lottery-surprise", vec2(1024.0, 768.0));
    let (file, present) = (harness.get_by_label("File").rect(), harness.get_by_label_contains("Present").rect());
    assert!((file.top() - present.top()).abs() < 1.0, "{file:?} {present:?}");
}

/// Every widget's place, by its accessible name.
fn places(harness: &Harness<'_, KlApp>) -> Vec<(String, Rect)> {
    harness
        .root()
        .children_recursive()
        .filter_map(|node| {
            let label = node.accesskit_node().label()?;
            node.accesskit_node().bounding_box()?;
            Some((label.to_string(), node.rect()))
        })
        .collect()
}

/// Where a bar's top is, and a point a drag of it goes to.
fn bar_top(harness: &Harness<'_, KlApp>, side: Side, index: usize) -> (egui::Pos2, Rect) {
    let layout = harness.state().bar_layout(side).unwrap();
    let p = harness.state().state.doc.get(side).probs()[index];
    (egui::pos2(layout.center_x(index), layout.y_of(p) + 3.0), layout.rect)
}

#[test]
fn a_drag_moves_nothing_but_the_bar() {
    for id in ["biased-coin-vs-fair", "fair-vs-loaded-die", "lottery-surprise"] {
        let mut harness = sized(id, vec2(1024.0, 768.0));
        let (from, canvas) = bar_top(&harness, Side::Q, 0);
        harness.hover_at(from);
        harness.run();
        let before = places(&harness);
        harness.drag_at(from);
        harness.run();
        for y in [canvas.top() + 40.0, canvas.bottom() - 30.0, canvas.center().y] {
            harness.hover_at(egui::pos2(from.x + 3.0, y));
            harness.run();
            let during = places(&harness);
            // Widgets by name (two "Uniform" buttons, …): the same places, in any order.
            let at = |list: &[(String, Rect)], name: &str| -> Vec<[i32; 4]> {
                let mut rects: Vec<[i32; 4]> = list
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, r)| [r.min.x, r.min.y, r.max.x, r.max.y].map(|v| (v * 2.0).round() as i32))
                    .collect();
                rects.sort();
                rects
            };
            for (name, _) in &before {
                let (was, now) = (at(&before, name), at(&during, name));
                if was.len() == now.len() {
                    assert_eq!(was, now, "{id}: {name:?} moved during a drag (half points)");
                }
            }
        }
        harness.drop_at(egui::pos2(from.x, canvas.center().y));
        harness.run();
    }
}

/// Drags P's first bar to `y` (Shift held if `free`) and returns its value.
fn drag_to(harness: &mut Harness<'_, KlApp>, y: f32, free: bool) -> f64 {
    let (from, _) = bar_top(harness, Side::P, 0);
    let held = if free { Modifiers::SHIFT } else { Modifiers::NONE };
    harness.event(egui::Event::ModifiersChanged(held));
    crate::harness::drag(harness, from, egui::pos2(from.x, y));
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    harness.state().state.doc.p.probs()[0]
}

#[test]
fn a_drag_snaps_to_hundredths_and_shift_drags_freely() {
    let mut harness = sized("biased-coin-vs-fair", vec2(1024.0, 768.0));
    let layout = harness.state().bar_layout(Side::P).unwrap();
    // A height that asks for no round value: between two hundredths.
    let y = (0..200)
        .map(|k| layout.bars().top() + 10.0 + k as f32 * 0.37)
        .find(|&y| {
            let v = layout.value_at(y) / SNAP;
            (v - v.round()).abs() > 0.2
        })
        .unwrap();
    let asked = layout.value_at(y);
    let snapped = drag_to(&mut harness, y, false);
    assert!(((snapped / SNAP).round() * SNAP - snapped).abs() < 1e-9, "{snapped} is not a whole hundredth");
    assert!((snapped - asked).abs() <= SNAP / 2.0 + 1e-9, "{snapped} is the nearest hundredth to {asked}");
    let free = drag_to(&mut harness, y, true);
    assert!((free - asked).abs() < 1e-3, "with Shift the bar goes where asked: {free} vs {asked}");
    assert!(((free / SNAP).round() * SNAP - free).abs() > 1e-4, "{free} was snapped");
}

#[test]
fn every_bar_shows_its_value_large_in_presentation_mode() {
    let mut harness = sized("fair-vs-loaded-die", vec2(1024.0, 768.0));
    harness.state_mut().set_presenting(true);
    harness.run();
    harness.run();
    // P: six times 0.1667; Q: five times 0.1 and 0.5.
    let sizes = |text: &str| -> Vec<f32> {
        pieces(&harness).into_iter().filter(|p| p.rect.is_some() && p.text == text).map(|p| p.size).collect()
    };
    let (sixths, tenths) = (sizes("0.1667"), sizes("0.1"));
    assert_eq!(sixths.len(), 6, "{sixths:?}");
    assert_eq!(tenths.len(), 5, "{tenths:?}");
    for size in sixths.iter().chain(&tenths) {
        assert!(*size >= 18.0, "a value at {size} px does not read from the back of a room");
    }
}
