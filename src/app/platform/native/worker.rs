//! The desktop's job runner: one job at a time on a thread of its own, its progress
//! shared through atomics, its result sent back when done. Cancelling tells the thread
//! to stop after the piece it is on; its result, if it still comes, is dropped.

use eframe::egui;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, mpsc};

use crate::app::model::Status;
use crate::app::model::job::JobProgress;
use crate::app::platform::event::Event;
use crate::app::platform::jobs::{self, MakeJob, Piece};

struct Running {
    what: String,
    /// The fraction done, as f32 bits.
    fraction: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    done: mpsc::Receiver<Event>,
}

#[derive(Default)]
pub struct Worker {
    running: Option<Running>,
}

impl Worker {
    /// Starts `make`'s job on a new thread; false (and nothing starts) while another job
    /// runs. The thread asks `ctx` for a frame whenever it gets further.
    pub fn start(&mut self, what: String, make: MakeJob, ctx: &egui::Context) -> bool {
        if self.running.is_some() {
            return false;
        }
        let fraction = Arc::new(AtomicU32::new(0f32.to_bits()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (send, done) = mpsc::channel();
        let (thread_fraction, thread_cancel, ctx) = (Arc::clone(&fraction), Arc::clone(&cancel), ctx.clone());
        let started = std::thread::Builder::new().name("klscope job".to_string()).spawn(move || {
            let mut job = make();
            while !thread_cancel.load(Ordering::Relaxed) {
                match job.next_piece() {
                    Piece::Working(f) => thread_fraction.store(f.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed),
                    Piece::Done(event) => {
                        let _ = send.send(event);
                        break;
                    }
                }
                ctx.request_repaint();
            }
            ctx.request_repaint();
        });
        if started.is_err() {
            return false;
        }
        self.running = Some(Running { what, fraction, cancel, done });
        true
    }

    /// The job's result once it is done (or why there is none); `None` while it runs or
    /// when no job runs.
    pub fn poll(&mut self) -> Option<Event> {
        let running = self.running.as_ref()?;
        let event = match running.done.try_recv() {
            Err(mpsc::TryRecvError::Empty) => return None,
            _ if running.cancel.load(Ordering::Relaxed) => Event::Status(jobs::cancelled(&running.what)),
            Ok(event) => event,
            Err(mpsc::TryRecvError::Disconnected) => {
                Event::Status(Status::error(format!("{} stopped before it was done.", running.what)))
            }
        };
        self.running = None;
        Some(event)
    }

    pub fn progress(&self) -> Option<JobProgress> {
        self.running
            .as_ref()
            .map(|r| JobProgress { what: r.what.clone(), fraction: f32::from_bits(r.fraction.load(Ordering::Relaxed)) })
    }

    /// Asks the job to stop after its current piece.
    pub fn cancel(&mut self) {
        if let Some(running) = &self.running {
            running.cancel.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::platform::jobs::Job;
    use std::time::{Duration, Instant};

    struct Slow {
        left: usize,
    }

    impl Job for Slow {
        fn next_piece(&mut self) -> Piece {
            std::thread::sleep(Duration::from_millis(5));
            self.left -= 1;
            if self.left == 0 { Piece::Done(Event::Present) } else { Piece::Working(0.5) }
        }
    }

    fn wait_for(worker: &mut Worker) -> Event {
        let start = Instant::now();
        loop {
            if let Some(event) = worker.poll() {
                return event;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "the job never finished");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn a_job_runs_off_the_caller_and_hands_back_its_result_once() {
        let ctx = egui::Context::default();
        let mut worker = Worker::default();
        assert!(worker.start("Counting".into(), Box::new(|| Box::new(Slow { left: 3 }) as Box<dyn Job>), &ctx));
        assert!(!worker.start("Another".into(), Box::new(|| Box::new(Slow { left: 1 }) as Box<dyn Job>), &ctx));
        assert_eq!(worker.progress().map(|p| p.what), Some("Counting".to_string()));
        assert!(matches!(wait_for(&mut worker), Event::Present));
        assert!(worker.progress().is_none() && worker.poll().is_none(), "done once");
    }

    #[test]
    fn a_cancelled_job_gives_no_result_and_says_so() {
        let ctx = egui::Context::default();
        let mut worker = Worker::default();
        assert!(worker.start("Drawing".into(), Box::new(|| Box::new(Slow { left: 1000 }) as Box<dyn Job>), &ctx));
        worker.cancel();
        match wait_for(&mut worker) {
            Event::Status(status) => assert_eq!(status.text, "Cancelled: drawing. Nothing was changed."),
            other => panic!("expected a status, got {other:?}"),
        }
    }
}
