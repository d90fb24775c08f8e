//! The per-outcome table: p, q, surprises, log ratio and both KL terms for every outcome,
//! and the terms of one more member of the family if chosen (JS, TV, Hel², χ² either way,
//! W₁'s share of each gap), sortable by any column, with the totals that are the measures.
//! For a scenario about P alone, the columns of H(P): p, −log p and p·(−log p), summing to
//! H(P).

use eframe::egui::{self, Align2, FontId, RichText, Sense, vec2};

use super::{View, ViewInput};
use crate::app::command::Command;
use crate::app::edit::Action;
use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::Cached;
use crate::app::ui::concealment::HIDDEN;
use crate::app::ui::{print, theme};
use crate::info::f_divergence::{self, FDivergence};
use crate::info::family::FamilyMember;
use crate::info::measures::outcome_terms;
use crate::info::wasserstein;
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
    /// p·(−log p): a term of H(P).
    TermP,
    /// The chosen family member's terms.
    Member,
}

/// How many columns there are in all.
const COLUMNS: usize = 10;

impl Column {
    /// The columns of H(P), for a scenario about P alone.
    const P_ALONE: [Column; 4] = [Column::Outcome, Column::P, Column::SurpriseP, Column::TermP];

    /// Every column, in the order of [`row_values`] after the outcome.
    const EVERY: [Column; COLUMNS] = [
        Column::Outcome,
        Column::P,
        Column::Q,
        Column::SurpriseP,
        Column::SurpriseQ,
        Column::LogRatio,
        Column::TermPQ,
        Column::TermQP,
        Column::TermP,
        Column::Member,
    ];

    /// The columns of P against Q: all but H(P)'s term.
    fn against_q() -> impl Iterator<Item = Column> {
        Column::EVERY.into_iter().filter(|c| *c != Column::TermP)
    }

    fn title(self, log: &str, member: TermsOf) -> String {
        match self {
            Column::Outcome => "outcome".into(),
            Column::P => "p".into(),
            Column::Q => "q".into(),
            Column::SurpriseP => format!("−{log} p"),
            Column::SurpriseQ => format!("−{log} q"),
            Column::LogRatio => format!("{log}(p/q)"),
            Column::TermPQ => format!("p·{log}(p/q)"),
            Column::TermQP => format!("q·{log}(q/p)"),
            Column::TermP => format!("p·(−{log} p)"),
            Column::Member => member.column_title().to_string(),
        }
    }

    fn width(self) -> f32 {
        if self == Column::Outcome { 104.0 } else { 86.0 }
    }
}

/// The member of the family whose terms fill the last column, besides KL's two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TermsOf {
    #[default]
    Nothing,
    F(FDivergence),
    Wasserstein1,
}

impl TermsOf {
    const CHOICES: [TermsOf; 7] = [
        TermsOf::Nothing,
        TermsOf::F(FDivergence::Js),
        TermsOf::F(FDivergence::TotalVariation),
        TermsOf::F(FDivergence::HellingerSquared),
        TermsOf::F(FDivergence::ChiSquarePearson),
        TermsOf::F(FDivergence::ChiSquareNeyman),
        TermsOf::Wasserstein1,
    ];

    /// What the chooser says.
    fn name(self) -> String {
        match self {
            TermsOf::Nothing => "only KL's".to_string(),
            TermsOf::F(f) => FamilyMember::F(f).symbol(1.0),
            TermsOf::Wasserstein1 => "W₁(P,Q)".to_string(),
        }
    }

