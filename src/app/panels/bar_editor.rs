//! The bar editor of one distribution: drag a bar's top to set its probability, click to
//! select; under wide bars, a value field and a lock each. P and Q each have one; they
//! share labels.

use eframe::egui::{self, Align2, FontId, Rect, Sense, Stroke, StrokeKind, pos2, vec2};
use std::sync::Arc;

use super::bar_layout::log_floor;
pub use super::bar_layout::{BarLayout, Scale};
pub use super::bar_state::{BarEditor, canvas_name, field_name, locked_message};
use super::value_field::{lock_toggle, value_field};
use super::vocabulary_bars::{self, Marks};
use crate::app::command::Command;
use crate::app::model::order::Ranking;
use crate::app::model::state::AppState;
use crate::app::ui::fit_text::{fit_to_width, text_width};
use crate::app::ui::{print, theme};
use crate::info::Side;
use crate::text;

/// How both editors draw this frame: the scale (held still while a bar is dragged, so it
/// never moves under the pointer) and, for a vocabulary, the order of the outcomes.
#[derive(Clone)]
pub struct EditorFrame {
    pub scale: Scale,
    pub ranking: Option<Arc<Ranking>>,
}

impl EditorFrame {
    /// The scale that suits `p` and `q`: linear for a bar each, logarithmic for a vocabulary.
    pub fn fitting(p: &[f64], q: &[f64], ranking: Option<Arc<Ranking>>) -> EditorFrame {
        let scale = match ranking {
            Some(_) => Scale::Log { floor: log_floor(p, q) },
            None => Scale::Linear { top: scale_top(p, q) },
        };
        EditorFrame { scale, ranking }
    }
}

/// The probability at the top of both editors: a round number with room above the
/// tallest bar (so many small bars stay visible), at most 1.
pub fn scale_top(p: &[f64], q: &[f64]) -> f64 {
    let tallest = p.iter().chain(q).copied().fold(0.0f64, f64::max);
    const STEPS: [f64; 9] = [0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 1.0];
    STEPS.into_iter().find(|&step| step >= tallest * 1.5).unwrap_or(1.0)
}

/// Narrowest slot that gets its own value field and lock under the bar.
const FIELD_SLOT: f32 = 84.0;

/// True when every outcome has its own value field under the bars.
pub fn fields_fit(width: f32, n: usize) -> bool {
    width / n.max(1) as f32 >= FIELD_SLOT
}

/// Draws the editor of `side` into the given height; returns a command its buttons ask for.
pub fn editor_ui(
    ui: &mut egui::Ui,
    side: Side,
    state: &mut AppState,
    editor: &mut BarEditor,
    height: f32,
    frame: &EditorFrame,
) -> Option<Command> {
    let mut command = None;
    let color = theme::color(ui, side);
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(state.doc.roles.heading(side)).heading().strong().color(color));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let uniform = egui::Button::new(Command::Uniform.label());
            let hover = format!("{} in {}", Command::Uniform.tooltip(), side.name());
            if !print::printing(ui) && ui.add(uniform).on_hover_text(hover).clicked() {
                state.active = side;
                editor.message = None;
                command = Some(Command::Uniform);
            }
            if let Some(message) = &editor.message {
                ui.label(egui::RichText::new(message.clone()).color(theme::alarm(ui)));
            } else if let Some(index) = editor.hovered {
                // Cut to the room left, so that it never widens the row (a drag moves nothing).
                let font = egui::TextStyle::Body.resolve(ui.style());
                let room = ui.available_width() - 4.0;
                let text = hover_text(state, index);
                let shown = fit_to_width(ui.painter(), &text, &font, room);
                if room > 40.0 {
                    ui.label(egui::RichText::new(shown).strong()).on_hover_text(text);
                }
            }
        });
    });
    let n = state.doc.len();
    // Presentation mode's larger type needs more room around the bars; its value fields
    // are left out (the values stand over the bars).
    let text_scale = theme::text_scale(ui);
    let fields = !editor.fields_hidden && frame.ranking.is_none() && fields_fit(ui.available_width(), n);
    let field_row = if fields { 30.0 } else { 0.0 };
    let canvas_height = (height - field_row - 36.0 * text_scale).max(80.0);
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), canvas_height), Sense::click_and_drag());
    let layout = match &frame.ranking {
        Some(ranking) if ranking.len() == n => {
            let floor = match frame.scale {
                Scale::Log { floor } => floor,
                Scale::Linear { .. } => log_floor(state.doc.p.probs(), state.doc.q.probs()),
            };
            BarLayout::vocabulary(rect, Arc::clone(ranking), floor).with_text_scale(text_scale)
        }
        _ => match frame.scale {
            Scale::Linear { top } => BarLayout::slots(rect, n, top).with_text_scale(text_scale),
            Scale::Log { .. } => BarLayout::slots(rect, n, scale_top(state.doc.p.probs(), state.doc.q.probs()))
                .with_text_scale(text_scale),
        },
    };
    handle_pointer(ui, &response, &layout, side, state, editor);
    if layout.vocabulary.is_some() {
        paint_vocabulary(ui, &layout, side, state, editor);
    } else {
        paint_bars(ui, &layout, side, state, editor);
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, canvas_name(side)));
    if fields {
        field_row_ui(ui, &layout, side, state, editor);
    }
    editor.layout = Some(layout);
    command
}

