//! The classroom's room, as pure code shared by the server and the browser client: the
//! typed messages both sides send (JSON over WebSocket), the names they carry (join code,
//! student id, nickname, teacher token), and the room's state machine. No I/O, no clock,
//! no randomness here: the server owns the sockets and draws the random bytes.
//!
//! The leak rule: before the teacher reveals a step, nothing a student receives names the
//! answer or a judgement of it. A student's page is sent P and Q and works out its own
//! view from them, as it does with no room.

mod histogram;
mod ids;
mod judge;
mod message;
mod room;
#[cfg(test)]
mod room_tests;

pub use histogram::histogram;
pub use ids::{CODE_LENGTH, IdError, JoinCode, Nickname, StudentId, TeacherToken};
pub use judge::{Judged, judge_answer};
pub use message::{Bar, ClientMessage, Phase, ServerMessage, StepNow, WireAnswer};
pub use room::{AnswerRecord, Delivery, Room, RoomError, To};

/// The most bytes one message may hold, either way; a longer one closes its connection.
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024;

/// The most characters a nickname may have.
pub const MAX_NICKNAME_CHARS: usize = 24;

/// The most outcomes a classroom step may carry (a phone draws one bar each).
pub const MAX_ROOM_OUTCOMES: usize = 64;
