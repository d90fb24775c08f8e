//! Where the parts of the one-column page (a phone's, see `app/narrow.rs`) were drawn,
//! noted in the context each frame, for the page's tests and a page that embeds klscope.

use eframe::egui;

/// The parts of the one-column page, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    TopBar,
    /// The lesson's step, or without a lesson the scenario's description.
    Lesson,
    Editors,
    View,
    Measures,
}

fn sections_id() -> egui::Id {
    egui::Id::unique("one-column sections")
}

/// Forgets the last frame's sections (a wide frame has none).
pub fn forget_sections(ctx: &egui::Context) {
    ctx.data_mut(|data| data.remove::<Vec<(Section, egui::Rect)>>(sections_id()));
}

/// Notes where a section of the one-column page was drawn in this frame.
pub fn note_section(ctx: &egui::Context, section: Section, rect: egui::Rect) {
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Vec<(Section, egui::Rect)>>(sections_id()).push((section, rect))
    });
}

/// Where each section of the one-column page was drawn in the last frame, top to bottom;
/// empty when the window had the desktop's layout.
pub fn sections(ctx: &egui::Context) -> Vec<(Section, egui::Rect)> {
    ctx.data(|data| data.get_temp(sections_id())).unwrap_or_default()
}
