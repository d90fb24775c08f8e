//! What a question can be about: any [`Measure`] of the report, Rényi's divergence at an
//! order, or Wasserstein-1 at the scenario's positions. The last two are not measures
//! (they need α or positions besides P and Q), so a question names them through this.

use super::scene::{Scene, SceneMeasures};
use crate::info::direction::Direction;
use crate::info::family::FamilyMember;
use crate::info::renyi::{is_order, renyi_divergence};
use crate::info::wasserstein::wasserstein1;
use crate::info::{Measure, Unit};

/// A quantity a lesson asks about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Asked {
    Measure(Measure),
    /// D_α(P‖Q) at this order (in [0, ∞], checked when the lesson is read).
    Renyi(f64),
    /// W₁(P, Q) at the scenario's positions (0, 1, 2, … when it gives none).
    Wasserstein1,
}

// α is an order, never NaN: a lesson with any other α is refused when it is read.
impl Eq for Asked {}

impl From<Measure> for Asked {
    fn from(measure: Measure) -> Self {
        Asked::Measure(measure)
    }
}

/// Values this close (relative) to a ceiling count as at it: round-off of the sums.
const AT_CEILING: f64 = 1e-9;

impl Asked {
    pub fn measure(self) -> Option<Measure> {
        match self {
            Asked::Measure(measure) => Some(measure),
            _ => None,
        }
    }

    /// The family member a view draws it as, for those that are not measures.
    pub fn member(self) -> Option<FamilyMember> {
        match self {
            Asked::Measure(_) => None,
            Asked::Renyi(_) => Some(FamilyMember::Renyi),
            Asked::Wasserstein1 => Some(FamilyMember::Wasserstein1),
        }
    }

    /// Short notation: "KL(P||Q)", "D₂(P||Q)", "W₁(P,Q)".
    pub fn symbol(self) -> String {
        match self {
            Asked::Measure(measure) => measure.symbol().to_string(),
            Asked::Renyi(alpha) => FamilyMember::Renyi.symbol(alpha),
            Asked::Wasserstein1 => FamilyMember::Wasserstein1.symbol(1.0),
        }
    }

