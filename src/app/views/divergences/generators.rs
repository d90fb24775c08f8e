//! The f-divergences' generators f(t), with the points t = p/q of the current outcomes
//! marked on the chosen one: a student sees why KL explodes as t grows (or reverse KL as
//! t → 0) where total variation stays flat.

use eframe::egui::{self, RichText};
use egui_plot::{Line, MarkerShape, PlotPoint, PlotPoints, Points, Text};

use super::data::{FamilyData, T_MAX};
use crate::app::ui::theme;
use crate::info::f_divergence::FDivergence;
use crate::info::family::FamilyMember;
use crate::text;

/// The generator plot; `chosen` is the member whose points are marked.
pub fn generators_ui(ui: &mut egui::Ui, data: &FamilyData, chosen: &mut FDivergence, height: f32) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Generators f(t), t = p/q").strong());
        egui::ComboBox::new("generator_member", "marked").selected_text(symbol(*chosen)).show_ui(ui, |ui| {
            for member in FDivergence::ALL {
                ui.selectable_value(chosen, member, symbol(member));
            }
        });
    });
    let strong = theme::divergence(ui);
    let faint = ui.visuals().weak_text_color();
    let alarm = theme::alarm(ui);
    let ratios = &data.picture.ratio_points;
    let points: Vec<[f64; 2]> = ratios
        .iter()
        .flatten()
        .map(|&t| {
            let shown = t.min(T_MAX);
            [shown, chosen.f(shown)]
        })
        .collect();
    let beyond = ratios.iter().flatten().filter(|t| **t > T_MAX).count();
    let top = data
        .picture
        .generators
        .iter()
        .find(|(member, _)| member == chosen)
        .map_or(1.0, |(_, curve)| curve.iter().map(|&(_, y)| y).filter(|y| y.is_finite()).fold(1.0, f64::max));
    let chosen = *chosen;
    theme::still_plot("generators", height)
        .include_x(0.0)
        .include_x(T_MAX)
        .include_y(-0.5)
        .include_y(top.min(8.0))
        .x_axis_label("t = p/q")
        .y_axis_label("f(t)")
        .show(ui, |plot_ui| {
            for (member, curve) in &data.picture.generators {
                let shown: Vec<[f64; 2]> =
                    curve.iter().filter(|(_, y)| y.is_finite()).map(|&(t, y)| [t, y.min(8.0)]).collect();
                let (color, width) = if *member == chosen { (strong, 3.0) } else { (faint, 1.0) };
                plot_ui.line(Line::new(symbol(*member), PlotPoints::from(shown)).color(color).width(width));
            }
            plot_ui.points(
                Points::new("outcomes (t = p/q)", points)
                    .color(strong)
                    .radius(5.0)
                    .shape(MarkerShape::Circle)
                    .filled(true),
            );
            if beyond > 0 {
                let note = RichText::new(format!("{beyond} beyond t = {}, some at ∞", text::sig4(T_MAX))).color(alarm);
                plot_ui.text(Text::new("", PlotPoint::new(T_MAX, top.min(8.0)), note).anchor(egui::Align2::RIGHT_TOP));
            }
        });
}

/// The member's symbol, as the table shows it: "KL(P||Q)", "χ²(P||Q)", ….
fn symbol(member: FDivergence) -> String {
    FamilyMember::F(member).symbol(1.0)
}
