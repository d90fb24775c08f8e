//! Knowledge distillation with teacher P and student Q: the soft loss T²·KL(P_T‖Q_T), the
//! hard loss (the student's cross-entropy at T = 1 against a chosen true label) and their
//! mix, the same numbers as PyTorch's usual code, which "Copy as Python" reproduces. Every
//! number names the temperature its softmax is taken at, and where the student's editor
//! shows Q at another temperature, the view says what Q is at each.

use eframe::egui::{self, RichText};

use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::Action;
use crate::app::ui::Cached;
use crate::app::ui::theme;
use crate::info::Measure;
use crate::info::Side;
use crate::info::distillation::{DistillationLoss, distillation_loss};
use crate::scenario::Roles;
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

/// The accessible text of a shown loss at its temperature, e.g. "soft loss at T = 2 =
/// 0.1234 nats".
pub fn shown_loss(name: &str, t: f64, nats: f64) -> String {
    format!("{name} at T = {} = {}", text::short_number(t), text::with_unit(nats, "nats"))
}

/// "teacher P, student Q", with the scenario's names for the sides where it has its own.
fn sides_named(roles: &Roles) -> String {
    let named = |side: Side, word: &str| {
        let role = roles.of(side);
        if roles.is_default() || role == word {
            format!("{word} {}", side.name())
        } else {
            format!("{word} {} ({role})", side.name())
        }
    };
    format!("{}, {}", named(Side::P, "teacher"), named(Side::Q, "student"))
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
            ui.label(RichText::new(format!("Distillation: {}", sides_named(&doc.roles))).strong());
            ui.label("in nats (natural logs, as PyTorch)");
            let copy = Command::CopyDistillationPython { temperature: self.temperature, alpha: self.alpha, label };
            if copy.button(ui, true) {
                command = Some(copy);
            }
        });
        // Each side's logits, and the temperature its editor shows it at: the view's own
        // numbers are taken at the temperatures they name, not at the editors'.
        let source = |side: Side, z: &str| match doc.logits(side) {
            Some(_) => format!(
                "{z} = {}'s logits ({}'s editor: T = {})",
                side.name(),
                side.name(),
                text::short_number(doc.temperature(side))
            ),
            None => format!("{z} = ln {}", side.name().to_lowercase()),
        };
        ui.label(format!("{}; {}. Each number below names its T.", source(Side::P, "z_t"), source(Side::Q, "z_s")));
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
        // The student's probability of y where the hard loss takes it (T = 1), and where its
        // editor shows it.
        let student = Student {
            label: doc.labels().get(label).cloned().unwrap_or_default(),
            editor_t: doc.temperature(Side::Q),
            editor_q: doc.q.probs().get(label).copied().unwrap_or(f64::NAN),
        };
        // The losses are cross-entropies and KLs of softened P and Q: near the answer, they
        // would tell it.
        if let Ok(loss) = loss
            && super::guards::near_answer_ui(
                ui,
                input.concealed,
                &[loss.soft, loss.kl, loss.hard, loss.total, (-loss.hard).exp()],
                crate::info::Unit::Nats,
            )
        {
            return command.map(Action::from);
        }
        // The view scrolls as a whole (the registry's scroll area).
        losses_and_notes_ui(ui, loss, t, alpha, &student);
        command.map(Action::from)
    }
}

/// The student at the true label, as its editor shows it.
struct Student {
    label: String,
    /// The temperature of Q's editor, and Q's probability of the label there.
    editor_t: f64,
    editor_q: f64,
}

fn losses_and_notes_ui(
    ui: &mut egui::Ui,
    loss: &Result<DistillationLoss, String>,
    t: f64,
    alpha: f64,
    student: &Student,
) {
    ui.label(RichText::new("loss = α · T² · KL(P_T ‖ Q_T) + (1 − α) · CE(y, softmax(z_s))").strong());
    ui.label(format!(
        "P_T = softmax(z_t / T), Q_T = softmax(z_s / T), here T = {}; CE at T = 1",
        text::short_number(t)
    ));
    match loss {
        Ok(loss) => losses_ui(ui, loss, t, alpha, student),
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

fn losses_ui(ui: &mut egui::Ui, loss: &DistillationLoss, t: f64, alpha: f64, student: &Student) {
    let big = |ui: &mut egui::Ui, text: String, color: egui::Color32| {
        ui.label(RichText::new(text).size(theme::big_number(ui)).strong().color(color));
    };
    let plain = ui.visuals().text_color();
    let at_t = text::short_number(t);
    // Side by side where they fit, else each loss above its explanation.
    if ui.available_width() < 40.0 * theme::body_size(ui) {
        big(ui, shown_loss("soft loss", t, loss.soft), theme::divergence(ui));
        ui.label(format!("T² · KL(P_T ‖ Q_T) at T = {at_t}: {} × {}", text::sig4(t * t), text::sig4(loss.kl)));
        big(ui, shown_loss("hard loss", 1.0, loss.hard), plain);
        ui.label("−ln softmax(z_s)[y], at T = 1");
        big(ui, format!("total loss = {}", text::with_unit(loss.total, "nats")), plain);
        ui.label(format!("{} × soft (T = {at_t}) + {} × hard (T = 1)", text::sig4(alpha), text::sig4(1.0 - alpha)));
        ui.add(egui::Label::new(hard_loss_note(loss, student)).wrap());
        return;
    }
    egui::Grid::new("distillation losses").num_columns(2).spacing([24.0, 6.0]).show(ui, |ui| {
        big(ui, shown_loss("soft loss", t, loss.soft), theme::divergence(ui));
        ui.label(format!("T² · KL(P_T ‖ Q_T) at T = {at_t}: {} × {}", text::sig4(t * t), text::sig4(loss.kl)));
        ui.end_row();
        big(ui, shown_loss("hard loss", 1.0, loss.hard), plain);
        ui.label("−ln softmax(z_s)[y], at T = 1");
        ui.end_row();
        big(ui, format!("total loss = {}", text::with_unit(loss.total, "nats")), plain);
        ui.label(format!("{} × soft (T = {at_t}) + {} × hard (T = 1)", text::sig4(alpha), text::sig4(1.0 - alpha)));
        ui.end_row();
    });
    ui.add(egui::Label::new(hard_loss_note(loss, student)).wrap());
}

/// The hard loss's probability, at T = 1, and the student's editor's where it shows Q at
/// another temperature (a teacher comparing the two must not be left to guess).
fn hard_loss_note(loss: &DistillationLoss, student: &Student) -> String {
    let y = &student.label;
    let at_one = text::probability((-loss.hard).exp());
    let base = format!("The hard loss takes the student at T = 1: q({y}) = {at_one}");
    if (student.editor_t - 1.0).abs() < 1e-12 {
        format!("{base}, as Q's editor shows it.")
    } else {
        format!(
            "{base}; Q's editor shows it at T = {}: q({y}) = {}.",
            text::short_number(student.editor_t),
            text::probability(student.editor_q)
        )
    }
}
