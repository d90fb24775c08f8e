//! What the app remembers: the document being edited (undoable) and the view settings,
//! persisted between runs. Deserialising validates; anything odd falls back to defaults.

use crate::info::distribution::check_labels;
use crate::info::logits::Logits;
use crate::info::{Distribution, DistributionError, Side, Unit, ZeroRule};
use crate::scenario::{self, DensitiesScenario, Focus, Roles, Scenario, SideLogits};
use serde::{Deserialize, Serialize};

use super::densities::DensitiesDoc;
use super::errors::EditError;
use super::order::SortKey;

/// The id of the view shown first (the contribution and surprise plots). The view
/// registry checks that it holds a view of this id.
pub const DEFAULT_VIEW: &str = "plots";

pub use super::limits::{MAX_EDITOR_OUTCOMES, MIN_EDITOR_OUTCOMES};

/// The scenario being edited: everything undo and redo act on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub description: String,
    pub p: Distribution,
    pub q: Distribution,
    pub zero_rule: ZeroRule,
    /// The file this scenario was opened from or last saved to: Ctrl+S writes there.
    /// Part of the document so that undoing an Open also forgets the file.
    #[serde(default)]
    pub file: Option<std::path::PathBuf>,
    /// The logits and temperature of a side edited as logits. Its probabilities in `p` or
    /// `q` are always softmax of these, and stay what every measure is computed from.
    #[serde(default)]
    pub logits: SideLogits,
    /// Where the outcomes sit on a line, for W₁ (the scenario's `positions`); `None` for
    /// their order 0, 1, 2, …. Forgotten when an outcome is added or removed.
    #[serde(default)]
    pub positions: Option<Box<[f64]>>,
    /// What P and Q stand for, as the scenario names them.
    #[serde(default)]
    pub roles: Roles,
    /// Whether the scenario is about P alone (its entropy): Q and the divergences step aside.
    #[serde(default)]
    pub focus: Focus,
}

/// How far a side's probabilities may drift from softmax of its logits before the
/// logits are taken to be out of date (another editor changed the probabilities).
const LOGITS_DRIFT: f64 = 1e-12;

impl Default for Document {
    fn default() -> Self {
        scenario::find_builtin("biased-coin-vs-fair")
            .ok()
            .and_then(|s| Document::from_scenario(&s).ok())
            .unwrap_or_else(Document::fallback)
    }
}

impl Document {
    /// Two even outcomes: what is left if even the built-in scenario were unusable.
    fn fallback() -> Self {
        let even = Distribution::even(std::num::NonZeroUsize::MIN.saturating_add(1));
        Document {
            id: "untitled".into(),
            title: "Untitled".into(),
            description: String::new(),
            p: even.clone(),
            q: even,
            zero_rule: ZeroRule::Exact,
            file: None,
            logits: SideLogits::default(),
            positions: None,
            roles: Roles::default(),
            focus: Focus::default(),
        }
    }

    pub fn from_scenario(s: &Scenario) -> Result<Self, DistributionError> {
        // Labels are checked once, and Q shares P's: a vocabulary's labels are held once.
        check_labels(&s.labels)?;
        let p = Distribution::with_checked_labels(s.labels.clone(), s.p.clone())?;
        let q = p.with_same_labels(s.q.clone())?;
        Ok(Document {
            id: s.id.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            p,
            q,
            zero_rule: ZeroRule::Exact,
            file: None,
            logits: s.logits.clone(),
            positions: s.positions.clone(),
            roles: s.roles.clone(),
            focus: s.focus,
        })
    }

    pub fn to_scenario(&self, unit: Unit) -> Scenario {
        Scenario {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            unit,
            labels: self.labels().to_vec(),
            p: self.p.probs().to_vec(),
            q: self.q.probs().to_vec(),
            logits: self.logits.clone(),
            positions: self.positions.clone().filter(|x| x.len() == self.len()),
            roles: self.roles.clone(),
            focus: self.focus,
        }
    }

    /// True when P and Q describe the same outcomes (stored state is checked with this).
    pub fn is_consistent(&self) -> bool {
        self.p.labels() == self.q.labels()
    }

    pub fn labels(&self) -> &[String] {
        self.p.labels()
    }

    pub fn len(&self) -> usize {
        self.p.len()
    }

    pub fn is_empty(&self) -> bool {
        self.p.is_empty()
    }

    pub fn get(&self, side: Side) -> &Distribution {
        match side {
            Side::P => &self.p,
            Side::Q => &self.q,
        }
    }

    pub fn get_mut(&mut self, side: Side) -> &mut Distribution {
        match side {
            Side::P => &mut self.p,
            Side::Q => &mut self.q,
        }
    }

    pub fn swap(&mut self) {
        std::mem::swap(&mut self.p, &mut self.q);
        std::mem::swap(&mut self.logits.p, &mut self.logits.q);
        self.roles = self.roles.swapped();
    }

