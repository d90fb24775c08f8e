//! Presentation mode: the chrome goes; the bars, one view and the key measures fill the
//! screen in type that reads from the back of a room. Dragging still works, and the
//! clicker keys step through the lesson (see `commands::pressed`).

use eframe::egui::{self, RichText};

use super::model::Mode;
use super::panels::measures::AskedNumber;
use super::ui::theme;
use super::{KlApp, panels};
use crate::lesson::Concealed;

/// The view's type beside the lesson's, in presentation mode: 26 px becomes 21 px.
const VIEW_TEXT: f32 = 0.8;

impl KlApp {
    /// Everything under the lesson strip: the key measures along the bottom, the bars on
    /// the left and the view on the right.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>) {
        if self.lesson.is_none() {
            egui::Panel::top("presented scenario").show(ui, |ui| {
                ui.label(RichText::new(&self.state.doc.title).heading().strong());
            });
        }
        egui::Panel::bottom("key measures").resizable(false).show(ui, |ui| {
            let concealed = self.concealed();
            let asked = self.asked_numbers(&concealed);
            panels::measures::key_measures_ui(ui, &self.state, &self.analysis, &concealed, &asked);
        });
        let width = ui.available_width();
        egui::Panel::left("presented editors").resizable(false).exact_size(width * 0.42).show(ui, |ui| {
            let commands = self.panels.editing.ui(ui, &mut self.state, &self.analysis, false);
            self.run_all(commands, mode);
            ui.add_space(ui.available_height().max(0.0));
        });
        egui::CentralPanel::default().show(ui, |ui| {
            // The view's headings a little smaller than the lesson's text, so its plots
            // keep their height on a 768-point screen.
            theme::scale_text(ui.style_mut(), VIEW_TEXT);
            self.view_ui(ui, mode, view)
        });
    }

    /// The numbers the step asks about that the key measures leave out (W₁, D_α), each
    /// hidden while the question hiding it is pending.
    fn asked_numbers(&self, concealed: &Concealed) -> Vec<AskedNumber> {
        let Some(task) = self.lesson.as_ref().and_then(|run| run.task()) else {
            return Vec::new();
        };
        let scene = self.scene();
        let mut asked = task.asks();
        asked.dedup();
        asked
            .into_iter()
            .filter_map(|asked| asked.member().map(|member| (asked, member)))
            .map(|(asked, member)| AskedNumber {
                asked,
                value: asked.value(&scene, self.state.unit),
                hidden: concealed.hides_member(member),
            })
            .collect()
    }
}
