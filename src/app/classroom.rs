//! The classroom, between the server, the model and the lesson: Lessons ▸ Run with the
//! class… makes a room for the open lesson and the teacher's stepping and dragging drive
//! it; a page opened with `?room=CODE` (or Lessons ▸ Join a class…) joins one and follows
//! it, answering on its own screen. The socket is the platform's; the state is
//! `model::classroom`; the panels `panels::classroom_teacher` and `classroom_student`.

use eframe::egui;

use super::model::classroom::{Classroom, Follow, GOAL_EVERY, Link, RETRY_AFTER};
use super::panels::classroom_student::{self, StudentStrip};
use super::panels::classroom_teacher::{self, ClassroomAction};
use super::platform::room::RoomEvent;
use super::{KlApp, Mode, Status};
use crate::classroom::{ClientMessage, WireAnswer};
use crate::info::Side;
use crate::lesson::{Task, find_builtin_lesson};

impl KlApp {
    /// Lessons ▸ Run with the class…: the room's panel, ready to connect.
    pub(super) fn run_with_class(&mut self) {
        if self.lesson.is_none() {
            self.status = Some(Status::error("Open a lesson first: the class answers its questions.".to_string()));
            return;
        }
        self.platform.room_close();
        self.classroom = Some(Classroom::teacher(self.platform.classroom_address()));
    }

    /// Lessons ▸ Join a class…, or a page opened with `?room=CODE` (`code`): a student's
    /// strip, joining at once when the code is known.
    pub(super) fn join_class(&mut self, code: Option<String>) {
        self.platform.room_close();
        let student = self.platform.student_id();
        let mut room = Classroom::student(self.platform.classroom_address(), code.clone().unwrap_or_default(), student);
        room.typed_code = code.clone().unwrap_or_default();
        self.classroom = Some(room);
        if code.is_some() {
            self.classroom_act(ClassroomAction::Connect);
        }
    }

    /// The classroom in progress, if any.
    pub fn classroom(&self) -> Option<&Classroom> {
        self.classroom.as_ref()
    }

    /// Carries out what a classroom panel asked for.
    pub(super) fn classroom_act(&mut self, action: ClassroomAction) {
        let Some(room) = self.classroom.as_mut() else {
            return;
        };
        let ctx = self.live_ctx.clone().unwrap_or_default();
        match action {
            ClassroomAction::Connect => {
                if room.is_student() {
                    match crate::classroom::JoinCode::parse(&room.typed_code) {
                        Ok(code) => room.code = Some(code.to_string()),
                        Err(e) => {
                            room.link = Link::Lost(format!("{}.", capitalised(&e.to_string())));
                            return;
                        }
                    }
                    if let Err(e) = crate::classroom::Nickname::parse(&room.nickname) {
                        room.link = Link::Lost(format!("{}.", capitalised(&e.to_string())));
                        return;
                    }
                }
                match room.socket_url() {
                    Ok(url) => {
                        room.link = Link::Connecting;
                        room.refused = None;
                        self.platform.room_connect(&ctx, &url);
                    }
                    Err(e) => room.link = Link::Lost(format!("{}.", capitalised(&e))),
                }
            }
            ClassroomAction::ShowAnswers => {
                let message = room.teacher_message(|code, token| ClientMessage::ShowAnswers { code, token });
                self.room_send(message);
            }
            ClassroomAction::Reveal => {
                let message = room.teacher_message(|code, token| ClientMessage::Reveal { code, token });
                self.room_send(message);
            }
            ClassroomAction::Answer(answer) => {
                let message = room.answer_message(answer);
                self.room_send(message);
            }
            ClassroomAction::End => {
                if room.is_teacher() {
                    let message = room.teacher_message(|code, token| ClientMessage::Close { code, token });
                    self.room_send(message);
                }
                self.platform.room_close();
                self.classroom = None;
                self.status = Some(Status::info("You left the room; the lesson goes on here.".to_string()));
            }
        }
    }

    fn room_send(&mut self, message: Option<ClientMessage>) {
        if let Some(message) = message {
            self.platform.room_send(&message);
        }
    }

    /// What the socket said; a status line only for what the user must read.
    pub(super) fn room_event(&mut self, event: RoomEvent) -> Option<Status> {
        let room = self.classroom.as_mut()?;
        match event {
            RoomEvent::Open => {
                room.link = Link::Open;
                let lesson = self.lesson.as_ref().map(|run| run.lesson.id.clone()).unwrap_or_default();
                let hello = room.hello(&lesson);
                self.room_send(hello);
                None
            }
            RoomEvent::Lost(why) => {
                // A room that ended says so already; the socket closing after it adds nothing.
                if !matches!(room.link, Link::Lost(_)) {
                    room.link = Link::Lost(why.clone());
                    // A student who was in the room joins again by themselves, answers kept.
                    if room.is_student() && room.lesson.is_some() {
                        let now = self.live_ctx.as_ref().map_or(0.0, |ctx| ctx.input(|i| i.time));
                        room.retry_at = Some(now + RETRY_AFTER);
                    }
                }
                self.platform.room_close();
                Some(Status::error(why))
            }
            RoomEvent::Message(message) => {
                let follow = room.receive(message)?;
                self.follow(follow)
            }
        }
    }

