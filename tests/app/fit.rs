//! Nothing is cut off at a projector's 1024×768: every view of the registry on every
//! built-in scenario, in the normal layout and in presentation mode, either fits or
//! scrolls with its bar in sight. A text that runs past the rectangle it is clipped to, a
//! widget outside the window, or a text egui shortened with "…" fails, unless a visible
//! scroll bar says there is more.

use crate::harness::{harness_sized, preset};
use eframe::egui::{self, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT;
use klscope::app::platform::native::Folders;

const SCREEN: egui::Vec2 = vec2(1024.0, 768.0);

/// The scroll bars on screen (their whole track), as accesskit reports them.
fn scroll_bars<S>(harness: &Harness<'_, S>) -> Vec<Rect> {
    harness
        .root()
        .children_recursive()
        .filter(|node| node.accesskit_node().role() == egui::accesskit::Role::ScrollBar)
        .map(|node| node.rect())
        .collect()
}

/// True when a scroll bar runs along the side of `clip` that `text` spills over: a
/// vertical bar as tall as the clip rectangle for a text cut at its top or bottom, a
/// horizontal one as wide for a text cut at its left or right.
fn scrolls(text: Rect, clip: Rect, bars: &[Rect]) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() <= 16.0;
    let vertical = text.bottom() > clip.bottom() + 2.0 || text.top() < clip.top() - 2.0;
    let horizontal = text.right() > clip.right() + 2.0 || text.left() < clip.left() - 2.0;
    // The clip rectangle may be a scroll area's viewport cut further by an enclosing one:
    // the bar ends where the text is cut, and runs along the clip's side.
    let has_vertical = bars.iter().any(|bar| {
        bar.height() > bar.width()
            && bar.center().x >= clip.left()
            && (text.bottom() <= clip.bottom() + 1.0 || near(bar.bottom(), clip.bottom()))
            && (text.top() >= clip.top() - 1.0 || near(bar.top(), clip.top()))
    });
    let has_horizontal = bars.iter().any(|bar| {
        bar.width() > bar.height()
            && bar.center().y >= clip.top()
            && (text.right() <= clip.right() + 1.0 || near(bar.right(), clip.right()))
            && (text.left() >= clip.left() - 1.0 || near(bar.left(), clip.left()))
    });
    (!vertical || has_vertical) && (!horizontal || has_horizontal)
}

/// Every text painted past its clip rectangle (or the window) with no scroll bar beside
/// it, every text egui cut with "…", and every widget outside the window with no scroll bar
/// to its right: one line each.
pub fn cut_off<S>(harness: &Harness<'_, S>, size: egui::Vec2) -> Vec<String> {
    let screen = Rect::from_min_size(pos2(0.0, 0.0), size);
    let bars = scroll_bars(harness);
    let mut problems = Vec::new();
    fn walk(shape: &egui::Shape, clip: Rect, screen: Rect, bars: &[Rect], problems: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) => {
                let rect = text.visual_bounding_rect();
                let words = text.galley.text();
                if words.trim().is_empty() || rect.area() < 1.0 {
                    return;
                }
                if text.galley.elided {
                    problems.push(format!("{words:?} is cut short with …"));
                }
                // A clip rectangle outside the window is a scroll area's content scrolled out
                // of sight (a panel or a plot frame is always inside the window).
                if !clip.intersects(screen) {
                    return;
                }
                let clip = clip.intersect(screen);
                if !clip.expand(2.0).contains_rect(rect) && !scrolls(rect, clip, bars) {
                    problems.push(format!("{words:?} at {rect:?} runs out of {clip:?} with no scroll bar"));
                }
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, clip, screen, bars, problems)),
            _ => {}
        }
    }
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, clipped.clip_rect, screen, &bars, &mut problems);
    }
    for node in harness.root().children_recursive() {
        let role = node.accesskit_node().role();
        if role == egui::accesskit::Role::ScrollBar || node.accesskit_node().bounding_box().is_none() {
            continue;
        }
        let rect = node.rect();
        if rect.area() < 1.0 || screen.expand(1.0).contains_rect(rect) {
            continue;
        }
        let beside_a_bar = bars.iter().any(|bar| bar.height() > bar.width() && rect.right() <= bar.left() + 2.0)
            || bars.iter().any(|bar| bar.width() > bar.height() && rect.bottom() <= bar.top() + 2.0);
        if !beside_a_bar {
            let name = node.accesskit_node().label().unwrap_or_default();
            problems.push(format!("{role:?} {name:?} at {rect:?} is outside the window with no scroll bar"));
        }
    }
    problems
}

/// Every built-in scenario's id (the densities, drawn by a screen of their own, aside).
fn scenario_ids() -> Vec<String> {
    klscope::scenario::builtin().iter().map(|s| s.id.clone()).collect()
}

/// What is cut off on `id`, view by view, in the given layout.
fn cut_off_everywhere(id: &str, presenting: bool) -> Vec<String> {
    let mut harness = harness_sized(preset(id), Folders::in_temp(), SCREEN);
    harness.state_mut().set_presenting(presenting);
    harness.run();
    let mut problems = Vec::new();
    for (view, _) in harness.state().view_ids() {
        harness.state_mut().state.view = view.to_string();
        harness.run();
        // A scroll bar shows from the frame after the content outgrew its area.
        harness.run();
        let layout = if presenting { "presentation" } else { "normal" };
        problems.extend(cut_off(&harness, SCREEN).into_iter().map(|p| format!("{id}, {view}, {layout}: {p}")));
    }
    problems
}

#[test]
fn every_view_on_every_scenario_fits_1024x768_or_scrolls_visibly() {
    let mut problems = Vec::new();
    for id in scenario_ids() {
        for presenting in [false, true] {
            problems.extend(cut_off_everywhere(&id, presenting));
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{} cut off:\n{}", problems.len(), problems.join("\n"));
}

/// The check itself can fail: a label wider than the window, and a button's text egui cut
/// short, are caught; the same label in a scroll area with its bar in sight is not.
#[test]
fn a_label_past_the_window_is_caught_unless_it_scrolls() {
    let size = vec2(300.0, 200.0);
    let wide = "a label far too wide for a window only three hundred points across";
    let mut harness = Harness::builder().with_size(size).build_ui(|ui| {
        ui.horizontal(|ui| ui.label(wide));
        ui.add(egui::Button::new(wide).truncate());
    });
    harness.run();
    let problems = cut_off(&harness, size);
    assert!(problems.iter().any(|p| p.contains("runs out of")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("cut short")), "{problems:?}");
    let mut harness = Harness::builder().with_size(size).build_ui(|ui| {
        ui.style_mut().spacing.scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal().show(ui, |ui| ui.horizontal(|ui| ui.label(wide)));
    });
    harness.run();
    harness.run();
    assert_eq!(cut_off(&harness, size), Vec::<String>::new());
}