fn handle_pointer(
    ui: &egui::Ui,
    response: &egui::Response,
    layout: &BarLayout,
    side: Side,
    state: &mut AppState,
    editor: &mut BarEditor,
) {
    if let Some(index) = select_pressed(ui, response, side, state, |x| layout.index_at(x)) {
        editor.dragging = Some(index);
    }
    if let (Some(index), Some(pos)) = (editor.dragging, response.interact_pointer_pos())
        && response.dragged()
    {
        let distribution = state.doc.get_mut(side);
        if distribution.is_locked(index) {
            editor.message = Some(locked_message(side, distribution.label(index).unwrap_or_default()));
        } else if distribution
            .set(index, snapped(layout, layout.value_at(pos.y), ui.input(|i| i.modifiers.shift)))
            .is_ok()
        {
            editor.message = None;
        }
    }
    if response.drag_stopped() {
        editor.dragging = None;
    }
    show_drag_cursor(ui, response, editor.dragging.is_some());
    // Name the outcome under the pointer (in the heading, from the next frame on).
    let hovered = response.hover_pos().map(|pos| layout.index_at(pos.x)).or(editor.dragging);
    if hovered != editor.hovered {
        editor.hovered = hovered;
        ui.ctx().request_repaint();
    }
}

/// The step a dragged bar snaps to on a linear scale, so that a class reads 0.80, not
/// 0.8018; Shift held drags freely.
pub const SNAP: f64 = 0.01;

/// `value` rounded to the nearest [`SNAP`] on a linear scale, unless `free`; a vocabulary's
/// logarithmic scale reaches far below 0.01 and is never snapped.
fn snapped(layout: &BarLayout, value: f64, free: bool) -> f64 {
    match layout.scale {
        Scale::Linear { .. } if !free => (value / SNAP).round() * SNAP,
        _ => value,
    }
}

/// Selects the outcome that a click, or the start of a drag, is on (`index_at` maps an x
/// to it) and makes `side` the active one; returns the outcome a drag started on. Both
/// editors, of probabilities and of logits, select this way.
pub(super) fn select_pressed(
    ui: &egui::Ui,
    response: &egui::Response,
    side: Side,
    state: &mut AppState,
    index_at: impl Fn(f32) -> usize,
) -> Option<usize> {
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        state.selected = index_at(pos.x);
        state.active = side;
    }
    if !response.drag_started() {
        return None;
    }
    let origin = ui.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos())?;
    let index = index_at(origin.x);
    state.selected = index;
    state.active = side;
    Some(index)
}

/// Shows that bars can be dragged up and down, while none is being dragged.
pub(super) fn show_drag_cursor(ui: &egui::Ui, response: &egui::Response, dragging: bool) {
    if response.hovered() && !dragging {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeVertical);
    }
}

