//! The numbers panel: every measure with its unit, KL(P||Q) beside KL(Q||P), infinite
//! values loud and explained, and the zero rule that produced them.

use eframe::egui::{self, RichText, text::LayoutJob};

use crate::app::model::analysis::Analysis;
use crate::app::model::state::{AppState, FamilyPair};
use crate::app::ui::concealment::{HIDDEN, HIDDEN_WHY};
use crate::app::ui::fit_text::text_width;
use crate::app::ui::theme;
use crate::info::{Measure, Unit, ZeroRule, zero_rule::PARAMETER_RANGE};
use crate::lesson::{Asked, Concealed};
use crate::text;

/// Measures in pairs: each row puts a forward measure beside its reverse or partner.
pub const ROWS: [(Measure, Option<Measure>); 5] = [
    (Measure::EntropyP, Some(Measure::EntropyQ)),
    (Measure::CrossEntropyPQ, Some(Measure::CrossEntropyQP)),
    (Measure::KlPQ, Some(Measure::KlQP)),
    (Measure::Js, Some(Measure::JsDistance)),
    (Measure::TotalVariation, Some(Measure::Hellinger)),
];

/// The measures of a scenario about P alone.
pub const P_ALONE: [(Measure, Option<Measure>); 1] = [(Measure::EntropyP, None)];

/// [`ROWS`] with its last row the family pair chosen.
pub fn rows(pair: FamilyPair) -> [(Measure, Option<Measure>); 5] {
    let mut rows = ROWS;
    let (left, right) = pair.measures();
    rows[4] = (left, Some(right));
    rows
}

/// Chooses the last row's pair of the divergence family.
pub fn family_pair_ui(ui: &mut egui::Ui, pair: &mut FamilyPair) {
    egui::ComboBox::new("family_pair", "in the last row")
        .selected_text(pair.label())
        .show_ui(ui, |ui| {
            for choice in FamilyPair::ALL {
                ui.selectable_value(pair, choice, choice.label());
            }
        })
        .response
        .on_hover_text(
            "Which pair of the f-divergence family the panel shows below JS (the Divergences view shows them all)",
        );
}

/// The measures presentation mode shows, in one row: entropy, cross-entropy, KL both
/// ways, JS.
pub const KEY_MEASURES: [Measure; 5] =
    [Measure::EntropyP, Measure::CrossEntropyPQ, Measure::KlPQ, Measure::KlQP, Measure::Js];

/// The key measures side by side (presentation mode), then the numbers the lesson's step
/// asks about that are not among them (W₁ on "Beyond KL": its answer named a number the
/// row never showed).
pub fn key_measures_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    analysis: &Analysis,
    concealed: &Concealed,
    asked: &[AskedNumber],
) {
    // Five numbers with their units, and one or two asked ones, must fit across a
    // 1024-point projector.
    let measures: &[Measure] = if state.doc.focus.p_alone() { &[Measure::EntropyP] } else { &KEY_MEASURES };
    let columns = measures.len() + asked.len();
    egui::Grid::new("key measures").num_columns(columns).spacing([6.0, 4.0]).show(ui, |ui| {
        for &measure in measures {
            measure_cell_sized(ui, measure, state, analysis, concealed.hides(measure), 1.3, false);
        }
        for number in asked {
            let unit_label = number.asked.unit_label(state.unit);
            let hover = match number.hidden {
                true => HIDDEN_WHY.to_string(),
                false => format!(
                    "{} — {}\n= {} {unit_label}",
                    number.asked.symbol(),
                    number.asked.meaning(),
                    text::full(number.value)
                ),
            };
            let cell = Cell {
                symbol: number.asked.symbol(),
                value: number.value,
                unit_label,
                hover,
                hidden: number.hidden,
                highlighted: false,
            };
            cell_ui(ui, &cell, 1.3, false);
        }
    });
}

