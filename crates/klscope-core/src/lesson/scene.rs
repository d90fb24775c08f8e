//! P and Q as they stand when a question is judged or concealed: discrete P and Q with
//! their report (and the outcomes' positions, for W₁), or two densities with theirs.

use crate::info::density::DensityReport;
use crate::info::{Measure, Report, Unit};

/// P and Q as they stand, with their measures and the unit of the screen.
pub struct Scene<'a> {
    pub measures: SceneMeasures<'a>,
    pub unit: Unit,
}

/// Where a scene's numbers come from: discrete P and Q with their report, or two densities
/// with theirs (no outcomes to name).
pub enum SceneMeasures<'a> {
    Discrete {
        labels: &'a [String],
        p: &'a [f64],
        q: &'a [f64],
        report: &'a Report,
        /// The outcomes' positions on a line, for W₁ (None: 0, 1, 2, …).
        positions: Option<&'a [f64]>,
    },
    Densities(&'a DensityReport),
}

impl<'a> Scene<'a> {
    pub fn discrete(labels: &'a [String], p: &'a [f64], q: &'a [f64], report: &'a Report, unit: Unit) -> Scene<'a> {
        Scene { measures: SceneMeasures::Discrete { labels, p, q, report, positions: None }, unit }
    }

    pub fn densities(report: &'a DensityReport, unit: Unit) -> Scene<'a> {
        Scene { measures: SceneMeasures::Densities(report), unit }
    }

    /// A measure's value in `unit` (NaN for the χ² members, which densities do not
    /// integrate).
    pub fn value(&self, measure: Measure, unit: Unit) -> f64 {
        match self.measures {
            SceneMeasures::Discrete { report, .. } => measure.value(report, unit),
            SceneMeasures::Densities(report) => report.in_unit(measure, unit).value,
        }
    }

    /// The same scene with the outcomes at `positions` on a line (for W₁).
    pub fn at_positions(mut self, at: Option<&'a [f64]>) -> Scene<'a> {
        if let SceneMeasures::Discrete { positions, .. } = &mut self.measures {
            *positions = at;
        }
        self
    }

    /// The outcomes' names (none for densities).
    pub fn labels(&self) -> &'a [String] {
        match self.measures {
            SceneMeasures::Discrete { labels, .. } => labels,
            SceneMeasures::Densities(_) => &[],
        }
    }

    /// "KL(P||Q) is infinite because Q gives 'scissors' probability 0, but P gives it 0.2",
    /// when it is.
    pub fn infinite_reason(&self, measure: Measure) -> Option<String> {
        let cause = match self.measures {
            SceneMeasures::Discrete { labels, p, q, report, .. } => {
                measure.infinite_because(report)?.explain(labels, p, q)
            }
            SceneMeasures::Densities(report) => report.infinite_because(measure)?.explain(),
        };
        Some(format!("{} is infinite because {cause}", measure.symbol()))
    }
}
