//! The coding view: Huffman codes built for P and for Q, the average code lengths when
//! the data come from P, and how they compare with entropy, cross-entropy and KL.

use eframe::egui::{self, RichText};

use super::guards::near_answer_ui;
use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::Action;
use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::Cached;
use crate::app::ui::fit_text::text_width;
use crate::app::ui::theme;
use crate::info::Measure;
use crate::info::coding::{CodingReport, coding_report};
use crate::info::{Side, Unit};
use crate::text;

/// The codes of the current P and Q, rebuilt only when they change.
#[derive(Default)]
pub struct CodingView {
    codes: Cached<u64, CodingReport>,
}

impl View for CodingView {
    fn id(&self) -> &'static str {
        "coding"
    }

    fn title(&self) -> &'static str {
        "Coding"
    }

    fn tooltip(&self) -> &'static str {
        "Huffman codes for P and for Q: the bits a wrong code wastes"
    }

    fn reveals(&self) -> &'static [Measure] {
        &[
            Measure::EntropyP,
            Measure::EntropyQ,
            Measure::CrossEntropyPQ,
            Measure::CrossEntropyQP,
            Measure::KlPQ,
            Measure::KlQP,
        ]
    }

    fn max_outcomes(&self) -> Option<usize> {
        Some(super::MAX_DETAILED_OUTCOMES)
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        let (state, analysis) = (input.state, input.analysis);
        let coding = self.codes.get(analysis.revision, || coding_report(&analysis.p, &analysis.q));
        // The average code lengths are close to the entropies they bound.
        let lengths = [coding.l_p, coding.l_q, coding.l_q - coding.l_p, coding.entropy_p + 1.0];
        if near_answer_ui(ui, input.concealed, &lengths, Unit::Bits) {
            return None;
        }
        let mut command = None;
        let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
        ui.label(
            RichText::new("Huffman codes, in bits: outcomes drawn from P, sent with P's code and with Q's").strong(),
        );
        // Side by side where there is room for both at this type size, else the code
        // words above the summary.
        let body = theme::body_size(ui);
        if ui.available_width() >= 52.0 * body {
            ui.columns(2, |columns| {
                egui::ScrollArea::vertical()
                    .id_salt("coding summary")
                    .show(&mut columns[1], |ui| summary_ui(ui, coding, p_color, q_color));
                command = code_words_ui(&mut columns[0], state, analysis, coding, f32::INFINITY);
            });
        } else {
            // The code words as tall as their rows (at most three fifths): few outcomes all show.
            let rows = state.doc.len() as f32 * (row_height(ui) + ui.spacing().item_spacing.y);
            let table_height = rows.min(ui.available_height() * 0.6);
            command = code_words_ui(ui, state, analysis, coding, table_height);
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("coding summary")
                .show(ui, |ui| summary_ui(ui, coding, p_color, q_color));
        }
        command.map(Action::from)
    }
}

/// A row of code words: its text with room, or a button's least height where that is more
/// (presentation mode's): a guess from the text alone left "snowy" below the table's end.
fn row_height(ui: &egui::Ui) -> f32 {
    (theme::body_size(ui) * 1.45).max(ui.spacing().interact_size.y)
}