/// The text of one measure's cell: "KL(P||Q)\n0.5310 bits". Tests read it back; the cell
/// draws the same parts ([`shown_parts`]).
pub fn cell_text(measure: Measure, value: f64, unit: Unit) -> String {
    let unit_label = measure.unit_label(unit);
    match shown_parts(value, &unit_label, false) {
        (number, Some(unit_label)) => format!("{}\n{number} {unit_label}", measure.symbol()),
        (number, None) => format!("{}\n{number}", measure.symbol()),
    }
}

/// A cell's number as written and its unit where one follows it: "?" alone while hidden,
/// ∞ alone, a unitless measure alone.
fn shown_parts(value: f64, unit_label: &str, hidden: bool) -> (String, Option<&str>) {
    if hidden {
        return (HIDDEN.to_string(), None);
    }
    let unit = (!value.is_infinite() && !unit_label.is_empty()).then_some(unit_label);
    (text::sig4(value), unit)
}

pub fn metrics_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    analysis: &Analysis,
    concealed: &Concealed,
    rows: &[(Measure, Option<Measure>)],
) {
    let report = &analysis.report;
    egui::Grid::new("measures").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
        for (left, right) in rows {
            for measure in std::iter::once(*left).chain(*right) {
                measure_cell(ui, measure, state, analysis, concealed.hides(measure));
            }
            ui.end_row();
        }
    });
    if state.doc.focus.p_alone() {
        return;
    }
    for measure in [Measure::KlPQ, Measure::KlQP] {
        if concealed.hides(measure) {
            continue;
        }
        if let Some(cause) = measure.infinite_because(report) {
            let why = cause.explain(state.doc.labels(), &analysis.p, &analysis.q);
            ui.label(
                RichText::new(format!("{} = {}: {why}.", measure.symbol(), text::INFINITY))
                    .color(theme::alarm(ui))
                    .strong(),
            );
        }
    }
    ui.label(RichText::new(format!("Zero rule: {}", state.doc.zero_rule.describe())).small());
}

fn measure_cell(ui: &mut egui::Ui, measure: Measure, state: &AppState, analysis: &Analysis, hidden: bool) {
    measure_cell_sized(ui, measure, state, analysis, hidden, theme::BIG_NUMBER_RATIO, true);
}

/// One measure: its symbol over its value, the value `number_scale` times the body text;
/// `steady`: as wide as any value would make it.
fn measure_cell_sized(
    ui: &mut egui::Ui,
    measure: Measure,
    state: &AppState,
    analysis: &Analysis,
    hidden: bool,
    number_scale: f32,
    steady: bool,
) {
    let unit = state.unit;
    let value = measure.value(&analysis.report, unit);
    let cell = Cell {
        symbol: measure.symbol().to_string(),
        value,
        unit_label: measure.unit_label(unit),
        hover: if hidden { HIDDEN_WHY.to_string() } else { hover_text(measure, value, unit) },
        hidden,
        highlighted: matches!(measure, Measure::KlPQ | Measure::KlQP),
    };
    cell_ui(ui, &cell, number_scale, steady);
}

/// A number the presentation row shows besides the key measures: one a lesson's step asks
/// about that is not a measure of the report (W₁, D_α), with its value on the scene.
pub struct AskedNumber {
    pub asked: Asked,
    pub value: f64,
    pub hidden: bool,
}

/// What one cell shows.
struct Cell {
    symbol: String,
    value: f64,
    unit_label: String,
    hover: String,
    hidden: bool,
    /// KL's two directions stand out from the rest.
    highlighted: bool,
}

