//! The densities document: P and Q as mixtures the user drags, how many bins cut them
//! into a discrete pair, and, for an inference scenario, the variational q = N(m, v) and
//! whether gradient ascent is running. Persisted as the scenario's own RON text, so a
//! stored session reads back through the same checks as a file (anything odd: no
//! densities document, the discrete one is shown).

use crate::info::Unit;
use crate::info::density::vi::{Conjugate, VariationalState};
use crate::info::density::{self, Binned, Component, DensityError, Mixture};
use crate::scenario::{DensitiesScenario, Scenario};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The bins slider's range and its start.
pub const MIN_BINS: usize = 2;
pub const MAX_BINS: usize = 64;
pub const DEFAULT_BINS: usize = 16;

/// Gradient ascent's rate (see `Conjugate::step`): slow enough to watch q slide.
pub const ASCENT_RATE: f64 = 0.08;
/// Ascent stops once KL(q || posterior) is below this.
pub const GAP_DONE: f64 = 1e-12;

/// A revision no densities document had before (in this run of the app): the screen's
/// caches are keyed by it, so a document opened or restored is never taken for another.
fn fresh_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A densities scenario being explored.
#[derive(Debug, Clone, PartialEq)]
pub struct DensitiesDoc {
    pub scenario: DensitiesScenario,
    /// How many bins "From sums to integrals" cuts P and Q into.
    pub bins: usize,
    /// q = N(m, v) when the scenario has a conjugate model: Q is always this Gaussian.
    pub vi: Option<VariationalState>,
    /// Gradient ascent on the ELBO is running (a step per frame).
    pub ascending: bool,
    /// Renewed by every edit, unique among documents: what the screen's caches are keyed by.
    pub revision: u64,
}

impl DensitiesDoc {
    pub fn new(scenario: DensitiesScenario) -> DensitiesDoc {
        let vi = scenario.model.as_ref().map(|_| match scenario.q.as_single() {
            Some(Component::Gaussian { mean, sd }) => VariationalState { mean, log_variance: 2.0 * sd.ln() },
            _ => VariationalState { mean: scenario.q.mean(), log_variance: scenario.q.variance().ln() },
        });
        let mut doc =
            DensitiesDoc { scenario, bins: DEFAULT_BINS, vi: None, ascending: false, revision: fresh_revision() };
        if let Some(state) = vi {
            doc.set_vi(state);
        }
        doc
    }

    /// Becomes `step` (an undo or redo): its scenario, bins and q, with a new revision; a
    /// running ascent stops.
    pub fn restore(&mut self, step: DensitiesDoc) {
        *self = DensitiesDoc { ascending: false, revision: fresh_revision(), ..step };
    }

    pub fn model(&self) -> Option<&Conjugate> {
        self.scenario.model.as_ref()
    }

    pub fn p(&self) -> &Mixture {
        &self.scenario.p
    }

    pub fn q(&self) -> &Mixture {
        &self.scenario.q
    }

    /// Replaces P (a handle dragged). An inference scenario's P is its posterior: moved
    /// only through the observations.
    pub fn set_p(&mut self, p: Mixture) {
        if self.model().is_none() {
            self.scenario.p = p;
            self.revision = fresh_revision();
        }
    }

    /// Replaces Q (a handle dragged); in an inference scenario q stays a Gaussian, so its
    /// variational state follows.
    pub fn set_q(&mut self, q: Mixture) {
        if self.vi.is_some() {
            if let Some(Component::Gaussian { mean, sd }) = q.as_single() {
                self.set_vi(VariationalState { mean, log_variance: 2.0 * sd.ln() });
            }
            return;
        }
        self.scenario.q = q;
        self.revision = fresh_revision();
    }

    /// Gives q = N(m, v) of `state` (refused, nothing changes, if v is not a usable width).
    pub fn set_vi(&mut self, state: VariationalState) {
        let sd = (0.5 * state.log_variance).exp();
        if let Ok(q) = Mixture::single(Component::Gaussian { mean: state.mean, sd }) {
            self.scenario.q = q;
            self.vi = Some(state);
            self.revision = fresh_revision();
        }
    }

