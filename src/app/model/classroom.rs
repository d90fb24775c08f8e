//! A classroom room as the app knows it, with no socket and no drawing: who we are in it
//! (the teacher who made it, or a student who joined), whether the server is reached, the
//! room's code and link, and what the server last said (counts, the histogram, the
//! reveal). The platform carries the messages; `app/classroom.rs` moves them between the
//! server, this model and the lesson; the panels draw it.

use crate::classroom::{Bar, ClientMessage, Phase, ServerMessage, WireAnswer};

/// The teacher drives the room; a student answers in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Teacher,
    Student,
}

/// The connection to the classroom server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Not asked to connect yet (the teacher is typing the address).
    Idle,
    Connecting,
    Open,
    /// The one sentence that says why the room cannot be reached, or why it ended.
    Lost(String),
}

/// The teacher's counts, as the server last sent them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub joined: usize,
    pub connected: usize,
    pub answered: usize,
    pub reached: Option<usize>,
}

/// The reveal, as the server sent it (to a student it also holds their own answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revealed {
    pub step: usize,
    pub right_answer: String,
    pub why: String,
    pub your_answer: Option<String>,
    pub correct: Option<bool>,
}

/// The spread of one step's answers, for the teacher.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub step: usize,
    pub bars: Vec<Bar>,
}

/// What a message from the server asks of the app beyond this model.
#[derive(Debug, Clone, PartialEq)]
pub enum Follow {
    /// A student's room: open the lesson `lesson` (a built-in id) at `step` with P and Q,
    /// or wait at its first step when the teacher has not started one.
    OpenLesson { lesson: String, step: Option<(usize, Vec<f64>, Vec<f64>)> },
    /// A student's room moved to a step.
    GoTo { index: usize, p: Vec<f64>, q: Vec<f64> },
    /// The teacher dragged: the student's P and Q follow.
    Scene { index: usize, p: Vec<f64>, q: Vec<f64> },
    /// The answer is out: the numbers may show.
    Reveal,
    /// The room is made: the teacher's step goes to it.
    Created,
}

/// One room, from this app's side.
#[derive(Debug, Clone)]
pub struct Classroom {
    pub role: Role,
    /// The server's address as typed ("127.0.0.1:8080", "ws://host:port/ws").
    pub address: String,
    pub link: Link,
    /// The room's join code, once known.
    pub code: Option<String>,
    /// The teacher's secret: never shown, never in a link.
    token: Option<String>,
    /// What students open (`http://…/?room=CODE`).
    pub join_link: Option<String>,
    /// The lesson's built-in id.
    pub lesson: Option<String>,
    /// The step the room is on, and where it stands.
    pub step: Option<usize>,
    pub phase: Option<Phase>,
    pub counts: Option<Counts>,
    pub spread: Option<Spread>,
    pub revealed: Option<Revealed>,
    /// The last refusal the server sent.
    pub refused: Option<String>,
    /// The teacher's last Step (index) and the P and Q last sent, with when (seconds).
    pub sent_step: Option<usize>,
    pub sent_scene: Option<(Vec<f64>, Vec<f64>)>,
    pub sent_at: f64,
    /// A student's id (kept in the browser's storage), nickname and own answer.
    pub student: String,
    pub nickname: String,
    pub answer: Option<WireAnswer>,
    /// The estimate being typed.
    pub typed: String,
    /// The join code being typed.
    pub typed_code: String,
    /// When a student whose connection broke tries again (seconds, the frame clock).
    pub retry_at: Option<f64>,
}

/// The fewest seconds between two of the teacher's scenes (ten a second at most: what a
/// phone can draw).
pub const SCENE_EVERY: f64 = 0.1;

/// How long a student whose connection broke waits before joining again.
pub const RETRY_AFTER: f64 = 3.0;

/// The fewest seconds between two of a student's goal attempts sent as answers.
pub const GOAL_EVERY: f64 = 0.25;

