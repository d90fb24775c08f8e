//! The per-outcome table: p, q, surprises, log ratio and both KL terms for every outcome,
//! sortable by any column, with the totals that are the measures.

use eframe::egui::{self, Align2, FontId, RichText, Sense, vec2};

use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::Action;
use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::Cached;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::{print, theme};
use crate::info::measures::outcome_terms;
use crate::info::{Measure, Side, Unit, log_ratio};
use crate::lesson::Concealed;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Outcome,
    P,
    Q,
    SurpriseP,
    SurpriseQ,
    LogRatio,
    TermPQ,
    TermQP,
}

impl Column {
    const ALL: [Column; 8] = [
        Column::Outcome,
        Column::P,
        Column::Q,
        Column::SurpriseP,
        Column::SurpriseQ,
        Column::LogRatio,
        Column::TermPQ,
        Column::TermQP,
    ];

    fn title(self, log: &str) -> String {
        match self {
            Column::Outcome => "outcome".into(),
            Column::P => "p".into(),
            Column::Q => "q".into(),
            Column::SurpriseP => format!("−{log} p"),
            Column::SurpriseQ => format!("−{log} q"),
            Column::LogRatio => format!("{log}(p/q)"),
            Column::TermPQ => format!("p·{log}(p/q)"),
            Column::TermQP => format!("q·{log}(q/p)"),
        }
    }

    fn width(self) -> f32 {
        if self == Column::Outcome { 104.0 } else { 86.0 }
    }
}

/// A column and whether it sorts descending.
type Sort = Option<(Column, bool)>;

/// How the table is sorted (by a column, descending or not; None: outcome order), and
/// the order that gives, kept until the numbers, the sort or the unit change.
#[derive(Default)]
pub struct TableView {
    sort: Sort,
    order: Cached<(u64, Sort, Unit), Vec<usize>>,
    /// The columns a pending question hides, for these numbers, this unit and this question.
    hidden: Cached<(u64, Unit, Concealed), [bool; 8]>,
    /// How tall the totals under the rows were last frame (they wrap on a narrow view): the
    /// rows take the rest.
    footer: Option<f32>,
}

impl View for TableView {
    fn id(&self) -> &'static str {
        "table"
    }

    fn title(&self) -> &'static str {
        "Table"
    }

    fn tooltip(&self) -> &'static str {
        "Every outcome's probabilities, surprises and KL terms, sortable"
    }

    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action> {
        table_ui(ui, input, self).map(Action::from)
    }
}

const ROW: f32 = 22.0;

/// What marks a negative log ratio or KL term in the table.
pub const NEGATIVE: &str = "▼";

/// The table's size at this type size, and the columns that fit: where all eight do not,
/// the surprises and the log ratio go, the probabilities and both KL terms stay.
struct Geometry {
    scale: f32,
    shown: Vec<Column>,
}

impl Geometry {
    fn for_ui(ui: &egui::Ui) -> Geometry {
        let wanted = theme::text_scale(ui);
        let room = ui.available_width();
        let width_of = |columns: &[Column]| columns.iter().map(|c| c.width()).sum::<f32>();
        let shown = if width_of(&Column::ALL) * wanted <= room {
            Column::ALL.to_vec()
        } else {
            let optional = [Column::SurpriseP, Column::SurpriseQ, Column::LogRatio];
            Column::ALL.into_iter().filter(|c| !optional.contains(c)).collect()
        };
        // Never wider than the view: the type shrinks a little before a column is cut.
        let scale = wanted.min(room / width_of(&shown)).max(0.8);
        Geometry { scale, shown }
    }

    fn row(&self) -> f32 {
        ROW * self.scale
    }

    fn width(&self, column: Column) -> f32 {
        column.width() * self.scale
    }

    fn total_width(&self) -> f32 {
        self.shown.iter().map(|c| self.width(*c)).sum()
    }
}

/// One outcome's numbers in the shown unit (p and q as probabilities).
fn row_values(analysis: &Analysis, unit: Unit, i: usize) -> [f64; 7] {
    let at = |v: &[f64]| v.get(i).copied().unwrap_or(f64::NAN);
    let (p, q) = (at(&analysis.p), at(&analysis.q));
    let terms = outcome_terms(p, q);
    [
        p,
        q,
        unit.from_nats(terms.surprise_p),
        unit.from_nats(terms.surprise_q),
        unit.from_nats(log_ratio(p, q)),
        unit.from_nats(terms.pq),
        unit.from_nats(terms.qp),
    ]
}

