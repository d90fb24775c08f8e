//! One WebSocket connection: read a frame, check its size and the rate, parse it, let the
//! room act on it, deliver what the room says. A frame that is too large, too frequent,
//! not text or not a klscope message closes this connection with a one-line reason and
//! touches nothing else; a message the room refuses gets an `Error` back and changes
//! nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use klscope_core::classroom::{
    ClientMessage, JoinCode, MAX_MESSAGE_BYTES, Nickname, ServerMessage, StudentId, WireAnswer,
};

use crate::outbox::{BAD_DATA, NORMAL, Outbox, Outgoing, POLICY, TOO_BIG};
use crate::rate::RateLimit;
use crate::rooms::{Rooms, Shared, lock};

/// The server's state every connection sees.
pub struct Server {
    pub rooms: Rooms,
    pub live: std::sync::Mutex<std::collections::HashMap<u64, Arc<Outbox>>>,
    next_id: AtomicU64,
}

impl Server {
    pub fn new(rooms: Rooms) -> Server {
        Server { rooms, live: Default::default(), next_id: AtomicU64::new(1) }
    }

    /// Asks every connection to close (the server is stopping).
    pub fn close_everyone(&self, reason: &str) {
        self.rooms.close_all(reason);
        lock(&self.live).values().for_each(|o| o.close(crate::outbox::GOING_AWAY, reason));
    }

    pub fn connections(&self) -> usize {
        lock(&self.live).len()
    }
}

/// What this connection is in a room.
struct Seat {
    entry: Shared,
    student: usize,
}

struct Connection {
    server: Arc<Server>,
    outbox: Arc<Outbox>,
    seat: Option<Seat>,
    /// Rooms where this connection listens as the teacher.
    teaching: Vec<Shared>,
    created: bool,
}

/// Runs one connection to its end.
pub async fn run(socket: WebSocket, server: Arc<Server>) {
    let id = server.next_id.fetch_add(1, Ordering::Relaxed);
    let (outbox, mut queue) = Outbox::new(id);
    let outbox = Arc::new(outbox);
    lock(&server.live).insert(id, outbox.clone());
    let (mut sink, mut stream) = socket.split();
    let writer = tokio::spawn(async move {
        while let Some(out) = queue.recv().await {
            let frame = match out {
                Outgoing::Text(text) => Message::Text(text.into()),
                Outgoing::Close(code, reason) => {
                    let _ = sink.send(Message::Close(Some(CloseFrame { code, reason: reason.into() }))).await;
                    break;
                }
            };
            if sink.send(frame).await.is_err() {
                break;
            }
        }
    });
    let mut connection =
        Connection { server: server.clone(), outbox: outbox.clone(), seat: None, teaching: Vec::new(), created: false };
    let limits = &server.rooms.limits;
    let mut rate = RateLimit::new(limits.burst, limits.per_second, Instant::now());
    let close: Option<(u16, String)> = loop {
        let frame = tokio::select! {
            () = outbox.kick.notified() => match outbox.kicked() {
                Some(reason) => break Some(reason),
                None => continue,
            },
            frame = stream.next() => frame,
        };
        let text = match frame {
            None => break None,
            // The peer went away mid-frame, broke the protocol, or sent a frame past what
            // the socket reads at all; the reason goes out if the peer still listens.
            Some(Err(error)) => break Some((POLICY, format!("the connection failed: {error}"))),
            Some(Ok(Message::Close(_))) => break Some((NORMAL, String::new())),
            Some(Ok(message)) => {
                if !rate.take(Instant::now()) {
                    break Some((POLICY, format!("more than {} messages a second", limits.per_second)));
                }
                match message {
                    Message::Text(text) if text.len() > MAX_MESSAGE_BYTES => {
                        break Some((TOO_BIG, format!("a message is at most {MAX_MESSAGE_BYTES} bytes")));
                    }
                    Message::Text(text) => text,
                    Message::Binary(_) => break Some((BAD_DATA, "klscope messages are JSON text".to_string())),
                    // Pings are answered by the socket itself.
                    _ => continue,
                }
            }
        };
        match ClientMessage::from_json(&text) {
            Ok(message) => connection.handle(message),
            Err(reason) => break Some((BAD_DATA, reason)),
        }
    };
    connection.leave();
    lock(&server.live).remove(&id);
    let (code, reason) = close.unwrap_or((NORMAL, String::new()));
    outbox.send_close(code, &reason).await;
    // The close frame has a moment to go out; a peer that reads nothing does not hold us.
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}

impl Connection {
    fn reply(&self, message: ServerMessage) {
        self.outbox.send(message.to_json());
    }

