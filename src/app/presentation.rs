//! Presentation mode: the chrome goes; the bars, one view and the key measures fill the
//! screen in type that reads from the back of a room. Dragging still works, and the
//! clicker keys step through the lesson (see `commands::pressed`).

use eframe::egui::{self, RichText};

use super::{KlApp, Mode, panels};

impl KlApp {
    /// Everything under the lesson strip: measures on the right, bars over the view.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>) {
        if self.lesson.is_none() {
            egui::Panel::top("presented scenario").show(ui, |ui| {
                ui.label(RichText::new(&self.state.doc.title).heading().strong());
            });
        }
        let width = ui.available_width();
        egui::Panel::right("key measures").resizable(false).exact_size((width * 0.3).clamp(260.0, 520.0)).show(
            ui,
            |ui| {
                ui.label(RichText::new(format!("in {}", self.state.unit.name())).weak());
                let concealed = self.concealed();
                panels::measures::metrics_ui(ui, &self.state, &self.analysis, &concealed, &panels::measures::KEY_ROWS);
                if mode == Mode::Live {
                    ui.add_space(8.0);
                    ui.label(RichText::new("Esc leaves presentation").small().weak());
                }
            },
        );
        egui::CentralPanel::default().frame(egui::Frame::central_panel(ui.style())).show(ui, |ui| {
            let height = ui.available_height();
            egui::Panel::top("presented editors").resizable(false).exact_size(height * 0.48).show(ui, |ui| {
                let commands = self.panels.editing.ui(ui, &mut self.state, &self.analysis, false);
                self.run_all(commands, mode);
                ui.add_space(ui.available_height().max(0.0));
            });
            ui.add_space(4.0);
            self.view_ui(ui, mode, view);
        });
    }
}
