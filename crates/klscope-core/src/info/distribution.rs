//! A discrete distribution: named outcomes with probabilities, and the editing rules the
//! app uses. Every constructor validates; every edit keeps the sum at 1 and no value
//! negative.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How far from 1 the probabilities may sum before they are rejected.
pub const SUM_TOLERANCE: f64 = 1e-9;

/// Why a list of labels and values is not a distribution, or why an edit was refused.
///
/// The message comes in two halves, [`subject`](Self::subject) and
/// [`reason`](Self::reason), so that callers can put context (a file name) between them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {}", self.subject("values"), self.reason())]
pub enum DistributionError {
    Empty,
    LengthMismatch { labels: usize, values: usize },
    NotFinite { index: usize, label: String, value: f64 },
    Negative { index: usize, label: String, value: f64 },
    SumNotOne { sum: f64 },
    AllZero,
    EmptyLabel { index: usize },
    DuplicateLabel { index: usize, label: String },
    NoSuchOutcome { index: usize, len: usize },
    LastOutcome,
    OthersLocked,
}

impl DistributionError {
    /// What is wrong, naming `field` (e.g. "p") and the outcome: "p[1] is -0.5".
    pub fn subject(&self, field: &str) -> String {
        match self {
            Self::Empty => format!("{field} is empty"),
            Self::LengthMismatch { labels, values } => {
                format!("{field} has {values} values but there are {labels} labels")
            }
            Self::NotFinite { index, label, value } | Self::Negative { index, label, value } => {
                if label.is_empty() {
                    format!("{field}[{index}] is {value}")
                } else {
                    format!("{field}[{index}] ('{}') is {value}", crate::text::quote(label))
                }
            }
            Self::SumNotOne { sum } => format!("{field} sums to {sum}"),
            Self::AllZero => format!("{field} is all zeros"),
            Self::EmptyLabel { index } => format!("labels[{index}] is empty"),
            Self::DuplicateLabel { index, label } => {
                format!("labels[{index}] '{}' is used twice", crate::text::quote(label))
            }
            Self::NoSuchOutcome { index, len } => {
                format!("outcome {index} does not exist ({len} outcomes)")
            }
            Self::LastOutcome => "cannot remove the last outcome".to_string(),
            Self::OthersLocked => "cannot move this probability".to_string(),
        }
    }

    /// Why it is wrong, as a rule the user can act on.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Empty => "a distribution needs at least one outcome",
            Self::LengthMismatch { .. } => "every outcome needs exactly one label and one value",
            Self::NotFinite { .. } => "probabilities must be finite numbers",
            Self::Negative { .. } => "probabilities cannot be negative",
            Self::SumNotOne { .. } => "probabilities must sum to 1 (within 1e-9)",
            Self::AllZero => "at least one weight must be positive",
            Self::EmptyLabel { .. } => "every outcome needs a name",
            Self::DuplicateLabel { .. } => "outcome names must be different",
            Self::NoSuchOutcome { .. } => "the outcome index is out of range",
            Self::LastOutcome => "a distribution needs at least one outcome",
            Self::OthersLocked => "every other outcome is locked; unlock one first",
        }
    }

    /// "subject: reason", naming `field`.
    pub fn message(&self, field: &str) -> String {
        format!("{}: {}", self.subject(field), self.reason())
    }
}

/// Outcome labels with their probabilities and lock flags. Deserialising validates, so a
/// stored distribution that was tampered with is refused, never half-trusted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "StoredDistribution", into = "StoredDistribution")]
pub struct Distribution {
    /// Shared, not copied: P and Q of a vocabulary of a million tokens, and every undo
    /// step, hold the same labels (and compare them by pointer first).
    labels: Arc<Vec<String>>,
    probs: Vec<f64>,
    locked: Vec<bool>,
    /// New with every change (see [`version`](Self::version)); copies keep it.
    version: u64,
}

/// Equal versions mean equal contents, so comparing a million outcomes with an unchanged
/// copy of themselves (the analysis and undo do it every frame) costs nothing.
impl PartialEq for Distribution {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
            || (self.probs == other.probs && self.locked == other.locked && self.labels == other.labels)
    }
}

