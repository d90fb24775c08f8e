//! The optimal transport plan of W₁ on ordered outcomes: P's bars above, Q's below, and a
//! band from each P outcome to each Q outcome it sends mass to, as thick as the mass.

use eframe::egui::{self, Align2, FontId, Rect, Stroke, pos2, vec2};

use super::data::FamilyData;
use crate::app::ui::fit_text::fit_to_width;
use crate::app::ui::theme;
use crate::info::Side;

/// Draws the plan in the width there is, `height` points tall.
pub fn transport_ui(ui: &mut egui::Ui, data: &FamilyData, p: &[f64], q: &[f64], labels: &[String], height: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let (p_color, q_color) = (theme::color(ui, Side::P), theme::color(ui, Side::Q));
    let band = theme::divergence(ui).gamma_multiply(0.55);
    let text_color = ui.visuals().text_color();
    let font = FontId::proportional(theme::SMALL_SIZE);
    let n = p.len().max(1);
    let (low, high) = (data.positions.first().copied().unwrap_or(0.0), data.positions.last().copied().unwrap_or(1.0));
    let span = (high - low).max(f64::MIN_POSITIVE);
    let inner = rect.shrink2(vec2(24.0, 0.0));
    let x_of = |i: usize| {
        let x = data.positions.get(i).copied().unwrap_or(i as f64);
        inner.left() + ((x - low) / span) as f32 * inner.width()
    };
    let bar_height = height * 0.28;
    let p_base = rect.top() + bar_height + 4.0;
    let q_base = rect.bottom() - bar_height - 16.0;
    let slot = (inner.width() / n as f32).clamp(2.0, 28.0);
    let tallest = p.iter().chain(q).copied().fold(0.0f64, f64::max).max(1e-12);
    for (i, (&pi, &qi)) in p.iter().zip(q).enumerate() {
        let x = x_of(i);
        let up = (pi / tallest) as f32 * bar_height;
        let down = (qi / tallest) as f32 * bar_height;
        painter.rect_filled(
            Rect::from_min_max(pos2(x - slot * 0.4, p_base - up), pos2(x + slot * 0.4, p_base)),
            1.0,
            p_color,
        );
        painter.rect_filled(
            Rect::from_min_max(pos2(x - slot * 0.4, q_base), pos2(x + slot * 0.4, q_base + down)),
            1.0,
            q_color,
        );
    }
    for step in &data.picture.plan {
        let width = (step.mass as f32 * 18.0).clamp(1.0, 18.0);
        painter.line_segment([pos2(x_of(step.from), p_base), pos2(x_of(step.to), q_base)], Stroke::new(width, band));
    }
    // Every other name when they would crowd; each cut to its slot.
    let every = ((40.0 / slot).ceil() as usize).max(1);
    for (i, label) in labels.iter().enumerate().step_by(every) {
        let shown = fit_to_width(&painter, label, &font, slot * every as f32 - 2.0);
        painter.text(pos2(x_of(i), rect.bottom() - 2.0), Align2::CENTER_BOTTOM, shown, font.clone(), text_color);
    }
    painter.text(
        pos2(rect.left(), p_base - 2.0),
        Align2::LEFT_BOTTOM,
        "P",
        FontId::proportional(theme::BODY_SIZE),
        p_color,
    );
    painter.text(
        pos2(rect.left(), q_base + 2.0),
        Align2::LEFT_TOP,
        "Q",
        FontId::proportional(theme::BODY_SIZE),
        q_color,
    );
}
