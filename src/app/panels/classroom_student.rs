//! A student's strip in a classroom, in place of the lesson's: the room's code and
//! nickname to join with, then the teacher's step (its text and question), the student's
//! own answer (changeable until the teacher reveals), and after Reveal the right answer,
//! theirs and why. Buttons are a fingertip tall, and everything wraps to a phone's width.

use eframe::egui::{self, RichText};

use super::classroom_teacher::ClassroomAction;
use super::lesson_step::{forget_buttons, remember};
use crate::app::model::classroom::{Classroom, Link};
use crate::app::model::lesson_run::LessonRun;
use crate::app::ui::theme;
use crate::classroom::{Phase, WireAnswer};
use crate::lesson::{Choice, GoalStatus, Prediction, Task};
use crate::text::{parse_number, with_unit};

/// The fields' accessible names (tests type into them by them).
pub const CODE_FIELD: &str = "room code";
pub const SERVER_FIELD: &str = "classroom server";
pub const NICKNAME_FIELD: &str = "nickname";
pub const ROOM_ESTIMATE_FIELD: &str = "your estimate for the class";

/// What the strip draws from besides the room.
pub struct StudentStrip<'a> {
    pub run: Option<&'a LessonRun>,
    pub labels: &'a [String],
    pub goal: Option<GoalStatus>,
}

pub fn classroom_student_ui(
    ui: &mut egui::Ui,
    room: &mut Classroom,
    strip: &StudentStrip<'_>,
) -> Option<ClassroomAction> {
    let mut action = None;
    forget_buttons(ui.ctx());
    let joined = room.link == Link::Open && room.lesson.is_some();
    ui.horizontal_wrapped(|ui| {
        let place = match (&room.code, strip.run) {
            (Some(code), Some(run)) if joined => {
                format!("Room {code} · {} · step {} of {}", run.lesson.title, run.step_index() + 1, run.len())
            }
            (Some(code), _) if joined => format!("Room {code}"),
            _ => "Join a class".to_string(),
        };
        ui.label(RichText::new(place).small().weak());
        if tall_button(ui, "Leave").on_hover_text("Leave the room; this page keeps working").clicked() {
            action = Some(ClassroomAction::End);
        }
    });
    if !joined {
        join_ui(ui, room, &mut action);
        return action;
    }
    let Some(run) = strip.run.filter(|_| room.step.is_some()) else {
        ui.label(RichText::new("You are in. Wait for the teacher to start the lesson.").strong());
        return action;
    };
    let Some(step) = run.step() else {
        return action;
    };
    ui.label(RichText::new(&step.text).strong());
    match &step.task {
        Some(Task::Predict(prediction)) => prediction_ui(ui, room, prediction, strip.labels, &mut action),
        Some(Task::Goal(goal)) => {
            ui.label(RichText::new(format!("Goal: {}. Drag the bars on your own copy.", goal.describe())).strong());
            if let Some(status) = &strip.goal {
                let now = with_unit(status.value, goal.measure.unit_label(goal.unit));
                let (text, color) = if status.met {
                    (format!("Goal met: {} = {now}", goal.measure.symbol()), theme::success(ui))
                } else {
                    (format!("Now {} = {now}", goal.measure.symbol()), ui.visuals().text_color())
                };
                ui.label(RichText::new(text).color(color).strong());
            }
        }
        None => {}
    }
    if let Some(refused) = &room.refused {
        ui.label(RichText::new(refused).color(theme::alarm(ui)));
    }
    action
}

/// The code and nickname, and Join; why the last try failed.
fn join_ui(ui: &mut egui::Ui, room: &mut Classroom, action: &mut Option<ClassroomAction>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Server");
        let server = egui::TextEdit::singleline(&mut room.address).desired_width(theme::body_size(ui) * 10.0);
        ui.add(server).accessible_name(SERVER_FIELD);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Room code");
        let code = egui::TextEdit::singleline(&mut room.typed_code).desired_width(theme::body_size(ui) * 6.0);
        let entered =
            ui.add(code).accessible_name(CODE_FIELD).lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.label("Nickname (optional)");
        let name =
            egui::TextEdit::singleline(&mut room.nickname).desired_width(theme::body_size(ui) * 8.0).char_limit(24);
        ui.add(name).accessible_name(NICKNAME_FIELD).on_hover_text("Seen only in the teacher's record");
        let busy = room.link == Link::Connecting;
        if remember("Join", ui.add_enabled(!busy, tall(egui::Button::new("Join")))).clicked() || (entered && !busy) {
            *action = Some(ClassroomAction::Connect);
        }
    });
    match &room.link {
        Link::Connecting => {
            ui.label("Joining…");
        }
        Link::Lost(why) => {
            ui.label(RichText::new(why).color(theme::alarm(ui)));
        }
        Link::Idle | Link::Open => {}
    }
}

