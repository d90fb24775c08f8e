//! Long work off the frame: a job done a piece at a time, so that the window keeps
//! drawing, shows how far the work got, and can cancel it. The desktop runs the pieces
//! on a thread of their own; the browser, which has none, runs one piece per frame.
//! Nothing a job does reaches the app until it is done: its result is one [`Event`],
//! and a cancelled job's result is dropped, so nothing is ever half applied.

use super::event::Event;
use crate::app::model::Status;
pub use crate::app::model::job::JobProgress;

/// What one piece of a job left: more to do (and how far along the job is, 0 to 1), or
/// the job's result.
pub enum Piece {
    Working(f32),
    Done(Event),
}

/// A long piece of work, done a piece at a time.
pub trait Job {
    /// Does the next piece of the work.
    fn next_piece(&mut self) -> Piece;
}

/// Makes the job where it will run (on the desktop, its own thread), so that the job
/// itself need not be sendable: only what it is made from is.
pub type MakeJob = Box<dyn FnOnce() -> Box<dyn Job> + Send>;

/// What the status line says when a job was cancelled: "Cancelled: drawing the
/// lesson's pictures. Nothing was changed."
pub fn cancelled(what: &str) -> Status {
    let mut chars = what.chars();
    let what: String = chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
    Status::info(format!("Cancelled: {what}. Nothing was changed."))
}

/// Runs a job to its end on this thread, calling `progress` after every piece; stops
/// (and gives `None`) when `progress` returns false. For the command line.
pub fn run_to_end(mut job: Box<dyn Job>, mut progress: impl FnMut(f32) -> bool) -> Option<Event> {
    loop {
        match job.next_piece() {
            Piece::Working(fraction) => {
                if !progress(fraction) {
                    return None;
                }
            }
            Piece::Done(event) => return Some(event),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts to `to`, one number a piece.
    struct Count {
        at: usize,
        to: usize,
    }

    impl Job for Count {
        fn next_piece(&mut self) -> Piece {
            self.at += 1;
            if self.at < self.to {
                Piece::Working(self.at as f32 / self.to as f32)
            } else {
                Piece::Done(Event::Status(Status::info(format!("counted to {}", self.to))))
            }
        }
    }

    #[test]
    fn a_job_runs_piece_by_piece_and_stops_when_asked() {
        let mut seen = Vec::new();
        let done = run_to_end(Box::new(Count { at: 0, to: 4 }), |f| {
            seen.push(f);
            true
        });
        assert_eq!(seen, vec![0.25, 0.5, 0.75]);
        assert!(matches!(done, Some(Event::Status(s)) if s.text == "counted to 4"));
        let stopped = run_to_end(Box::new(Count { at: 0, to: 4 }), |f| f < 0.5);
        assert!(stopped.is_none(), "a job told to stop gives nothing");
    }
}
