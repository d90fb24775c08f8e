//! The server's rooms: each a core `Room` with the connections that hear it. Messages a
//! room call returns are delivered here, to the teacher's connections or the students'.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use klscope_core::classroom::{AnswerRecord, CODE_LENGTH, Delivery, JoinCode, Room, ServerMessage, TeacherToken, To};
use klscope_core::lesson::find_builtin_lesson;

use crate::outbox::{GOING_AWAY, NORMAL, Outbox};
use crate::record::Recorder;
use crate::{ClassroomError, Limits};

/// A lock that survives a panicked holder: the room's data stays consistent between calls.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A room and who listens to it.
pub struct Entry {
    pub room: Room,
    teachers: Vec<Arc<Outbox>>,
    students: HashMap<usize, Arc<Outbox>>,
    pub last_active: Instant,
    /// False once closed: later messages to it are refused.
    pub open: bool,
}

impl Entry {
    /// Sends each message to its recipients, serialised once.
    pub fn deliver(&self, deliveries: Vec<Delivery>) {
        for Delivery { to, message } in deliveries {
            let text = message.to_json();
            match to {
                To::Teacher => self.teachers.iter().for_each(|t| t.send(text.clone())),
                To::Student(s) => {
                    if let Some(outbox) = self.students.get(&s) {
                        outbox.send(text);
                    }
                }
                To::Students => self.students.values().for_each(|s| s.send(text.clone())),
            }
        }
    }

    /// Adds a teacher's connection (once).
    pub fn add_teacher(&mut self, outbox: &Arc<Outbox>) {
        if !self.teachers.iter().any(|t| t.id == outbox.id) {
            self.teachers.push(outbox.clone());
        }
    }

    pub fn remove_teacher(&mut self, id: u64) {
        self.teachers.retain(|t| t.id != id);
    }

    /// Seats a student's connection; one they had open elsewhere is closed.
    pub fn seat_student(&mut self, student: usize, outbox: &Arc<Outbox>) {
        if let Some(old) = self.students.insert(student, outbox.clone())
            && old.id != outbox.id
        {
            old.close(NORMAL, "you joined this room from another page");
        }
    }

    /// Unseats a student's connection if it is still theirs; whether it was.
    pub fn unseat_student(&mut self, student: usize, id: u64) -> bool {
        if self.students.get(&student).is_some_and(|o| o.id == id) {
            self.students.remove(&student);
            true
        } else {
            false
        }
    }

    fn close(&mut self, reason: &str) {
        self.open = false;
        self.deliver(self.room.close(reason));
    }
}

pub type Shared = Arc<Mutex<Entry>>;

/// Every room on the server.
pub struct Rooms {
    map: Mutex<HashMap<JoinCode, Shared>>,
    pub limits: Limits,
    /// "http://192.168.1.5:8080/": the join link is this with `?room=CODE`.
    pub base_url: String,
    pub recorder: Option<Recorder>,
    opened: AtomicUsize,
}

/// Fills `bytes` from the operating system.
fn random<const N: usize>() -> Result<[u8; N], ClassroomError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| ClassroomError::Random(e.to_string()))?;
    Ok(bytes)
}

impl Rooms {
    pub fn new(limits: Limits, base_url: String, recorder: Option<Recorder>) -> Rooms {
        Rooms { map: Mutex::new(HashMap::new()), limits, base_url, recorder, opened: AtomicUsize::new(0) }
    }

    /// Opens a room for a built-in lesson with `teacher` listening; its first message.
    pub fn create(&self, lesson: &str, teacher: &Arc<Outbox>) -> Result<(Shared, ServerMessage), String> {
        let lesson = find_builtin_lesson(lesson).map_err(|e| e.to_string())?;
        let token = TeacherToken::from_random(random().map_err(|e| e.to_string())?);
        let mut map = lock(&self.map);
        if map.len() >= self.limits.max_rooms {
            return Err(format!(
                "this server holds at most {} rooms: close one, or start it with a larger --max-rooms",
                self.limits.max_rooms
            ));
        }
        // 28 million codes: a clash among a few rooms is rare, ten in a row impossible.
        let mut code = None;
        for _ in 0..10 {
            let candidate = JoinCode::from_random(random::<CODE_LENGTH>().map_err(|e| e.to_string())?);
            if !map.contains_key(&candidate) {
                code = Some(candidate);
                break;
            }
        }
        let code = code.ok_or("no free join code: try again")?;
        let room = Room::new(code.clone(), token, lesson, self.limits.max_students);
        let created = room.created(format!("{}?room={code}", self.base_url));
        let mut entry =
            Entry { room, teachers: Vec::new(), students: HashMap::new(), last_active: Instant::now(), open: true };
        entry.add_teacher(teacher);
        let shared = Arc::new(Mutex::new(entry));
        map.insert(code, shared.clone());
        self.opened.fetch_add(1, Ordering::Relaxed);
        Ok((shared, created))
    }

    /// The room a code names, if open.
    pub fn find(&self, code: &str) -> Option<Shared> {
        let code = JoinCode::parse(code).ok()?;
        lock(&self.map).get(&code).cloned()
    }

    /// Closes a room: everyone in it is told `reason`. The room is locked by the caller and
    /// the map after it; nothing locks a room while holding the map.
    pub fn close(&self, entry: &mut Entry, reason: &str) {
        entry.close(reason);
        lock(&self.map).remove(entry.room.code());
    }

    /// Closes the rooms idle since before `now − room_idle`; how many.
    pub fn expire(&self, now: Instant) -> usize {
        // Locks are taken room, then map (see `close`): never a room while holding the map.
        let all: Vec<Shared> = lock(&self.map).values().cloned().collect();
        let stale: Vec<Shared> = all
            .into_iter()
            .filter(|e| now.saturating_duration_since(lock(e).last_active) >= self.limits.room_idle)
            .collect();
        let idle = self.limits.room_idle;
        let idle_for = match idle.as_secs() {
            0 => format!("{} milliseconds", idle.as_millis()),
            secs @ 1..120 => format!("{secs} seconds"),
            secs => format!("{} minutes", secs / 60),
        };
        for entry in &stale {
            let mut entry = lock(entry);
            if !entry.open {
                continue;
            }
            self.close(&mut entry, &format!("the room closed after {idle_for} without a message"));
        }
        stale.len()
    }

    /// Closes every room (the server is stopping).
    pub fn close_all(&self, reason: &str) {
        let all: Vec<Shared> = lock(&self.map).drain().map(|(_, e)| e).collect();
        for entry in all {
            let mut entry = lock(&entry);
            entry.close(reason);
            entry.teachers.iter().chain(entry.students.values()).for_each(|o| o.close(GOING_AWAY, reason));
        }
    }

    /// Appends an answer to the record, if there is one.
    pub fn record(&self, code: &JoinCode, record: &AnswerRecord) {
        if let Some(recorder) = &self.recorder {
            recorder.write(code.as_str(), record);
        }
    }

    /// How many rooms were opened since the start.
    pub fn opened(&self) -> usize {
        self.opened.load(Ordering::Relaxed)
    }
}