/// A number no distribution had before.
fn fresh_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Distribution {
    /// Probabilities that must already sum to 1 (within [`SUM_TOLERANCE`]).
    pub fn new(labels: Vec<String>, probs: Vec<f64>) -> Result<Self, DistributionError> {
        let probs = check_values(&labels, probs)?;
        check_sum(&probs)?;
        Ok(Self::unchecked(labels, probs))
    }

    /// Like [`new`](Self::new) for labels already checked with [`check_labels`] (a
    /// million labels take a while to check; a scenario checks them once).
    pub fn with_checked_labels(labels: Vec<String>, probs: Vec<f64>) -> Result<Self, DistributionError> {
        let probs = check_numbers(&labels, probs)?;
        check_sum(&probs)?;
        Ok(Self::unchecked(labels, probs))
    }

    /// Checks values for `labels` (already checked) as [`new`](Self::new) would, without
    /// building anything.
    pub fn check_values_for(labels: &[String], probs: &[f64]) -> Result<(), DistributionError> {
        check_lengths(labels, probs)?;
        for (index, &value) in probs.iter().enumerate() {
            if !value.is_finite() {
                return Err(DistributionError::NotFinite { index, label: labels[index].clone(), value });
            }
            if value < 0.0 {
                return Err(DistributionError::Negative { index, label: labels[index].clone(), value });
            }
        }
        check_sum(probs)
    }

    /// Non-negative weights (counts, percentages…) rescaled to sum to 1.
    pub fn from_weights(labels: Vec<String>, weights: Vec<f64>) -> Result<Self, DistributionError> {
        let mut probs = check_values(&labels, weights)?;
        normalize(&mut probs)?;
        Ok(Self::unchecked(labels, probs))
    }

    /// `n` equally likely outcomes named x1, x2, …; cannot fail.
    pub fn even(n: std::num::NonZeroUsize) -> Self {
        let n = n.get();
        Self::unchecked(default_labels(n), vec![1.0 / n as f64; n])
    }

    fn unchecked(labels: Vec<String>, probs: Vec<f64>) -> Self {
        let locked = vec![false; probs.len()];
        Self { labels: Arc::new(labels), probs, locked, version: fresh_version() }
    }

    /// Probabilities (summing to 1) for the outcomes of `self`, sharing its labels: Q of
    /// a scenario whose P is `self`. The labels are not checked again.
    pub fn with_same_labels(&self, probs: Vec<f64>) -> Result<Self, DistributionError> {
        let probs = check_numbers(&self.labels, probs)?;
        check_sum(&probs)?;
        Ok(Self { labels: Arc::clone(&self.labels), locked: vec![false; probs.len()], probs, version: fresh_version() })
    }

    pub fn len(&self) -> usize {
        self.probs.len()
    }

    /// Always false: a distribution has at least one outcome.
    pub fn is_empty(&self) -> bool {
        self.probs.is_empty()
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn probs(&self) -> &[f64] {
        &self.probs
    }

    pub fn prob(&self, index: usize) -> Option<f64> {
        self.probs.get(index).copied()
    }

    pub fn label(&self, index: usize) -> Option<&str> {
        self.labels.get(index).map(String::as_str)
    }

    /// Changes whenever a value, a lock or a label changes; a copy has the version of its
    /// original. Caches of derived data key on it.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn is_locked(&self, index: usize) -> bool {
        self.locked.get(index).copied().unwrap_or(false)
    }

    pub fn set_locked(&mut self, index: usize, locked: bool) -> Result<(), DistributionError> {
        self.check_index(index)?;
        self.locked[index] = locked;
        self.version = fresh_version();
        Ok(())
    }

    /// The most outcome `index` can take: 1 minus what the locked others hold.
    pub fn free_mass(&self, index: usize) -> f64 {
        let locked: f64 = self.others(index).filter(|&j| self.locked[j]).map(|j| self.probs[j]).sum();
        (1.0 - locked).max(0.0)
    }

    /// Sets outcome `index` to `value`, clamped to `[0, free_mass]`; the other unlocked
    /// outcomes share the rest in proportion to their current values (evenly when they
    /// are all zero). A locked outcome, or one whose every peer is locked, keeps its
    /// value. Returns the value the outcome now has.
    pub fn set(&mut self, index: usize, value: f64) -> Result<f64, DistributionError> {
        self.check_index(index)?;
        if !value.is_finite() {
            return Err(DistributionError::NotFinite { index, label: self.labels[index].clone(), value });
        }
        let locked = &self.locked;
        let movable = |j: usize| j != index && !locked[j];
        if self.locked[index] || !(0..self.len()).any(movable) {
            return Ok(self.probs[index]);
        }
        let free = self.free_mass(index);
        let value = value.clamp(0.0, free);
        // A pointer held still sets the same value every frame: leave the others as they
        // are, so that they do not drift in their last bits and nothing counts as edited.
        if value == self.probs[index] {
            return Ok(value);
        }
        self.probs[index] = value;
        let locked = &self.locked;
        share_where(&mut self.probs, |j| j != index && !locked[j], free - value);
        self.settle_sum(Some(index));
        self.version = fresh_version();
        Ok(self.probs[index])
    }

    /// Adds an outcome with probability 0 (so the sum stays 1) and returns its index.
    pub fn add_outcome(&mut self, label: &str) -> Result<usize, DistributionError> {
        let label = self.check_new_label(None, label)?;
        Arc::make_mut(&mut self.labels).push(label);
        self.probs.push(0.0);
        self.locked.push(false);
        self.version = fresh_version();
        Ok(self.len() - 1)
    }

    /// Removes an outcome; its probability goes to the unlocked others in proportion.
    pub fn remove_outcome(&mut self, index: usize) -> Result<(), DistributionError> {
        self.check_index(index)?;
        if self.len() == 1 {
            return Err(DistributionError::LastOutcome);
        }
        let locked = &self.locked;
        let movable = |j: usize| j != index && !locked[j];
        let mass = self.probs[index];
        if mass > 0.0 && !(0..self.len()).any(movable) {
            return Err(DistributionError::OthersLocked);
        }
        if mass > 0.0 {
            let target = mass + (0..self.len()).filter(|&j| movable(j)).map(|j| self.probs[j]).sum::<f64>();
            share_where(&mut self.probs, movable, target);
        }
        Arc::make_mut(&mut self.labels).remove(index);
        self.probs.remove(index);
        self.locked.remove(index);
        self.settle_sum(None);
        self.version = fresh_version();
        Ok(())
    }

    /// Renames an outcome; names must be non-empty and distinct.
    pub fn rename(&mut self, index: usize, label: &str) -> Result<(), DistributionError> {
        self.check_index(index)?;
        let label = self.check_new_label(Some(index), label)?;
        Arc::make_mut(&mut self.labels)[index] = label;
        self.version = fresh_version();
        Ok(())
    }

    /// The unlocked outcomes share what the locked ones leave, evenly.
    pub fn make_uniform(&mut self) {
        let movable: Vec<usize> = (0..self.len()).filter(|&j| !self.locked[j]).collect();
        if movable.is_empty() {
            return;
        }
        let locked: f64 = (0..self.len()).filter(|&j| self.locked[j]).map(|j| self.probs[j]).sum();
        let each = (1.0 - locked).max(0.0) / movable.len() as f64;
        for &j in &movable {
            self.probs[j] = each;
        }
        self.settle_sum(None);
        self.version = fresh_version();
    }

    /// Replaces all probabilities (e.g. copy P to Q), locked ones too: an explicit copy
    /// wins over locks. Labels and lock flags stay.
    pub fn set_all(&mut self, probs: &[f64]) -> Result<(), DistributionError> {
        let probs = check_numbers(&self.labels, probs.to_vec())?;
        check_sum(&probs)?;
        self.probs = probs;
        self.version = fresh_version();
        Ok(())
    }

    fn others(&self, index: usize) -> impl Iterator<Item = usize> + use<> {
        (0..self.probs.len()).filter(move |&j| j != index)
    }

    fn check_index(&self, index: usize) -> Result<(), DistributionError> {
        if index < self.len() { Ok(()) } else { Err(DistributionError::NoSuchOutcome { index, len: self.len() }) }
    }

    fn check_new_label(&self, index: Option<usize>, label: &str) -> Result<String, DistributionError> {
        let label = label.trim();
        let position = index.unwrap_or(self.len());
        if label.is_empty() {
            return Err(DistributionError::EmptyLabel { index: position });
        }
        let taken = self.labels.iter().enumerate().any(|(j, l)| Some(j) != index && l.trim() == label);
        if taken {
            return Err(DistributionError::DuplicateLabel { index: position, label: label.to_string() });
        }
        Ok(label.to_string())
    }

    /// Gives the outcomes in `targets` a total of `mass`, in proportion to what they
    /// hold now, or evenly when they hold nothing.
    /// Puts the rounding error of an edit (a few ulps) on the largest unlocked outcome,
    /// preferring one other than `keep`, so the sum is 1 to the last bit we can manage.
    fn settle_sum(&mut self, keep: Option<usize>) {
        let error = 1.0 - self.probs.iter().sum::<f64>();
        if error == 0.0 {
            return;
        }
        let pick = |allow_keep: bool| {
            (0..self.len())
                .filter(|&j| !self.locked[j] && (allow_keep || Some(j) != keep))
                .max_by(|&a, &b| self.probs[a].total_cmp(&self.probs[b]))
        };
        if let Some(j) = pick(false).or_else(|| pick(true)) {
            self.probs[j] = (self.probs[j] + error).max(0.0);
        }
    }
}