impl Classroom {
    /// A teacher about to connect to `address`.
    pub fn teacher(address: String) -> Classroom {
        Classroom::new(Role::Teacher, address)
    }

    /// A student joining room `code` at `address` as `student`.
    pub fn student(address: String, code: String, student: String) -> Classroom {
        Classroom { code: Some(code), student, ..Classroom::new(Role::Student, address) }
    }

    fn new(role: Role, address: String) -> Classroom {
        Classroom {
            role,
            address,
            link: Link::Idle,
            code: None,
            token: None,
            join_link: None,
            lesson: None,
            step: None,
            phase: None,
            counts: None,
            spread: None,
            revealed: None,
            refused: None,
            sent_step: None,
            sent_scene: None,
            sent_at: f64::NEG_INFINITY,
            student: String::new(),
            nickname: String::new(),
            answer: None,
            typed: String::new(),
            typed_code: String::new(),
            retry_at: None,
        }
    }

    pub fn is_teacher(&self) -> bool {
        self.role == Role::Teacher
    }

    pub fn is_student(&self) -> bool {
        self.role == Role::Student
    }

    /// The WebSocket address of [`Classroom::address`], or why it is not one.
    pub fn socket_url(&self) -> Result<String, String> {
        socket_url(&self.address)
    }

    /// The first message once the socket is open: make the room, or join it.
    pub fn hello(&self, lesson: &str) -> Option<ClientMessage> {
        match self.role {
            Role::Teacher => Some(ClientMessage::CreateRoom { lesson: lesson.to_string() }),
            Role::Student => {
                let nickname = self.nickname.trim();
                Some(ClientMessage::Join {
                    code: self.code.clone()?,
                    student: self.student.clone(),
                    nickname: (!nickname.is_empty()).then(|| nickname.to_string()),
                })
            }
        }
    }

    /// The room is made and this app is its teacher.
    pub fn is_running(&self) -> bool {
        self.is_teacher() && self.token.is_some() && self.link == Link::Open
    }

    /// The teacher's message moving the room to `index` with P and Q.
    pub fn step_message(&mut self, index: usize, p: &[f64], q: &[f64], now: f64) -> Option<ClientMessage> {
        let (code, token) = (self.code.clone()?, self.token.clone()?);
        self.sent_step = Some(index);
        self.sent_scene = Some((p.to_vec(), q.to_vec()));
        self.sent_at = now;
        self.spread = None;
        self.revealed = None;
        Some(ClientMessage::Step { code, token, index, p: p.to_vec(), q: q.to_vec() })
    }

    /// The teacher's P and Q after a drag, if they changed and the last went long enough
    /// ago; `Err(wait)` when they changed but must wait `wait` seconds more.
    pub fn scene_message(&mut self, p: &[f64], q: &[f64], now: f64) -> Result<Option<ClientMessage>, f64> {
        let same = self.sent_scene.as_ref().is_some_and(|(sp, sq)| sp == p && sq == q);
        if same {
            return Ok(None);
        }
        let wait = self.sent_at + SCENE_EVERY - now;
        if wait > 0.0 {
            return Err(wait);
        }
        let (Some(code), Some(token)) = (self.code.clone(), self.token.clone()) else {
            return Ok(None);
        };
        self.sent_scene = Some((p.to_vec(), q.to_vec()));
        self.sent_at = now;
        Ok(Some(ClientMessage::Scene { code, token, p: p.to_vec(), q: q.to_vec() }))
    }

    /// Show answers, Reveal or Close, with the room's code and token.
    pub fn teacher_message(&self, make: fn(String, String) -> ClientMessage) -> Option<ClientMessage> {
        Some(make(self.code.clone()?, self.token.clone()?))
    }

    /// A student's answer to the current step, unless it is closed.
    pub fn answer_message(&mut self, answer: WireAnswer) -> Option<ClientMessage> {
        let step = self.step?;
        if self.phase == Some(Phase::Revealed) {
            return None;
        }
        Some(ClientMessage::Answer { step, answer })
    }

