//! The identity view: H(P,Q) = H(P) + KL(P||Q) and H(Q,P) = H(Q) + KL(Q||P) as stacked
//! bars drawn to one scale, so the cross-entropy visibly exceeds the entropy by the KL.

use eframe::egui::{self, Align2, Color32, FontId, Rect, Sense, pos2, vec2};

use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::app::ui::concealment::{HIDDEN, HIDDEN_WHY};
use crate::app::ui::theme;
use crate::info::{Measure, Side};
use crate::lesson::Concealed;
use crate::text;

pub fn identity_ui(ui: &mut egui::Ui, state: &AppState, analysis: &Analysis, concealed: &Concealed) {
    let unit = state.unit;
    let r = &analysis.report;
    let rows = [
        (Side::P, "H(P,Q) = H(P) + KL(P||Q)", unit.from_nats(r.entropy_p), unit.from_nats(r.kl_pq), "H(P)", "KL(P||Q)"),
        (Side::Q, "H(Q,P) = H(Q) + KL(Q||P)", unit.from_nats(r.entropy_q), unit.from_nats(r.kl_qp), "H(Q)", "KL(Q||P)"),
    ];
    // One scale for both rows; an infinite KL runs to the edge, marked "→ ∞".
    let largest = rows.iter().map(|row| row.2 + if row.3.is_finite() { row.3 } else { 0.0 }).fold(0.0f64, f64::max);
    let scale_max = largest.max(1e-9);

    ui.label(egui::RichText::new("Cross-entropy = entropy + KL").strong());
    for (side, title, entropy, kl, entropy_name, kl_name) in rows {
        // A row whose parts a pending question hides shows neither numbers nor bars:
        // the bars' lengths would tell the answer too.
        let (entropy_of, kl_of, cross_of) = match side {
            Side::P => (Measure::EntropyP, Measure::KlPQ, Measure::CrossEntropyPQ),
            Side::Q => (Measure::EntropyQ, Measure::KlQP, Measure::CrossEntropyQP),
        };
        if [entropy_of, kl_of, cross_of].into_iter().any(|m| concealed.hides(m)) {
            ui.label(format!("{title} = {HIDDEN}")).on_hover_text(HIDDEN_WHY);
            continue;
        }
        let total = entropy + kl;
        ui.label(format!("{title} = {}", text::with_unit(total, unit)));
        // The bar, and under it a row for the labels of segments too thin to hold their own:
        // always there, so the panel does not jump when a segment grows or shrinks.
        let font = FontId::proportional(14.0);
        let label_row = ui.fonts_mut(|f| f.row_height(&font)) + 2.0;
        let (whole, response) = ui.allocate_exact_size(vec2(ui.available_width(), BAR + label_row), Sense::hover());
        let painter = ui.painter_at(whole);
        let rect = Rect::from_min_size(whole.min, vec2(whole.width(), BAR));
        let below = Rect::from_min_max(pos2(whole.left(), rect.bottom() + 2.0), whole.max);
        // Bars use 70% of the width; the rest holds labels of segments too thin for them.
        let x_of = |v: f64| rect.left() + (v / scale_max).min(1.0) as f32 * rect.width() * 0.7;
        let entropy_rect = Rect::from_min_max(rect.min, pos2(x_of(entropy), rect.bottom()));
        let kl_end = if kl.is_finite() { x_of(entropy + kl) } else { rect.right() };
        let kl_rect = Rect::from_min_max(pos2(entropy_rect.right(), rect.top()), pos2(kl_end, rect.bottom()));
        let palette = theme::palette(ui);
        let entropy_fill = theme::fill(ui, side);
        painter.rect_filled(entropy_rect, 2.0, entropy_fill);
        let kl_fill = if kl.is_finite() { palette.divergence_fill } else { palette.alarm_fill };
        painter.rect_filled(kl_rect, 2.0, kl_fill);
        let entropy_text = format!("{entropy_name} {}", text::sig4(entropy));
        let kl_text = if kl.is_finite() {
            format!("{kl_name} {}", text::sig4(kl))
        } else {
            format!("{kl_name} → {}", text::INFINITY)
        };
        // Each segment's label inside it, else beside it, else in the row below in the
        // segment's own text colour: every segment is always named.
        let mut next_free = below.left();
        for (segment, label, fill, color, limit) in [
            (entropy_rect, &entropy_text, entropy_fill, theme::color(ui, side), entropy_rect.right()),
            (kl_rect, &kl_text, kl_fill, if kl.is_finite() { palette.divergence } else { palette.alarm }, rect.right()),
        ] {
            let ink = theme::ink_on(fill);
            if !segment_label(&painter, segment, label, font.clone(), ink, ui.visuals().text_color(), limit) {
                let width = painter.layout_no_wrap(label.clone(), font.clone(), color).size().x;
                let x = segment.left().max(next_free).min(below.right() - width).max(below.left());
                painter.text(pos2(x, below.top()), Align2::LEFT_TOP, label, font.clone(), color);
                next_free = x + width + 12.0;
            }
        }
        response.on_hover_text(format!(
            "{title}\n{entropy_name} = {}, {kl_name} = {}",
            full_with_unit(entropy, unit),
            full_with_unit(kl, unit)
        ));
    }
}

/// Full precision with the unit; infinity stands alone.
fn full_with_unit(x: f64, unit: crate::info::Unit) -> String {
    if x.is_infinite() { text::full(x) } else { format!("{} {unit}", text::full(x)) }
}

/// The height of an identity bar.
const BAR: f32 = 26.0;

/// Writes a label inside a segment if it fits, else just right of it if there is room
/// before `limit` (in `outside` colour); false when it did neither.
fn segment_label(
    painter: &egui::Painter,
    rect: Rect,
    text: &str,
    font: FontId,
    inside: Color32,
    outside: Color32,
    limit: f32,
) -> bool {
    let galley = painter.layout_no_wrap(text.to_string(), font.clone(), inside);
    let size = galley.size();
    if size.x + 8.0 <= rect.width() {
        painter.galley(Align2::CENTER_CENTER.anchor_size(rect.center(), size).min, galley, inside);
        true
    } else if rect.right() + 6.0 + size.x <= limit {
        painter.text(egui::pos2(rect.right() + 6.0, rect.center().y), Align2::LEFT_CENTER, text, font, outside);
        true
    } else {
        false
    }
}