/// "'the': P = 0.04, Q = 0.05": the outcome under the pointer.
fn hover_text(state: &AppState, index: usize) -> String {
    let label = state.doc.labels().get(index).map_or("", String::as_str);
    let value = |side: Side| text::probability(state.doc.get(side).prob(index).unwrap_or(0.0));
    format!("'{label}': P = {}, Q = {}", value(Side::P), value(Side::Q))
}

fn paint_vocabulary(ui: &egui::Ui, layout: &BarLayout, side: Side, state: &AppState, editor: &mut BarEditor) {
    let distribution = state.doc.get(side);
    let values = distribution.probs();
    let ranking_id = layout.vocabulary.as_ref().map_or(0, |v| Arc::as_ptr(&v.ranking) as usize);
    let key = (distribution.version(), layout.rect.width() as u32, ranking_id);
    let envelope = editor.envelope.get(key, || vocabulary_bars::tail_envelope(layout, values));
    let marks = Marks { selected: state.selected, dragging: editor.dragging, hovered: editor.hovered };
    vocabulary_bars::paint_vocabulary(ui, layout, side, values, state.doc.labels(), envelope, &marks);
}

fn paint_bars(ui: &egui::Ui, layout: &BarLayout, side: Side, state: &AppState, editor: &BarEditor) {
    let painter = ui.painter_at(layout.rect.expand(2.0));
    let visuals = ui.visuals();
    let distribution = state.doc.get(side);
    let bars = layout.bars();
    let slot = layout.slot_width();
    let color = theme::color(ui, side);
    let fill = theme::fill(ui, side);
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();

    // Grid lines at quarters of the scale, so heights can be read without numbers.
    for k in 0..=4 {
        let value = layout.top() * k as f64 / 4.0;
        let y = layout.y_of(value);
        let stroke = Stroke::new(if k == 0 { 1.5 } else { 0.5 }, weak.gamma_multiply(if k == 0 { 1.0 } else { 0.4 }));
        painter.hline(bars.x_range(), y, stroke);
    }
    // The note would sit on the first bar's value in presentation mode's large type.
    if layout.top() < 1.0 && layout.text_scale <= 1.0 {
        let note = format!("scale to {}", text::probability(layout.top()));
        painter.text(
            bars.left_top() + vec2(4.0, -2.0),
            Align2::LEFT_BOTTOM,
            note,
            FontId::proportional(theme::SMALL_SIZE * layout.text_scale),
            theme::palette(ui).muted,
        );
    }

    // The selected outcome's slot, in both editors; on paper no outcome is singled out,
    // since a highlighted bar would hint at an answer.
    let printing = print::printing(ui);
    if state.selected < layout.n && !printing {
        let x = layout.center_x(state.selected);
        let highlight = Rect::from_center_size(pos2(x, layout.rect.center().y), vec2(slot, layout.rect.height()));
        painter.rect_filled(highlight, 3.0, theme::selection(ui));
    }

    let gap = if slot > 6.0 { (slot * 0.2).min(16.0) } else { 0.0 };
    let label_font = FontId::proportional(13.0 * layout.text_scale);
    let label_every = label_stride(&painter, &label_font, layout, distribution.labels());
    for (i, &value) in distribution.probs().iter().enumerate() {
        let x = layout.center_x(i);
        let top = layout.y_of(value);
        let bar =
            Rect::from_min_max(pos2(x - slot / 2.0 + gap / 2.0, top), pos2(x + slot / 2.0 - gap / 2.0, bars.bottom()));
        let selected = i == state.selected && !printing;
        // Every bar in its side's fill, the selected one too: its slot and name mark it (in
        // the text colour the light theme's Q bar turned dark brown, another colour).
        painter.rect_filled(bar, 2.0, fill);
        // A handle on the bar's top shows where to grab.
        if slot >= 8.0 {
            painter.hline(bar.x_range(), top, Stroke::new(3.0, color));
        }
        if distribution.is_locked(i) {
            painter.rect_stroke(bar.expand(1.0), 2.0, Stroke::new(2.0, text_color), StrokeKind::Outside);
        }
        // Every bar's value where it fits over the bar at a readable size (presentation mode
        // included); otherwise the selected or dragged bar's only.
        let text = text::probability(value);
        if let Some(font) = value_font(&painter, &text, slot, layout.text_scale).or_else(|| {
            (selected || editor.dragging == Some(i))
                .then(|| FontId::proportional(theme::SMALL_SIZE * layout.text_scale))
        }) {
            // Kept inside the editor by its own half width (the first and last bars' values
            // would be cut in half), and no further in: a guessed width pushed a narrow
            // first bar's "0" over its neighbour's value.
            let galley = painter.layout_no_wrap(text, font, text_color);
            let half = galley.size().x / 2.0 + 1.0;
            let x = x.clamp(bars.left() + half, (bars.right() - half).max(bars.left() + half));
            let at = Align2::CENTER_BOTTOM.anchor_size(pos2(x, top - 3.0), galley.size()).min;
            painter.galley(at, galley, text_color);
        }
        if i % label_every == 0 || selected {
            let label = &distribution.labels()[i];
            let shown = fit_to_width(&painter, label, &label_font, slot * label_every as f32 - 6.0);
            // Unselected names in the muted token (4.5:1 or more on the panel and on the
            // selected slot), the selected one in the strong text colour.
            let label_color = if selected { theme::palette(ui).strong } else { theme::palette(ui).muted };
            // Kept inside the editor: a name wider than its slot would run off at either end.
            let half = text_width(&painter, &shown, &label_font) / 2.0 + 1.0;
            let x = x.clamp(bars.left() + half, (bars.right() - half).max(bars.left() + half));
            painter.text(pos2(x, bars.bottom() + 3.0), Align2::CENTER_TOP, shown, label_font.clone(), label_color);
        }
    }
}

