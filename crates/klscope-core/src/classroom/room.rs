//! A room: one lesson, its students and their answers per step, moved by the teacher.
//! Every call returns the messages it causes and to whom; the server only delivers them.
//! Nothing a student sends reaches another student: students are sent the step, the
//! teacher's P and Q, their own answer and, after Reveal, the right answer.

use std::collections::{BTreeMap, HashMap};

use super::judge::{answer_text, check_scene, verdict};
use super::{JoinCode, Judged, Nickname, Phase, ServerMessage, StepNow, StudentId, TeacherToken, WireAnswer};
use super::{histogram, judge_answer};
use crate::lesson::{Lesson, Step, Task};

/// Who a message goes to. A student is their number in the room (0, 1, …), which is also
/// the anonymous id in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    Teacher,
    Student(usize),
    /// Every student in the room.
    Students,
}

/// A message and its recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub to: To,
    pub message: ServerMessage,
}

/// One answer, for the teacher's record.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRecord {
    /// 0-based.
    pub step: usize,
    pub student: usize,
    pub nickname: Option<String>,
    pub answer: String,
    /// Whether it is right at P and Q as they were when it came (a goal: reached).
    pub correct: Option<bool>,
}

/// Why the room refused a call; one sentence, sent back as an `Error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoomError {
    #[error("this room is full: it holds at most {0} students")]
    Full(usize),
    #[error("this lesson has {steps} steps: there is no step {}", .index + 1)]
    NoStep { index: usize, steps: usize },
    #[error("the teacher has not started a step yet")]
    NoStepYet,
    #[error("the room is on step {}, not step {}", .now + 1, .asked + 1)]
    NotNow { asked: usize, now: usize },
    #[error("step {}'s answer is revealed: answers are closed", .0 + 1)]
    Closed(usize),
    #[error("step {} asks nothing to reveal", .0 + 1)]
    NothingToReveal(usize),
    #[error("{0}")]
    Refused(String),
}

struct Student {
    nickname: Option<Nickname>,
    connected: bool,
}

struct Given {
    wire: WireAnswer,
    judged: Judged,
}

/// What Reveal fixed for a step: later drags do not change what was revealed.
struct Reveal {
    right_answer: String,
    why: String,
    /// Each student's answer text and verdict.
    students: BTreeMap<usize, (String, Option<bool>)>,
}

struct StepState {
    p: Vec<f64>,
    q: Vec<f64>,
    phase: Phase,
    answers: BTreeMap<usize, Given>,
    reveal: Option<Reveal>,
}

/// A room in memory.
pub struct Room {
    code: JoinCode,
    token: TeacherToken,
    lesson: Lesson,
    max_students: usize,
    students: Vec<Student>,
    by_id: HashMap<StudentId, usize>,
    current: Option<usize>,
    steps: Vec<StepState>,
}

impl Room {
    pub fn new(code: JoinCode, token: TeacherToken, lesson: Lesson, max_students: usize) -> Room {
        let steps = lesson
            .steps
            .iter()
            .map(|step| StepState {
                // A densities step has no P and Q a room can carry (see `check_scene`).
                p: step.discrete().map(|s| s.p.clone()).unwrap_or_default(),
                q: step.discrete().map(|s| s.q.clone()).unwrap_or_default(),
                phase: Phase::Asking,
                answers: BTreeMap::new(),
                reveal: None,
            })
            .collect();
        Room { code, token, lesson, max_students, students: Vec::new(), by_id: HashMap::new(), current: None, steps }
    }

    pub fn code(&self) -> &JoinCode {
        &self.code
    }

    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    /// Whether `token` is this room's teacher token.
    pub fn is_teacher(&self, token: &str) -> bool {
        self.token.matches(token)
    }

    /// The teacher's first message: the room's code, token and the students' link.
    pub fn created(&self, join_link: String) -> ServerMessage {
        ServerMessage::RoomCreated {
            code: self.code.to_string(),
            token: self.token.as_str().to_string(),
            join_link,
            lesson: self.lesson.id.clone(),
            steps: self.lesson.steps.len(),
        }
    }

    /// The step the room is on, 0-based.
    pub fn current_step(&self) -> Option<usize> {
        self.current
    }

    pub fn phase(&self) -> Option<Phase> {
        self.current.map(|i| self.steps[i].phase)
    }

    /// A student enters, or comes back with the same id and finds their answers kept.
    pub fn join(&mut self, id: StudentId, nickname: Option<Nickname>) -> Result<(usize, Vec<Delivery>), RoomError> {
        let student = match self.by_id.get(&id) {
            Some(&known) => known,
            None if self.students.len() >= self.max_students => return Err(RoomError::Full(self.max_students)),
            None => {
                self.students.push(Student { nickname: None, connected: false });
                self.by_id.insert(id, self.students.len() - 1);
                self.students.len() - 1
            }
        };
        let entry = &mut self.students[student];
        entry.connected = true;
        if nickname.is_some() {
            entry.nickname = nickname;
        }
        let joined = ServerMessage::Joined {
            code: self.code.to_string(),
            lesson: self.lesson.id.clone(),
            step: self.current.map(|i| self.step_now(i)),
            answer: self.current.and_then(|i| self.steps[i].answers.get(&student)).map(|g| g.wire.clone()),
            revealed: self.current.and_then(|i| self.revealed_to(i, Some(student))).map(Box::new),
        };
        Ok((student, vec![Delivery { to: To::Student(student), message: joined }, self.counts()]))
    }