    fn column_title(self) -> &'static str {
        match self {
            TermsOf::Nothing => "",
            TermsOf::F(FDivergence::Js) => "JS term",
            TermsOf::F(FDivergence::TotalVariation) => "½|p − q|",
            TermsOf::F(FDivergence::HellingerSquared) => "½(√p − √q)²",
            TermsOf::F(FDivergence::ChiSquarePearson) => "(p − q)²/q",
            TermsOf::F(FDivergence::ChiSquareNeyman) => "(p − q)²/p",
            TermsOf::F(_) => "q·f(p/q)",
            TermsOf::Wasserstein1 => "|F_P − F_Q|·gap",
        }
    }

    /// The measure its terms add up to, where it is one.
    fn measure(self) -> Option<Measure> {
        match self {
            TermsOf::F(f) => FamilyMember::F(f).measure(),
            TermsOf::Nothing | TermsOf::Wasserstein1 => None,
        }
    }

    /// Each outcome's term, in `unit` where the member has one.
    fn terms(self, p: &[f64], q: &[f64], positions: Option<&[f64]>, unit: Unit) -> Vec<f64> {
        match self {
            TermsOf::Nothing => Vec::new(),
            TermsOf::F(f) if FamilyMember::F(f).has_unit() => {
                f_divergence::terms(f, p, q).into_iter().map(|t| unit.from_nats(t)).collect()
            }
            TermsOf::F(f) => f_divergence::terms(f, p, q),
            TermsOf::Wasserstein1 => wasserstein::gap_terms(p, q, positions),
        }
    }
}

/// A column and whether it sorts descending.
type Sort = Option<(Column, bool)>;

