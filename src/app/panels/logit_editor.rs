//! The logit editor of one side edited as logits: bars in logit space (0 in the middle,
//! up is likelier) dragged up and down, the selected outcome's logit typed, and the
//! temperature on a log slider. The side's probabilities are softmax(z / T) of these, so
//! every measure follows. Replaces that side's probability bars.

use eframe::egui::{self, Align2, FontId, Rect, Sense, Stroke, pos2, vec2};

use super::bar_editor::{select_pressed, show_drag_cursor};
use crate::app::model::state::AppState;
use crate::app::ui::theme;
use crate::info::Side;
use crate::info::logits::Logits;
use crate::text;

/// The temperatures the slider offers.
pub const TEMPERATURES: std::ops::RangeInclusive<f64> = 0.01..=100.0;

/// Per-editor state that lives only while the app runs.
#[derive(Default)]
pub struct LogitEditor {
    /// The outcome being dragged and the scale held still while it is.
    dragging: Option<(usize, LogitScale)>,
    /// Where the bars were drawn in the last frame.
    pub layout: Option<LogitLayout>,
    /// The last refused edit, until the next good one.
    message: Option<String>,
}

/// The logits at the bottom and top of the canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogitScale {
    pub low: f64,
    pub high: f64,
}

impl LogitScale {
    /// Whole numbers with a margin around the finite logits, always including 0.
    pub fn around(values: &[f64]) -> LogitScale {
        let finite = values.iter().copied().filter(|z| z.is_finite());
        let (low, high) = finite.fold((0.0f64, 0.0f64), |(lo, hi), z| (lo.min(z), hi.max(z)));
        LogitScale { low: (low - 1.0).floor(), high: (high + 1.0).ceil() }
    }
}

/// Where the logit bars sit. Public so tests can aim at a bar.
#[derive(Debug, Clone, Copy)]
pub struct LogitLayout {
    pub rect: Rect,
    pub n: usize,
    pub scale: LogitScale,
}

impl LogitLayout {
    const TOP: f32 = 18.0;
    const BOTTOM: f32 = 20.0;
    /// Room on the left for the logit scale, so its numbers never sit on a bar.
    const AXIS: f32 = 30.0;

    fn bars(&self) -> Rect {
        Rect::from_min_max(
            pos2(self.rect.left() + Self::AXIS, self.rect.top() + Self::TOP),
            pos2(self.rect.right(), self.rect.bottom() - Self::BOTTOM),
        )
    }

    pub fn slot_width(&self) -> f32 {
        (self.rect.width() - Self::AXIS) / self.n.max(1) as f32
    }

    pub fn center_x(&self, index: usize) -> f32 {
        self.rect.left() + Self::AXIS + (index as f32 + 0.5) * self.slot_width()
    }

    /// The height of logit `z` (−∞ at the very bottom).
    pub fn y_of(&self, z: f64) -> f32 {
        let bars = self.bars();
        let s = self.scale;
        let t = if z.is_finite() { ((z - s.low) / (s.high - s.low)).clamp(0.0, 1.0) } else { 0.0 };
        bars.bottom() - t as f32 * bars.height()
    }

    /// The logit a pointer at height `y` asks for, to two decimals (easier to read aloud).
    pub fn value_at(&self, y: f32) -> f64 {
        let bars = self.bars();
        let t = ((bars.bottom() - y) / bars.height()).clamp(0.0, 1.0) as f64;
        let z = self.scale.low + t * (self.scale.high - self.scale.low);
        (z * 100.0).round() / 100.0
    }

    pub fn index_at(&self, x: f32) -> usize {
        let slot = ((x - self.rect.left() - Self::AXIS) / self.slot_width()).floor();
        (slot.max(0.0) as usize).min(self.n.saturating_sub(1))
    }
}

/// The accessible name of a logit canvas, e.g. "P logits".
pub fn canvas_name(side: Side) -> String {
    format!("{} logits", side.name())
}

/// The accessible name of a temperature slider, e.g. "P temperature".
pub fn temperature_name(side: Side) -> String {
    format!("{} temperature", side.name())
}

/// The accessible name of the typed logit of the selected outcome, e.g. "P logit".
pub fn logit_field_name(side: Side) -> String {
    format!("{} logit", side.name())
}

/// Draws the editor of `side` (which has logits) into `height`; with `controls`, the
/// temperature slider and the selected logit's field (presentation mode states T instead).
pub fn editor_ui(
    ui: &mut egui::Ui,
    side: Side,
    state: &mut AppState,
    editor: &mut LogitEditor,
    height: f32,
    controls: bool,
) {
    let Some(logits) = state.doc.logits(side).cloned() else { return };
    let color = theme::color(ui, side);
    let mut edited = logits.clone();
    // Wrapped: in presentation mode's narrow column the slider goes under the heading.
    let heading = ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(state.doc.roles.heading(side)).heading().strong().color(color));
        ui.label(egui::RichText::new("= softmax(z / T)").strong().color(color));
        if !controls {
            ui.label(egui::RichText::new(format!("T = {}", text::sig4(edited.temperature))).color(color));
            return;
        }
        let slider = egui::Slider::new(&mut edited.temperature, TEMPERATURES).logarithmic(true).text("T");
        let response = ui.add(slider).on_hover_text(
            "Temperature: below 1 sharpens towards the largest logit (T → 0: the arg-max), \
             above 1 flattens towards uniform (T → ∞)",
        );
        let t = edited.temperature;
        response.widget_info(|| egui::WidgetInfo::slider(true, t, temperature_name(side)));
        if let Some(label) = state.doc.labels().get(state.selected).cloned() {
            let name = ui.label(format!("z({})", shorten(&label)));
            if let Some(z) = edited.values.get_mut(state.selected) {
                ui.add(egui::DragValue::new(z).speed(0.02).max_decimals(3))
                    .labelled_by(name.id)
                    .on_hover_text("The selected outcome's logit: drag, or click and type (-inf is probability 0)");
            }
        }
        if let Some(message) = &editor.message {
            ui.label(egui::RichText::new(message.clone()).color(theme::alarm(ui)));
        }
    });
    let heading = heading.response.rect.height() + ui.spacing().item_spacing.y;
    let n = state.doc.len();
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), (height - heading - 8.0).max(80.0)), Sense::click_and_drag());
    let scale = editor.dragging.map_or_else(|| LogitScale::around(&logits.values), |(_, scale)| scale);
    let layout = LogitLayout { rect, n, scale };
    editor.layout = Some(layout);
    handle_pointer(ui, &response, &layout, side, state, editor, &mut edited);
    paint(ui, &layout, side, state, &edited);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, canvas_name(side)));
    if edited != logits {
        apply(state, side, edited, editor);
    }
}