/// The font a bar's value is written in over a slot `slot` wide: body size where the
/// slot is wide, else small, shrunk to fit the slot; None when that would be smaller than
/// reads (12 px, or three quarters of small type in presentation mode).
fn value_font(painter: &egui::Painter, text: &str, slot: f32, text_scale: f32) -> Option<FontId> {
    let wanted = if slot >= 60.0 * text_scale { theme::BODY_SIZE } else { theme::SMALL_SIZE } * text_scale;
    let width = text_width(painter, text, &FontId::proportional(wanted));
    let room = slot - 10.0;
    let size = if width <= room { wanted } else { wanted * room / width.max(1.0) };
    let smallest = theme::SMALL_SIZE * (text_scale * 0.75).max(1.0);
    (size >= smallest).then(|| FontId::proportional(size))
}

/// Show every k-th label so that labels never overlap: as many slots as the widest
/// label needs (measured, and at most twelve characters' worth before it is cut).
fn label_stride(painter: &egui::Painter, font: &FontId, layout: &BarLayout, labels: &[String]) -> usize {
    let widest = labels
        .iter()
        .map(|l| text_width(painter, &l.chars().take(12).collect::<String>(), font))
        .fold(0.0f32, f32::max);
    let needed = widest + 8.0;
    ((needed / layout.slot_width()).ceil() as usize).max(1)
}

/// One value field and one lock under each bar.
fn field_row_ui(ui: &mut egui::Ui, layout: &BarLayout, side: Side, state: &mut AppState, editor: &mut BarEditor) {
    let (row, _) = ui.allocate_exact_size(vec2(layout.rect.width(), 26.0), Sense::hover());
    let slot = layout.slot_width();
    for i in 0..layout.n {
        let x = layout.center_x(i);
        let field_width = (slot - 40.0).min(90.0);
        let field = Rect::from_center_size(pos2(x - 14.0, row.center().y), vec2(field_width, 24.0));
        let lock = Rect::from_center_size(pos2(field.right() + 16.0, row.center().y), vec2(26.0, 24.0));
        ui.scope_builder(egui::UiBuilder::new().max_rect(field), |ui| {
            value_field(ui, side, i, state, editor, field_width)
        });
        ui.scope_builder(egui::UiBuilder::new().max_rect(lock), |ui| lock_toggle(ui, side, i, state));
    }
}