    pub fn copy_p_to_q(&mut self) {
        // Same labels, so this cannot fail; keep Q's locks.
        let _ = self.q.set_all(self.p.probs());
        self.logits.q = self.logits.p.clone();
    }

    /// The logits of `side`, if it is edited as logits.
    pub fn logits(&self, side: Side) -> Option<&Logits> {
        self.logits.get(side)
    }

    /// The logits of `side` as the models in the views take them: its own when it is
    /// edited as logits (without the temperature), else z = ln p (−∞ where p = 0).
    pub fn logit_values(&self, side: Side) -> Vec<f64> {
        match self.logits(side) {
            Some(logits) => logits.values.clone(),
            None => Logits::from_probabilities(self.get(side).probs()).values,
        }
    }

    /// The temperature of `side`: its own when edited as logits, else 1.
    pub fn temperature(&self, side: Side) -> f64 {
        self.logits(side).map_or(crate::info::logits::DEFAULT_TEMPERATURE, |logits| logits.temperature)
    }

    /// Gives `side` these logits and their softmax as its probabilities; refused (nothing
    /// changes) if softmax cannot use them.
    pub fn set_logits(&mut self, side: Side, logits: Logits) -> Result<(), EditError> {
        let probs = logits.probabilities()?;
        self.get_mut(side).set_all(&probs).map_err(|error| EditError::Side { side, error })?;
        *self.logits.get_mut(side) = Some(logits);
        Ok(())
    }

    /// Edits `side` as logits z = ln p at T = 1 (the same probabilities; −∞ where p = 0),
    /// or back as probabilities (the logits are forgotten, the probabilities stay).
    pub fn set_edited_as_logits(&mut self, side: Side, as_logits: bool) {
        let slot = self.logits.get_mut(side);
        match (as_logits, slot.is_some()) {
            (true, false) => *slot = Some(Logits::from_probabilities(side_probs(&self.p, &self.q, side))),
            (false, true) => *slot = None,
            _ => {}
        }
    }

    /// After another editor changed a logit side's probabilities (a typed value, a nudge,
    /// Uniform), takes logits z = T·ln p that give them, keeping the temperature.
    /// Returns true if it had to.
    pub fn reconcile_logits(&mut self) -> bool {
        let mut changed = false;
        for side in [Side::P, Side::Q] {
            let probs = side_probs(&self.p, &self.q, side);
            let Some(logits) = self.logits.get_mut(side).as_mut() else { continue };
            let in_step = logits.values.len() == probs.len()
                && logits
                    .probabilities()
                    .is_ok_and(|softmax| softmax.iter().zip(probs).all(|(a, b)| (a - b).abs() <= LOGITS_DRIFT));
            if !in_step {
                let t = logits.temperature;
                logits.values = Logits::from_probabilities(probs).values.into_iter().map(|z| z * t).collect();
                changed = true;
            }
        }
        changed
    }

    /// Adds an outcome (probability 0 in both) with a fresh name; returns its index.
    pub fn add_outcome(&mut self) -> Result<usize, EditError> {
        if self.len() >= MAX_EDITOR_OUTCOMES {
            return Err(EditError::TooManyOutcomes);
        }
        let name = (self.len() + 1..).map(|k| format!("x{k}")).find(|n| !self.labels().contains(n)).unwrap_or_default();
        let mut next = self.clone();
        next.p.add_outcome(&name).map_err(|error| EditError::Side { side: Side::P, error })?;
        next.q.add_outcome(&name).map_err(|error| EditError::Side { side: Side::Q, error })?;
        // Probability 0 is logit −∞; the other logits stay as they were typed.
        for logits in [&mut next.logits.p, &mut next.logits.q].into_iter().flatten() {
            logits.values.push(f64::NEG_INFINITY);
        }
        next.positions = None;
        *self = next;
        Ok(self.len() - 1)
    }

    /// Removes an outcome from both; refused (nothing changes) if either cannot.
    pub fn remove_outcome(&mut self, index: usize) -> Result<(), EditError> {
        if self.len() <= MIN_EDITOR_OUTCOMES {
            return Err(EditError::TooFewOutcomes);
        }
        let mut next = self.clone();
        next.p.remove_outcome(index).map_err(|error| EditError::Side { side: Side::P, error })?;
        next.q.remove_outcome(index).map_err(|error| EditError::Side { side: Side::Q, error })?;
        for logits in [&mut next.logits.p, &mut next.logits.q].into_iter().flatten() {
            if index < logits.values.len() {
                logits.values.remove(index);
            }
        }
        next.positions = None;
        *self = next;
        Ok(())
    }

