//! The messages, as JSON objects with a "type" field. Unknown types and unknown fields are
//! refused, so a message means one thing or nothing.
//!
//! Who may send what: `CreateRoom` anyone; `Step`, `Scene`, `ShowAnswers`, `Reveal`,
//! `Close` and `Resume` only with the room's teacher token; `Join` and `Answer` a student. Who receives
//! what: `RoomCreated`, `Counts` and `Histogram` only the teacher; `Joined`, `AnswerTaken`
//! the student concerned; `StepNow`, `Scene`, `Revealed`, `Closed` everyone in the room.

use serde::{Deserialize, Serialize};

/// What a browser (a teacher's or a student's) sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum ClientMessage {
    /// Opens a room for a built-in lesson, by id ("asymmetry").
    CreateRoom { lesson: String },
    /// Moves the room to a step (0-based), with P and Q as the teacher has them.
    Step { code: String, token: String, index: usize, p: Vec<f64>, q: Vec<f64> },
    /// The teacher dragged: the students' screens follow (send at most ten a second).
    Scene { code: String, token: String, p: Vec<f64>, q: Vec<f64> },
    /// Shows the teacher the spread of the current step's answers.
    ShowAnswers { code: String, token: String },
    /// Reveals the current step's right answer to everyone.
    Reveal { code: String, token: String },
    /// Ends the room.
    Close { code: String, token: String },
    /// A teacher's page that reloaded listens again and is sent where the room stands
    /// (counts, the step, the histogram once shown, the reveal once made).
    Resume { code: String, token: String },
    /// A student enters a room; `student` is the id kept in the browser's storage.
    Join {
        code: String,
        student: String,
        #[serde(default)]
        nickname: Option<String>,
    },
    /// A student's answer to step `step` (0-based); sending again changes it until Reveal.
    Answer { step: usize, answer: WireAnswer },
}

/// An answer as sent: a choice, a number as typed, or a goal's P and Q.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum WireAnswer {
    /// One of a question's measures, by JSON key ("kl_pq", "wasserstein1", "renyi").
    Measure { measure: String },
    /// "They are equal" (`{"kind":"equal"}`; braces so that extra fields are refused).
    Equal {},
    /// "None of them" (`{"kind":"none_of"}`), for a "which still tells" question.
    NoneOf {},
    /// An outcome, 0-based.
    Outcome { index: usize },
    /// An estimate as typed: "0.5", "1/3", "inf".
    Number { value: String },
    /// The student's own copy of P and Q, for a goal.
    Scene { p: Vec<f64>, q: Vec<f64> },
}

impl From<crate::lesson::Choice> for WireAnswer {
    /// A choice as a student's page sends it.
    fn from(choice: crate::lesson::Choice) -> Self {
        use crate::lesson::Choice;
        match choice {
            Choice::Measure(asked) => WireAnswer::Measure { measure: asked.json_key().to_string() },
            Choice::Equal => WireAnswer::Equal {},
            Choice::NoneOf => WireAnswer::NoneOf {},
            Choice::Outcome(index) => WireAnswer::Outcome { index },
        }
    }
}

/// Where the current step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Answers come in; nobody sees them.
    Asking,
    /// The teacher sees the spread; students may still change their answer.
    Shown,
    /// The right answer is out; answers are closed.
    Revealed,
}

/// The step the room is on, as a student needs it to draw it: the lesson and the step
/// give the text, the view and the question; P and Q are the teacher's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepNow {
    pub index: usize,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    pub phase: Phase,
}