    /// Takes in a server message; says what else the app must do.
    pub fn receive(&mut self, message: ServerMessage) -> Option<Follow> {
        match message {
            ServerMessage::RoomCreated { code, token, join_link, lesson, steps: _ } => {
                (self.code, self.token, self.join_link, self.lesson) =
                    (Some(code), Some(token), Some(join_link), Some(lesson));
                self.refused = None;
                Some(Follow::Created)
            }
            ServerMessage::Joined { code, lesson, step, answer, revealed } => {
                self.code = Some(code);
                self.lesson = Some(lesson.clone());
                self.refused = None;
                self.answer = answer;
                self.step = step.as_ref().map(|s| s.index);
                self.phase = step.as_ref().map(|s| s.phase);
                // A reveal that came with the join is applied once the lesson is open.
                self.revealed = revealed.and_then(|r| revealed_of(*r));
                Some(Follow::OpenLesson { lesson, step: step.map(|s| (s.index, s.p, s.q)) })
            }
            ServerMessage::StepNow(now) => {
                if self.step != Some(now.index) {
                    self.answer = None;
                    self.revealed = None;
                    self.typed.clear();
                    self.spread = None;
                }
                self.step = Some(now.index);
                self.phase = Some(now.phase);
                (self.is_student()).then_some(Follow::GoTo { index: now.index, p: now.p, q: now.q })
            }
            ServerMessage::Scene { index, p, q } => Some(Follow::Scene { index, p, q }),
            ServerMessage::AnswerTaken { step, answer } => {
                if self.step == Some(step) {
                    self.answer = Some(answer);
                }
                None
            }
            ServerMessage::Counts { step: _, joined, connected, answered, reached } => {
                self.counts = Some(Counts { joined, connected, answered, reached });
                None
            }
            ServerMessage::Histogram { step, bars, right: _ } => {
                self.spread = Some(Spread { step, bars });
                if self.phase == Some(Phase::Asking) {
                    self.phase = Some(Phase::Shown);
                }
                None
            }
            message @ ServerMessage::Revealed { .. } => {
                self.revealed = revealed_of(message);
                self.phase = Some(Phase::Revealed);
                Some(Follow::Reveal)
            }
            ServerMessage::Closed { reason } => {
                self.link = Link::Lost(format!("The room has ended: {}.", reason.trim_end_matches('.')));
                self.token = None;
                None
            }
            ServerMessage::Error { reason } => {
                self.refused = Some(reason);
                None
            }
        }
    }

    /// The live line on the projector: never what anyone answered.
    pub fn counts_line(&self) -> String {
        let Some(counts) = self.counts else {
            return "Waiting for students…".to_string();
        };
        let mut line = format!("joined {} · answered {}", counts.joined, counts.answered);
        if let Some(reached) = counts.reached {
            line.push_str(&format!(" · reached the goal {reached}"));
        }
        line
    }
}

fn revealed_of(message: ServerMessage) -> Option<Revealed> {
    match message {
        ServerMessage::Revealed { step, right_answer, why, your_answer, correct } => {
            Some(Revealed { step, right_answer, why, your_answer, correct })
        }
        _ => None,
    }
}