    /// The key a classroom's messages name it by ("kl_pq", "renyi", "wasserstein1").
    pub fn json_key(self) -> &'static str {
        match self {
            Asked::Measure(measure) => measure.json_key(),
            Asked::Renyi(_) => FamilyMember::Renyi.json_key(),
            Asked::Wasserstein1 => FamilyMember::Wasserstein1.json_key(),
        }
    }

    pub fn has_unit(self) -> bool {
        match self {
            Asked::Measure(measure) => measure.has_unit(),
            Asked::Renyi(_) => true,
            Asked::Wasserstein1 => false,
        }
    }

    /// The unit a value is written in ("bits", "√bits", or nothing).
    pub fn unit_label(self, unit: Unit) -> String {
        match self {
            Asked::Measure(measure) => measure.unit_label(unit),
            Asked::Renyi(_) => unit.name().to_string(),
            Asked::Wasserstein1 => String::new(),
        }
    }

    /// One plain sentence of meaning.
    pub fn meaning(self) -> &'static str {
        match self {
            Asked::Measure(measure) => measure.meaning(),
            Asked::Renyi(_) => FamilyMember::Renyi.meaning(),
            Asked::Wasserstein1 => FamilyMember::Wasserstein1.meaning(),
        }
    }

    /// The value for P and Q as they stand, in `unit` where it has one (NaN for W₁ and
    /// D_α on densities, which a lesson never asks).
    pub fn value(self, now: &Scene<'_>, unit: Unit) -> f64 {
        match (self, &now.measures) {
            (Asked::Measure(measure), _) => now.value(measure, unit),
            (other, SceneMeasures::Discrete { p, q, positions, .. }) => other.value_at(p, q, *positions, unit),
            (_, SceneMeasures::Densities(_)) => f64::NAN,
        }
    }

    /// [`Asked::value`] for P and Q alone, at `positions` for W₁.
    pub fn value_at(self, p: &[f64], q: &[f64], positions: Option<&[f64]>, unit: Unit) -> f64 {
        match self {
            Asked::Measure(measure) => measure.value(&crate::info::Report::compute(p, q), unit),
            Asked::Renyi(alpha) => unit.from_nats(renyi_divergence(p, q, alpha).value),
            Asked::Wasserstein1 => wasserstein1(p, q, positions),
        }
    }

    /// "KL(P||Q) is infinite because Q gives 'scissors' probability 0, but P gives it 0.2",
    /// when it is.
    pub fn infinite_reason(self, now: &Scene<'_>) -> Option<String> {
        let because = match (self, &now.measures) {
            (Asked::Measure(measure), _) => return now.infinite_reason(measure),
            (Asked::Renyi(alpha), SceneMeasures::Discrete { labels, p, q, .. }) => {
                let cause = renyi_divergence(p, q, alpha).cause?;
                let label = crate::text::quote(labels.get(cause.outcome).map(String::as_str).unwrap_or("?"));
                let at = |values: &[f64]| values.get(cause.outcome).copied().unwrap_or(f64::NAN);
                let (zero, other, value) = match cause.direction {
                    Direction::Forward => ("Q", "P", at(p)),
                    Direction::Reverse => ("P", "Q", at(q)),
                };
                if alpha < 1.0 {
                    "P and Q share no outcome".to_string()
                } else {
                    format!(
                        "{zero} gives '{label}' probability 0, but {other} gives it {}",
                        crate::text::short_number(value)
                    )
                }
            }
            _ => return None,
        };
        Some(format!("{} is infinite because {because}", self.symbol()))
    }

    /// The largest value it can take, in `unit` (None: unbounded).
    fn ceiling(self, unit: Unit) -> Option<f64> {
        let ln2 = std::f64::consts::LN_2;
        match self {
            Asked::Measure(Measure::Js) => Some(unit.from_nats(ln2)),
            Asked::Measure(Measure::JsDistance) => Some(unit.from_nats(ln2).sqrt()),
            Asked::Measure(Measure::TotalVariation | Measure::Hellinger | Measure::HellingerSquared) => Some(1.0),
            _ => None,
        }
    }

    /// Whether it still tells how far apart P and Q are: finite, and short of the ceiling
    /// it would stay at however much further apart they moved.
    pub fn is_meaningful(self, now: &Scene<'_>) -> bool {
        let value = self.value(now, Unit::Nats);
        value.is_finite() && self.ceiling(Unit::Nats).is_none_or(|top| value < top * (1.0 - AT_CEILING))
    }

    /// Why it is or is not meaningful here, for the verdict.
    pub fn meaningful_reason(self, now: &Scene<'_>) -> String {
        if let Some(reason) = self.infinite_reason(now) {
            return reason;
        }
        let value = self.value(now, now.unit);
        let shown = crate::text::with_unit(value, self.unit_label(now.unit));
        match self.ceiling(now.unit) {
            Some(_) if !self.is_meaningful(now) => {
                format!("{} = {shown} is at its ceiling, where it stays however far apart P and Q move", self.symbol())
            }
            _ => format!("{} = {shown} is finite and would change if P and Q moved", self.symbol()),
        }
    }
}

/// The quantity a lesson names: a measure's symbol or key (see
/// [`super::format::measure_named`]), "W₁(P,Q)", "W1" or "wasserstein1", or Rényi's
/// divergence as "D_2(P||Q)", "D₂" (as the app writes it), "D_½", "D_inf(P||Q)" or "renyi(0.5)".
pub fn asked_named(name: &str) -> Option<Asked> {
    if let Some(measure) = super::format::measure_named(name) {
        return Some(Asked::Measure(measure));
    }
    // Subscript digits ("D₂", as the app writes it) read as the digits they are.
    let plain = |c: char| match c {
        '₀'..='₉' => char::from_u32('0' as u32 + (c as u32 - '₀' as u32)).unwrap_or(c),
        other => other,
    };
    let squeezed: String =
        name.chars().filter(|c| !c.is_whitespace()).map(plain).flat_map(char::to_lowercase).collect();
    let bare = squeezed.strip_suffix("(p,q)").or_else(|| squeezed.strip_suffix("(p||q)")).unwrap_or(&squeezed);
    if matches!(bare, "w₁" | "w1" | "w_1" | "wasserstein1") {
        return Some(Asked::Wasserstein1);
    }
    let order = bare
        .strip_prefix("d_")
        .or_else(|| bare.strip_prefix("renyi(").and_then(|rest| rest.strip_suffix(')')))
        .or_else(|| bare.strip_prefix('d').filter(|rest| !rest.is_empty()))?;
    let alpha = match order {
        "½" => 0.5,
        "∞" | "inf" | "infinity" => f64::INFINITY,
        number => number.parse::<f64>().ok().filter(|a| a.is_finite())?,
    };
    is_order(alpha).then_some(Asked::Renyi(alpha))
}

