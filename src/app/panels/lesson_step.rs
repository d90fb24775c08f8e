//! The strip of a lesson in progress: where we are, what the teacher says, and the task:
//! a question to answer before the numbers appear (then the verdict), or a goal checked
//! live while the student drags.

use eframe::egui::{self, RichText};

use crate::app::model::Mode;
use crate::app::model::lesson_run::LessonRun;
use crate::app::ui::theme;
use crate::lesson::{Answer, GoalStatus, Prediction, Scene, Task};
use crate::text::{parse_number, with_unit};

/// What the student or teacher asked of the lesson.
#[derive(Debug, Clone, PartialEq)]
pub enum LessonAction {
    Next,
    Previous,
    Reveal,
    AskAgain,
    Answer(Answer),
    Close,
}

/// The name of the field an estimate is typed into (tests find it by it).
pub const ESTIMATE_FIELD: &str = "your estimate";

/// Draws the strip. With `touch` (the one-column page of a phone) every button is at
/// least [`theme::TOUCH_TARGET`] tall, the question stands on its own line above its
/// choices, and the step's buttons come last, under the question.
pub fn lesson_step_ui(
    ui: &mut egui::Ui,
    run: &mut LessonRun,
    scene: &Scene<'_>,
    status: Option<GoalStatus>,
    mode: Mode,
    touch: bool,
) -> Option<LessonAction> {
    let mut action = None;
    let (index, steps) = (run.step_index(), run.len());
    ui.ctx().data_mut(|data| data.remove::<Vec<(String, egui::Rect)>>(buttons_id()));
    let place = format!("{} · step {} of {steps}", run.lesson.title, index + 1);
    if touch {
        theme::touch_style(ui.style_mut());
        ui.label(RichText::new(place).small().weak());
    } else {
        ui.horizontal(|ui| {
            ui.label(RichText::new(place).small().weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                stepping_ui(ui, index, steps, mode, &mut action);
            });
        });
    }
    let Some(step) = run.step() else {
        return action;
    };
    ui.label(RichText::new(step.text.clone()).strong());
    match step.task.clone() {
        Some(Task::Predict(prediction)) => {
            if let Some(verdict) = run.verdict(scene) {
                verdict_ui(ui, &prediction, &verdict, mode, touch, &mut action);
            } else {
                question_ui(ui, run, &prediction, scene.labels(), touch, &mut action);
            }
        }
        Some(Task::Goal(goal)) => {
            let Some(status) = status else {
                return action;
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("Goal: {}", goal.describe())).strong());
                let now = with_unit(status.value, goal.measure.unit_label(goal.unit));
                let (text, color) = if status.met {
                    (format!("Goal met: {} = {now}", goal.measure.symbol()), theme::success(ui))
                } else if status.broke_keep {
                    let side = goal.keep.map_or("it", |side| side.name());
                    (format!("{side} has changed: put it back with Undo"), theme::alarm(ui))
                } else {
                    (format!("Now {} = {now}", goal.measure.symbol()), ui.visuals().text_color())
                };
                ui.label(RichText::new(text).color(color).strong());
            });
        }
        None => {}
    }
    if touch {
        // Back and Next after the question, in the order a thumb reads them.
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                stepping_ui(ui, index, steps, mode, &mut action);
            });
        });
    }
    action
}

/// Close, Next and Back, laid out right to left.
fn stepping_ui(ui: &mut egui::Ui, index: usize, steps: usize, mode: Mode, action: &mut Option<LessonAction>) {
    if mode == Mode::Live && button(ui, "×").on_hover_text("Close the lesson").clicked() {
        *action = Some(LessonAction::Close);
    }
    let next = remember("Next ▶", ui.add_enabled(index + 1 < steps, tappable(ui, "Next ▶")));
    if next.on_hover_text("The next step (Page Down or Space)").clicked() {
        *action = Some(LessonAction::Next);
    }
    let back = remember("◀ Back", ui.add_enabled(index > 0, tappable(ui, "◀ Back")));
    if back.on_hover_text("The previous step (Page Up)").clicked() {
        *action = Some(LessonAction::Previous);
    }
}

