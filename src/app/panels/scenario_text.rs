//! The scenario's own text: its title, id and description, editable so a teacher can
//! prepare a lesson and save it.

use eframe::egui::{self, RichText};

use crate::app::model::state::Document;

pub fn scenario_text_ui(ui: &mut egui::Ui, doc: &mut Document) {
    egui::CollapsingHeader::new(RichText::new("Lesson text").strong()).id_salt("lesson text").show(ui, |ui| {
        egui::Grid::new("lesson fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut doc.title).desired_width(f32::INFINITY)).accessible_name("title");
            ui.end_row();
            ui.label("Id");
            let id = ui.add(egui::TextEdit::singleline(&mut doc.id).desired_width(f32::INFINITY)).accessible_name("id");
            id.on_hover_text("Names the file the first time Ctrl+S saves this scenario (letters, digits and dashes)");
            ui.end_row();
        });
        ui.add(
            egui::TextEdit::multiline(&mut doc.description)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("What this scenario shows, in one to three sentences"),
        )
        .accessible_name("description");
    });
}