/// The code words of P's and Q's codes, one row per outcome, at most `max_height` tall;
/// returns the outcome clicked.
fn code_words_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    analysis: &Analysis,
    coding: &CodingReport,
    max_height: f32,
) -> Option<Command> {
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    let row = row_height(ui);
    let mut command = None;
    // Column widths follow the space there is: a fixed width would push the panel wider.
    let room = (ui.available_width() - 4.0 * ui.spacing().item_spacing.x).max(200.0);
    // Names and probabilities as wide as they are written (measured), the code words the rest.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |text: &str| text_width(ui.painter(), text, &font) + 8.0;
    let name = state.doc.labels().iter().take(200).map(|l| measure(l)).fold(measure("outcome"), f32::max);
    let number = measure("0.0000");
    let code = (room - name - 2.0 * number) / 2.0;
    let widths = if code >= measure("P's code") {
        [name, number, code, number, code]
    } else {
        [0.17, 0.16, 0.26, 0.16, 0.25].map(|share| share * room)
    };
    let cell = |ui: &mut egui::Ui, width: f32, text: RichText| {
        ui.add_sized([width, row], egui::Label::new(text).truncate());
    };
    ui.horizontal(|ui| {
        cell(ui, widths[0], RichText::new("outcome").strong());
        cell(ui, widths[1], RichText::new("p").strong().color(p_color));
        cell(ui, widths[2], RichText::new("P's code").strong().color(p_color));
        cell(ui, widths[3], RichText::new("q").strong().color(q_color));
        cell(ui, widths[4], RichText::new("Q's code").strong().color(q_color));
    });
    let n = state.doc.len();
    // Only the rows in view are laid out, so a thousand outcomes cost what twenty do.
    egui::ScrollArea::vertical().id_salt("code words").max_height(max_height).show_rows(ui, row, n, |ui, rows| {
        for i in rows {
            let label = state.doc.labels().get(i).cloned().unwrap_or_default();
            ui.horizontal(|ui| {
                let name = if i == state.selected { RichText::new(&label).strong() } else { RichText::new(&label) };
                if ui.add_sized([widths[0], row], egui::Button::new(name).frame(false)).clicked() {
                    command = Some(Command::Select(i));
                }
                cell(ui, widths[1], RichText::new(text::probability(analysis.p.get(i).copied().unwrap_or(0.0))));
                let mono = egui::TextStyle::Monospace.resolve(ui.style());
                let p_word = word_in(ui.painter(), &mono, word(&coding.code_p, i), widths[2]);
                cell(ui, widths[2], RichText::new(p_word).monospace().color(p_color));
                cell(ui, widths[3], RichText::new(text::probability(analysis.q.get(i).copied().unwrap_or(0.0))));
                let q_word = word_in(ui.painter(), &mono, word(&coding.code_q, i), widths[4]);
                cell(ui, widths[4], RichText::new(q_word).monospace().color(q_color));
            });
        }
    });
    command
}

fn word(code: &crate::info::coding::Code, i: usize) -> &str {
    code.words.get(i).map(String::as_str).unwrap_or("")
}

/// A code word as it fits `width` (measured in `font`): whole, or its first bits and its
/// length ("0011011… (13 bits)"), or its first bits and "…" where even that is too wide.
fn word_in(painter: &egui::Painter, font: &egui::FontId, word: &str, width: f32) -> String {
    let room = width - 6.0;
    let fits = |text: &str| text_width(painter, text, font) <= room;
    if fits(word) {
        return word.to_string();
    }
    for tail in [format!("… ({} bits)", word.len()), "…".to_string()] {
        // Code words are 0s and 1s: every index is a character boundary.
        if let Some(k) = (1..word.len()).rev().find(|&k| fits(&format!("{}{tail}", &word[..k]))) {
            return format!("{}{tail}", &word[..k]);
        }
    }
    word.chars().take(1).collect()
}

fn summary_ui(ui: &mut egui::Ui, coding: &CodingReport, p_color: egui::Color32, q_color: egui::Color32) {
    let bits = |x: f64| text::with_unit(x, "bits");
    let size = theme::body_size(ui) * 1.2;
    let big = |text: String, color| RichText::new(text).size(size).color(color);
    ui.label(big(format!("L_P = {}", bits(coding.l_p)), p_color))
        .on_hover_text("Average code length of P's outcomes with the code built for P: Σ p·len_P");
    let holds = coding.entropy_p <= coding.l_p + 1e-12 && coding.l_p < coding.entropy_p + 1.0;
    let bound = format!(
        "H(P) = {} ≤ L_P < H(P) + 1 = {}: {}",
        bits(coding.entropy_p),
        bits(coding.entropy_p + 1.0),
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
