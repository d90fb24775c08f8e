//! What the libraries return: scipy and torch on the current P and Q, computed here and
//! shown beside klscope's own values, each with the convention that trips people up.

use eframe::egui::{self, RichText};

use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::Action;
use crate::app::ui::Cached;
use crate::app::ui::theme;
use crate::info::Measure;
use crate::info::libraries::{LibraryValues, distillation_loss, library_values};
use crate::text;

/// The library values of the current P and Q, computed again only when they change, and
/// the distillation loss at the temperature chosen here.
pub struct LibrariesView {
    values: Cached<u64, LibraryValues>,
    temperature: f64,
    distillation: Cached<(u64, u64), f64>,
}

impl Default for LibrariesView {
    fn default() -> Self {
        LibrariesView { values: Cached::default(), temperature: 2.0, distillation: Cached::default() }
    }
}

impl View for LibrariesView {
    fn id(&self) -> &'static str {
        "libraries"
    }

    fn title(&self) -> &'static str {
        "Libraries"
    }

    fn tooltip(&self) -> &'static str {
        "What scipy and torch return for this P and Q, and their conventions"
    }

    fn reveals(&self) -> &'static [Measure] {
        &Measure::ALL
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        let (state, analysis) = (input.state, input.analysis);
        let values = *self.values.get(analysis.revision, || library_values(&analysis.p, &analysis.q));
        let t = self.temperature;
        let distillation =
            *self.distillation.get((analysis.revision, t.to_bits()), || distillation_loss(&analysis.p, &analysis.q, t));
        libraries_ui(
            ui,
            state.doc.len(),
            analysis,
            &values,
            Distillation { temperature: &mut self.temperature, loss: distillation },
        )
        .map(Action::from)
    }
}

/// The distillation row's temperature (a slider of this view) and its loss.
struct Distillation<'a> {
    temperature: &'a mut f64,
    loss: f64,
}

