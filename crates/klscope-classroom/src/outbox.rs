//! A connection's outgoing side: a bounded queue the socket's writer drains, and a way to
//! close that one connection with a reason (a slow reader, a replaced page, a closed room).

use std::sync::Mutex;
use tokio::sync::{Notify, mpsc};

/// How many messages may wait for one connection before it counts as too slow.
pub const QUEUE: usize = 1024;

/// Close codes (RFC 6455).
pub const POLICY: u16 = 1008;
pub const TOO_BIG: u16 = 1009;
pub const BAD_DATA: u16 = 1007;
pub const GOING_AWAY: u16 = 1001;
pub const NORMAL: u16 = 1000;

/// What the writer sends.
pub enum Outgoing {
    Text(String),
    Close(u16, String),
}

/// One connection, as the rooms hold it.
pub struct Outbox {
    pub id: u64,
    queue: mpsc::Sender<Outgoing>,
    kicked: Mutex<Option<(u16, String)>>,
    pub kick: Notify,
}

impl Outbox {
    pub fn new(id: u64) -> (Outbox, mpsc::Receiver<Outgoing>) {
        let (queue, rx) = mpsc::channel(QUEUE);
        (Outbox { id, queue, kicked: Mutex::new(None), kick: Notify::new() }, rx)
    }

    /// Queues a message; a connection whose queue is full is closed as too slow.
    pub fn send(&self, text: String) {
        if self.queue.try_send(Outgoing::Text(text)).is_err() {
            self.close(POLICY, "too slow to keep up with the room");
        }
    }

    /// Asks the connection's reader to close it with `reason`; the first reason wins.
    pub fn close(&self, code: u16, reason: &str) {
        if let Ok(mut kicked) = self.kicked.lock() {
            kicked.get_or_insert_with(|| (code, reason.to_string()));
        }
        self.kick.notify_one();
    }

    pub fn kicked(&self) -> Option<(u16, String)> {
        self.kicked.lock().ok().and_then(|k| k.clone())
    }

    /// Queues the close frame, waiting for room in the queue.
    pub async fn send_close(&self, code: u16, reason: &str) {
        let mut reason = reason.replace(['\n', '\r'], " ");
        // A close frame's reason is at most 123 bytes.
        reason.truncate(reason.floor_char_boundary(123));
        let _ = self.queue.send(Outgoing::Close(code, reason)).await;
    }
}
