//! The interactive window.

use eframe::egui;

/// The klscope window.
#[derive(Default)]
pub struct KlApp {}

impl eframe::App for KlApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.heading("klscope");
    }
}