    /// Does what a server message asks of the lesson.
    fn follow(&mut self, follow: Follow) -> Option<Status> {
        match follow {
            Follow::Created => None,
            Follow::OpenLesson { lesson, step } => {
                let lesson = match find_builtin_lesson(&lesson) {
                    Ok(lesson) => lesson,
                    Err(e) => return Some(Status::error(format!("The room's lesson cannot open here: {e}."))),
                };
                let title = lesson.title.clone();
                let index = step.as_ref().map_or(0, |(index, _, _)| *index);
                if let Err(e) = self.open_lesson(lesson, index) {
                    return Some(Status::error(format!("The lesson '{title}' cannot open: {e}.")));
                }
                if let Some((_, p, q)) = step {
                    self.set_scene(&p, &q);
                }
                if self.classroom.as_ref().is_some_and(|c| c.revealed.is_some())
                    && let Some(run) = self.lesson.as_mut()
                {
                    run.reveal();
                }
                let code = self.classroom.as_ref().and_then(|c| c.code.clone()).unwrap_or_default();
                Some(Status::info(format!("You are in room {code}: '{title}'.")))
            }
            Follow::GoTo { index, p, q } => {
                let run = self.lesson.as_mut()?;
                if let Err(e) = run.go_to(index, &mut self.state) {
                    return Some(Status::error(e.to_string()));
                }
                self.set_scene(&p, &q);
                None
            }
            Follow::Scene { index, p, q } => {
                let run = self.lesson.as_ref()?;
                // On a goal, each student works on their own copy.
                let own_copy = matches!(run.task(), Some(Task::Goal(_)));
                if run.step_index() == index && !own_copy {
                    self.set_scene(&p, &q);
                }
                None
            }
            Follow::Reveal => {
                if let Some(run) = self.lesson.as_mut() {
                    run.reveal();
                }
                None
            }
        }
    }

    /// The room's P and Q on this screen; what a student then holds is their starting copy.
    fn set_scene(&mut self, p: &[f64], q: &[f64]) {
        for (side, values) in [(Side::P, p), (Side::Q, q)] {
            if let Err(e) = self.state.doc.get_mut(side).set_all(values) {
                self.status = Some(Status::error(format!("The room's {}: {}", side.name(), e.message(side.name()))));
            }
        }
        self.refresh_analysis();
        if let Some(room) = self.classroom.as_mut() {
            room.sent_scene = Some((self.analysis.p.clone(), self.analysis.q.clone()));
        }
    }

    /// Once a frame: the teacher's step and drags go to the room (drags at most ten a
    /// second); a student's own copy on a goal goes as their answer.
    pub(super) fn classroom_sync(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(room) = self.classroom.as_mut()
            && let Some(at) = room.retry_at
        {
            if !matches!(room.link, Link::Lost(_)) {
                room.retry_at = None;
            } else if now >= at {
                room.retry_at = None;
                self.classroom_act(ClassroomAction::Connect);
                return;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(at - now));
            }
        }
        let (Some(room), Some(run)) = (self.classroom.as_mut(), self.lesson.as_ref()) else {
            return;
        };
        if room.link != Link::Open || room.lesson.as_deref() != Some(run.lesson.id.as_str()) {
            return;
        }
        let (p, q) = (&self.analysis.p, &self.analysis.q);
        let message = if room.is_running() {
            let index = run.step_index();
            if room.sent_step == Some(index) {
                match room.scene_message(p, q, now) {
                    Ok(message) => message,
                    Err(wait) => {
                        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
                        None
                    }
                }
            } else {
                room.step_message(index, p, q, now)
            }
        } else if room.is_student()
            && matches!(run.task(), Some(Task::Goal(_)))
            && room.step == Some(run.step_index())
            && room.sent_scene.as_ref().is_some_and(|(sp, sq)| sp != p || sq != q)
        {
            let wait = room.sent_at + GOAL_EVERY - now;
            if wait > 0.0 {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
                None
            } else {
                room.sent_scene = Some((p.clone(), q.clone()));
                room.sent_at = now;
                room.answer_message(WireAnswer::Scene { p: p.clone(), q: q.clone() })
            }
        } else {
            None
        };
        self.room_send(message);
    }

    /// The teacher's room on the right, beside everything else (live only).
    pub(super) fn classroom_teacher_ui(&mut self, ui: &mut egui::Ui, mode: Mode) {
        let Some(room) = self.classroom.as_mut().filter(|c| c.is_teacher() && mode == Mode::Live) else {
            return;
        };
        let task = self.lesson.as_ref().and_then(|run| run.task().cloned());
        let action = egui::Panel::right("classroom")
            .resizable(false)
            .exact_size(classroom_teacher::panel_width(ui))
            .show(ui, |ui| classroom_teacher::classroom_teacher_ui(ui, room, task.as_ref()))
            .inner;
        if let Some(action) = action {
            if action == ClassroomAction::Reveal
                && let Some(run) = self.lesson.as_mut()
            {
                run.reveal();
            }
            self.classroom_act(action);
        }
    }

    /// A student's strip in place of the lesson's: joining, the step, the answer, the
    /// reveal. True when it was drawn.
    pub(super) fn classroom_student_ui(&mut self, ui: &mut egui::Ui, mode: Mode) -> bool {
        let Some(room) = self.classroom.as_mut().filter(|c| c.is_student() && mode == Mode::Live) else {
            return false;
        };
        let goal = self.lesson.as_ref().and_then(|run| run.goal_status(&self.state, &self.analysis.report));
        let strip = StudentStrip { run: self.lesson.as_ref(), labels: self.state.doc.labels(), goal };
        let action = egui::Panel::top("classroom student")
            .frame(egui::Frame::side_top_panel(ui.style()).fill(super::ui::theme::lesson_background(ui)))
            .show(ui, |ui| classroom_student::classroom_student_ui(ui, room, &strip))
            .inner;
        if let Some(action) = action {
            self.classroom_act(action);
        }
        true
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
