//! The question asked when a model's output file (.npy or CSV) is opened: use its numbers
//! as Q (the model) or P (the truth), read as probabilities, rescaled, or as logits. The
//! likely reading is chosen beforehand but always shown: nothing is normalised silently.

use eframe::egui::{self, RichText};

use crate::info::Side;
use crate::model_files::Reading;
use crate::text::short_number;

/// Numbers read from a file, waiting for the user's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelOutput {
    pub from: String,
    pub values: Vec<f64>,
    pub side: Side,
    pub reading: Reading,
}

/// The question's own state: the file being asked about, if any.
#[derive(Default)]
pub struct ModelOutputQuestion {
    pub pending: Option<ModelOutput>,
}

impl ModelOutputQuestion {
    /// Asks about `values` from `from`, proposing Q and the likely reading.
    pub fn ask(&mut self, from: String, values: Vec<f64>) {
        let reading = Reading::likely(&values);
        self.pending = Some(ModelOutput { from, values, side: Side::Q, reading });
    }

    /// The modal; returns the choice once "Use" is clicked.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<ModelOutput> {
        let pending = self.pending.as_mut()?;
        let (mut chosen, mut cancel) = (false, false);
        let modal = egui::Modal::new(egui::Id::unique("model output question")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading(format!("Use {}", pending.from));
            let sum: f64 = pending.values.iter().sum();
            ui.label(format!("{} numbers, summing to {}.", pending.values.len(), short_number(sum)));
            ui.add_space(6.0);
            ui.label(RichText::new("as").strong());
            ui.radio_value(&mut pending.side, Side::Q, "Q, the model");
            ui.radio_value(&mut pending.side, Side::P, "P, the truth");
            ui.add_space(6.0);
            ui.label(RichText::new("read as").strong());
            ui.radio_value(&mut pending.reading, Reading::Probabilities, "probabilities (they must sum to 1)")
                .on_hover_text("Checked as typed probabilities are: non-negative, summing to 1 within 1e-9");
            ui.radio_value(&mut pending.reading, Reading::Rescaled, "probabilities, rescaled to sum to 1")
                .on_hover_text("For float32 probabilities, which rarely sum to 1 within 1e-9, or counts");
            ui.radio_value(&mut pending.reading, Reading::Logits { temperature: 1.0 }, "logits: softmax(z)")
                .on_hover_text("A model's raw scores z; −∞ means probability 0");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                chosen = ui.button(RichText::new("Use").strong()).clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
        if chosen {
            return self.pending.take();
        }
        if cancel || modal.should_close() {
            self.pending = None;
        }
        None
    }
}