/// How the table is sorted (by a column, descending or not; None: outcome order), and
/// the order that gives, kept until the numbers, the sort or the unit change.
#[derive(Default)]
pub struct TableView {
    sort: Sort,
    order: Cached<(u64, Sort, Unit, TermsOf), Vec<usize>>,
    /// The columns a pending question hides, for these numbers, this unit and this question.
    hidden: Cached<(u64, Unit, Concealed, TermsOf), [bool; COLUMNS]>,
    /// Whose terms the last column holds.
    terms_of: TermsOf,
    /// The chosen member's terms, for these numbers and this unit.
    member_terms: Cached<(u64, Unit, TermsOf), Vec<f64>>,
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

/// The table's size at this type size, and the columns that fit: where all do not, the
/// surprises and the log ratio go; the probabilities, both KL terms and a chosen member's
/// terms stay.
struct Geometry {
    scale: f32,
    shown: Vec<Column>,
}

impl Geometry {
    fn for_ui(ui: &egui::Ui, p_alone: bool, terms_of: TermsOf) -> Geometry {
        let wanted = theme::text_scale(ui);
        let room = ui.available_width();
        let width_of = |columns: &[Column]| columns.iter().map(|c| c.width()).sum::<f32>();
        let all: Vec<Column> =
            Column::against_q().filter(|c| *c != Column::Member || terms_of != TermsOf::Nothing).collect();
        let shown = if p_alone {
            Column::P_ALONE.to_vec()
        } else if width_of(&all) * wanted <= room {
            all
        } else {
            let optional = [Column::SurpriseP, Column::SurpriseQ, Column::LogRatio];
            all.into_iter().filter(|c| !optional.contains(c)).collect()
        };
        // Never wider than the view: the type shrinks a little before a column is cut.
        let scale = wanted.min(room / width_of(&shown)).max(0.7);
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

/// One outcome's numbers in the shown unit (p and q as probabilities), p·(−log p), and
/// last the chosen member's term (NaN when none is chosen).
fn row_values(analysis: &Analysis, unit: Unit, member_terms: &[f64], i: usize) -> [f64; COLUMNS - 1] {
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
        if p > 0.0 { p * unit.from_nats(terms.surprise_p) } else { 0.0 },
        at(member_terms),
    ]
}

/// Draws the table; returns Copy as CSV, or the row clicked.
fn table_ui(ui: &mut egui::Ui, input: &ViewInput<'_>, table: &mut TableView) -> Option<Command> {
    let (state, analysis, concealed) = (input.state, input.analysis, input.concealed);
    let (unit, terms_of) = (state.unit, table.terms_of);
    let positions = state.doc.positions.as_deref();
    let member_terms = table
        .member_terms
        .get((analysis.revision, unit, terms_of), || terms_of.terms(&analysis.p, &analysis.q, positions, unit));
    let key = (analysis.revision, unit, concealed.clone(), terms_of);
    let hidden = *table.hidden.get(key, || hidden_columns(analysis, unit, member_terms, terms_of, concealed));
    let p_alone = state.doc.focus.p_alone();
    let geometry = Geometry::for_ui(ui, p_alone, terms_of);
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
        if !p_alone {
            egui::ComboBox::new("table_terms_of", "terms too")
                .selected_text(terms_of.name())
                .show_ui(ui, |ui| {
                    for choice in TermsOf::CHOICES {
                        ui.selectable_value(&mut table.terms_of, choice, choice.name());
                    }
                })
                .response
                .on_hover_text("Add a column with another member of the family's per-outcome terms; its sum is below");
        }
        let hint = if !p_alone && geometry.shown.len() < Column::against_q().count() {
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
            let title = column.title(log, terms_of);
            let text = RichText::new(format!("{title}{arrow}")).size(14.0 * geometry.scale).strong();
            let button = egui::Button::new(text).frame(false).min_size(vec2(geometry.width(column), geometry.row()));
            // p and q say whose probability they are, in the scenario's words.
            let hover = match column {
                Column::P => format!("The probability under {}. Sort by this column", state.doc.roles.named(Side::P)),
                Column::Q => format!("The probability under {}. Sort by this column", state.doc.roles.named(Side::Q)),
                _ => "Sort by this column".to_string(),
            };
            if ui.add(button).on_hover_text(hover).clicked() {
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
    let member_terms = table.member_terms.value().map_or(&[][..], Vec::as_slice);
    table.order.update((analysis.revision, sort, unit, terms_of), dragging, || {
        sorted_order(state.doc.labels(), analysis, unit, member_terms, sort)
    });
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
                if row_ui(ui, state, analysis, member_terms, i, &geometry, &hidden) {
                    command = Some(Command::Select(i));
                }
            }
        },
    );
    let member_total = member_total(terms_of, member_terms, &hidden);
    let top = ui.cursor().top();
    totals_ui(ui, state, analysis, concealed, member_total);
    table.footer = Some(ui.cursor().top() - top);
    command
}

/// The chosen member's column's sum, as the totals line shows it (None: none chosen).
fn member_total(terms_of: TermsOf, terms: &[f64], hidden: &[bool; COLUMNS]) -> Option<(String, String)> {
    if terms_of == TermsOf::Nothing {
        return None;
    }
    let symbol = format!("Σ {} =", terms_of.column_title());
    let value = if hidden[Column::Member as usize] {
        HIDDEN.to_string()
    } else {
        let sum: f64 = terms.iter().sum();
        format!("{} = {}", terms_of.name(), text::sig4(sum))
    };
    Some((symbol, value))
}

/// The columns a pending question hides: the terms of a measure it hides, and any column
/// of surprises, log ratios or terms with a number near a number question's answer (the
/// whole column, so that no single hidden cell points at the answer). p and q are the
/// inputs: they always show.
fn hidden_columns(
    analysis: &Analysis,
    unit: Unit,
    member_terms: &[f64],
    terms_of: TermsOf,
    concealed: &Concealed,
) -> [bool; COLUMNS] {
    let near = |column: Column| {
        let k = column as usize - 1;
        concealed.hides_any((0..analysis.p.len()).map(|i| row_values(analysis, unit, member_terms, i)[k]))
    };
    // The column's sum is on screen too, and it is the member itself.
    let member_sum: f64 = member_terms.iter().sum();
    Column::EVERY.map(|column| match column {
        Column::Outcome | Column::P | Column::Q => false,
        Column::TermPQ => concealed.hides_terms(Measure::KlPQ) || near(column),
        Column::TermQP => concealed.hides_terms(Measure::KlQP) || near(column),
        Column::TermP => concealed.hides_terms(Measure::EntropyP) || near(column),
        Column::SurpriseP | Column::SurpriseQ | Column::LogRatio => near(column),
        Column::Member => {
            terms_of.measure().is_some_and(|m| concealed.hides_terms(m) || concealed.hides(m))
                || (terms_of == TermsOf::Wasserstein1 && concealed.hides_member(FamilyMember::Wasserstein1))
                || near(column)
                || concealed.hides_any([member_sum])
        }
    })
}

/// The outcomes in the order of `sort`; empty cells (no log ratio) always last.
fn sorted_order(labels: &[String], analysis: &Analysis, unit: Unit, member_terms: &[f64], sort: Sort) -> Vec<usize> {
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
    let keys: Vec<f64> = (0..n).map(|i| row_values(analysis, unit, member_terms, i)[k]).collect();
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
    member_terms: &[f64],
    i: usize,
    geometry: &Geometry,
    hidden: &[bool; COLUMNS],
) -> bool {
    let (rect, response) = ui.allocate_exact_size(vec2(geometry.total_width(), geometry.row()), Sense::click());
    let painter = ui.painter_at(rect);
    // On paper no row is singled out: a highlighted row would hint at an answer.
    if i == state.selected && !print::printing(ui) {
        painter.rect_filled(rect, 2.0, theme::selection(ui));
    }
    let values = row_values(analysis, state.unit, member_terms, i);
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
fn totals_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    analysis: &Analysis,
    concealed: &Concealed,
    member: Option<(String, String)>,
) {
    let unit = state.unit;
    let (alarm, body) = (theme::alarm(ui), theme::body_size(ui));
    let (weak, plain_color) = (ui.visuals().weak_text_color(), ui.visuals().text_color());
    let format = |color, size| egui::TextFormat {
        font_id: FontId::proportional(size),
        color,
        valign: egui::Align::Center,
        ..Default::default()
    };
    // Each sum one label that never breaks, "Σ p·log(p/q) = KL(P||Q) = 0.3500 bits": the
    // line wraps between sums, not inside one.
    let sum = |ui: &mut egui::Ui, sum: &str, symbol: &str, value: &str, infinite: bool| {
        let mut job = egui::text::LayoutJob::default();
        job.append(&format!("{sum} = "), 0.0, format(weak, body));
        job.append(&format!("{symbol} = "), 0.0, format(plain_color, body));
        // ∞ at the size of the digits is a dot: larger, in the alarm colour.
        let value_format =
            if infinite { format(alarm, body * theme::INFINITY_RATIO) } else { format(plain_color, body) };
        job.append(value, 0.0, value_format);
        ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
    };
    let total = |ui: &mut egui::Ui, sum_text: &str, measure: Measure| {
        let value = measure.value(&analysis.report, unit);
        if concealed.hides(measure) {
            sum(ui, sum_text, measure.symbol(), HIDDEN, false);
        } else if value.is_infinite() {
            sum(ui, sum_text, measure.symbol(), &text::sig4(value), true);
        } else {
            sum(ui, sum_text, measure.symbol(), &text::with_unit(value, unit), false);
        }
    };
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0 * ui.spacing().item_spacing.x;
        total(ui, "Σ p·(−log p)", Measure::EntropyP);
        if state.doc.focus.p_alone() {
            return;
        }
        total(ui, "Σ p·(−log q)", Measure::CrossEntropyPQ);
        total(ui, "Σ p·log(p/q)", Measure::KlPQ);
        total(ui, "Σ q·log(q/p)", Measure::KlQP);
        if let Some((symbol, value)) = member {
            let mut job = egui::text::LayoutJob::default();
            job.append(&symbol, 0.0, format(weak, body));
            job.append(&format!(" {value}"), 0.0, format(plain_color, body));
            ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
        }
    });
}