    fn handle(&mut self, message: ClientMessage) {
        match message {
            ClientMessage::CreateRoom { lesson } => self.create(&lesson),
            ClientMessage::Join { code, student, nickname } => self.join(&code, &student, nickname.as_deref()),
            ClientMessage::Answer { step, answer } => self.answer(step, answer),
            ClientMessage::Step { code, token, index, p, q } => self.teach(&code, &token, |e| e.room.step(index, p, q)),
            ClientMessage::Scene { code, token, p, q } => self.teach(&code, &token, |e| e.room.scene(p, q)),
            ClientMessage::ShowAnswers { code, token } => self.teach(&code, &token, |e| e.room.show_answers()),
            ClientMessage::Reveal { code, token } => self.teach(&code, &token, |e| e.room.reveal()),
            ClientMessage::Close { code, token } => self.close_room(&code, &token),
            ClientMessage::Resume { code, token } => self.teach(&code, &token, |e| Ok(e.room.resume())),
        }
    }

    fn create(&mut self, lesson: &str) {
        if self.created {
            return self.reply(ServerMessage::error("this connection has opened a room already"));
        }
        match self.server.rooms.create(lesson, &self.outbox) {
            Ok((entry, created)) => {
                self.created = true;
                self.reply(created);
                let entry_guard = lock(&entry);
                entry_guard.deliver(vec![entry_guard.room.counts()]);
                drop(entry_guard);
                self.teaching.push(entry);
            }
            Err(reason) => self.reply(ServerMessage::error(reason)),
        }
    }

    /// The room that `code` and `token` open, or why not (one answer for both, so that
    /// a wrong token does not tell which codes exist).
    fn teacher_room(&self, code: &str, token: &str) -> Result<Shared, &'static str> {
        let refused = || "no room has that code and teacher token";
        let entry = self.server.rooms.find(code).ok_or_else(refused)?;
        if !lock(&entry).room.is_teacher(token) {
            return Err(refused());
        }
        Ok(entry)
    }

    /// A teacher's command on a room, once the token is checked.
    fn teach(
        &mut self,
        code: &str,
        token: &str,
        act: impl FnOnce(
            &mut crate::rooms::Entry,
        ) -> Result<Vec<klscope_core::classroom::Delivery>, klscope_core::classroom::RoomError>,
    ) {
        let entry = match self.teacher_room(code, token) {
            Ok(entry) => entry,
            Err(refused) => return self.reply(ServerMessage::error(refused)),
        };
        let mut guard = lock(&entry);
        guard.add_teacher(&self.outbox);
        guard.last_active = Instant::now();
        match act(&mut guard) {
            Ok(deliveries) => guard.deliver(deliveries),
            Err(error) => self.reply(ServerMessage::error(error)),
        }
        drop(guard);
        if !self.teaching.iter().any(|t| Arc::ptr_eq(t, &entry)) {
            self.teaching.push(entry);
        }
    }

    fn close_room(&mut self, code: &str, token: &str) {
        match self.teacher_room(code, token) {
            Ok(entry) => self.server.rooms.close(&mut lock(&entry), "the teacher closed the room"),
            Err(refused) => self.reply(ServerMessage::error(refused)),
        }
    }

    fn join(&mut self, code: &str, student: &str, nickname: Option<&str>) {
        let parsed = JoinCode::parse(code)
            .and_then(|code| Ok((code, StudentId::parse(student)?, Nickname::parse(nickname.unwrap_or(""))?)));
        let (code, student, nickname) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => return self.reply(ServerMessage::error(error)),
        };
        let Some(entry) = self.server.rooms.find(code.as_str()) else {
            return self
                .reply(ServerMessage::error(format!("there is no room {code}: check the code on the projector")));
        };
        self.leave_seat();
        let mut guard = lock(&entry);
        match guard.room.join(student, nickname) {
            Ok((number, deliveries)) => {
                guard.seat_student(number, &self.outbox);
                guard.last_active = Instant::now();
                guard.deliver(deliveries);
                drop(guard);
                self.seat = Some(Seat { entry, student: number });
            }
            Err(error) => self.reply(ServerMessage::error(error)),
        }
    }

    fn answer(&mut self, step: usize, answer: WireAnswer) {
        let Some(seat) = &self.seat else {
            return self.reply(ServerMessage::error("join a room before answering"));
        };
        let mut guard = lock(&seat.entry);
        if !guard.open {
            return self.reply(ServerMessage::error("this room has closed"));
        }
        match guard.room.answer(seat.student, step, answer) {
            Ok((deliveries, record)) => {
                guard.last_active = Instant::now();
                guard.deliver(deliveries);
                self.server.rooms.record(guard.room.code(), &record);
            }
            Err(error) => self.reply(ServerMessage::error(error)),
        }
    }

    /// Leaves the room this connection sits in as a student, if any.
    fn leave_seat(&mut self) {
        if let Some(seat) = self.seat.take() {
            let mut guard = lock(&seat.entry);
            // A closed room's teacher has been told it ended: no counts after that.
            if guard.unseat_student(seat.student, self.outbox.id) && guard.open {
                let deliveries = guard.room.leave(seat.student);
                guard.deliver(deliveries);
            }
        }
    }

    /// The connection ended: it no longer hears any room.
    fn leave(&mut self) {
        self.leave_seat();
        for entry in self.teaching.drain(..) {
            lock(&entry).remove_teacher(self.outbox.id);
        }
    }
}