/// Draws the table; returns Copy as CSV, or the row clicked.
fn table_ui(ui: &mut egui::Ui, input: &ViewInput<'_>, table: &mut TableView) -> Option<Command> {
    let (state, analysis, concealed) = (input.state, input.analysis, input.concealed);
    let key = (analysis.revision, state.unit, concealed.clone());
    let hidden = *table.hidden.get(key, || hidden_columns(analysis, state.unit, concealed));
    let geometry = Geometry::for_ui(ui);
    let unit = state.unit;
    let log = unit.log_name();
    let mut command = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Every outcome, in {}", unit.name())).strong());
        if print::printing(ui) {
            return;
        }
        if Command::CopyCsv.button(ui, true) {
            command = Some(Command::CopyCsv);
        }
        let hint = if geometry.shown.len() < Column::ALL.len() {
            "Click a heading to sort. A wider view shows −log p, −log q and log(p/q) too."
        } else {
            "Click a heading to sort, a row to select."
        };
        ui.label(RichText::new(hint).small().weak());
    });
    // Headings: click to sort; click again to reverse.
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for column in geometry.shown.iter().copied() {
            let arrow = match table.sort {
                Some((c, true)) if c == column => " ▼",
                Some((c, false)) if c == column => " ▲",
                _ => "",
            };
            let text = RichText::new(format!("{}{arrow}", column.title(log))).size(14.0 * geometry.scale).strong();
            let button = egui::Button::new(text).frame(false).min_size(vec2(geometry.width(column), geometry.row()));
            if ui.add(button).on_hover_text("Sort by this column").clicked() {
                table.sort = match table.sort {
                    Some((c, descending)) if c == column => Some((column, !descending)),
                    _ => Some((column, column != Column::Outcome)),
                };
            }
        }
    });
    let n = state.doc.len();
    // Sorting by a hidden column would give its order away.
    let sort = table.sort.filter(|(column, _)| !hidden[*column as usize]);
    // Sorting a vocabulary takes longer than a frame: the order waits for a drag to end.
    let dragging = ui.input(|i| i.pointer.any_down());
    table
        .order
        .update((analysis.revision, sort, unit), dragging, || sorted_order(state.doc.labels(), analysis, unit, sort));
    let empty = Vec::new();
    let order = table.order.value().unwrap_or(&empty);
    if state.doc.zero_rule != crate::info::ZeroRule::Exact {
        ui.label(RichText::new(format!("p and q after the zero rule ({})", state.doc.zero_rule.name())).small());
    }
    // The totals as tall as they were last frame (two lines where they wrap).
    let footer = table.footer.unwrap_or(geometry.row() * 3.0 + 12.0) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().max_height((ui.available_height() - footer).max(geometry.row() * 3.0)).show_rows(
        ui,
        geometry.row(),
        n,
        |ui, rows| {
            for &i in order.get(rows).unwrap_or_default() {
                if row_ui(ui, state, analysis, i, &geometry, &hidden) {
                    command = Some(Command::Select(i));
                }
            }
        },
    );
    let top = ui.cursor().top();
    totals_ui(ui, state, analysis, concealed);
    table.footer = Some(ui.cursor().top() - top);
    command
}

/// The columns a pending question hides: the terms of a measure it hides, and any column
/// of surprises, log ratios or terms with a number near a number question's answer (the
/// whole column, so that no single hidden cell points at the answer). p and q are the
/// inputs: they always show.
fn hidden_columns(analysis: &Analysis, unit: Unit, concealed: &Concealed) -> [bool; 8] {
    let near = |column: Column| {
        let k = column as usize - 1;
        concealed.hides_any((0..analysis.p.len()).map(|i| row_values(analysis, unit, i)[k]))
    };
    Column::ALL.map(|column| match column {
        Column::Outcome | Column::P | Column::Q => false,
        Column::TermPQ => concealed.hides_terms(Measure::KlPQ) || near(column),
        Column::TermQP => concealed.hides_terms(Measure::KlQP) || near(column),
        Column::SurpriseP | Column::SurpriseQ | Column::LogRatio => near(column),
    })
}

/// The outcomes in the order of `sort`; empty cells (no log ratio) always last.
fn sorted_order(labels: &[String], analysis: &Analysis, unit: Unit, sort: Sort) -> Vec<usize> {
    let n = labels.len();
    let mut order: Vec<usize> = (0..n).collect();
    let Some((column, descending)) = sort else {
        return order;
    };
    if column == Column::Outcome {
        order.sort_by(|&a, &b| labels[a].cmp(&labels[b]));
        if descending {
            order.reverse();
        }
        return order;
    }
    let k = column as usize - 1;
    let keys: Vec<f64> = (0..n).map(|i| row_values(analysis, unit, i)[k]).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (keys[a], keys[b]);
        match (x.is_nan(), y.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            _ if descending => y.total_cmp(&x),
            _ => x.total_cmp(&y),
        }
    });
    order
}