    /// A student's connection ended; their answers stay.
    pub fn leave(&mut self, student: usize) -> Vec<Delivery> {
        match self.students.get_mut(student) {
            Some(entry) if entry.connected => {
                entry.connected = false;
                vec![self.counts()]
            }
            _ => Vec::new(),
        }
    }

    /// The teacher moves to step `index` with P and Q as they have them. P and Q of a
    /// revealed step may change; what was revealed stays.
    pub fn step(&mut self, index: usize, p: Vec<f64>, q: Vec<f64>) -> Result<Vec<Delivery>, RoomError> {
        let lesson_step = self.lesson_step(index)?;
        check_scene(lesson_step, &p, &q).map_err(RoomError::Refused)?;
        let state = &mut self.steps[index];
        (state.p, state.q) = (p, q);
        self.current = Some(index);
        let now = ServerMessage::StepNow(self.step_now(index));
        let mut out =
            vec![Delivery { to: To::Students, message: now.clone() }, Delivery { to: To::Teacher, message: now }];
        out.push(self.counts());
        if self.steps[index].phase != Phase::Asking {
            out.push(self.histogram(index));
        }
        if self.steps[index].reveal.is_some() {
            out.extend(self.reveal_deliveries(index));
        }
        Ok(out)
    }

    /// The teacher dragged: the students follow.
    pub fn scene(&mut self, p: Vec<f64>, q: Vec<f64>) -> Result<Vec<Delivery>, RoomError> {
        let index = self.current.ok_or(RoomError::NoStepYet)?;
        check_scene(&self.lesson.steps[index], &p, &q).map_err(RoomError::Refused)?;
        let state = &mut self.steps[index];
        (state.p, state.q) = (p, q);
        let scene = ServerMessage::Scene { index, p: state.p.clone(), q: state.q.clone() };
        Ok(vec![Delivery { to: To::Students, message: scene }])
    }

    /// The teacher sees the spread; students may still change their answers.
    pub fn show_answers(&mut self) -> Result<Vec<Delivery>, RoomError> {
        let index = self.current.ok_or(RoomError::NoStepYet)?;
        if self.lesson.steps[index].task.is_none() {
            return Err(RoomError::NothingToReveal(index));
        }
        if self.steps[index].phase == Phase::Asking {
            self.steps[index].phase = Phase::Shown;
        }
        Ok(vec![self.histogram(index)])
    }

    /// The right answer, to everyone; each student also gets their own verdict.
    pub fn reveal(&mut self) -> Result<Vec<Delivery>, RoomError> {
        let index = self.current.ok_or(RoomError::NoStepYet)?;
        let step = &self.lesson.steps[index];
        let state = &self.steps[index];
        let reveal = match &step.task {
            None => return Err(RoomError::NothingToReveal(index)),
            Some(_) if state.reveal.is_some() => None,
            Some(Task::Goal(goal)) => {
                let reached = state.answers.values().filter(|g| g.judged == Judged::Goal { met: true }).count();
                let why = format!("{reached} of {} reached it on their own copy.", state.answers.len());
                let students = state
                    .answers
                    .iter()
                    .map(|(s, g)| (*s, (answer_text(step, &g.judged), Some(g.judged == Judged::Goal { met: true }))))
                    .collect();
                Some(Reveal { right_answer: goal.describe(), why, students })
            }
            Some(Task::Predict(_)) => {
                let general = verdict(step, &state.p, &state.q, None);
                let students = state
                    .answers
                    .iter()
                    .map(|(s, g)| {
                        let own = match g.judged {
                            Judged::Prediction(answer) => verdict(step, &state.p, &state.q, Some(answer)),
                            Judged::Goal { .. } => None,
                        };
                        let text = own.as_ref().and_then(|v| v.student_answer.clone());
                        (*s, (text.unwrap_or_else(|| answer_text(step, &g.judged)), own.and_then(|v| v.correct)))
                    })
                    .collect();
                general.map(|v| Reveal { right_answer: v.right_answer, why: v.why, students })
            }
        };
        if let Some(reveal) = reveal {
            self.steps[index].reveal = Some(reveal);
        }
        self.steps[index].phase = Phase::Revealed;
        let mut out = self.reveal_deliveries(index);
        out.push(self.histogram(index));
        Ok(out)
    }

