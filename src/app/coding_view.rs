//! The coding view: Huffman codes built for P and for Q, the average code lengths when
//! the data come from P, and how they compare with entropy, cross-entropy and KL.

use eframe::egui::{self, RichText};

use super::format;
use super::state::{Analysis, AppState};
use super::theme::{self, Side};
use crate::info::coding::{CodingReport, coding_report};

/// The codes of the current P and Q, rebuilt only when they change.
#[derive(Default)]
pub struct CodingCache {
    revision: Option<u64>,
    report: Option<CodingReport>,
}

impl CodingCache {
    fn get(&mut self, analysis: &Analysis) -> Option<&CodingReport> {
        if self.revision != Some(analysis.revision) {
            self.report = Some(coding_report(&analysis.p, &analysis.q));
            self.revision = Some(analysis.revision);
        }
        self.report.as_ref()
    }
}

pub fn coding_ui(ui: &mut egui::Ui, state: &mut AppState, analysis: &Analysis, cache: &mut CodingCache) {
    let Some(coding) = cache.get(analysis) else {
        return;
    };
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    ui.label(RichText::new("Huffman codes, in bits: outcomes drawn from P, sent with P's code and with Q's").strong());
    ui.columns(2, |columns| {
        egui::ScrollArea::vertical()
            .id_salt("coding summary")
            .show(&mut columns[1], |ui| summary_ui(ui, coding, p_color, q_color));
        let ui = &mut columns[0];
        egui::ScrollArea::vertical().id_salt("code words").show(ui, |ui| {
            egui::Grid::new("code words grid").num_columns(5).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
                ui.label(RichText::new("outcome").strong());
                ui.label(RichText::new("p").strong().color(p_color));
                ui.label(RichText::new("P's code").strong().color(p_color));
                ui.label(RichText::new("q").strong().color(q_color));
                ui.label(RichText::new("Q's code").strong().color(q_color));
                ui.end_row();
                let labels = state.doc.labels().to_vec();
                for (i, label) in labels.iter().enumerate() {
                    let word = |code: &crate::info::coding::Code| code.words.get(i).cloned().unwrap_or_default();
                    let text = if i == state.selected { RichText::new(label).strong() } else { RichText::new(label) };
                    if ui.add(egui::Label::new(text).sense(egui::Sense::click())).clicked() {
                        state.selected = i;
                    }
                    ui.label(format::probability(analysis.p.get(i).copied().unwrap_or(0.0)));
                    ui.label(RichText::new(word(&coding.code_p)).monospace().color(p_color));
                    ui.label(format::probability(analysis.q.get(i).copied().unwrap_or(0.0)));
                    ui.label(RichText::new(word(&coding.code_q)).monospace().color(q_color));
                    ui.end_row();
                }
            });
        });
    });
}

fn summary_ui(ui: &mut egui::Ui, coding: &CodingReport, p_color: egui::Color32, q_color: egui::Color32) {
    let bits = |x: f64| format::with_unit(x, "bits");
    let big = |text: String, color| RichText::new(text).size(18.0).color(color);
    ui.label(big(format!("L_P = {}", bits(coding.l_p)), p_color))
        .on_hover_text("Average code length of P's outcomes with the code built for P: Σ p·len_P");
    let holds = coding.entropy_p <= coding.l_p + 1e-12 && coding.l_p < coding.entropy_p + 1.0;
    let bound = format!(
        "H(P) = {} ≤ L_P < H(P) + 1 = {}: {}",
        format::sig4(coding.entropy_p),
        format::sig4(coding.entropy_p + 1.0),
        if holds { "holds" } else { "at the edge: a certain outcome still needs one bit" }
    );
    ui.label(bound);
    ui.add_space(6.0);
    ui.label(big(format!("L_Q = {}", bits(coding.l_q)), q_color))
        .on_hover_text("Average code length of P's outcomes with the code built for Q: Σ p·len_Q");
    ui.label(format!("H(P,Q) = {}: the ideal lengths −log₂ q would give this", bits(coding.cross_entropy)));
    ui.add_space(6.0);
    let wasted = coding.l_q - coding.l_p;
    ui.label(big(format!("L_Q − L_P = {}", bits(wasted)), ui.visuals().strong_text_color()));
    ui.label(format!("KL(P||Q) = H(P,Q) − H(P) = {}", bits(coding.kl)));
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "Code words have whole-bit lengths, so the bits wasted by Q's code are close to \
             KL(P||Q) but not exactly it: KL is the waste of ideal lengths −log₂ q against −log₂ p.",
        )
        .italics(),
    );
}
