//! "How far apart are P and Q?" in every member of the family at once: the table of
//! values and properties, the f-divergences' generators with this P and Q's ratios on
//! them, Rényi's D_α against α with a slider, W₁'s transport plan beside KL, JS and TV,
//! and Fisher's local picture. Its parts live in `divergences/`.

mod data;
mod generators;
mod renyi;
mod table;
mod transport;

use eframe::egui::{self, RichText};

use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::{Action, Edit};
use crate::app::ui::Cached;
use crate::info::f_divergence::FDivergence;
use crate::info::family::FamilyMember;
use crate::info::{Measure, Unit};
use crate::text;
use data::FamilyData;

/// Narrower than this (points), the view's parts stand one above the other.
const SIDE_BY_SIDE_FROM: f32 = 1000.0;
/// The heading and its Copy button fit on one line from this width on, in points.
const HEADING_ROW_FROM: f32 = 520.0;

pub struct DivergencesView {
    data: Cached<(u64, u64), FamilyData>,
    /// The generator whose points are marked.
    generator: FDivergence,
}

impl Default for DivergencesView {
    fn default() -> Self {
        DivergencesView { data: Cached::default(), generator: FDivergence::Kl }
    }
}

impl View for DivergencesView {
    fn id(&self) -> &'static str {
        "divergences"
    }

    fn title(&self) -> &'static str {
        "Divergences"
    }

    fn tooltip(&self) -> &'static str {
        "Every member of KL's family on this P and Q: f-divergences, Rényi's α, Wasserstein, Fisher"
    }

    fn reveals(&self) -> &'static [Measure] {
        &Measure::ALL
    }

    fn reveals_members(&self) -> &'static [FamilyMember] {
        &[FamilyMember::Renyi, FamilyMember::Wasserstein1]
    }

    fn max_outcomes(&self) -> Option<usize> {
        Some(super::MAX_DETAILED_OUTCOMES)
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        let (state, analysis) = (input.state, input.analysis);
        let positions = state.doc.positions.as_deref();
        let alpha = state.alpha;
        let key = (analysis.revision, alpha.to_bits());
        let data = self.data.get(key, || FamilyData::compute(&analysis.p, &analysis.q, alpha, positions));
        let unit = state.unit;
        let labels = state.doc.labels();
        let mut command = None;
        let mut chosen_alpha = None;
        // A view that does not fit scrolls, visibly, rather than cutting its last rows.
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let title = RichText::new("How far apart are P and Q? Every member of the family").strong();
            let copy = |ui: &mut egui::Ui| Command::CopyFamilyPython(alpha).button(ui, true);
            let copied = if ui.available_width() < HEADING_ROW_FROM {
                // A phone: the heading wraps, the button goes under it.
                ui.label(title);
                copy(ui)
            } else {
                ui.horizontal_wrapped(|ui| {
                    ui.label(title);
                    copy(ui)
                })
                .inner
            };
            if copied {
                command = Some(Action::from(Command::CopyFamilyPython(alpha)));
            }
            let plot_height = 180.0;
            let set_alpha = |ui: &mut egui::Ui, chosen_alpha: &mut Option<f64>| {
                if let Some(chosen) = renyi::renyi_ui(ui, data, unit, plot_height) {
                    *chosen_alpha = Some(chosen);
                    // The numbers were drawn at the old order: one more frame.
                    ui.ctx().request_repaint();
                }
            };
            if ui.available_width() >= SIDE_BY_SIDE_FROM {
                // Wide enough: the table beside Rényi's plot, the generators beside the plan.
                ui.columns(2, |columns| {
                    table::table_ui(&mut columns[0], data, unit, labels);
                    set_alpha(&mut columns[1], &mut chosen_alpha);
                });
                ui.add_space(6.0);
                ui.columns(2, |columns| {
                    generators::generators_ui(&mut columns[0], data, &mut self.generator, plot_height);
                    transport_heading_ui(&mut columns[1], data, unit);
                    transport::transport_ui(
                        &mut columns[1],
                        data,
                        &analysis.p,
                        &analysis.q,
                        labels,
                        plot_height - 40.0,
                    );
                });
            } else {
                table::table_ui(ui, data, unit, labels);
                ui.add_space(6.0);
                set_alpha(ui, &mut chosen_alpha);
                ui.add_space(6.0);
                generators::generators_ui(ui, data, &mut self.generator, plot_height);
                ui.add_space(6.0);
                transport_heading_ui(ui, data, unit);
                transport::transport_ui(ui, data, &analysis.p, &analysis.q, labels, plot_height - 40.0);
            }
            ui.add_space(6.0);
            fisher_ui(ui, data, unit);
        });
        command.or(chosen_alpha.map(|alpha| Action::from(Edit::SetAlpha(alpha))))
    }
}

/// W₁ beside KL, JS and TV: the one that stays finite and keeps growing when the
/// supports do not meet.
fn transport_heading_ui(ui: &mut egui::Ui, data: &FamilyData, unit: Unit) {
    let report = &data.family.report;
    let order = if data.positioned { "at the scenario's positions" } else { "outcomes one apart, in order" };
    ui.label(
        RichText::new(format!("Moving P onto Q: W₁ = {} ({order})", text::sig4(data.family.wasserstein1))).strong(),
    )
    .on_hover_text(
        "Each band carries mass from an outcome of P to one of Q, as thick as the mass; W₁ is the mass times the \
             distance, summed. With unordered outcomes and a cost of 1 for any move it would equal TV.",
    );
    ui.label(format!(
        "KL(P||Q) = {}   JS = {}   TV = {}",
        text::with_unit(unit.from_nats(report.kl_pq), unit),
        text::with_unit(unit.from_nats(report.js), unit),
        text::sig4(report.total_variation)
    ));
}

/// Fisher's local picture: as Q approaches P, KL both ways and ½χ² approach ½Σ(q−p)²/p.
fn fisher_ui(ui: &mut egui::Ui, data: &FamilyData, unit: Unit) {
    let local = &data.local;
    let shown = |nats: f64| text::with_unit(unit.from_nats(nats), unit);
    ui.label(RichText::new(format!("Near P: ½Σ(q−p)²/p = {}", shown(local.fisher))).strong()).on_hover_text(
        "Fisher's quadratic form: for Q close to P, KL(P||Q), KL(Q||P) and ½χ²(P||Q) all approach it. Drag Q \
         towards P and watch the ratios go to 1.",
    );
    let line = match local.ratios() {
        Some([a, b, c]) => format!(
            "KL(P||Q) = {} (×{}), KL(Q||P) = {} (×{}), ½χ² = {} (×{})",
            shown(local.kl_pq),
            text::sig4(a),
            shown(local.kl_qp),
            text::sig4(b),
            shown(local.half_chi2),
            text::sig4(c)
        ),
        None if local.fisher == 0.0 => "Q = P: every divergence is 0".to_string(),
        None => "The form is ∞: Q gives mass where P has none".to_string(),
    };
    ui.label(line);
}
