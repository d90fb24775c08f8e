//! Every member of the family in one table: its value here (∞ large, with why on hover),
//! and whether it is symmetric, bounded and a metric. Each name's hover text is its
//! formula, its meaning and where it is infinite.

use eframe::egui::{self, RichText};

use super::data::FamilyData;
use crate::app::ui::theme;
use crate::info::Unit;
use crate::info::family::FamilyMember;
use crate::text;

/// The table's five columns need about this width, in points; below it each measure is
/// one line of words (a phone).
const TABLE_FROM: f32 = 540.0;

pub fn table_ui(ui: &mut egui::Ui, data: &FamilyData, unit: Unit, labels: &[String]) {
    if ui.available_width() < TABLE_FROM {
        list_ui(ui, data, unit, labels);
        return;
    }
    let alpha = data.family.alpha;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    // Wider than a narrow view (presentation mode): it scrolls sideways, its bar in sight.
    egui::ScrollArea::horizontal().id_salt("family_table").show(ui, |ui| {
        egui::Grid::new("family_table").striped(true).spacing([18.0, 4.0]).show(ui, |ui| {
            // No "finite here" column: the value says ∞, large and in the alarm colour, and
            // the column pushed the table past a presented view's width.
            for head in ["measure", "value", "symmetric", "bounded", "metric"] {
                ui.label(RichText::new(head).strong());
            }
            ui.end_row();
            for member in FamilyMember::ALL {
                let hover = format!(
                    "{}\n{}\n{}\n∞ {}",
                    member.name(),
                    member.formula(unit),
                    member.meaning(),
                    member.where_infinite(alpha)
                );
                ui.label(RichText::new(member.symbol(alpha)).strong()).on_hover_text(hover);
                value_ui(ui, member, data, unit, labels);
                ui.label(yes_no(member.is_symmetric(alpha)));
                ui.label(member.bound().map_or("no".to_string(), |b| format!("≤ {}", bound_text(member, b, unit))));
                ui.label(yes_no(member.is_metric()));
                ui.end_row();
            }
        });
    });
}

/// Each measure as one line that wraps: its symbol, its value and what it is
/// (symmetric, bounded, a metric), for a view narrower than the table.
fn list_ui(ui: &mut egui::Ui, data: &FamilyData, unit: Unit, labels: &[String]) {
    let alpha = data.family.alpha;
    for member in FamilyMember::ALL {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(member.symbol(alpha)).strong()).on_hover_text(member.name());
            value_ui(ui, member, data, unit, labels);
            let symmetric = if member.is_symmetric(alpha) { "symmetric" } else { "not symmetric" };
            let bound =
                member.bound().map_or("unbounded".to_string(), |b| format!("≤ {}", bound_text(member, b, unit)));
            let metric = if member.is_metric() { "a metric" } else { "not a metric" };
            ui.label(RichText::new(format!("{symmetric} · {bound} · {metric}")).small().weak());
        });
    }
}

/// A member's value, ∞ large and in the alarm colour with why on hover.
fn value_ui(ui: &mut egui::Ui, member: FamilyMember, data: &FamilyData, unit: Unit, labels: &[String]) {
    let value = member.value(&data.family, unit);
    if value.is_infinite() {
        let why = member.infinite_because(&data.family).map(|cause| {
            let name = labels.get(cause.outcome).map_or(String::new(), |l| text::quote(l));
            format!("'{name}' makes it ∞: one side gives it probability 0, the other does not")
        });
        ui.label(
            RichText::new(text::INFINITY)
                .strong()
                .size(theme::body_size(ui) * theme::INFINITY_RATIO)
                .color(theme::alarm(ui)),
        )
        .on_hover_text(why.unwrap_or_default());
        return;
    }
    let shown = match member {
        FamilyMember::Wasserstein1 if !data.positioned => format!("{} (order)", text::sig4(value)),
        FamilyMember::Wasserstein1 => text::sig4(value),
        m if m.has_unit() => text::with_unit(value, unit),
        _ => text::sig4(value),
    };
    ui.label(shown);
}

/// A member's upper bound, in the unit where it has one.
fn bound_text(member: FamilyMember, bound: f64, unit: Unit) -> String {
    if member.has_unit() { text::with_unit(unit.from_nats(bound), unit) } else { text::sig4(bound) }
}
