//! Opening a large file off the frame: a model's output or a vocabulary of a million
//! outcomes takes a quarter of a second to a second to read and check, and the window
//! keeps drawing meanwhile (with Cancel). Small files open at once, without a job.

use std::path::{Path, PathBuf};

use crate::app::model::Status;
use crate::app::platform::event::Event;
use crate::app::platform::jobs::{Job, Piece};
use crate::read::{FileKind, read_file};
use crate::scenario;

/// Files larger than this are read by a job.
pub const JOB_FROM_BYTES: u64 = 1 << 20;

/// Whether `path` is large enough to be read by a job.
pub fn wants_job(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > JOB_FROM_BYTES)
}

/// What opening one file gives: a model output, a vocabulary or a scenario, or why not.
pub fn open_event(path: &Path) -> Event {
    let text = path.to_string_lossy();
    if super::super::is_model_file(&text) {
        let kind =
            if text.to_ascii_lowercase().ends_with(".txt") { FileKind::Vocabulary } else { FileKind::ModelOutput };
        match read_file(path, kind) {
            Ok(bytes) => Event::from_model_file(&text, &bytes),
            Err(e) => Event::Status(Status::error(e.to_string())),
        }
    } else {
        match scenario::load_any(path) {
            Ok(any) => Event::from_any(any, Some(path.to_path_buf()), path.display().to_string()),
            Err(e) => Event::Status(Status::error(e.to_string())),
        }
    }
}

/// The job: one piece that says it started, one that reads and checks the file.
pub struct OpenJob {
    path: PathBuf,
    started: bool,
}

impl OpenJob {
    pub fn new(path: PathBuf) -> Self {
        OpenJob { path, started: false }
    }
}

impl Job for OpenJob {
    fn next_piece(&mut self) -> Piece {
        if !self.started {
            self.started = true;
            return Piece::Working(0.1);
        }
        Piece::Done(open_event(&self.path))
    }
}