/// One row; returns true when it was clicked.
fn row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    analysis: &Analysis,
    i: usize,
    geometry: &Geometry,
    hidden: &[bool; 8],
) -> bool {
    let (rect, response) = ui.allocate_exact_size(vec2(geometry.total_width(), geometry.row()), Sense::click());
    let painter = ui.painter_at(rect);
    // On paper no row is singled out: a highlighted row would hint at an answer.
    if i == state.selected && !print::printing(ui) {
        painter.rect_filled(rect, 2.0, theme::selection(ui));
    }
    let values = row_values(analysis, state.unit, i);
    let label = state.doc.labels().get(i).cloned().unwrap_or_default();
    let text_color = ui.visuals().text_color();
    let negative = theme::divergence(ui);
    let font = FontId::proportional(14.0 * geometry.scale);
    let infinity_font = FontId::proportional(14.0 * geometry.scale * theme::INFINITY_RATIO);
    let mut x = rect.left();
    painter.text(egui::pos2(x + 4.0, rect.center().y), Align2::LEFT_CENTER, &label, font.clone(), text_color);
    x += geometry.width(Column::Outcome);
    for column in geometry.shown.iter().copied().filter(|c| *c != Column::Outcome) {
        let value = &values[column as usize - 1];
        let (text, color) = match column {
            _ if hidden[column as usize] => (HIDDEN.to_string(), text_color),
            Column::P => (text::probability(*value), theme::color(ui, Side::P)),
            Column::Q => (text::probability(*value), theme::color(ui, Side::Q)),
            _ if value.is_nan() => ("—".to_string(), text_color),
            _ if value.is_infinite() => (text::sig4(*value), theme::alarm(ui)),
            // Negative terms pull a KL down: marked ▼ (which reads in grey print too) and in
            // their own colour, so they stand out.
            _ if *value < 0.0 => (format!("{NEGATIVE} {}", text::sig4(*value)), negative),
            _ => (text::sig4(*value), text_color),
        };
        let right = x + geometry.width(column) - 6.0;
        // ∞ is a small glyph at the table's size: it shows at the size of a big number.
        let font = if value.is_infinite() && !hidden[column as usize] { infinity_font.clone() } else { font.clone() };
        painter.text(egui::pos2(right, rect.center().y), Align2::RIGHT_CENTER, text, font, color);
        x += geometry.width(column);
    }
    let response = response.on_hover_text(format!("{label}: click to select"));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, format!("row {label}")));
    response.clicked()
}

/// The sums of the table's columns: the measures themselves.
fn totals_ui(ui: &mut egui::Ui, state: &AppState, analysis: &Analysis, concealed: &Concealed) {
    let unit = state.unit;
    let (alarm, body, plain_color) = (theme::alarm(ui), theme::body_size(ui), ui.visuals().text_color());
    let total = |measure: Measure| {
        let value = measure.value(&analysis.report, unit);
        if concealed.hides(measure) {
            RichText::new(format!("{} = {HIDDEN}", measure.symbol()))
        } else if value.is_infinite() {
            // ∞ at the size of the digits is a dot: larger, in the alarm colour.
            let symbol = format!("{} = ", measure.symbol());
            let mut job = egui::text::LayoutJob::default();
            let plain = egui::TextFormat {
                font_id: FontId::proportional(body),
                color: plain_color,
                valign: egui::Align::Center,
                ..Default::default()
            };
            job.append(&symbol, 0.0, plain.clone());
            let big =
                egui::TextFormat { font_id: FontId::proportional(body * theme::INFINITY_RATIO), color: alarm, ..plain };
            job.append(&text::sig4(value), 0.0, big);
            return egui::WidgetText::from(job);
        } else {
            RichText::new(format!("{} = {}", measure.symbol(), text::with_unit(value, unit)))
        }
        .into()
    };
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Σ p·(−log p) =").weak());
        ui.label(total(Measure::EntropyP));
        ui.label(RichText::new("  Σ p·(−log q) =").weak());
        ui.label(total(Measure::CrossEntropyPQ));
        ui.label(RichText::new("  Σ p·log(p/q) =").weak());
        ui.label(total(Measure::KlPQ));
        ui.label(RichText::new("  Σ q·log(q/p) =").weak());
        ui.label(total(Measure::KlQP));
    });
}
