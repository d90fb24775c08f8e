//! The measures of the document being edited, and revisions that views cache by.

use crate::info::{Report, ZeroRule};

use super::order::{OutcomeOrder, SortKey};
use super::state::Document;

/// The measures of the current document, recomputed only when P, Q or the zero rule
/// change (by their versions, which every edit of a distribution renews, so no edit can
/// forget to invalidate it). Its buffers are reused, so that a drag among a million
/// outcomes allocates nothing.
#[derive(Default)]
pub struct Analysis {
    /// The versions of P and Q, and the rule, that the measures are of.
    key: Option<(u64, u64, ZeroRule)>,
    /// Counts recomputations: views cache their own work by it.
    pub revision: u64,
    /// Counts changes of P alone, for work that depends on nothing else (fitting).
    pub p_revision: u64,
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
        let key = (doc.p.version(), doc.q.version(), doc.zero_rule);
        let Some((p_version, q_version, rule)) = self.key.replace(key) else {
            return self.recompute(doc, true);
        };
        let same_rule = rule == doc.zero_rule;
        let (same_p, same_q) = (p_version == key.0, q_version == key.1);
        if same_rule && same_p && same_q {
            return false;
        }
        self.recompute(doc, !(same_rule && same_p))
    }

    fn recompute(&mut self, doc: &Document, p_changed: bool) -> bool {
        doc.zero_rule.apply_into(doc.p.probs(), doc.q.probs(), &mut self.p, &mut self.q);
        self.report = Report::compute(&self.p, &self.q);
        self.p_revision += u64::from(p_changed);
        self.revision += 1;
        true
    }

    /// Brings a vocabulary's order up to date; `hold` keeps it while a bar is dragged.
    pub fn refresh_order(&mut self, key: SortKey, hold: bool) {
        self.order.refresh(self.revision, &self.p, &self.q, key, hold);
    }
}
