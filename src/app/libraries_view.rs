//! What the libraries return: scipy and torch on the current P and Q, computed here and
//! shown beside klscope's own values, each with the convention that trips people up.

use eframe::egui::{self, RichText};

use super::commands::Command;
use super::format;
use super::state::{Analysis, AppState};
use crate::info::libraries::{LibraryValues, library_values};

/// The library values of the current P and Q, computed again only when they change.
#[derive(Default)]
pub struct LibrariesCache {
    revision: Option<u64>,
    values: Option<LibraryValues>,
}

pub fn libraries_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    analysis: &Analysis,
    cache: &mut LibrariesCache,
) -> Option<Command> {
    if cache.revision != Some(analysis.revision) {
        cache.values = Some(library_values(&analysis.p, &analysis.q));
        cache.revision = Some(analysis.revision);
    }
    let Some(values) = &cache.values else {
        return None;
    };
    let r = &analysis.report;
    let nats = |x: f64| format::with_unit(x, "nats");
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
            format!("√JS = {}", format::sig4(r.js_distance(crate::info::Unit::Nats))),
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
            format!("KL(P||Q) / {} = {}", state.doc.len(), nats(r.kl_pq / state.doc.len().max(1) as f64)),
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
                ui.label(RichText::new(format::sig4(value)).size(18.0).strong()).on_hover_text("nats");
                ui.label(ours);
                ui.end_row();
            }
        });
    });
    command
}
