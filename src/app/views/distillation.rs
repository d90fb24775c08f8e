//! Knowledge distillation with teacher P and student Q: the soft loss T²·KL(P_T‖Q_T), the
//! hard loss (the student's cross-entropy at T = 1 against a chosen true label) and their
//! mix, the same numbers as PyTorch's usual code, which "Copy as Python" reproduces.

use eframe::egui::{self, RichText};

use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::Action;
use crate::app::ui::Cached;
use crate::app::ui::theme;
use crate::info::Measure;
use crate::info::Side;
use crate::info::distillation::{DistillationLoss, distillation_loss};
use crate::text;

/// The view's own settings: the distillation temperature, α and the true label.
pub struct DistillationView {
    temperature: f64,
    alpha: f64,
    /// The true label's index; None follows the teacher's arg-max.
    label: Option<usize>,
    loss: Cached<(u64, u64, u64, usize), Result<DistillationLoss, String>>,
}

impl Default for DistillationView {
    fn default() -> Self {
        DistillationView { temperature: 2.0, alpha: 0.5, label: None, loss: Cached::default() }
    }
}

/// The accessible text of a shown loss, e.g. "soft loss = 0.1234 nats".
pub fn shown_loss(name: &str, nats: f64) -> String {
    format!("{name} = {}", text::with_unit(nats, "nats"))
}

impl View for DistillationView {
    fn id(&self) -> &'static str {
        "distillation"
    }

    fn title(&self) -> &'static str {
        "Distillation"
    }

    fn tooltip(&self) -> &'static str {
        "Teacher P, student Q: distillation's soft loss T²·KL, the hard loss and their mix, as PyTorch computes them"
    }

    fn reveals(&self) -> &'static [Measure] {
        &[Measure::KlPQ, Measure::CrossEntropyPQ]
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        let doc = &input.state.doc;
        let (teacher, student) = (doc.logit_values(Side::P), doc.logit_values(Side::Q));
        let arg_max = teacher.iter().enumerate().fold(0, |best, (i, z)| if *z > teacher[best] { i } else { best });
        let label = self.label.filter(|&l| l < doc.len()).unwrap_or(arg_max);
        let mut command = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Distillation: teacher P, student Q").strong());
            ui.label("(natural logs: every number here is in nats, as in PyTorch)");
            let copy = Command::CopyDistillationPython { temperature: self.temperature, alpha: self.alpha, label };
            if copy.button(ui, true) {
                command = Some(copy);
            }
        });
        let source = |side: Side, z: &str| match doc.logits(side) {
            Some(_) => format!("{z} = {}'s logits", side.name()),
            None => format!("{z} = ln {}", side.name().to_lowercase()),
        };
        ui.label(format!(
            "{}, {}; their own temperatures are not used: T below is the distillation temperature.",
            source(Side::P, "z_t"),
            source(Side::Q, "z_s")
        ));
        ui.horizontal_wrapped(|ui| {
            ui.add(egui::Slider::new(&mut self.temperature, 0.5..=20.0).logarithmic(true).text("T"));
            ui.add(egui::Slider::new(&mut self.alpha, 0.0..=1.0).text("α"))
                .on_hover_text("α: the weight of the soft loss");
            let labels = doc.labels();
            egui::ComboBox::new("distillation true label", "true label y")
                .selected_text(labels.get(label).map(String::as_str).unwrap_or_default())
                .show_ui(ui, |ui| {
                    // A long vocabulary: the first hundred outcomes are offered.
                    for (i, name) in labels.iter().enumerate().take(100) {
                        if ui.selectable_label(i == label, name).clicked() {
                            self.label = Some(i);
                        }
                    }
                });
        });
        let (t, alpha) = (self.temperature, self.alpha);
        let key = (input.analysis.revision, t.to_bits(), alpha.to_bits(), label);
        let loss =
            self.loss.get(key, || distillation_loss(&teacher, &student, t, alpha, label).map_err(|e| e.to_string()));
        // The losses are cross-entropies and KLs of softened P and Q: near the answer, they
        // would tell it.
        if let Ok(loss) = loss
            && super::guards::near_answer_ui(
                ui,
                input.concealed,
                &[loss.soft, loss.kl, loss.hard, loss.total],
                crate::info::Unit::Nats,
            )
        {
            return command.map(Action::from);
        }
        // The view scrolls as a whole (the registry's scroll area).
        losses_and_notes_ui(ui, loss, t, alpha);
        command.map(Action::from)
    }
}

fn losses_and_notes_ui(ui: &mut egui::Ui, loss: &Result<DistillationLoss, String>, t: f64, alpha: f64) {
    ui.label(RichText::new("loss = α · T² · KL(P_T ‖ Q_T) + (1 − α) · CE(y, softmax(z_s))").strong());
    ui.label("with P_T = softmax(z_t / T), Q_T = softmax(z_s / T): α weights the soft loss");
    match loss {
        Ok(loss) => losses_ui(ui, loss, t, alpha),
        Err(error) => {
            ui.label(RichText::new(error.as_str()).color(theme::alarm(ui)));
        }
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "Why T²: dividing the logits by T scales the soft loss's gradients by 1/T², so the factor T² keeps \
                 them on the same scale as the hard loss's whatever T is.",
        )
        .italics(),
    );
    ui.label(
            RichText::new(
                "PyTorch: soft = F.kl_div(F.log_softmax(z_s / T, -1), F.softmax(z_t / T, -1), reduction='batchmean') * T * T; \
                 hard = F.cross_entropy(z_s, y); loss = alpha * soft + (1 - alpha) * hard",
            )
            .monospace()
            .small(),
        );
}

fn losses_ui(ui: &mut egui::Ui, loss: &DistillationLoss, t: f64, alpha: f64) {
    let big = |ui: &mut egui::Ui, text: String, color: egui::Color32| {
        ui.label(RichText::new(text).size(theme::big_number(ui)).strong().color(color));
    };
    let plain = ui.visuals().text_color();
    // Side by side where they fit, else each loss above its explanation.
    if ui.available_width() < 40.0 * theme::body_size(ui) {
        big(ui, shown_loss("soft loss", loss.soft), theme::divergence(ui));
        ui.label(format!("T² · KL(P_T ‖ Q_T) = {} × {}", text::sig4(t * t), text::sig4(loss.kl)));
        big(ui, shown_loss("hard loss", loss.hard), plain);
        ui.label("the student's cross-entropy at T = 1: −ln softmax(z_s)[y]");
        big(ui, shown_loss("total loss", loss.total), plain);
        ui.label(format!("{} × soft + {} × hard", text::sig4(alpha), text::sig4(1.0 - alpha)));
        return;
    }
    egui::Grid::new("distillation losses").num_columns(2).spacing([24.0, 6.0]).show(ui, |ui| {
        big(ui, shown_loss("soft loss", loss.soft), theme::divergence(ui));
        ui.label(format!("T² · KL(P_T ‖ Q_T) = {} × {}", text::sig4(t * t), text::sig4(loss.kl)));
        ui.end_row();
        big(ui, shown_loss("hard loss", loss.hard), plain);
        ui.label("the student's cross-entropy at T = 1: −ln softmax(z_s)[y]");
        ui.end_row();
        big(ui, shown_loss("total loss", loss.total), plain);
        ui.label(format!("{} × soft + {} × hard", text::sig4(alpha), text::sig4(1.0 - alpha)));
        ui.end_row();
    });
}