/// "127.0.0.1:8080", "http://host:8080/…" and "ws://host:8080/ws" all become the server's
/// WebSocket address; anything else is refused in one sentence.
pub fn socket_url(address: &str) -> Result<String, String> {
    let text = address.trim();
    let (scheme, rest) = match text.split_once("://") {
        Some(("ws" | "http", rest)) => ("ws", rest),
        Some(("wss" | "https", rest)) => ("wss", rest),
        Some((other, _)) => return Err(format!("'{other}://' is not a classroom address: type host:port")),
        None => ("ws", text),
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let fits = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    if !fits {
        return Err(format!("'{text}' is not a classroom address such as 127.0.0.1:8080"));
    }
    Ok(format!("{scheme}://{host}/ws"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classroom::StepNow;

    #[test]
    fn addresses_become_the_servers_socket() {
        assert_eq!(socket_url("127.0.0.1:8080"), Ok("ws://127.0.0.1:8080/ws".into()));
        assert_eq!(socket_url(" http://192.168.1.5:8080/?room=K7MQ "), Ok("ws://192.168.1.5:8080/ws".into()));
        assert_eq!(socket_url("wss://class.example.org/ws"), Ok("wss://class.example.org/ws".into()));
        assert_eq!(socket_url("https://class.example.org"), Ok("wss://class.example.org/ws".into()));
        for bad in ["", "ftp://x", "host name", "http:///"] {
            assert!(socket_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_teacher_counts_and_throttles_scenes() {
        let mut room = Classroom::teacher("127.0.0.1:8080".into());
        room.link = Link::Open;
        assert_eq!(room.hello("asymmetry"), Some(ClientMessage::CreateRoom { lesson: "asymmetry".into() }));
        let created = ServerMessage::RoomCreated {
            code: "K7MQ".into(),
            token: "t".repeat(32),
            join_link: "http://h/?room=K7MQ".into(),
            lesson: "asymmetry".into(),
            steps: 6,
        };
        assert_eq!(room.receive(created), Some(Follow::Created));
        assert!(room.is_running());
        assert_eq!(room.counts_line(), "Waiting for students…");
        let (p, q) = (vec![0.5, 0.5], vec![0.9, 0.1]);
        assert!(matches!(room.step_message(0, &p, &q, 10.0), Some(ClientMessage::Step { index: 0, .. })));
        assert_eq!(room.scene_message(&p, &q, 10.01), Ok(None), "nothing moved");
        let moved = vec![0.8, 0.2];
        assert!(room.scene_message(&p, &moved, 10.05).is_err_and(|wait| (wait - 0.05).abs() < 1e-9));
        assert!(matches!(room.scene_message(&p, &moved, 10.1), Ok(Some(ClientMessage::Scene { .. }))));
        let counts = ServerMessage::Counts { step: Some(0), joined: 3, connected: 3, answered: 2, reached: None };
        room.receive(counts);
        assert_eq!(room.counts_line(), "joined 3 · answered 2");
    }

    #[test]
    fn a_student_follows_the_room_and_keeps_their_answer_until_the_step_changes() {
        let mut room = Classroom::student("127.0.0.1:8080".into(), "K7MQ".into(), "abcdefgh".into());
        room.nickname = "  Ada ".into();
        let hello = room.hello("");
        let join =
            ClientMessage::Join { code: "K7MQ".into(), student: "abcdefgh".into(), nickname: Some("Ada".into()) };
        assert_eq!(hello, Some(join));
        let now = StepNow { index: 0, p: vec![0.5, 0.5], q: vec![0.9, 0.1], phase: Phase::Asking };
        let joined = ServerMessage::Joined {
            code: "K7MQ".into(),
            lesson: "asymmetry".into(),
            step: Some(now.clone()),
            answer: Some(WireAnswer::Equal {}),
            revealed: None,
        };
        assert!(matches!(room.receive(joined), Some(Follow::OpenLesson { step: Some((0, _, _)), .. })));
        assert_eq!(room.answer, Some(WireAnswer::Equal {}), "a rejoin keeps the answer");
        assert_eq!(
            room.answer_message(WireAnswer::Equal {}),
            Some(ClientMessage::Answer { step: 0, answer: WireAnswer::Equal {} })
        );
        room.receive(ServerMessage::StepNow(StepNow { index: 1, ..now }));
        assert_eq!(room.answer, None);
        let revealed = ServerMessage::Revealed {
            step: 1,
            right_answer: "KL(Q||P)".into(),
            why: "because".into(),
            your_answer: None,
            correct: None,
        };
        assert_eq!(room.receive(revealed), Some(Follow::Reveal));
        assert_eq!(room.answer_message(WireAnswer::Equal {}), None, "answers close at Reveal");
    }
}
