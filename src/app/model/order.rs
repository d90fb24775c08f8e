//! The order outcomes are drawn in once there are too many for a bar each: most likely
//! first (by P, by Q or by their KL term), so that the outcomes that matter come first
//! and the long tail is summarised. Held still while a bar is dragged, so the outcome
//! under the pointer stays under it.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::info::measures::outcome_terms;

/// Above this many outcomes the editors and plots show a vocabulary: the top outcomes
/// as bars, the rest summarised, on a logarithmic axis.
pub const VOCABULARY_FROM: usize = 200;

/// What a vocabulary is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, strum::EnumIter)]
pub enum SortKey {
    /// Most likely under P first.
    #[default]
    P,
    /// Most likely under Q first.
    Q,
    /// Largest contribution p·log(p/q) to KL(P||Q) first.
    KlTerm,
    /// As the file lists them.
    AsGiven,
}

impl SortKey {
    pub fn name(self) -> &'static str {
        match self {
            SortKey::P => "most likely under P",
            SortKey::Q => "most likely under Q",
            SortKey::KlTerm => "largest KL(P||Q) term",
            SortKey::AsGiven => "as listed",
        }
    }
}

/// Rank → outcome and outcome → rank.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// The outcome at each rank, most important first.
    pub outcomes: Vec<u32>,
    /// The rank of each outcome.
    pub ranks: Vec<u32>,
}

impl Ranking {
    /// Sorts the outcomes of `p` and `q` by `key`, largest first; ties keep their order.
    pub fn new(p: &[f64], q: &[f64], key: SortKey) -> Ranking {
        let n = p.len().min(q.len());
        let score: Vec<f64> = match key {
            SortKey::P => p[..n].to_vec(),
            SortKey::Q => q[..n].to_vec(),
            SortKey::KlTerm => (0..n).map(|i| outcome_terms(p[i], q[i]).pq).collect(),
            SortKey::AsGiven => Vec::new(),
        };
        let mut outcomes: Vec<u32> = (0..n as u32).collect();
        if key != SortKey::AsGiven {
            // Descending, NaN-free by construction; stable, so equal values keep file order.
            outcomes.sort_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]));
        }
        let mut ranks = vec![0u32; n];
        for (rank, &outcome) in outcomes.iter().enumerate() {
            ranks[outcome as usize] = rank as u32;
        }
        Ranking { outcomes, ranks }
    }

    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// The outcome at `rank`.
    pub fn outcome(&self, rank: usize) -> usize {
        self.outcomes.get(rank).map_or(0, |&i| i as usize)
    }

    /// The rank of `outcome`.
    pub fn rank(&self, outcome: usize) -> usize {
        self.ranks.get(outcome).map_or(0, |&r| r as usize)
    }
}

/// The ranking of the document, when it is a vocabulary; kept until P, Q or the key
/// change, and held while a bar is dragged.
#[derive(Default)]
pub struct OutcomeOrder {
    key: Option<(u64, SortKey)>,
    ranking: Option<Arc<Ranking>>,
}

impl OutcomeOrder {
    /// Brings the ranking up to date with the analysis `revision` (None below
    /// [`VOCABULARY_FROM`] outcomes). `hold`: keep a stale ranking while dragging.
    pub fn refresh(&mut self, revision: u64, p: &[f64], q: &[f64], key: SortKey, hold: bool) {
        if p.len() < VOCABULARY_FROM {
            self.ranking = None;
            self.key = None;
            return;
        }
        let fresh = self.key == Some((revision, key));
        let same_size = self.ranking.as_ref().is_some_and(|r| r.len() == p.len());
        // A drag keeps the order; a different key or a different vocabulary does not wait.
        let held = hold && same_size && self.key.is_some_and(|(_, k)| k == key);
        if fresh || held {
            return;
        }
        self.ranking = Some(Arc::new(Ranking::new(p, q, key)));
        self.key = Some((revision, key));
    }

    /// Which ranking is in force, as a cache key: it changes whenever a new ranking is
    /// made (0 for none).
    pub fn ranking_id(&self) -> usize {
        self.ranking().map_or(0, |r| Arc::as_ptr(r) as usize)
    }

    /// The ranking, or None when every outcome has its own bar.
    pub fn ranking(&self) -> Option<&Arc<Ranking>> {
        self.ranking.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_largest_first_with_ties_in_file_order() {
        let p = [0.1, 0.4, 0.1, 0.4];
        let q = [0.25; 4];
        let ranking = Ranking::new(&p, &q, SortKey::P);
        assert_eq!(ranking.outcomes, vec![1, 3, 0, 2]);
        assert_eq!(ranking.ranks, vec![2, 0, 3, 1]);
        assert_eq!(Ranking::new(&p, &q, SortKey::AsGiven).outcomes, vec![0, 1, 2, 3]);
        let by_term = Ranking::new(&[0.5, 0.5, 0.0], &[0.1, 0.8, 0.1], SortKey::KlTerm);
        assert_eq!(by_term.outcome(0), 0, "0.5·ln(5) is the largest term");
        assert_eq!(by_term.outcome(2), 1, "0.5·ln(0.625) < 0: a negative term comes last");
    }

    #[test]
    fn a_held_order_waits_for_the_drag_to_end() {
        let p: Vec<f64> = (0..VOCABULARY_FROM).map(|i| (i + 1) as f64).collect();
        let q = p.clone();
        let mut order = OutcomeOrder::default();
        order.refresh(1, &p, &q, SortKey::P, false);
        assert_eq!(order.ranking().map(|r| r.outcome(0)), Some(VOCABULARY_FROM - 1));
        let reversed: Vec<f64> = p.iter().rev().copied().collect();
        order.refresh(2, &reversed, &q, SortKey::P, true);
        assert_eq!(order.ranking().map(|r| r.outcome(0)), Some(VOCABULARY_FROM - 1), "held");
        order.refresh(2, &reversed, &q, SortKey::P, false);
        assert_eq!(order.ranking().map(|r| r.outcome(0)), Some(0), "let go");
        order.refresh(3, &p[..3], &q[..3], SortKey::P, false);
        assert!(order.ranking().is_none(), "few outcomes: a bar each");
    }
}