/// Gives the outcomes that `target` picks a total of `mass`, in proportion to what they
/// hold now, or evenly when they hold nothing. Picked by a test, not listed, so that a
/// drag among a million outcomes allocates nothing.
fn share_where(probs: &mut [f64], target: impl Fn(usize) -> bool, mass: f64) {
    let mass = mass.max(0.0);
    let n = probs.len();
    let current: f64 = (0..n).filter(|&j| target(j)).map(|j| probs[j]).sum();
    let factor = mass / current;
    if current > 0.0 && factor.is_finite() {
        // One multiplication each: a million divisions would cost more than the drag's
        // whole report.
        for j in (0..n).filter(|&j| target(j)) {
            probs[j] *= factor;
        }
    } else if current > 0.0 {
        // Divide first: mass / current overflows when `current` is subnormal.
        for j in (0..n).filter(|&j| target(j)) {
            probs[j] = probs[j] / current * mass;
        }
    } else {
        let count = (0..n).filter(|&j| target(j)).count().max(1);
        let each = mass / count as f64;
        for j in (0..n).filter(|&j| target(j)) {
            probs[j] = each;
        }
    }
}

/// The serialised form of a [`Distribution`].
#[derive(Serialize, Deserialize)]
struct StoredDistribution {
    labels: Vec<String>,
    probs: Vec<f64>,
    #[serde(default)]
    locked: Vec<bool>,
}

