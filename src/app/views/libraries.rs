//! What the libraries return: scipy and torch on the current P and Q, computed here and
//! shown beside klscope's own values, each with the convention that trips people up.

use eframe::egui::{self, RichText};

use super::{Cached, View, ViewInput};
use crate::app::commands::Command;
use crate::info::libraries::{LibraryValues, library_values};
use crate::text;

/// The library values of the current P and Q, computed again only when they change.
#[derive(Default)]
pub struct LibrariesView {
    values: Cached<u64, LibraryValues>,
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

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Command> {
        let (state, analysis) = (input.state, input.analysis);
        let values = *self.values.get(analysis.revision, || library_values(&analysis.p, &analysis.q));
        libraries_ui(ui, state.doc.len(), analysis, &values)
    }
}

fn libraries_ui(
    ui: &mut egui::Ui,
    n: usize,
    analysis: &crate::app::analysis::Analysis,
    values: &LibraryValues,
) -> Option<Command> {
    let r = &analysis.report;
    let nats = |x: f64| text::with_unit(x, "nats");
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new("The same P and Q in scipy and torch (their default unit is nats)").strong());
        if Command::CopyPython.button(ui, true) {
            command = Some(Command::CopyPython);
        }
    });
    let rows: [(&str, f64, String, &str); 5] = [
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
    ];
    egui::ScrollArea::vertical().id_salt("libraries").show(ui, |ui| {
        egui::Grid::new("libraries grid").num_columns(3).striped(true).spacing([16.0, 8.0]).show(ui, |ui| {
            ui.label(RichText::new("call").strong());
            ui.label(RichText::new("returns (nats)").strong());
            ui.label(RichText::new("klscope").strong());
            ui.end_row();
            for (call, value, ours, note) in rows {
                ui.vertical(|ui| {
                    ui.set_width(400.0);
                    ui.label(RichText::new(call).monospace());
                    ui.label(RichText::new(note).small().italics());
                });
                ui.label(RichText::new(text::sig4(value)).size(18.0).strong()).on_hover_text("nats");
                ui.label(ours);
                ui.end_row();
            }
        });
    });
    command
}
