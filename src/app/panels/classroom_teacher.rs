//! The teacher's room on the projector: where to connect, then the join code, the link
//! and its QR code, how many joined and answered (never what), Show answers and Reveal,
//! and the spread of the answers once shown, the right one marked after Reveal.

use eframe::egui::{self, RichText};

use super::lesson_step::remember;
use crate::app::model::classroom::{Classroom, Link};
use crate::app::ui::theme;
use crate::classroom::{Phase, WireAnswer};
use crate::lesson::Task;

/// What a classroom panel asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassroomAction {
    /// Connect to the address typed (and make the room, or join it).
    Connect,
    ShowAnswers,
    Reveal,
    /// A student's answer.
    Answer(WireAnswer),
    /// Leave the room (a teacher's ends).
    End,
}

/// What follows the right answer's bar once revealed.
pub const RIGHT_MARK: &str = " · the right answer";

/// The address field's accessible name (tests type into it by it).
pub const ADDRESS_FIELD: &str = "classroom server address";

/// The panel's width: a readable column beside the lesson.
pub fn panel_width(ui: &egui::Ui) -> f32 {
    (theme::body_size(ui) * 19.0).min(ui.available_width() * 0.35)
}

pub fn classroom_teacher_ui(ui: &mut egui::Ui, room: &mut Classroom, task: Option<&Task>) -> Option<ClassroomAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new("The class").heading().strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("End").on_hover_text("Close the room: students see that it ended").clicked() {
                action = Some(ClassroomAction::End);
            }
        });
    });
    // The QR code gives way to the counts, the buttons and the spread on a short screen.
    let height = ui.available_height();
    egui::ScrollArea::vertical().show(ui, |ui| {
        match (&room.link, &room.code) {
            (Link::Open, Some(code)) => {
                let code = code.clone();
                room_ui(ui, room, &code, task, height, &mut action);
            }
            (link, _) => connect_ui(ui, room, &link.clone(), &mut action),
        }
        if let Some(refused) = &room.refused {
            ui.label(RichText::new(format!("The server refused: {refused}")).color(theme::alarm(ui)));
        }
    });
    action
}

/// Before the room exists: the address and Connect, and why it failed if it did.
fn connect_ui(ui: &mut egui::Ui, room: &mut Classroom, link: &Link, action: &mut Option<ClassroomAction>) {
    ui.label("Students answer on their phones. The server is `klscope classroom`:");
    ui.horizontal_wrapped(|ui| {
        let width = (theme::body_size(ui) * 11.0).min(ui.available_width());
        let field = egui::TextEdit::singleline(&mut room.address).desired_width(width);
        let response = ui.add(field).accessible_name(ADDRESS_FIELD);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let busy = *link == Link::Connecting;
        if remember("Connect", ui.add_enabled(!busy, egui::Button::new("Connect"))).clicked() || (entered && !busy) {
            *action = Some(ClassroomAction::Connect);
        }
    });
    match link {
        Link::Idle => {}
        Link::Connecting => {
            ui.label("Connecting…");
        }
        Link::Open => {
            ui.label("Making the room…");
        }
        Link::Lost(why) => {
            ui.label(RichText::new(why).color(theme::alarm(ui)));
        }
    }
}

