//! What the app remembers: the document being edited (undoable) and the view settings,
//! persisted between runs. Deserialising validates; anything odd falls back to defaults.

use crate::info::distribution::check_labels;
use crate::info::{Distribution, DistributionError, Side, Unit, ZeroRule};
use crate::scenario::{self, Scenario};
use serde::{Deserialize, Serialize};

use super::order::SortKey;
use super::views::Views;

/// The most outcomes the editor lets you add (scenarios may hold more).
pub const MAX_EDITOR_OUTCOMES: usize = 64;
/// The fewest outcomes the editor lets you remove down to.
pub const MIN_EDITOR_OUTCOMES: usize = 2;

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
}

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
    }

    pub fn copy_p_to_q(&mut self) {
        // Same labels, so this cannot fail; keep Q's locks.
        let _ = self.q.set_all(self.p.probs());
    }

    /// Adds an outcome (probability 0 in both) with a fresh name; returns its index.
    pub fn add_outcome(&mut self) -> Result<usize, String> {
        if self.len() >= MAX_EDITOR_OUTCOMES {
            return Err(format!("the editor holds at most {MAX_EDITOR_OUTCOMES} outcomes"));
        }
        let name = (self.len() + 1..).map(|k| format!("x{k}")).find(|n| !self.labels().contains(n)).unwrap_or_default();
        let mut next = self.clone();
        next.p.add_outcome(&name).map_err(|e| e.message("P"))?;
        next.q.add_outcome(&name).map_err(|e| e.message("Q"))?;
        *self = next;
        Ok(self.len() - 1)
    }

    /// Removes an outcome from both; refused (nothing changes) if either cannot.
    pub fn remove_outcome(&mut self, index: usize) -> Result<(), String> {
        if self.len() <= MIN_EDITOR_OUTCOMES {
            return Err(format!("keep at least {MIN_EDITOR_OUTCOMES} outcomes"));
        }
        let mut next = self.clone();
        next.p.remove_outcome(index).map_err(|e| format!("P: {}", e.message("P")))?;
        next.q.remove_outcome(index).map_err(|e| format!("Q: {}", e.message("Q")))?;
        *self = next;
        Ok(())
    }

    /// Renames an outcome in both.
    pub fn rename(&mut self, index: usize, name: &str) -> Result<(), String> {
        let mut next = self.clone();
        next.p.rename(index, name).map_err(|e| e.message("P"))?;
        next.q.rename(index, name).map_err(|e| e.message("Q"))?;
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
            view: Views::default_id().to_string(),
            sort: SortKey::default(),
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
        self.clamp_selection();
        Ok(())
    }

    /// Makes stored settings safe to use: selection in range, sane zoom and density.
    pub fn sanitize(&mut self) {
        self.clamp_selection();
        if !(self.zoom.is_finite() && (0.25..=5.0).contains(&self.zoom)) {
            self.zoom = 1.0;
        }
        self.export_scale = self.export_scale.clamp(1, 2);
    }
}
