//! klscope's classroom server: the teacher's machine serves the browser build and one
//! WebSocket endpoint (`/ws`) where a teacher opens a room for a lesson and every student
//! answers its questions. Rooms live in memory; `--record` appends each answer to a CSV.
//!
//! The room itself (its messages, names and state machine) is pure code in
//! `klscope_core::classroom`, shared with the browser client; this crate adds the sockets,
//! the limits, the randomness, the record and the terminal.

mod address;
mod config;
mod connection;
mod error;
mod outbox;
mod rate;
mod record;
mod rooms;
mod server;

pub use address::qr_text;
pub use config::{Config, Limits};
pub use error::ClassroomError;
pub use record::RECORD_HEADER;
pub use server::{Server, Summary, serve};

/// The WebSocket endpoint's path.
pub const SOCKET_PATH: &str = "/ws";