/// The room: code, link, QR code, counts, the buttons and the spread.
fn room_ui(
    ui: &mut egui::Ui,
    room: &Classroom,
    code: &str,
    task: Option<&Task>,
    height: f32,
    action: &mut Option<ClassroomAction>,
) {
    if room.spread.is_none() {
        ui.label("Join code");
        ui.label(RichText::new(code).size(theme::body_size(ui) * theme::JOIN_CODE_RATIO).strong().monospace());
    } else {
        // The spread needs the room: the code stays, on one line.
        ui.label(RichText::new(format!("Join code {code}")).heading().strong());
    }
    if let Some(link) = &room.join_link {
        ui.label(RichText::new(link).small());
        // Once the spread is up, it takes the QR code's place.
        if room.spread.is_none() {
            let body = theme::body_size(ui);
            let side = ui.available_width().min(body * 13.0).min((height - body * 12.0).max(body * 5.0));
            qr_ui(ui, link, side);
        }
    }
    ui.separator();
    ui.label(RichText::new(room.counts_line()).heading().strong());
    match task {
        Some(Task::Predict(_)) => {
            ui.horizontal_wrapped(|ui| {
                let asking = room.phase.is_none_or(|phase| phase == Phase::Asking);
                let shown = remember("Show answers", ui.add_enabled(asking, egui::Button::new("Show answers")));
                if shown.on_hover_text("Show the spread of the class's answers (not yet the right one)").clicked() {
                    *action = Some(ClassroomAction::ShowAnswers);
                }
                let revealed = room.phase == Some(Phase::Revealed);
                let reveal = remember(
                    "Reveal to the class",
                    ui.add_enabled(!revealed, egui::Button::new("Reveal to the class")),
                );
                if reveal.on_hover_text("Show everyone the right answer and why").clicked() {
                    *action = Some(ClassroomAction::Reveal);
                }
            });
        }
        Some(Task::Goal(goal)) => {
            ui.label(format!("Goal: {}. Each student works on their own copy.", goal.describe()));
        }
        None => {
            ui.label(RichText::new("This step asks nothing.").weak());
        }
    }
    let current = room.step;
    if let Some(spread) = room.spread.as_ref().filter(|s| Some(s.step) == current) {
        histogram_ui(ui, &spread.bars);
    }
    if let Some(revealed) = room.revealed.as_ref().filter(|r| Some(r.step) == current) {
        ui.label(RichText::new(format!("The answer: {}", revealed.right_answer)).strong().color(theme::success(ui)));
    }
}

/// The spread: a bar per choice (or range of estimates), longest to the count; the right
/// ones marked once revealed.
fn histogram_ui(ui: &mut egui::Ui, bars: &[crate::classroom::Bar]) {
    let most = bars.iter().map(|bar| bar.count).max().unwrap_or(0).max(1);
    let height = theme::body_size(ui) * 1.6;
    for bar in bars {
        let right = bar.right == Some(true);
        if right {
            ui.label(RichText::new(format!("{}{RIGHT_MARK}", bar.label)).strong().color(theme::success(ui)));
        } else {
            ui.label(RichText::new(&bar.label).strong());
        }
        let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), height), egui::Sense::hover());
        let full = rect.width() - theme::body_size(ui) * 3.0;
        let length = full * bar.count as f32 / most as f32;
        let fill = if right { theme::success(ui) } else { ui.visuals().widgets.inactive.bg_fill };
        let painter = ui.painter();
        painter.rect_filled(egui::Rect::from_min_size(rect.min, egui::vec2(length.max(2.0), height)), 2.0, fill);
        let text = bar.count.to_string();
        let at = egui::pos2(rect.min.x + length.max(2.0) + 6.0, rect.center().y);
        let font = egui::FontId::proportional(theme::body_size(ui));
        painter.text(at, egui::Align2::LEFT_CENTER, &text, font, ui.visuals().strong_text_color());
        let said = format!("{}: {} answer{}", bar.label, bar.count, if bar.count == 1 { "" } else { "s" });
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &said));
    }
}

/// `text` as a QR code `side` points wide, dark modules on light with its quiet zone.
fn qr_ui(ui: &mut egui::Ui, text: &str, side: f32) {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return;
    };
    let width = code.width();
    // The standard quiet zone, and whole points per module so that no seams show.
    let quiet = 4;
    let module = (side / (width + 2 * quiet) as f32).floor().max(1.0);
    let side = module * (width + 2 * quiet) as f32;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, theme::QR_PAPER);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = ((i % width + quiet) as f32, (i / width + quiet) as f32);
            let min = rect.min + egui::vec2(x * module, y * module);
            painter.rect_filled(egui::Rect::from_min_size(min, egui::vec2(module, module)), 0.0, theme::QR_INK);
        }
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("QR code of {text}")));
}