/// One bar of the teacher's histogram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bar {
    /// The choice's text, or the range of estimates ("0.40 – 0.60").
    pub label: String,
    pub count: usize,
    /// A range of estimates: from (inclusive) and to (exclusive but for the last bar).
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// After Reveal: whether this bar holds right answers. None before.
    pub right: Option<bool>,
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum ServerMessage {
    /// To the teacher: the room is open. `token` is the teacher's secret; `join_link` is
    /// what students open (it holds the code, never the token).
    RoomCreated { code: String, token: String, join_link: String, lesson: String, steps: usize },
    /// To a student who joined (or rejoined): the lesson, the step if the teacher chose
    /// one, the student's own answer to it if they gave one, and the reveal if it happened.
    Joined {
        code: String,
        lesson: String,
        step: Option<StepNow>,
        answer: Option<WireAnswer>,
        revealed: Option<Box<ServerMessage>>,
    },
    /// To everyone: the room moved to a step.
    StepNow(StepNow),
    /// To the students: the teacher's P and Q changed.
    Scene { index: usize, p: Vec<f64>, q: Vec<f64> },
    /// To a student: their answer is in (as they sent it).
    AnswerTaken { step: usize, answer: WireAnswer },
    /// To the teacher: how many joined, are here now, answered, and reached a goal.
    Counts { step: Option<usize>, joined: usize, connected: usize, answered: usize, reached: Option<usize> },
    /// To the teacher, after Show answers: the spread of the answers.
    Histogram { step: usize, bars: Vec<Bar>, right: Option<usize> },
    /// To everyone once the teacher reveals: the right answer and why; to a student also
    /// their own answer and whether it was right.
    Revealed { step: usize, right_answer: String, why: String, your_answer: Option<String>, correct: Option<bool> },
    /// To everyone: the room ended.
    Closed { reason: String },
    /// The one-line reason a message was refused; the room did not change.
    Error { reason: String },
}

impl ServerMessage {
    pub fn error(reason: impl std::fmt::Display) -> ServerMessage {
        ServerMessage::Error { reason: reason.to_string() }
    }

    /// As sent on the wire.
    pub fn to_json(&self) -> String {
        // Serialising these types cannot fail: no maps with non-string keys, and the
        // numbers are finite (non-finite P or Q are refused before they are stored).
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"type":"Error","reason":"unsendable"}"#.to_string())
    }
}

impl ClientMessage {
    /// Reads a message; the error is one line, as a close reason.
    pub fn from_json(text: &str) -> Result<ClientMessage, String> {
        serde_json::from_str(text).map_err(|error| {
            let mut line = format!("not a klscope message: {error}");
            line.truncate(line.floor_char_boundary(120));
            line
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_tagged_json_and_strangers_are_refused() {
        let join = ClientMessage::from_json(r#"{"type":"Join","code":"K7MQ","student":"abcdefgh"}"#);
        assert_eq!(join, Ok(ClientMessage::Join { code: "K7MQ".into(), student: "abcdefgh".into(), nickname: None }));
        let answer = r#"{"type":"Answer","step":0,"answer":{"kind":"measure","measure":"kl_qp"}}"#;
        let expected = WireAnswer::Measure { measure: "kl_qp".into() };
        assert_eq!(ClientMessage::from_json(answer), Ok(ClientMessage::Answer { step: 0, answer: expected }));
        for bad in [
            r#"{"type":"Join","code":"K7MQ","student":"abcdefgh","admin":true}"#,
            r#"{"type":"Promote","code":"K7MQ"}"#,
            r#"{"type":"Answer","step":0,"answer":{"kind":"equal","extra":1}}"#,
            r#"{"type":"Answer","step":-1,"answer":{"kind":"equal"}}"#,
            "[1,2]",
            "{",
        ] {
            let error = ClientMessage::from_json(bad).expect_err(bad);
            assert!(error.starts_with("not a klscope message: ") && !error.contains('\n'), "{error}");
        }
    }

    #[test]
    fn what_is_sent_reads_back_the_same() {
        let sent = ServerMessage::Counts { step: Some(2), joined: 3, connected: 2, answered: 1, reached: None };
        let json = sent.to_json();
        assert_eq!(json, r#"{"type":"Counts","step":2,"joined":3,"connected":2,"answered":1,"reached":null}"#);
        assert_eq!(serde_json::from_str::<ServerMessage>(&json).ok(), Some(sent));
        let step =
            ServerMessage::StepNow(StepNow { index: 1, p: vec![0.5, 0.5], q: vec![1.0, 0.0], phase: Phase::Asking });
        assert_eq!(step.to_json(), r#"{"type":"StepNow","index":1,"p":[0.5,0.5],"q":[1.0,0.0],"phase":"asking"}"#);
    }
}