fn apply(state: &mut AppState, side: Side, logits: Logits, editor: &mut LogitEditor) {
    editor.message = state.doc.set_logits(side, logits).err().map(|e| e.to_string());
}

fn handle_pointer(
    ui: &egui::Ui,
    response: &egui::Response,
    layout: &LogitLayout,
    side: Side,
    state: &mut AppState,
    editor: &mut LogitEditor,
    edited: &mut Logits,
) {
    if let Some(index) = select_pressed(ui, response, side, state, |x| layout.index_at(x)) {
        editor.dragging = Some((index, layout.scale));
    }
    if let (Some((index, _)), Some(pos)) = (editor.dragging, response.interact_pointer_pos())
        && response.dragged()
        && let Some(z) = edited.values.get_mut(index)
    {
        *z = layout.value_at(pos.y);
    }
    if response.drag_stopped() {
        editor.dragging = None;
    }
    show_drag_cursor(ui, response, editor.dragging.is_some());
}

fn paint(ui: &egui::Ui, layout: &LogitLayout, side: Side, state: &AppState, logits: &Logits) {
    let painter = ui.painter_at(layout.rect.expand(2.0));
    let visuals = ui.visuals();
    let (text_color, weak) = (visuals.text_color(), visuals.weak_text_color());
    let (color, fill) = (theme::color(ui, side), theme::fill(ui, side));
    let bars = layout.bars();
    let zero = layout.y_of(0.0);
    // Whole logits as faint lines, 0 as a firm one: logits only matter relative to each other.
    let step = ((layout.scale.high - layout.scale.low) / 6.0).ceil().max(1.0);
    let mut z = (layout.scale.low / step).ceil() * step;
    while z <= layout.scale.high {
        let y = layout.y_of(z);
        let stroke = if z == 0.0 { Stroke::new(1.5, weak) } else { Stroke::new(0.5, weak.gamma_multiply(0.4)) };
        painter.hline(bars.x_range(), y, stroke);
        painter.text(
            pos2(bars.left() - 4.0, y),
            Align2::RIGHT_CENTER,
            logit_text(z),
            FontId::proportional(theme::SMALL_SIZE),
            weak,
        );
        z += step;
    }
    let slot = layout.slot_width();
    if state.selected < layout.n {
        let x = layout.center_x(state.selected);
        let highlight = Rect::from_center_size(pos2(x, layout.rect.center().y), vec2(slot, layout.rect.height()));
        painter.rect_filled(highlight, 3.0, theme::selection(ui));
    }
    let gap = if slot > 6.0 { (slot * 0.2).min(16.0) } else { 0.0 };
    let show_values = slot >= 46.0;
    let labels = state.doc.labels();
    for (i, &z) in logits.values.iter().enumerate() {
        let x = layout.center_x(i);
        let selected = i == state.selected;
        let (x0, x1) = (x - slot / 2.0 + gap / 2.0, x + slot / 2.0 - gap / 2.0);
        let value_text = logit_text(z);
        if z.is_finite() {
            let top = layout.y_of(z);
            let bar = Rect::from_two_pos(pos2(x0, top), pos2(x1, zero));
            painter.rect_filled(bar, 2.0, if selected { color } else { fill });
            if slot >= 8.0 {
                painter.hline(x0..=x1, top, Stroke::new(3.0, color));
            }
            if show_values || selected {
                let (anchor, dy) = if z >= 0.0 { (Align2::CENTER_BOTTOM, -3.0) } else { (Align2::CENTER_TOP, 3.0) };
                painter.text(pos2(x, top + dy), anchor, value_text, FontId::proportional(13.0), text_color);
            }
        } else if show_values || selected {
            // Probability 0: said plainly, in the alarm colour, at the bottom.
            let y = bars.bottom() - 2.0;
            painter.text(
                pos2(x, y),
                Align2::CENTER_BOTTOM,
                value_text,
                FontId::proportional(theme::BODY_SIZE),
                theme::alarm(ui),
            );
        }
        if (show_values || selected)
            && let Some(label) = labels.get(i)
        {
            let label_color = if selected { text_color } else { weak };
            painter.text(
                pos2(x, bars.bottom() + 3.0),
                Align2::CENTER_TOP,
                shorten(label),
                FontId::proportional(13.0),
                label_color,
            );
        }
    }
}

/// A logit as read aloud: at most two decimals, no trailing zeros, a real minus sign.
fn logit_text(z: f64) -> String {
    if z == f64::NEG_INFINITY {
        return "−∞".to_string();
    }
    let rounded = format!("{:.2}", z.abs());
    let digits = rounded.trim_end_matches('0').trim_end_matches('.');
    if z < 0.0 && digits != "0" { format!("−{digits}") } else { digits.to_string() }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= 12 {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(11).collect::<String>())
    }
}
