//! The measures of the document being edited, and revisions that views cache by.

use crate::info::{Report, ZeroRule};

use super::order::{OutcomeOrder, SortKey};
use super::state::Document;

/// The measures of the current document, recomputed only when P, Q or the zero rule
/// change (compared by value, so no edit can forget to invalidate it). Its buffers are
/// reused, so that a drag among a million outcomes allocates nothing.
#[derive(Default)]
pub struct Analysis {
    /// The P, Q and rule the measures are of, as edited (before the rule).
    edited_p: Vec<f64>,
    edited_q: Vec<f64>,
    rule: Option<ZeroRule>,
    /// Counts recomputations: views cache their own work by it.
    pub revision: u64,
    /// Counts changes of P alone, for work that depends on nothing else (fitting).
    pub p_revision: u64,
    /// Counts changes of Q alone (a vocabulary's drawing of Q waits for nothing else).
    pub q_revision: u64,
    /// A vocabulary's order (None while every outcome has a bar of its own).
    pub order: OutcomeOrder,
    /// P and Q after the zero rule: what the measures are of.
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    pub report: Report,
}

impl Analysis {
    /// Brings the report up to date; returns true if it had to recompute.
    pub fn refresh(&mut self, doc: &Document) -> bool {
        let same_rule = self.rule == Some(doc.zero_rule);
        let same_p = self.edited_p == doc.p.probs();
        let same_q = self.edited_q == doc.q.probs();
        if same_rule && same_p && same_q {
            return false;
        }
        doc.zero_rule.apply_into(doc.p.probs(), doc.q.probs(), &mut self.p, &mut self.q);
        self.report = Report::compute(&self.p, &self.q);
        if !(same_rule && same_p) {
            self.p_revision += 1;
        }
        if !(same_rule && same_q) {
            self.q_revision += 1;
        }
        for (kept, edited) in [(&mut self.edited_p, doc.p.probs()), (&mut self.edited_q, doc.q.probs())] {
            kept.clear();
            kept.extend_from_slice(edited);
        }
        self.rule = Some(doc.zero_rule);
        self.revision += 1;
        true
    }

    /// Brings a vocabulary's order up to date; `hold` keeps it while a bar is dragged.
    pub fn refresh_order(&mut self, key: SortKey, hold: bool) {
        self.order.refresh(self.revision, &self.p, &self.q, key, hold);
    }
}
