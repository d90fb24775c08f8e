//! Where things were drawn in the last live frame, for a page that embeds klscope and for
//! the browser test: the lesson strip's buttons and the simplex triangle (the bars are
//! [`KlApp::bar_layout`]).

use eframe::egui;

use super::views::{SimplexLayout, simplex_layout};
use super::{KlApp, panels};

impl KlApp {
    /// The button `label` of the lesson strip (a choice, "Reveal", "Next ▶", …).
    pub fn lesson_button(&self, label: &str) -> Option<egui::Rect> {
        self.lesson.as_ref()?;
        panels::lesson_step::button_rect(self.live_ctx.as_ref()?, label)
    }

    /// Every text painted in the last live frame, one per line, for a page that checks
    /// what a screen shows (the browser test looks for hidden numbers in it). The first
    /// call starts noting them, from the next frame on.
    pub fn painted_text(&mut self) -> Option<String> {
        let painted = self.painted.get_or_insert_with(Vec::new);
        (!painted.is_empty()).then(|| painted.join("\n"))
    }

    /// Notes the texts of this frame, if a page asked for them.
    pub(super) fn note_painted_text(&mut self, ctx: &egui::Context) {
        let Some(painted) = self.painted.as_mut() else {
            return;
        };
        painted.clear();
        let mut layers: Vec<egui::LayerId> = ctx.memory(|memory| memory.layer_ids().collect());
        if !layers.contains(&egui::LayerId::background()) {
            layers.push(egui::LayerId::background());
        }
        fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
            match shape {
                egui::Shape::Text(text) => out.push(text.galley.text().to_string()),
                egui::Shape::Vec(shapes) => shapes.iter().for_each(|shape| walk(shape, out)),
                _ => {}
            }
        }
        ctx.graphics(|graphics| {
            for layer in layers {
                for clipped in graphics.get(layer).into_iter().flat_map(|list| list.all_entries()) {
                    walk(&clipped.shape, painted);
                }
            }
        });
    }

    /// Where each section of the one-column page (a phone's) was drawn, top to bottom;
    /// empty when the window had the desktop's layout.
    pub fn column_sections(&self) -> Vec<(super::ui::column::Section, egui::Rect)> {
        self.live_ctx.as_ref().map(super::ui::column::sections).unwrap_or_default()
    }

    /// The simplex view's triangle, while that view shows three outcomes.
    pub fn simplex_triangle(&self) -> Option<SimplexLayout> {
        if self.state.view != "simplex" || self.analysis.p.len() != 3 {
            return None;
        }
        simplex_layout(self.live_ctx.as_ref()?)
    }
}
