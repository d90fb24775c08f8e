//! Undo and redo of the document: a whole drag, or a whole typed value, is one step.
//!
//! Like egui's `Undoer` (which this replaced), but steps are kept within a memory budget:
//! one step of a million-outcome vocabulary holds about 18 MB of probabilities, so a
//! hundred of them would not fit in a browser tab.

use eframe::egui;
use std::collections::VecDeque;

use super::state::Document;

/// At most this many steps back.
const MAX_STEPS: usize = 100;
/// At most this many outcomes, summed over the kept steps (about 180 MB).
const MAX_OUTCOMES_KEPT: usize = 10_000_000;

#[derive(Default)]
pub struct History {
    /// The documents to go back to; the last is the most recent recorded step.
    undos: VecDeque<Document>,
    /// The documents undone, to go forward to; the last is the next redo.
    redos: Vec<Document>,
}

impl History {
    /// A history whose first step is `doc`: what was open before anything the session
    /// brings (a share link in the address, an Open) can be undone back to.
    pub fn starting_at(doc: &Document) -> Self {
        let mut history = History::default();
        history.push(doc);
        history
    }

    pub fn can_undo(&self, doc: &Document) -> bool {
        match self.undos.len() {
            0 => false,
            1 => self.undos.back() != Some(doc),
            _ => true,
        }
    }

    pub fn can_redo(&self, doc: &Document) -> bool {
        !self.redos.is_empty() && self.undos.back() == Some(doc)
    }

    /// The document before the last step, if there is one.
    pub fn undo(&mut self, doc: &Document) -> Option<Document> {
        if !self.can_undo(doc) {
            return None;
        }
        if self.undos.back() == Some(doc) {
            // The current document is the last step: step back past it.
            self.redos.extend(self.undos.pop_back());
        } else {
            // Edited since the last step: keep the edit for redo.
            self.redos.push(doc.clone());
        }
        self.undos.back().cloned()
    }

    /// The document the last undo left, if nothing changed since.
    pub fn redo(&mut self, doc: &Document) -> Option<Document> {
        if !self.can_redo(doc) {
            return None;
        }
        let next = self.redos.pop()?;
        self.undos.push_back(next.clone());
        Some(next)
    }

    /// Records an undo step once an edit is finished: not in the middle of a drag or
    /// while a value is being typed, so a whole drag is one step. A new edit after an
    /// undo starts a new branch: the undone steps can no longer be redone.
    pub fn record(&mut self, ctx: &egui::Context, doc: &Document) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.egui_wants_keyboard_input();
        if busy || self.undos.back() == Some(doc) {
            return;
        }
        self.redos.clear();
        self.push(doc);
    }

    fn push(&mut self, doc: &Document) {
        self.undos.push_back(doc.clone());
        let mut kept: usize = self.undos.iter().map(Document::len).sum();
        // Always keep the newest step and the one before it, however large.
        while self.undos.len() > 2 && (self.undos.len() > MAX_STEPS || kept > MAX_OUTCOMES_KEPT) {
            kept -= self.undos.pop_front().map_or(0, |old| old.len());
        }
    }
}
