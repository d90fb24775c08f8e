//! The exact value of one outcome: a text field that takes decimals and fractions, and
//! the padlock that keeps an outcome's value while the others are edited.

use eframe::egui::{self, Align2, Rect, Sense, Stroke, StrokeKind, pos2, vec2};

use super::bar_state::{BarEditor, field_name, locked_message};
use crate::app::model::state::AppState;
use crate::app::ui::theme;
use crate::info::Side;
use crate::text::{self, parse_number};

/// A text field holding one probability. Accepts decimals and fractions such as 1/3;
/// commits on Enter or when focus leaves; refuses bad input with a message.
pub fn value_field(
    ui: &mut egui::Ui,
    side: Side,
    index: usize,
    state: &mut AppState,
    editor: &mut BarEditor,
    width: f32,
) {
    let (Some(label), Some(value)) = (state.doc.labels().get(index).cloned(), state.doc.get(side).prob(index)) else {
        return;
    };
    let mut text = match &editor.typing {
        Some((i, text)) if *i == index => {
            editor.typing_drawn = true;
            text.clone()
        }
        _ => text::probability(value),
    };
    let name = field_name(side, &label);
    let id = egui::Id::unique(("value field", side, index));
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .id(id)
            .desired_width(width)
            .text_color(theme::color(ui, side))
            .align(Align2::CENTER_CENTER),
    );
    let response = response.accessible_name(name.clone()).on_hover_text(format!(
        "{name} = {}. Type a decimal or a fraction such as 1/3, then Enter (Esc cancels).",
        text::full(value)
    ));
    if response.has_focus() {
        // Focus came straight from another field of this editor: that one commits first.
        if let Some((other, typed)) = editor.typing.take_if(|(i, _)| *i != index) {
            commit_typed(state, side, other, &typed, editor);
        }
        editor.typing = Some((index, text.clone()));
        editor.typing_drawn = true;
        state.selected = index;
        state.active = side;
    }
    // egui reports lost focus on two frames; only text still held from typing counts,
    // and only if the user changed it: tabbing through must not round 1/3 to 0.3333.
    if response.lost_focus()
        && let Some((_, typed)) = editor.typing.take_if(|(i, _)| *i == index)
    {
        let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if !cancelled && typed.trim() != text::probability(value) {
            commit_typed(state, side, index, &typed, editor);
        }
    }
}

fn commit_typed(state: &mut AppState, side: Side, index: usize, text: &str, editor: &mut BarEditor) {
    let label = state.doc.labels().get(index).cloned().unwrap_or_default();
    editor.message = commit_value(state, side, index, &field_name(side, &label), text).err();
}

fn commit_value(state: &mut AppState, side: Side, index: usize, name: &str, text: &str) -> Result<(), String> {
    let value = parse_number(text).map_err(|e| format!("{name}: {e}"))?;
    if !(0.0..=1.0).contains(&value) {
        return Err(format!("{name} is {value}: a probability is between 0 and 1"));
    }
    let distribution = state.doc.get_mut(side);
    if distribution.is_locked(index) {
        return Err(locked_message(side, distribution.label(index).unwrap_or_default()));
    }
    let got = distribution.set(index, value).map_err(|e| e.message(side.name()))?;
    if (got - value).abs() > 1e-12 {
        let why = if distribution.len() == 1 {
            "a single outcome has probability 1"
        } else {
            "locked outcomes hold the rest"
        };
        return Err(format!("{name} set to {} ({why})", text::probability(got)));
    }
    Ok(())
}

/// The lock of one outcome: a locked outcome keeps its value while others are edited.
pub fn lock_toggle(ui: &mut egui::Ui, side: Side, index: usize, state: &mut AppState) {
    let Some(label) = state.doc.labels().get(index).cloned() else {
        return;
    };
    let distribution = state.doc.get_mut(side);
    let locked = distribution.is_locked(index);
    let name = field_name(side, &label);
    let (rect, response) = ui.allocate_exact_size(vec2(26.0, 24.0), Sense::click());
    let look = ui.style().interact_selectable(&response, locked);
    let painter = ui.painter();
    painter.rect(rect, 3.0, look.weak_bg_fill, look.bg_stroke, StrokeKind::Inside);
    paint_padlock(painter, rect.center(), locked, look.fg_stroke.color);
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, locked, format!("lock {name}")));
    let response = response.on_hover_text(if locked {
        format!("{name} is locked: it keeps its value while you edit the others. Click to unlock.")
    } else {
        format!("Lock {name} so it keeps its value while you edit the others.")
    });
    if response.clicked() {
        let _ = distribution.set_locked(index, !locked);
    }
}

/// A small padlock, closed or open (no font has a reliable lock glyph).
fn paint_padlock(painter: &egui::Painter, center: egui::Pos2, closed: bool, color: egui::Color32) {
    let body = Rect::from_center_size(center + vec2(0.0, 3.0), vec2(11.0, 8.0));
    painter.rect_filled(body, 1.5, color);
    let radius = 3.5;
    let hinge = pos2(body.center().x, body.top() - 1.5);
    // The shackle: a half circle on two short legs; open, it is lifted to one side.
    let lift = if closed { 0.0 } else { 3.0 };
    let shackle: Vec<egui::Pos2> = std::iter::once(pos2(hinge.x - radius, body.top()))
        .chain((0..=10).map(|k| {
            let angle = std::f32::consts::PI * (1.0 + k as f32 / 10.0);
            pos2(hinge.x + radius * angle.cos(), hinge.y - lift + radius * angle.sin())
        }))
        .chain(std::iter::once(pos2(hinge.x + radius, if closed { body.top() } else { hinge.y - lift })))
        .collect();
    painter.line(shackle, Stroke::new(1.6, color));
}