/// The question, the choices (the student's own marked) or the number, and after Reveal
/// the verdict.
fn prediction_ui(
    ui: &mut egui::Ui,
    room: &mut Classroom,
    prediction: &Prediction,
    labels: &[String],
    action: &mut Option<ClassroomAction>,
) {
    ui.label(RichText::new(prediction.question()).strong().color(ui.visuals().strong_text_color()));
    let revealed = room.phase == Some(Phase::Revealed);
    let choices = prediction.choices(labels);
    ui.horizontal_wrapped(|ui| {
        for choice in &choices {
            let wire = WireAnswer::from(*choice);
            let mine = room.answer.as_ref() == Some(&wire);
            let button = tall(egui::Button::new(Prediction::choice_text(*choice, labels)).selected(mine));
            if remember(&Prediction::choice_text(*choice, labels), ui.add_enabled(!revealed, button)).clicked() {
                *action = Some(ClassroomAction::Answer(wire));
            }
        }
        if choices.is_empty() && !revealed {
            let field = egui::TextEdit::singleline(&mut room.typed)
                .desired_width(theme::body_size(ui) * 7.0)
                .hint_text("your number");
            let response = ui.add(field).accessible_name(ROOM_ESTIMATE_FIELD);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed = room.typed.trim().to_string();
            let parsed = (!typed.is_empty()).then(|| parse_number(&typed));
            let send = remember("Send", ui.add_enabled(matches!(parsed, Some(Ok(_))), tall(egui::Button::new("Send"))));
            if matches!(parsed, Some(Ok(_))) && (send.clicked() || entered) {
                *action = Some(ClassroomAction::Answer(WireAnswer::Number { value: typed }));
            }
            if let Some(Err(e)) = parsed {
                ui.label(RichText::new(e.to_string()).color(theme::alarm(ui)));
            }
        }
    });
    match (&room.revealed, &room.answer) {
        (Some(revealed), _) if Some(revealed.step) == room.step => {
            let (mark, color) = match revealed.correct {
                Some(true) => ("Right!", theme::success(ui)),
                Some(false) => ("Not quite.", theme::alarm(ui)),
                None => ("The answer:", ui.visuals().strong_text_color()),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(mark).strong().color(color));
                ui.label(RichText::new(&revealed.right_answer).strong());
                if let Some(yours) = &revealed.your_answer {
                    ui.label(format!("(you said {yours})"));
                }
            });
            ui.label(format!("Why: {}.", revealed.why.trim_end_matches('.')));
        }
        (_, Some(answer)) => {
            let said = answer_text(answer, labels);
            ui.label(format!("Your answer: {said}. You can change it until the teacher reveals."));
        }
        (_, None) if revealed => {
            ui.label("The teacher has revealed this step.");
        }
        (_, None) => {
            ui.label(RichText::new("Answer on your own: the class sees only how many answered.").weak());
        }
    }
}

/// The student's own answer as their button says it.
fn answer_text(answer: &WireAnswer, labels: &[String]) -> String {
    match answer {
        WireAnswer::Measure { measure } if measure == "renyi" => "Dα(P||Q)".to_string(),
        WireAnswer::Measure { measure } => crate::lesson::asked_named(measure)
            .map_or_else(|| measure.clone(), |asked| Prediction::choice_text(Choice::Measure(asked), labels)),
        WireAnswer::Equal {} => Prediction::choice_text(Choice::Equal, labels),
        WireAnswer::NoneOf {} => Prediction::choice_text(Choice::NoneOf, labels),
        WireAnswer::Outcome { index } => Prediction::choice_text(Choice::Outcome(*index), labels),
        WireAnswer::Number { value } => value.clone(),
        WireAnswer::Scene { .. } => "your bars".to_string(),
    }
}

fn tall(button: egui::Button<'_>) -> egui::Button<'_> {
    button.min_size(egui::vec2(theme::ROOM_BUTTON_HEIGHT, theme::ROOM_BUTTON_HEIGHT))
}

fn tall_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add(tall(egui::Button::new(label)))
}