fn question_ui(
    ui: &mut egui::Ui,
    run: &mut LessonRun,
    prediction: &Prediction,
    labels: &[String],
    touch: bool,
    action: &mut Option<LessonAction>,
) {
    let question = RichText::new(prediction.question()).strong().color(ui.visuals().strong_text_color());
    if touch {
        ui.label(question.clone());
    }
    ui.horizontal_wrapped(|ui| {
        if !touch {
            ui.label(question);
        }
        let choices = prediction.choices(labels);
        for choice in &choices {
            if button(ui, &Prediction::choice_text(*choice, labels)).clicked() {
                *action = Some(LessonAction::Answer(Answer::Chose(*choice)));
            }
        }
        if choices.is_empty() {
            let Some(typed) = run.typed_mut() else {
                return;
            };
            let field =
                egui::TextEdit::singleline(typed).desired_width(theme::body_size(ui) * 7.0).hint_text("your number");
            let response = ui.add(field).accessible_name(ESTIMATE_FIELD);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let parsed = (!typed.trim().is_empty()).then(|| parse_number(typed));
            let answer = remember("Answer", ui.add_enabled(matches!(parsed, Some(Ok(_))), tappable(ui, "Answer")));
            if let Some(Ok(number)) = parsed
                && (answer.clicked() || entered)
            {
                *action = Some(LessonAction::Answer(Answer::Number(number)));
            }
            if let Some(Err(e)) = parsed {
                ui.label(RichText::new(e.to_string()).color(theme::alarm(ui)));
            }
        }
        if button(ui, "Reveal").on_hover_text("Show the answer without one from the class").clicked() {
            *action = Some(LessonAction::Reveal);
        }
    });
}

fn verdict_ui(
    ui: &mut egui::Ui,
    prediction: &Prediction,
    verdict: &crate::lesson::Verdict,
    mode: Mode,
    touch: bool,
    action: &mut Option<LessonAction>,
) {
    if touch {
        ui.label(RichText::new(prediction.question()).strong());
    }
    ui.horizontal_wrapped(|ui| {
        if !touch {
            ui.label(RichText::new(prediction.question()).strong());
        }
        let (mark, color) = match verdict.correct {
            Some(true) => ("Right!", theme::success(ui)),
            Some(false) => ("Not quite.", theme::alarm(ui)),
            None => ("The answer:", ui.visuals().strong_text_color()),
        };
        ui.label(RichText::new(mark).strong().color(color));
        ui.label(RichText::new(&verdict.right_answer).strong());
        if let Some(student) = &verdict.student_answer {
            ui.label(format!("(you said {student})"));
        }
        let ask_again = if touch { tappable(ui, "Ask again") } else { egui::Button::new("Ask again").small() };
        if mode == Mode::Live
            && remember("Ask again", ui.add(ask_again)).on_hover_text("Hide the answer and ask again").clicked()
        {
            *action = Some(LessonAction::AskAgain);
        }
    });
    ui.label(format!("Why: {}.", verdict.why.trim_end_matches('.')));
}

/// Where the strip's button `label` was drawn in the last frame (a page that embeds
/// klscope, and the browser test, click it there).
pub fn button_rect(ctx: &egui::Context, label: &str) -> Option<egui::Rect> {
    let buttons = ctx.data(|data| data.get_temp::<Vec<(String, egui::Rect)>>(buttons_id()))?;
    buttons.into_iter().find(|(shown, _)| shown == label).map(|(_, rect)| rect)
}

fn buttons_id() -> egui::Id {
    egui::Id::unique("lesson strip buttons")
}

fn button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    let button = tappable(ui, label);
    remember(label, ui.add(button))
}

/// A button; in the touch style (see `lesson_step_ui`) at least as wide as it is tall, so
/// a lone "×" is still a target.
fn tappable<'a>(ui: &egui::Ui, label: &'a str) -> egui::Button<'a> {
    let height = ui.spacing().interact_size.y;
    let side = if height >= theme::TOUCH_TARGET { height } else { 0.0 };
    egui::Button::new(label).min_size(egui::vec2(side, side))
}

/// Forgets where the strip's buttons were (a strip drawn in its place starts with this).
pub fn forget_buttons(ctx: &egui::Context) {
    ctx.data_mut(|data| data.remove::<Vec<(String, egui::Rect)>>(buttons_id()));
}

/// Notes where a button of the strip (or of a classroom panel beside it) was drawn.
pub fn remember(label: &str, response: egui::Response) -> egui::Response {
    let rect = response.rect;
    response.ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Vec<(String, egui::Rect)>>(buttons_id()).push((label.to_string(), rect))
    });
    response
}
