//! What a classroom server's socket tells the app ([`RoomEvent`]), and a student's id. The
//! sockets themselves are the platform's:
//! `native/socket.rs` (a thread with tungstenite) and `web_socket.rs` (the browser's).

use crate::classroom::ServerMessage;

/// What happened on the socket to the classroom server.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomEvent {
    /// Connected: the first message may go.
    Open,
    Message(ServerMessage),
    /// The connection failed or ended; one sentence saying why.
    Lost(String),
}

impl RoomEvent {
    /// A text frame from the server, read.
    pub fn from_text(text: &str) -> RoomEvent {
        match serde_json::from_str::<ServerMessage>(text) {
            Ok(message) => RoomEvent::Message(message),
            Err(_) => RoomEvent::Lost("The classroom server sent a message this klscope does not read.".to_string()),
        }
    }

    /// The connection to `url` could not be made.
    pub fn unreachable(url: &str, why: impl std::fmt::Display) -> RoomEvent {
        RoomEvent::Lost(format!(
            "The classroom server at {url} cannot be reached ({why}): is `klscope classroom` running there?"
        ))
    }

    /// The server closed the connection, with or without a reason.
    pub fn closed(reason: &str) -> RoomEvent {
        let reason = reason.trim().trim_end_matches('.');
        if reason.is_empty() {
            RoomEvent::Lost("The classroom server closed the connection.".to_string())
        } else {
            RoomEvent::Lost(format!("The classroom server closed the connection: {reason}."))
        }
    }
}

/// A new student id: 16 letters and digits from `random` (numbers in 0..1).
pub fn new_student_id(mut random: impl FnMut() -> f64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..16).map(|_| char::from(ALPHABET[((random() * 36.0) as usize).min(35)])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classroom::StudentId;

    #[test]
    fn student_ids_are_what_the_server_admits() {
        let mut x = 0.0;
        let id = new_student_id(|| {
            x = (x + 0.37) % 1.0;
            x
        });
        assert_eq!(id.len(), 16);
        assert!(StudentId::parse(&id).is_ok(), "{id}");
        assert!(StudentId::parse(&new_student_id(|| 1.0)).is_ok(), "the top of the range");
    }

    #[test]
    fn what_the_socket_says_is_one_sentence() {
        assert_eq!(
            RoomEvent::from_text(r#"{"type":"Error","reason":"no"}"#),
            RoomEvent::Message(ServerMessage::Error { reason: "no".into() })
        );
        assert!(matches!(RoomEvent::from_text("{"), RoomEvent::Lost(_)));
        assert_eq!(RoomEvent::closed(""), RoomEvent::Lost("The classroom server closed the connection.".into()));
        let RoomEvent::Lost(line) = RoomEvent::unreachable("ws://127.0.0.1:9/ws", "connection refused") else {
            panic!()
        };
        assert!(line.starts_with("The classroom server at ws://127.0.0.1:9/ws cannot be reached"), "{line}");
    }
}
