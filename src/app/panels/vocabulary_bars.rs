//! A vocabulary in an editor: the top outcomes as bars, the long tail as one thin column
//! per pixel showing the smallest and largest probability among the outcomes it holds,
//! on a logarithmic scale with a line per power of ten.

use eframe::egui::{self, Align2, FontId, Rect, Stroke, pos2, vec2};

use super::bar_layout::{BarLayout, Scale};
use crate::app::ui::fit_text::fit_to_width;
use crate::app::ui::theme;
use crate::info::Side;
use crate::text;
use crate::text::thousands;

/// The smallest and largest value in each pixel column of the tail, left to right.
pub fn tail_envelope(layout: &BarLayout, values: &[f64]) -> Vec<(f64, f64)> {
    let Some(vocabulary) = &layout.vocabulary else {
        return Vec::new();
    };
    let left = layout.tail_left().floor();
    let columns = (layout.rect.right() - left).max(0.0) as usize;
    (0..columns)
        .map(|c| {
            let ranks = layout.ranks_in_column(left + c as f32);
            let mut range = (f64::INFINITY, f64::NEG_INFINITY);
            for rank in ranks {
                let value = vocabulary.ranking.outcomes.get(rank).and_then(|&i| values.get(i as usize)).copied();
                if let Some(v) = value {
                    range = (range.0.min(v), range.1.max(v));
                }
            }
            range
        })
        .collect()
}

/// What to draw besides the values themselves.
pub struct Marks {
    pub selected: usize,
    pub dragging: Option<usize>,
    pub hovered: Option<usize>,
}

pub fn paint_vocabulary(
    ui: &egui::Ui,
    layout: &BarLayout,
    side: Side,
    values: &[f64],
    labels: &[String],
    envelope: &[(f64, f64)],
    marks: &Marks,
) {
    let Some(vocabulary) = &layout.vocabulary else {
        return;
    };
    let painter = ui.painter_at(layout.rect.expand(2.0));
    let visuals = ui.visuals();
    let (color, fill) = (theme::color(ui, side), theme::fill(ui, side));
    let (text_color, weak) = (visuals.text_color(), visuals.weak_text_color());
    let bars = layout.bars();
    let small = FontId::proportional(theme::SMALL_SIZE);

    // A line per power of ten, so heights read as orders of magnitude (labelled last, on top).
    let decades = match layout.scale {
        Scale::Log { floor } => (1.0 / floor).log10().round() as i32,
        Scale::Linear { .. } => 0,
    };
    // A label every few decades, so that labels (about 13 px tall) never touch.
    let every = ((13.0 * decades.max(1) as f32 / bars.height().max(1.0)).ceil() as usize).max(1);
    for k in (0..=decades).step_by(every) {
        let stroke = Stroke::new(if k == decades { 1.5 } else { 0.5 }, weak.gamma_multiply(0.5));
        painter.hline(bars.x_range(), layout.y_of(10f64.powi(-k)), stroke);
    }

    // The top outcomes: a bar each, named underneath.
    let slot = layout.slot_width();
    let gap = (slot * 0.2).min(8.0);
    for rank in 0..vocabulary.bars {
        let i = layout.outcome_at_rank(rank);
        let value = values.get(i).copied().unwrap_or(0.0);
        let x = layout.x_of_rank(rank);
        let top = layout.y_of(value);
        let selected = i == marks.selected;
        if selected {
            let highlight = Rect::from_center_size(pos2(x, layout.rect.center().y), vec2(slot, layout.rect.height()));
            painter.rect_filled(highlight, 3.0, theme::selection(ui));
        }
        let bar =
            Rect::from_min_max(pos2(x - slot / 2.0 + gap / 2.0, top), pos2(x + slot / 2.0 - gap / 2.0, bars.bottom()));
        painter.rect_filled(bar, 2.0, if selected { color } else { fill });
        painter.hline(bar.x_range(), top, Stroke::new(2.0, color));
        if selected || marks.dragging == Some(i) {
            let font = FontId::proportional(theme::SMALL_SIZE);
            // Kept inside the editor, where the first bar's value would lose its first digit.
            let half = crate::app::ui::fit_text::text_width(&painter, &text::probability(value), &font) / 2.0 + 2.0;
            let x = x.clamp(bars.left() + half, (bars.right() - half).max(bars.left() + half));
            painter.text(pos2(x, top - 3.0), Align2::CENTER_BOTTOM, text::probability(value), font, text_color);
        }
        if rank % label_stride(slot) == 0 || selected {
            let label = labels.get(i).map_or("", String::as_str);
            let shown = fit_to_width(&painter, label, &small, slot * label_stride(slot) as f32 - 4.0);
            painter.text(pos2(x, bars.bottom() + 3.0), Align2::CENTER_TOP, shown, small.clone(), weak);
        }
    }

    // The tail: per pixel column, a faint area up to the largest value and a solid line
    // from the smallest to the largest.
    let left = layout.tail_left().floor();
    painter.vline(left, layout.rect.y_range(), Stroke::new(1.0, weak.gamma_multiply(0.6)));
    for (c, &(low, high)) in envelope.iter().enumerate() {
        if high < low {
            continue;
        }
        let x = left + c as f32 + 0.5;
        let (y_high, y_low) = (layout.y_of(high), layout.y_of(low));
        painter.vline(x, y_high..=bars.bottom(), Stroke::new(1.0, fill.gamma_multiply(0.5)));
        painter.vline(x, y_high..=y_low.max(y_high + 1.0), Stroke::new(1.0, color));
    }
    let tail = format!("+ {} more, by rank →", thousands(layout.tail_ranks()));
    painter.text(pos2(left + 4.0, bars.bottom() + 3.0), Align2::LEFT_TOP, tail, small.clone(), weak);

    for k in (0..decades).step_by(every) {
        let label = if k == 0 { "1".to_string() } else { format!("1e-{k}") };
        let at = pos2(bars.right() - 2.0, layout.y_of(10f64.powi(-k)) + 1.0);
        painter.text(at, Align2::RIGHT_TOP, label, small.clone(), weak);
    }

    // The selected and the hovered outcome, wherever they are.
    for (index, strong) in [(Some(marks.selected), true), (marks.hovered, false)] {
        let Some(i) = index.filter(|&i| layout.rank_of(i) >= vocabulary.bars) else {
            continue;
        };
        let x = layout.x_of_rank(layout.rank_of(i));
        let y = layout.y_of(values.get(i).copied().unwrap_or(0.0));
        let stroke =
            Stroke::new(if strong { 2.0 } else { 1.0 }, text_color.gamma_multiply(if strong { 1.0 } else { 0.6 }));
        painter.vline(x, bars.y_range(), stroke);
        painter.circle_filled(pos2(x, y), if strong { 4.5 } else { 3.5 }, color);
    }
}

/// Name every k-th bar so that names fit.
fn label_stride(slot: f32) -> usize {
    ((60.0 / slot).ceil() as usize).max(1)
}