    /// Renames an outcome in both.
    pub fn rename(&mut self, index: usize, name: &str) -> Result<(), EditError> {
        let mut next = self.clone();
        next.p.rename(index, name).map_err(|error| EditError::Side { side: Side::P, error })?;
        next.q.rename(index, name).map_err(|error| EditError::Side { side: Side::Q, error })?;
        *self = next;
        Ok(())
    }
}

/// Light or dark background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Dark,
    Light,
}

impl ThemeChoice {
    pub fn toggled(self) -> ThemeChoice {
        match self {
            ThemeChoice::Dark => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
        }
    }
}

/// Everything persisted between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    pub doc: Document,
    pub unit: Unit,
    pub theme: ThemeChoice,
    /// The outcome highlighted in every editor and plot.
    pub selected: usize,
    /// The distribution that arrow keys and the outcome strip act on.
    pub active: Side,
    /// Pixel density of exported pictures: 1 or 2.
    pub export_scale: u8,
    /// The window's zoom (Ctrl + / Ctrl −), kept between runs.
    pub zoom: f32,
    /// The id of the view under the editors (see `views::Views`). Stored under a new
    /// name: sessions from before views had ids keep everything else.
    #[serde(rename = "open_view")]
    pub view: String,
    /// The order of a vocabulary's outcomes in the editors and plots.
    pub sort: SortKey,
    /// A densities scenario, when one is open: the densities screen replaces the
    /// discrete editors and views until a discrete scenario is opened.
    #[serde(with = "super::densities::stored")]
    pub densities: Option<DensitiesDoc>,
    /// Which pair of the divergence family the measures panel shows in its last row.
    pub family_pair: FamilyPair,
    /// The order α of Rényi's D_α wherever it shows: the Divergences view's slider, the
    /// tables copied as Markdown or LaTeX.
    pub alpha: f64,
}

/// The measures panel's last row: total variation and Hellinger (the default), or
/// another pair of the f-divergence family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FamilyPair {
    #[default]
    TvHellinger,
    ChiSquares,
    HellingerSquaredTv,
}

impl FamilyPair {
    pub const ALL: [FamilyPair; 3] = [FamilyPair::TvHellinger, FamilyPair::ChiSquares, FamilyPair::HellingerSquaredTv];

    /// The two measures of the row.
    pub fn measures(self) -> (crate::info::Measure, crate::info::Measure) {
        use crate::info::Measure;
        match self {
            FamilyPair::TvHellinger => (Measure::TotalVariation, Measure::Hellinger),
            FamilyPair::ChiSquares => (Measure::ChiSquarePearson, Measure::ChiSquareNeyman),
            FamilyPair::HellingerSquaredTv => (Measure::HellingerSquared, Measure::TotalVariation),
        }
    }

    /// The choice as the menu shows it.
    pub fn label(self) -> &'static str {
        match self {
            FamilyPair::TvHellinger => "TV and Hellinger",
            FamilyPair::ChiSquares => "χ² both ways",
            FamilyPair::HellingerSquaredTv => "Hel² and TV",
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        let doc = Document::default();
        let unit = scenario::find_builtin(&doc.id).map(|s| s.unit).unwrap_or_default();
        AppState {
            doc,
            unit,
            theme: ThemeChoice::Dark,
            selected: 0,
            active: Side::Q,
            export_scale: 2,
            zoom: 1.0,
            view: DEFAULT_VIEW.to_string(),
            sort: SortKey::default(),
            densities: None,
            family_pair: FamilyPair::default(),
            alpha: crate::info::renyi::DEFAULT_ALPHA,
        }
    }
}

impl AppState {
    /// Keeps the selection inside the outcomes after edits and loads.
    pub fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.doc.len().saturating_sub(1));
    }

    /// Replaces the document with a scenario, in its own unit (with no file yet).
    pub fn open_scenario(&mut self, scenario: &Scenario) -> Result<(), DistributionError> {
        self.doc = Document::from_scenario(scenario)?;
        self.unit = scenario.unit;
        self.densities = None;
        self.clamp_selection();
        Ok(())
    }

    /// Opens a densities scenario, in its own unit: the densities screen shows it.
    pub fn open_densities(&mut self, scenario: DensitiesScenario) {
        self.unit = scenario.unit;
        self.densities = Some(DensitiesDoc::new(scenario));
    }

    /// Makes stored settings safe to use: selection in range, sane zoom and density.
    pub fn sanitize(&mut self) {
        self.clamp_selection();
        if !(self.zoom.is_finite() && (0.25..=5.0).contains(&self.zoom)) {
            self.zoom = 1.0;
        }
        self.export_scale = self.export_scale.clamp(1, 2);
        if self.doc.roles.problem().is_some() {
            self.doc.roles = Roles::default();
        }
    }
}

fn side_probs<'a>(p: &'a Distribution, q: &'a Distribution, side: Side) -> &'a [f64] {
    match side {
        Side::P => p.probs(),
        Side::Q => q.probs(),
    }
}