    /// A student's answer to `step`: kept (replacing an earlier one) until Reveal.
    pub fn answer(
        &mut self,
        student: usize,
        step: usize,
        wire: WireAnswer,
    ) -> Result<(Vec<Delivery>, AnswerRecord), RoomError> {
        let now = self.current.ok_or(RoomError::NoStepYet)?;
        if step != now {
            return Err(RoomError::NotNow { asked: step, now });
        }
        let state = &self.steps[now];
        if state.phase == Phase::Revealed {
            return Err(RoomError::Closed(now));
        }
        let lesson_step = &self.lesson.steps[now];
        let judged = judge_answer(lesson_step, &state.p, &wire).map_err(RoomError::Refused)?;
        let correct = match judged {
            Judged::Goal { met } => Some(met),
            Judged::Prediction(answer) => {
                verdict(lesson_step, &state.p, &state.q, Some(answer)).and_then(|v| v.correct)
            }
        };
        let record = AnswerRecord {
            step: now,
            student,
            nickname: self.students.get(student).and_then(|s| s.nickname.as_ref()).map(|n| n.as_str().to_string()),
            answer: answer_text(lesson_step, &judged),
            correct,
        };
        let taken = ServerMessage::AnswerTaken { step: now, answer: wire.clone() };
        self.steps[now].answers.insert(student, Given { wire, judged });
        let mut out = vec![Delivery { to: To::Student(student), message: taken }, self.counts()];
        if self.steps[now].phase == Phase::Shown {
            out.push(self.histogram(now));
        }
        Ok((out, record))
    }

    /// Where the room stands, for a teacher's page that reconnected.
    pub fn resume(&self) -> Vec<Delivery> {
        let mut out = vec![self.counts()];
        if let Some(index) = self.current {
            out.push(Delivery { to: To::Teacher, message: ServerMessage::StepNow(self.step_now(index)) });
            if self.steps[index].phase != Phase::Asking {
                out.push(self.histogram(index));
            }
            out.extend(self.revealed_to(index, None).map(|message| Delivery { to: To::Teacher, message }));
        }
        out
    }

    /// The room ends.
    pub fn close(&self, reason: &str) -> Vec<Delivery> {
        let closed = ServerMessage::Closed { reason: reason.to_string() };
        vec![Delivery { to: To::Students, message: closed.clone() }, Delivery { to: To::Teacher, message: closed }]
    }

    /// How many joined, are here, answered the current step and reached its goal.
    pub fn counts(&self) -> Delivery {
        let state = self.current.map(|i| &self.steps[i]);
        let is_goal = self.current.is_some_and(|i| matches!(self.lesson.steps[i].task, Some(Task::Goal(_))));
        let reached = state
            .filter(|_| is_goal)
            .map(|s| s.answers.values().filter(|g| g.judged == Judged::Goal { met: true }).count());
        let message = ServerMessage::Counts {
            step: self.current,
            joined: self.students.len(),
            connected: self.students.iter().filter(|s| s.connected).count(),
            answered: state.map_or(0, |s| s.answers.len()),
            reached,
        };
        Delivery { to: To::Teacher, message }
    }

    fn lesson_step(&self, index: usize) -> Result<&Step, RoomError> {
        self.lesson.steps.get(index).ok_or(RoomError::NoStep { index, steps: self.lesson.steps.len() })
    }

    fn step_now(&self, index: usize) -> StepNow {
        let state = &self.steps[index];
        StepNow { index, p: state.p.clone(), q: state.q.clone(), phase: state.phase }
    }

    fn histogram(&self, index: usize) -> Delivery {
        let state = &self.steps[index];
        let answers: Vec<Judged> = state.answers.values().map(|g| g.judged).collect();
        let revealed = state.phase == Phase::Revealed;
        let (bars, right) = histogram(&self.lesson.steps[index], &state.p, &state.q, &answers, revealed);
        Delivery { to: To::Teacher, message: ServerMessage::Histogram { step: index, bars, right } }
    }

    /// The reveal as `student` (or the teacher, with None) receives it.
    fn revealed_to(&self, index: usize, student: Option<usize>) -> Option<ServerMessage> {
        let reveal = self.steps[index].reveal.as_ref()?;
        let own = student.and_then(|s| reveal.students.get(&s));
        Some(ServerMessage::Revealed {
            step: index,
            right_answer: reveal.right_answer.clone(),
            why: reveal.why.clone(),
            your_answer: own.map(|(text, _)| text.clone()),
            correct: own.and_then(|(_, correct)| *correct),
        })
    }

    fn reveal_deliveries(&self, index: usize) -> Vec<Delivery> {
        let teacher = self.revealed_to(index, None).map(|message| Delivery { to: To::Teacher, message });
        let students = (0..self.students.len())
            .filter_map(|s| self.revealed_to(index, Some(s)).map(|message| Delivery { to: To::Student(s), message }));
        teacher.into_iter().chain(students).collect()
    }
}