/// The names [`asked_named`] takes beyond the measures, as an error lists them.
pub const BEYOND_MEASURES: &str =
    "W₁(P,Q) (or W1, wasserstein1) and D_α(P||Q) for an order α such as D_2 (or D₂), D_½ or D_inf (or renyi(2))";

impl std::fmt::Display for Asked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::Report;

    fn scene<'a>(labels: &'a [String], p: &'a [f64], q: &'a [f64], report: &'a Report) -> Scene<'a> {
        Scene::discrete(labels, p, q, report, Unit::Bits)
    }

    #[test]
    fn names_reach_every_quantity() {
        assert_eq!(asked_named("KL(P||Q)"), Some(Asked::Measure(Measure::KlPQ)));
        for name in ["W₁(P,Q)", "w1", "Wasserstein1", "W_1(P, Q)"] {
            assert_eq!(asked_named(name), Some(Asked::Wasserstein1), "{name}");
        }
        assert_eq!(asked_named("D_2(P||Q)"), Some(Asked::Renyi(2.0)));
        assert_eq!(asked_named("D_½"), Some(Asked::Renyi(0.5)));
        assert_eq!(asked_named("renyi(0.25)"), Some(Asked::Renyi(0.25)));
        assert_eq!(asked_named("D_inf(P||Q)"), Some(Asked::Renyi(f64::INFINITY)));
        for bad in ["D_-1", "D_nan", "renyi(x)", "W2", "D_", "D", "Dx"] {
            assert_eq!(asked_named(bad), None, "{bad}");
        }
        assert_eq!(Asked::Renyi(0.5).symbol(), "D½(P||Q)");
        assert_eq!(Asked::Renyi(2.0).symbol(), "D₂(P||Q)");
        assert_eq!(Asked::Renyi(0.25).symbol(), "D_0.25(P||Q)");
        // What the app writes reads back.
        for alpha in [0.0, 0.25, 0.5, 1.0, 2.0, 10.0, f64::INFINITY] {
            assert_eq!(asked_named(&Asked::Renyi(alpha).symbol()), Some(Asked::Renyi(alpha)), "{alpha}");
        }
    }

    #[test]
    fn disjoint_bumps_leave_only_w1_meaningful() {
        let labels: Vec<String> = (0..6).map(|i| i.to_string()).collect();
        let (p, q) = ([0.5, 0.5, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.5, 0.5]);
        let report = Report::compute(&p, &q);
        let now = scene(&labels, &p, &q, &report);
        assert!(!Asked::Measure(Measure::KlPQ).is_meaningful(&now), "KL is infinite");
        assert!(!Asked::Measure(Measure::Js).is_meaningful(&now), "JS sits at ln 2");
        assert!(!Asked::Measure(Measure::TotalVariation).is_meaningful(&now), "TV sits at 1");
        assert!(Asked::Wasserstein1.is_meaningful(&now));
        assert_eq!(Asked::Wasserstein1.value(&now, Unit::Bits), 4.0);
        assert!(Asked::Measure(Measure::Js).meaningful_reason(&now).contains("at its ceiling"));
        assert!(
            Asked::Measure(Measure::KlPQ).meaningful_reason(&now).starts_with("KL(P||Q) is infinite because Q gives")
        );
        // Overlapping: all three are.
        let (p, q) = ([0.5, 0.5, 0.0, 0.0, 0.0, 0.0], [0.25, 0.5, 0.25, 0.0, 0.0, 0.0]);
        let report = Report::compute(&p, &q);
        let now = scene(&labels, &p, &q, &report);
        for asked in [Asked::Measure(Measure::KlPQ), Asked::Measure(Measure::Js), Asked::Wasserstein1] {
            assert!(asked.is_meaningful(&now), "{asked}");
        }
    }

    #[test]
    fn renyi_is_read_at_its_order_and_explains_infinity() {
        let labels: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let (p, q) = ([0.5, 0.5], [1.0, 0.0]);
        let report = Report::compute(&p, &q);
        let now = scene(&labels, &p, &q, &report);
        assert_eq!(Asked::Renyi(2.0).value(&now, Unit::Bits), f64::INFINITY);
        let why = Asked::Renyi(2.0).infinite_reason(&now).unwrap_or_default();
        assert_eq!(why, "D₂(P||Q) is infinite because Q gives 'b' probability 0, but P gives it 0.5");
        // D_½ = −2 log₂ Σ √(pq) = −2 log₂ √0.5 = 1 bit.
        assert!((Asked::Renyi(0.5).value(&now, Unit::Bits) - 1.0).abs() < 1e-12);
    }
}
