//! Rényi's D_α against α, with the chosen order marked and KL at α = 1; and the slider
//! that chooses α (kept in the settings, as the unit is).

use eframe::egui::{self, RichText};
use egui_plot::{Line, PlotPoint, PlotPoints, Points, Text, VLine};

use super::data::FamilyData;
use crate::app::ui::theme;
use crate::info::Unit;
use crate::info::family::renyi_d;
use crate::text;

/// The plot and the slider; returns the α the user set, if it changed.
/// Less room than this beside the heading, in points, and the slider goes under it.
const NARROW_ROW: f32 = 240.0;

pub fn renyi_ui(ui: &mut egui::Ui, data: &FamilyData, unit: Unit, height: f32) -> Option<f64> {
    let alpha = data.family.alpha;
    let mut chosen = if alpha.is_finite() { alpha } else { 10.0 };
    let mut changed = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Rényi D_α(P||Q) against α").strong());
        if ui.available_size_before_wrap().x < NARROW_ROW {
            // A slider does not wrap: on a phone it starts its own line.
            ui.end_row();
        }
        let slider = egui::Slider::new(&mut chosen, 0.0..=10.0).text("α").fixed_decimals(2);
        if ui.add(slider).changed() {
            changed = Some(chosen);
        }
        if ui.button("α = ∞").on_hover_text("D_∞ = log max p/q").clicked() {
            changed = Some(f64::INFINITY);
        }
    });
    let value = unit.from_nats(data.family.renyi.value);
    ui.label(format!("{} = {}", renyi_d(alpha), text::with_unit(value, unit)));
    let color = theme::divergence(ui);
    let kl_color = theme::kl_direction(ui, crate::info::Direction::Forward);
    let curve: Vec<[f64; 2]> =
        data.picture.renyi_curve.iter().filter(|(_, d)| d.is_finite()).map(|&(a, d)| [a, unit.from_nats(d)]).collect();
    let kl = unit.from_nats(data.family.report.kl_pq);
    theme::still_plot("renyi_curve", height)
        .include_x(0.0)
        .include_x(10.0)
        .include_y(0.0)
        .x_axis_label("α")
        .y_axis_label(unit.name())
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("D_α", PlotPoints::from(curve)).color(color).width(2.5));
            if alpha.is_finite() {
                plot_ui.vline(VLine::new("chosen α", alpha).color(color).width(1.0));
            }
            if kl.is_finite() {
                plot_ui.points(Points::new("KL at α = 1", vec![[1.0, kl]]).color(kl_color).radius(6.0).filled(true));
                let label = RichText::new("KL").color(kl_color).strong();
                plot_ui.text(Text::new("", PlotPoint::new(1.0, kl), label).anchor(egui::Align2::LEFT_BOTTOM));
            }
        });
    changed
}