fn libraries_ui(
    ui: &mut egui::Ui,
    n: usize,
    analysis: &crate::app::model::analysis::Analysis,
    values: &LibraryValues,
    distillation: Distillation<'_>,
) -> Option<Command> {
    let r = &analysis.report;
    let nats = |x: f64| text::with_unit(x, "nats");
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("The same P and Q in scipy and torch (their default unit is nats)").strong());
        let python = Command::CopyPython(*distillation.temperature);
        if python.button(ui, true) {
            command = Some(python);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Distillation temperature");
        ui.add(egui::Slider::new(distillation.temperature, 0.5..=20.0).logarithmic(true).text("T"))
            .on_hover_text("Teacher P and student Q are softened to softmax(ln p / T) and softmax(ln q / T)");
    });
    let t = *distillation.temperature;
    let rows: [(&str, f64, String, &str); 9] = [
        (
            "scipy.stats.entropy(P, Q)",
            values.scipy_entropy,
            format!("KL(P||Q) = {}", nats(r.kl_pq)),
            "Rescales P and Q to sum to 1 without a word; natural log unless base= is given.",
        ),
        (
            "scipy.special.rel_entr(P, Q).sum()",
            values.rel_entr_sum,
            format!("KL(P||Q) = {}", nats(r.kl_pq)),
            "No rescaling: inputs that do not sum to 1 give a number that is not a KL.",
        ),
        (
            "scipy.spatial.distance.jensenshannon(P, Q)",
            values.jensenshannon,
            format!("√JS = {}", text::sig4(r.js_distance(crate::info::Unit::Nats))),
            "Returns the distance √JS, not the divergence JS; natural log by default.",
        ),
        (
            "torch.nn.KLDivLoss(reduction='batchmean')(Q.log(), P)",
            values.kldivloss_batchmean,
            format!("KL(P||Q) = {}", nats(r.kl_pq)),
            "Takes log-probabilities of the model first and the target second: it computes KL(target || model).",
        ),
        (
            "torch.nn.KLDivLoss(reduction='mean')(Q.log(), P)",
            values.kldivloss_mean,
            format!("KL(P||Q) / {} = {}", n, nats(r.kl_pq / n.max(1) as f64)),
            "'mean' divides by the number of elements, not the batch size: not a KL at all.",
        ),
        (
            "torch.nn.functional.kl_div(Q.log(), P, reduction='batchmean')",
            values.kldivloss_batchmean,
            format!("KL(P||Q) = {}", nats(r.kl_pq)),
            "input is log Q (the model, as log-probabilities), target is P: the result is KL(P||Q), not KL(input||target).",
        ),
        (
            "torch.nn.functional.kl_div(P.log(), Q, reduction='batchmean')",
            values.kl_div_swapped,
            format!("KL(Q||P) = {}", nats(r.kl_qp)),
            "The arguments the other way round measure the other direction: KL(Q||P).",
        ),
        (
            "F.kl_div(Q.log(), P.log(), reduction='batchmean', log_target=True)",
            values.kl_div_log_target,
            format!("KL(P||Q) = {}", nats(r.kl_pq)),
            "log_target=True takes the target as log-probabilities too; the value is the same KL(P||Q).",
        ),
        (
            "T*T * F.kl_div(F.log_softmax(z_s / T), F.softmax(z_t / T), reduction='batchmean')",
            distillation.loss,
            format!("T² · KL(P_T||Q_T), T = {}", text::sig4(t)),
            "Distillation's soft loss, teacher logits z_t = ln P, student z_s = ln Q. Softening by T shrinks \
             the gradients by 1/T²; the T² factor keeps them on the hard loss's scale.",
        ),
    ];
    // Where the three columns do not fit (presentation mode's narrow view), each call is a
    // paragraph: the call, what it returns beside klscope's value, and the convention.
    if ui.available_width() < LIST_BELOW * theme::text_scale(ui) {
        for (call, value, ours, note) in rows {
            ui.separator();
            ui.label(RichText::new(call).monospace());
            ui.horizontal_wrapped(|ui| {
                ui.label(returned(ui, value)).on_hover_text("nats");
                ui.label("·");
                ours_ui(ui, &ours);
            });
            ui.label(RichText::new(note).small().italics());
        }
        return command;
    }
    egui::Grid::new("libraries grid").num_columns(3).striped(true).spacing([16.0, 8.0]).show(ui, |ui| {
        ui.label(RichText::new("call").strong());
        ui.label(RichText::new("returns (nats)").strong());
        ui.label(RichText::new("klscope").strong());
        ui.end_row();
        for (call, value, ours, note) in rows {
            ui.vertical(|ui| {
                ui.set_width(CALL_WIDTH * theme::text_scale(ui));
                ui.label(RichText::new(call).monospace());
                ui.label(RichText::new(note).small().italics());
            });
            ui.label(returned(ui, value)).on_hover_text("nats");
            ours_ui(ui, &ours);
            ui.end_row();
        }
    });
    command
}

/// The width of the call column (it wraps), at normal type.
const CALL_WIDTH: f32 = 330.0;

/// Narrower than this (at normal type), the calls are listed one under another.
const LIST_BELOW: f32 = 640.0;

/// What a library returns, large; ∞ at the digits' size is a dot: larger, in the alarm colour.
fn returned(ui: &egui::Ui, value: f64) -> RichText {
    let size = 18.0 * theme::text_scale(ui);
    if value.is_infinite() {
        RichText::new(text::sig4(value)).size(size * theme::INFINITY_RATIO).color(theme::alarm(ui)).strong()
    } else {
        RichText::new(text::sig4(value)).size(size).strong()
    }
}

/// klscope's own value for a call, its ∞ loud.
fn ours_ui(ui: &mut egui::Ui, ours: &str) {
    if ours.ends_with(text::INFINITY) {
        let body = theme::body_size(ui);
        let (before, _) = ours.split_at(ours.len() - text::INFINITY.len());
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            ui.label(before);
            ui.label(RichText::new(text::INFINITY).size(body * theme::INFINITY_RATIO).strong().color(theme::alarm(ui)));
        });
    } else {
        ui.label(ours);
    }
}
