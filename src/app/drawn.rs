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

    /// Where each section of the one-column page (a phone's) was drawn, top to bottom;
    /// empty when the window had the desktop's layout.
    pub fn column_sections(&self) -> Vec<(super::narrow::Section, egui::Rect)> {
        self.live_ctx.as_ref().map(super::narrow::sections).unwrap_or_default()
    }

    /// The simplex view's triangle, while that view shows three outcomes.
    pub fn simplex_triangle(&self) -> Option<SimplexLayout> {
        if self.state.view != "simplex" || self.analysis.p.len() != 3 {
            return None;
        }
        simplex_layout(self.live_ctx.as_ref()?)
    }
}