fn cell_ui(ui: &mut egui::Ui, cell: &Cell, number_scale: f32, steady: bool) {
    let visuals = ui.visuals();
    let infinite = cell.value.is_infinite() && !cell.hidden;
    let body = theme::body_size(ui);
    let big = body * number_scale;
    let value_color = if infinite { theme::alarm(ui) } else { visuals.strong_text_color() };
    let mut job = LayoutJob::default();
    let symbol_format = egui::TextFormat {
        font_id: egui::FontId::proportional(body),
        color: if cell.highlighted { visuals.strong_text_color() } else { visuals.text_color() },
        ..Default::default()
    };
    job.append(&cell.symbol, 0.0, symbol_format);
    job.append("\n", 0.0, egui::TextFormat::default());
    let (number, unit_label) = shown_parts(cell.value, &cell.unit_label, cell.hidden);
    let size = if infinite { big * 1.4 } else { big };
    let number_format =
        egui::TextFormat { font_id: egui::FontId::monospace(size), color: value_color, ..Default::default() };
    job.append(&number, 0.0, number_format);
    if let Some(unit_label) = unit_label {
        let unit_format = egui::TextFormat {
            font_id: egui::FontId::proportional(body),
            color: visuals.text_color(),
            ..Default::default()
        };
        job.append(&format!(" {unit_label}"), 0.0, unit_format);
    }
    let frame = if cell.highlighted {
        egui::Frame::new().fill(visuals.faint_bg_color).corner_radius(4.0).inner_margin(egui::Margin::symmetric(6, 2))
    } else {
        egui::Frame::new().inner_margin(egui::Margin::symmetric(6, 2))
    };
    frame.show(ui, |ui| {
        // As wide as the widest number four significant digits make ("0.01234", "1.23e-5")
        // with the widest unit: a drag that changes the digits never moves the layout.
        let widest = text_width(ui.painter(), "0.00000", &egui::FontId::monospace(big))
            + text_width(ui.painter(), " √bans", &egui::FontId::proportional(body));
        if steady {
            ui.set_min_width(widest);
        }
        ui.add(egui::Label::new(job).selectable(false)).on_hover_text(&cell.hover);
    });
}

fn hover_text(measure: Measure, value: f64, unit: Unit) -> String {
    let unit_label = measure.unit_label(unit);
    format!(
        "{} — {}\n{}\n= {} {unit_label}\n{}",
        measure.symbol(),
        measure.name(),
        measure.formula(unit),
        text::full(value),
        measure.meaning()
    )
}

pub fn heading_ui(ui: &mut egui::Ui, unit: Unit) {
    ui.label(RichText::new(format!("Measures, in {}", unit.name())).heading());
}

/// The zero rule switch, with its ε or α on a log slider. Returns true if it changed.
pub fn zero_rule_ui(ui: &mut egui::Ui, state: &mut AppState) -> bool {
    let before = state.doc.zero_rule;
    let rule = &mut state.doc.zero_rule;
    ui.horizontal_wrapped(|ui| {
        ui.label("Zeros:");
        let current = *rule;
        egui::ComboBox::from_id_salt("zero rule")
            .selected_text(current.name())
            .show_ui(ui, |ui| {
                let epsilon = match current {
                    ZeroRule::FloorQ { epsilon } => epsilon,
                    ZeroRule::Smooth { alpha } => alpha,
                    ZeroRule::Exact => 1e-6,
                };
                for choice in [ZeroRule::Exact, ZeroRule::FloorQ { epsilon }, ZeroRule::Smooth { alpha: epsilon }] {
                    let same_kind = std::mem::discriminant(&choice) == std::mem::discriminant(&current);
                    if ui.selectable_label(same_kind, choice.name()).clicked() && !same_kind {
                        *rule = choice;
                    }
                }
            })
            .response
            .on_hover_text("How zero probabilities are treated before measuring");
        let parameter = match rule {
            ZeroRule::Exact => None,
            ZeroRule::FloorQ { epsilon } => Some(("ε", epsilon)),
            ZeroRule::Smooth { alpha } => Some(("α", alpha)),
        };
        if let Some((name, value)) = parameter {
            ui.add(
                egui::Slider::new(value, PARAMETER_RANGE)
                    .logarithmic(true)
                    .text(name)
                    .custom_formatter(|v, _| format!("{v:.0e}")),
            );
        }
    });
    *rule != before
}
