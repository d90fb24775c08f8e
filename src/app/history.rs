//! Undo and redo of the document: a whole drag, or a whole typed value, is one step.

use eframe::egui::{self, util::undoer::Undoer};

use super::state::Document;

#[derive(Default)]
pub struct History {
    undoer: Undoer<Document>,
}

impl History {
    /// A history whose first step is `doc`: what was open before anything the session
    /// brings (a share link in the address, an Open) can be undone back to.
    pub fn starting_at(doc: &Document) -> Self {
        let mut history = History::default();
        history.undoer.add_undo(doc);
        history
    }

    pub fn can_undo(&self, doc: &Document) -> bool {
        self.undoer.has_undo(doc)
    }

    pub fn can_redo(&self, doc: &Document) -> bool {
        self.undoer.has_redo(doc)
    }

    /// The document before the last step, if there is one.
    pub fn undo(&mut self, doc: &Document) -> Option<Document> {
        self.undoer.undo(doc).cloned()
    }

    /// The document the last undo left, if nothing changed since.
    pub fn redo(&mut self, doc: &Document) -> Option<Document> {
        self.undoer.redo(doc).cloned()
    }

    /// Records an undo step once an edit is finished: not in the middle of a drag or
    /// while a value is being typed, so a whole drag is one step.
    pub fn record(&mut self, ctx: &egui::Context, doc: &Document) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.egui_wants_keyboard_input();
        if busy {
            return;
        }
        // A new edit after an undo starts a new branch: the undone steps can no longer be
        // redone. egui's add_undo keeps them, but redo() drops them when the state differs
        // from the last undo point (and does nothing when it does not).
        if !self.undoer.has_redo(doc) {
            let _ = self.undoer.redo(doc);
        }
        self.undoer.add_undo(doc);
    }
}