    /// Moves the observations; P becomes their posterior. Refused if the model refuses
    /// them (the reason is returned).
    pub fn set_observations(&mut self, observations: Vec<f64>) -> Result<(), String> {
        let Some(model) = self.model() else {
            return Err("this scenario has no observations".to_string());
        };
        let model = Conjugate::new(observations, model.noise_sd()).map_err(|e| e.to_string())?;
        let posterior = model.posterior();
        let p = Mixture::single(Component::Gaussian { mean: posterior.mean, sd: posterior.sd() })
            .map_err(|e: DensityError| e.to_string())?;
        self.scenario.p = p;
        self.scenario.model = Some(model);
        self.revision = fresh_revision();
        Ok(())
    }

    /// One step of gradient ascent on the ELBO while ascending; stops once the gap is
    /// closed. Returns true while it is still running.
    pub fn ascend(&mut self) -> bool {
        let (Some(model), Some(state)) = (self.scenario.model.clone(), self.vi) else {
            self.ascending = false;
            return false;
        };
        if !self.ascending {
            return false;
        }
        let next = model.step(state, ASCENT_RATE);
        self.set_vi(next);
        if model.kl_to_posterior(&next.q()) < GAP_DONE {
            self.ascending = false;
        }
        self.ascending
    }

    /// P and Q cut into `bins` equal bins over a range covering both.
    pub fn binned(&self) -> Result<Binned, density::BinError> {
        let (p, q) = (self.p(), self.q());
        density::bin(p, q, density::covering_range(p, q), self.bins)
    }

    /// "Open as discrete": the binned pair as an ordinary scenario.
    pub fn to_discrete(&self, unit: Unit) -> Result<Scenario, density::BinError> {
        let s = &self.scenario;
        let binned = self.binned()?;
        let description = format!("{} cut into {} bins: each outcome is one bin's probability.", s.title, self.bins);
        Ok(binned.to_scenario(
            &format!("{}-{}-bins", s.id, self.bins),
            &format!("{} ({} bins)", s.title, self.bins),
            &description,
            unit,
        ))
    }
}

/// How a densities document is stored in the session: its scenario as RON, and the
/// settings beside it.
#[derive(Serialize, Deserialize)]
struct Stored {
    ron: String,
    bins: usize,
    vi: Option<(f64, f64)>,
}

/// Serde for `Option<DensitiesDoc>`: a stored document that no longer reads (or checks) is
/// dropped, not an error that would lose the whole session.
pub mod stored {
    use super::*;

    pub fn serialize<S: Serializer>(doc: &Option<DensitiesDoc>, serializer: S) -> Result<S::Ok, S::Error> {
        let stored = doc.as_ref().and_then(|doc| {
            let ron = doc.scenario.to_ron().ok()?;
            Some(Stored { ron, bins: doc.bins, vi: doc.vi.map(|v| (v.mean, v.log_variance)) })
        });
        stored.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DensitiesDoc>, D::Error> {
        let stored = Option::<Stored>::deserialize(deserializer).ok().flatten();
        Ok(stored.and_then(|stored| {
            let scenario = DensitiesScenario::from_ron(&stored.ron, "the stored session").ok()?;
            let mut doc = DensitiesDoc::new(scenario);
            doc.bins = stored.bins.clamp(MIN_BINS, MAX_BINS);
            if let (Some((mean, log_variance)), true) = (stored.vi, doc.vi.is_some()) {
                doc.set_vi(VariationalState { mean, log_variance });
            }
            Some(doc)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::find_builtin_densities;

    #[test]
    fn ascent_closes_the_gap_and_stops() {
        let mut doc = DensitiesDoc::new(find_builtin_densities("vi-conjugate").unwrap());
        doc.ascending = true;
        let mut steps = 0;
        while doc.ascend() {
            steps += 1;
            assert!(steps < 10_000, "ascent never stopped");
        }
        let model = doc.model().unwrap();
        assert!(model.kl_to_posterior(&doc.vi.unwrap().q()) < GAP_DONE);
    }

    #[test]
    fn an_inference_scenarios_p_moves_only_with_its_observations() {
        let mut doc = DensitiesDoc::new(find_builtin_densities("vi-conjugate").unwrap());
        let p = doc.p().clone();
        doc.set_p(Mixture::single(Component::Gaussian { mean: 5.0, sd: 1.0 }).unwrap());
        assert_eq!(doc.p(), &p);
        doc.set_observations(vec![2.0, 2.0, 2.0]).unwrap();
        // Posterior mean (Σx/s²)/(1 + n/s²) = 6/4.
        assert_eq!(doc.p().mean(), 1.5);
    }
}
