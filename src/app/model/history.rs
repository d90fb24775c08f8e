//! Undo and redo of a document, the discrete one or the densities one: a whole drag, or a
//! whole typed value, is one step.
//!
//! Like egui's `Undoer` (which this replaced), but steps are kept within a memory budget:
//! one step of a million-outcome vocabulary holds about 18 MB of probabilities, so a
//! hundred of them would not fit in a browser tab.

use eframe::egui;
use std::collections::VecDeque;

use super::densities::DensitiesDoc;
use super::state::Document;

/// What a history can keep: a document that knows its size and when it is the same step.
pub trait Undoable: Clone {
    /// Outcomes held, for the memory budget.
    fn size(&self) -> usize;
    /// The same document as far as undo goes (a densities document's revision and
    /// running ascent are not edits).
    fn same(&self, other: &Self) -> bool;
}

impl Undoable for Document {
    fn size(&self) -> usize {
        self.len()
    }

    fn same(&self, other: &Self) -> bool {
        self == other
    }
}

impl Undoable for DensitiesDoc {
    fn size(&self) -> usize {
        1
    }

    fn same(&self, other: &Self) -> bool {
        self.scenario == other.scenario && self.bins == other.bins && self.vi == other.vi
    }
}

/// At most this many steps back.
const MAX_STEPS: usize = 100;
/// At most this many outcomes, summed over the kept steps (about 180 MB).
const MAX_OUTCOMES_KEPT: usize = 10_000_000;

pub struct History<D = Document> {
    /// The documents to go back to; the last is the most recent recorded step.
    undos: VecDeque<D>,
    /// The documents undone, to go forward to; the last is the next redo.
    redos: Vec<D>,
}

impl<D> Default for History<D> {
    fn default() -> Self {
        History { undos: VecDeque::new(), redos: Vec::new() }
    }
}

impl<D: Undoable> History<D> {
    /// A history whose first step is `doc`: what was open before anything the session
    /// brings (a share link in the address, an Open) can be undone back to.
    pub fn starting_at(doc: &D) -> Self {
        let mut history = History::default();
        history.push(doc);
        history
    }

    /// Whether the last recorded step is `doc`.
    fn at(&self, doc: &D) -> bool {
        self.undos.back().is_some_and(|last| last.same(doc))
    }

    pub fn can_undo(&self, doc: &D) -> bool {
        match self.undos.len() {
            0 => false,
            1 => !self.at(doc),
            _ => true,
        }
    }

    pub fn can_redo(&self, doc: &D) -> bool {
        !self.redos.is_empty() && self.at(doc)
    }

    /// The document before the last step, if there is one.
    pub fn undo(&mut self, doc: &D) -> Option<D> {
        if !self.can_undo(doc) {
            return None;
        }
        if self.at(doc) {
            // The current document is the last step: step back past it.
            self.redos.extend(self.undos.pop_back());
        } else {
            // Edited since the last step: keep the edit for redo.
            self.redos.push(doc.clone());
        }
        self.undos.back().cloned()
    }

    /// The document the last undo left, if nothing changed since.
    pub fn redo(&mut self, doc: &D) -> Option<D> {
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
    pub fn record(&mut self, ctx: &egui::Context, doc: &D) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.egui_wants_keyboard_input();
        self.record_unless(busy, doc);
    }

    /// Records `doc` as a step unless an edit is still going on (`busy`).
    pub fn record_unless(&mut self, busy: bool, doc: &D) {
        if busy || self.at(doc) {
            return;
        }
        self.redos.clear();
        self.push(doc);
    }

    fn push(&mut self, doc: &D) {
        self.undos.push_back(doc.clone());
        let mut kept: usize = self.undos.iter().map(D::size).sum();
        // Always keep the newest step and the one before it, however large.
        while self.undos.len() > 2 && (self.undos.len() > MAX_STEPS || kept > MAX_OUTCOMES_KEPT) {
            kept -= self.undos.pop_front().map_or(0, |old| old.size());
        }
    }
}
