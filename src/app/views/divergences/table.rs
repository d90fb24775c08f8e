//! Every member of the family in one table: its value here, and whether it is symmetric,
//! bounded, a metric, and finite for this P and Q. Each name's hover text is its formula,
//! its meaning and where it is infinite.

use eframe::egui::{self, RichText};

use super::data::FamilyData;
use crate::app::ui::theme;
use crate::info::Unit;
use crate::info::family::FamilyMember;
use crate::text;

pub fn table_ui(ui: &mut egui::Ui, data: &FamilyData, unit: Unit, labels: &[String]) {
    let alpha = data.family.alpha;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    // Wider than a narrow view (presentation mode): it scrolls sideways, its bar in sight.
    egui::ScrollArea::horizontal().id_salt("family_table").show(ui, |ui| {
        egui::Grid::new("family_table").striped(true).spacing([18.0, 4.0]).show(ui, |ui| {
            for head in ["measure", "value", "symmetric", "bounded", "metric", "finite here"] {
                ui.label(RichText::new(head).strong());
            }
            ui.end_row();
            for member in FamilyMember::ALL {
                let value = member.value(&data.family, unit);
                let hover = format!(
                    "{}\n{}\n{}\n∞ {}",
                    member.name(),
                    member.formula(unit),
                    member.meaning(),
                    member.where_infinite(alpha)
                );
                ui.label(RichText::new(member.symbol(alpha)).strong()).on_hover_text(hover);
                let shown = match member {
                    FamilyMember::Wasserstein1 if !data.positioned => format!("{} (order)", text::sig4(value)),
                    FamilyMember::Wasserstein1 => text::sig4(value),
                    m if m.has_unit() => text::with_unit(value, unit),
                    _ => text::sig4(value),
                };
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
                } else {
                    ui.label(shown);
                }
                ui.label(yes_no(member.is_symmetric(alpha)));
                let bound = |b: f64| {
                    if member.has_unit() { text::with_unit(unit.from_nats(b), unit) } else { text::sig4(b) }
                };
                ui.label(member.bound().map_or("no".to_string(), |b| format!("≤ {}", bound(b))));
                ui.label(yes_no(member.is_metric()));
                ui.label(yes_no(value.is_finite()));
                ui.end_row();
            }
        });
    });
}