impl TryFrom<StoredDistribution> for Distribution {
    type Error = DistributionError;

    fn try_from(stored: StoredDistribution) -> Result<Self, Self::Error> {
        let mut distribution = Distribution::new(stored.labels, stored.probs)?;
        if stored.locked.len() == distribution.len() {
            distribution.locked = stored.locked;
        }
        Ok(distribution)
    }
}

impl From<Distribution> for StoredDistribution {
    fn from(d: Distribution) -> Self {
        let labels = Arc::try_unwrap(d.labels).unwrap_or_else(|shared| shared.as_ref().clone());
        StoredDistribution { labels, probs: d.probs, locked: d.locked }
    }
}

fn check_sum(probs: &[f64]) -> Result<(), DistributionError> {
    let sum: f64 = probs.iter().sum();
    if (sum - 1.0).abs() > SUM_TOLERANCE {
        return Err(DistributionError::SumNotOne { sum });
    }
    Ok(())
}

/// Checks lengths, labels and that every value is finite and non-negative. Turns -0 into 0.
fn check_values(labels: &[String], values: Vec<f64>) -> Result<Vec<f64>, DistributionError> {
    check_lengths(labels, &values)?;
    check_labels(labels)?;
    check_numbers(labels, values)
}

fn check_lengths(labels: &[String], values: &[f64]) -> Result<(), DistributionError> {
    if values.is_empty() && labels.is_empty() {
        return Err(DistributionError::Empty);
    }
    if labels.len() != values.len() {
        return Err(DistributionError::LengthMismatch { labels: labels.len(), values: values.len() });
    }
    Ok(())
}

/// Checks lengths and that every value is finite and non-negative (labels already
/// checked). Turns -0 into 0.
fn check_numbers(labels: &[String], mut values: Vec<f64>) -> Result<Vec<f64>, DistributionError> {
    check_lengths(labels, &values)?;
    for (index, value) in values.iter_mut().enumerate() {
        let label = || labels[index].clone();
        if !value.is_finite() {
            return Err(DistributionError::NotFinite { index, label: label(), value: *value });
        }
        if *value < 0.0 {
            return Err(DistributionError::Negative { index, label: label(), value: *value });
        }
        *value = value.abs();
    }
    Ok(values)
}

/// Labels must be non-empty and distinct.
pub fn check_labels(labels: &[String]) -> Result<(), DistributionError> {
    let mut seen = std::collections::HashSet::with_capacity(labels.len());
    for (index, label) in labels.iter().enumerate() {
        if label.trim().is_empty() {
            return Err(DistributionError::EmptyLabel { index });
        }
        // "a" and "a " look the same on screen, so they count as the same name.
        if !seen.insert(label.trim()) {
            return Err(DistributionError::DuplicateLabel { index, label: label.clone() });
        }
    }
    Ok(())
}

/// Rescales non-negative finite weights to sum to 1.
pub fn normalize(weights: &mut [f64]) -> Result<(), DistributionError> {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(DistributionError::AllZero);
    }
    if !total.is_finite() {
        // Weights near f64::MAX overflow the sum: scale down first.
        let largest = weights.iter().copied().fold(0.0, f64::max);
        weights.iter_mut().for_each(|w| *w /= largest);
        return normalize(weights);
    }
    weights.iter_mut().for_each(|w| *w /= total);
    Ok(())
}

/// Labels "x1", "x2", … for values given without names.
pub fn default_labels(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("x{i}")).collect()
}
