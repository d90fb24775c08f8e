//! The one-column page of a phone (or of a narrow or short window, see
//! `theme::is_narrow`): the lesson's step and its question first, then the bars, the view,
//! and the measures, one under the other in a column that scrolls, with buttons a finger
//! can tap. Nothing is drawn over anything else and nothing is wider than the window.

use eframe::egui;

use super::KlApp;
use super::model::Mode;
use super::ui::column::{Section, note_section};
use super::ui::theme;

impl KlApp {
    /// Everything under the top bar, in one column that scrolls.
    pub(super) fn narrow_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>) {
        egui::CentralPanel::default().show(ui, |ui| {
            let visible = ui.available_height();
            ui.style_mut().spacing.scroll = egui::style::ScrollStyle::solid();
            // A finger on text scrolls the column: it does not select the text (whose
            // selection would also scroll the column while a bar is dragged).
            ui.style_mut().interaction.selectable_labels = false;
            egui::ScrollArea::vertical()
                .id_salt("one column")
                .auto_shrink(false)
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                .show(ui, |ui| self.column_ui(ui, mode, view, visible));
        });
    }

    fn column_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>, visible: f32) {
        let ctx = ui.ctx().clone();
        let width = ui.available_width();
        // A student in a room has the classroom's strip above the column instead.
        let student = self.classroom.as_ref().is_some_and(|room| room.is_student());
        let lesson = if student { None } else { self.lesson_in_column_ui(ui, mode) };
        if let Some(rect) = lesson {
            note_section(&ctx, Section::Lesson, rect);
        } else {
            // What the scenario shows, where the desktop has it under the top bar.
            let description =
                self.state.densities.as_ref().map_or(&self.state.doc.description, |d| &d.scenario.description);
            if !description.is_empty() {
                let rect = ui.label(egui::RichText::new(description).italics()).rect;
                note_section(&ctx, Section::Lesson, rect);
            }
        }
        if self.state.densities.is_some() {
            // The densities screen takes the place of the bars, the view and the measures.
            let rect = section_ui(ui, width, view_height(visible), |ui| self.densities_in_ui(ui, mode, true));
            note_section(&ctx, Section::View, rect);
            return;
        }
        let (least, most) = theme::NARROW_EDITORS_HEIGHT.into_inner();
        let height = (visible * theme::NARROW_EDITORS_SHARE).clamp(least, most);
        let rect = section_ui(ui, width, height, |ui| {
            let commands = self.panels.editing.ui(ui, &mut self.state, &self.analysis, true);
            self.run_all(commands, mode);
        });
        note_section(&ctx, Section::Editors, rect);
        ui.separator();
        let rect = section_ui(ui, width, view_height(visible), |ui| {
            ui.scope(|ui| {
                theme::touch_style(ui.style_mut());
                self.views.choice_ui(ui, &mut self.state.view);
            });
            self.view_ui(ui, mode, view);
        });
        note_section(&ctx, Section::View, rect);
        ui.separator();
        let rect = ui.scope(|ui| self.measures_column_ui(ui, mode, true)).response.rect;
        note_section(&ctx, Section::Measures, rect);
    }
}

/// The view's height in a column of which `visible` points show at once.
fn view_height(visible: f32) -> f32 {
    let (least, most) = theme::NARROW_VIEW_HEIGHT.into_inner();
    (visible * theme::NARROW_VIEW_SHARE).clamp(least, most)
}

/// A section `width` wide and at least `height` tall; returns where it was drawn.
fn section_ui(ui: &mut egui::Ui, width: f32, height: f32, add: impl FnOnce(&mut egui::Ui)) -> egui::Rect {
    ui.allocate_ui(egui::vec2(width, height), |ui| {
        ui.set_min_size(egui::vec2(width, height));
        ui.set_max_width(width);
        add(ui);
    })
    .response
    .rect
}
