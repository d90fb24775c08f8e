//! The measures of the document being edited, and revisions that views cache by.

use crate::info::{Report, ZeroRule};

use super::state::Document;

/// The measures of the current document, recomputed only when P, Q or the zero rule
/// change (compared by value, so no edit can forget to invalidate it).
#[derive(Default)]
pub struct Analysis {
    key: Option<(Vec<f64>, Vec<f64>, ZeroRule)>,
    /// Counts recomputations: views cache their own work by it.
    pub revision: u64,
    /// Counts changes of P alone, for work that depends on nothing else (fitting).
    pub p_revision: u64,
    /// P and Q after the zero rule: what the measures are of.
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    pub report: Report,
}

impl Analysis {
    /// Brings the report up to date; returns true if it had to recompute.
    pub fn refresh(&mut self, doc: &Document) -> bool {
        let fresh = self
            .key
            .as_ref()
            .is_some_and(|(p, q, rule)| p == doc.p.probs() && q == doc.q.probs() && *rule == doc.zero_rule);
        if fresh {
            return false;
        }
        let (p, q) = doc.zero_rule.apply(doc.p.probs(), doc.q.probs());
        self.report = Report::compute(&p, &q);
        if p != self.p {
            self.p_revision += 1;
        }
        self.p = p;
        self.q = q;
        self.key = Some((doc.p.probs().to_vec(), doc.q.probs().to_vec(), doc.zero_rule));
        self.revision += 1;
        true
    }
}
