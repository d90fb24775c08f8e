//! KL among its family, as one table: every f-divergence, Rényi's divergence at one order
//! and Wasserstein-1, each with what a "Divergences" view shows beside its value
//! (symmetric? bounded? a metric? finite here?), computed together in one pass.
//!
//! The f-divergences that need nothing but P and Q are [`Measure`]s too (and in every
//! [`Report`]); Rényi needs an order α and W₁ the outcomes' positions, so they live here,
//! in a [`FamilyReport`] computed beside the report.

use super::f_divergence::FDivergence;
use super::measure::Measure;
use super::measures::{Extras, Report};
use super::renyi::{self, Cause, Total};
use super::unit::Unit;
use super::wasserstein;
use crate::text::short_number;

/// One member of the family, as the "Divergences" view lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FamilyMember {
    F(FDivergence),
    /// D_α(P‖Q) at the report's α.
    Renyi,
    /// W₁(P, Q) at the outcomes' positions.
    Wasserstein1,
}

impl FamilyMember {
    pub const ALL: [FamilyMember; 9] = [
        FamilyMember::F(FDivergence::Kl),
        FamilyMember::F(FDivergence::ReverseKl),
        FamilyMember::F(FDivergence::Js),
        FamilyMember::F(FDivergence::TotalVariation),
        FamilyMember::F(FDivergence::HellingerSquared),
        FamilyMember::F(FDivergence::ChiSquarePearson),
        FamilyMember::F(FDivergence::ChiSquareNeyman),
        FamilyMember::Renyi,
        FamilyMember::Wasserstein1,
    ];

    /// The [`Measure`] this member also is, where it is one.
    pub fn measure(self) -> Option<Measure> {
        match self {
            FamilyMember::F(FDivergence::Kl) => Some(Measure::KlPQ),
            FamilyMember::F(FDivergence::ReverseKl) => Some(Measure::KlQP),
            FamilyMember::F(FDivergence::Js) => Some(Measure::Js),
            FamilyMember::F(FDivergence::TotalVariation) => Some(Measure::TotalVariation),
            FamilyMember::F(FDivergence::HellingerSquared) => Some(Measure::HellingerSquared),
            FamilyMember::F(FDivergence::ChiSquarePearson) => Some(Measure::ChiSquarePearson),
            FamilyMember::F(FDivergence::ChiSquareNeyman) => Some(Measure::ChiSquareNeyman),
            FamilyMember::Renyi | FamilyMember::Wasserstein1 => None,
        }
    }

    /// Short notation: "D_α(P||Q)" with the order written in, "W₁(P,Q)".
    pub fn symbol(self, alpha: f64) -> String {
        match (self, self.measure()) {
            (_, Some(measure)) => measure.symbol().to_string(),
            (FamilyMember::Renyi, None) => format!("{}(P||Q)", renyi_d(alpha)),
            _ => "W₁(P,Q)".to_string(),
        }
    }

    /// Plain name.
    pub fn name(self) -> &'static str {
        match (self, self.measure()) {
            (_, Some(measure)) => measure.name(),
            (FamilyMember::Renyi, None) => "Rényi divergence",
            _ => "Wasserstein-1 distance",
        }
    }

    /// The formula, with the unit's logarithm; f-divergences with their generator.
    pub fn formula(self, unit: Unit) -> String {
        let log = unit.log_name();
        match self {
            FamilyMember::F(FDivergence::Kl) => format!("Σ q·f(p/q), f(t) = t {log} t: Σ p {log}(p/q)"),
            FamilyMember::F(FDivergence::ReverseKl) => format!("Σ q·f(p/q), f(t) = −{log} t: Σ q {log}(q/p)"),
            FamilyMember::F(FDivergence::Js) => {
                format!("Σ q·f(p/q), f(t) = ½[t {log}(2t/(1+t)) + {log}(2/(1+t))]")
            }
            FamilyMember::F(FDivergence::TotalVariation) => "Σ q·f(p/q), f(t) = |t − 1|/2: ½ Σ |p − q|".to_string(),
            FamilyMember::F(FDivergence::HellingerSquared) => {
                "Σ q·f(p/q), f(t) = ½(√t − 1)²: ½ Σ (√p − √q)²".to_string()
            }
            FamilyMember::F(FDivergence::ChiSquarePearson) => "Σ q·f(p/q), f(t) = (t − 1)²: Σ (p − q)²/q".to_string(),
            FamilyMember::F(FDivergence::ChiSquareNeyman) => "Σ q·f(p/q), f(t) = (t − 1)²/t: Σ (p − q)²/p".to_string(),
            FamilyMember::Renyi => format!("D_α = {log}(Σ p^α q^(1−α)) / (α − 1)"),
            FamilyMember::Wasserstein1 => "W₁ = Σ |F_P − F_Q|·gap, F the cumulative sums in outcome order".to_string(),
        }
    }

    /// One plain sentence of meaning.
    pub fn meaning(self) -> &'static str {
        match (self, self.measure()) {
            (_, Some(measure)) => measure.meaning(),
            (FamilyMember::Renyi, None) => {
                "A dial between divergences: α → 1 is KL, α = ½ is twice the Bhattacharyya distance, α = ∞ is the largest log p/q; it never falls as α grows."
            }
            _ => {
                "The least total distance probability must travel to turn P into Q: finite and growing as two bumps move apart, where KL is ∞ and JS stops at its ceiling."
            }
        }
    }

    /// Where the member is infinite, in words.
    pub fn where_infinite(self, alpha: f64) -> &'static str {
        match self {
            FamilyMember::F(FDivergence::Kl) | FamilyMember::F(FDivergence::ChiSquarePearson) => {
                "wherever Q gives 0 to an outcome P gives more than 0"
            }
            FamilyMember::F(FDivergence::ReverseKl) | FamilyMember::F(FDivergence::ChiSquareNeyman) => {
                "wherever P gives 0 to an outcome Q gives more than 0"
            }
            FamilyMember::F(_) | FamilyMember::Wasserstein1 => "never",
            FamilyMember::Renyi if alpha >= 1.0 => "wherever Q gives 0 to an outcome P gives more than 0",
            FamilyMember::Renyi => "only when P and Q share no outcome",
        }
    }

    /// The key in JSON output.
    pub fn json_key(self) -> &'static str {
        match (self, self.measure()) {
            (_, Some(measure)) => measure.json_key(),
            (FamilyMember::Renyi, None) => "renyi",
            _ => "wasserstein1",
        }
    }

    /// Whether the value is information (shown in the unit) rather than a pure number.
    pub fn has_unit(self) -> bool {
        match (self, self.measure()) {
            (_, Some(measure)) => measure.has_unit(),
            (FamilyMember::Renyi, None) => true,
            _ => false,
        }
    }

    /// Whether swapping P and Q never changes it (Rényi: only at α = ½).
    pub fn is_symmetric(self, alpha: f64) -> bool {
        match self {
            FamilyMember::F(f) => f.is_symmetric(),
            FamilyMember::Renyi => alpha == 0.5,
            FamilyMember::Wasserstein1 => true,
        }
    }

    /// The largest value it can take, in nats for members with a unit (W₁: none, since
    /// positions may be any distance apart). Rényi is unbounded at every α.
    pub fn bound(self) -> Option<f64> {
        match self {
            FamilyMember::F(f) => f.bound(),
            FamilyMember::Renyi | FamilyMember::Wasserstein1 => None,
        }
    }

    /// Whether it is a metric: symmetric, zero only for P = Q, and obeying the triangle
    /// inequality (TV and W₁; JS and squared Hellinger are squares of metrics).
    pub fn is_metric(self) -> bool {
        match self {
            FamilyMember::F(f) => f.is_metric(),
            FamilyMember::Renyi => false,
            FamilyMember::Wasserstein1 => true,
        }
    }

    /// The value in `unit` (members without a unit ignore it).
    pub fn value(self, family: &FamilyReport, unit: Unit) -> f64 {
        let nats = match self {
            FamilyMember::F(f) => f.total(&family.report),
            FamilyMember::Renyi => family.renyi.value,
            FamilyMember::Wasserstein1 => return family.wasserstein1,
        };
        if self.has_unit() { unit.from_nats(nats) } else { nats }
    }

    /// The first outcome that makes it infinite here, if it is.
    pub fn infinite_because(self, family: &FamilyReport) -> Option<Cause> {
        match self {
            FamilyMember::F(f) => f.total_with_cause(&family.report).cause,
            FamilyMember::Renyi => family.renyi.cause,
            FamilyMember::Wasserstein1 => None,
        }
    }
}

/// Rényi's D with its order as a subscript where Unicode has the glyphs: "D₂", "D₀",
/// "D½", "D∞"; another order after an underscore, "D_0.25" (there is no subscript point).
pub fn renyi_d(alpha: f64) -> String {
    let order = alpha_text(alpha);
    if order.chars().all(|c| c.is_ascii_digit()) {
        let subscript = |c: char| char::from_u32('₀' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c);
        format!("D{}", order.chars().map(subscript).collect::<String>())
    } else if order == "½" || order == "∞" {
        format!("D{order}")
    } else {
        format!("D_{order}")
    }
}

/// α as people write it: "2", "0.5" as "½", "∞".
pub fn alpha_text(alpha: f64) -> String {
    if alpha == f64::INFINITY {
        "∞".to_string()
    } else if alpha == 0.5 {
        "½".to_string()
    } else {
        short_number(alpha)
    }
}

/// The report of P against Q with the whole family: Rényi at `alpha`, W₁ at `positions`.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyReport {
    pub report: Report,
    pub alpha: f64,
    /// D_α(P‖Q), nats.
    pub renyi: Total,
    /// W₁(P, Q), in the positions' units.
    pub wasserstein1: f64,
}

impl FamilyReport {
    /// Everything in one pass over the outcomes. `alpha` outside [0, ∞] gives a Rényi
    /// value of NaN (check with [`renyi::is_order`] first); `positions` of the wrong
    /// length count as 0, 1, 2, ….
    pub fn compute(p: &[f64], q: &[f64], alpha: f64, positions: Option<&[f64]>) -> FamilyReport {
        let extras = Extras { alpha: Some(alpha), wasserstein: Some(positions) };
        let (report, values) = Report::compute_with(p, q, &extras);
        let renyi = values.renyi.map_or(Total { value: f64::NAN, cause: None }, |(_, total)| total);
        FamilyReport { report, alpha, renyi, wasserstein1: values.wasserstein1.unwrap_or(0.0) }
    }
}

/// Everything the "Divergences" view draws, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyPicture {
    /// Each f-divergence's generator (t, f(t)) on a common t grid.
    pub generators: Vec<(FDivergence, Vec<(f64, f64)>)>,
    /// t = p/q per outcome (∞ for q = 0 < p, `None` for p = q = 0).
    pub ratio_points: Vec<Option<f64>>,
    /// (α, D_α) in nats on [`renyi::alpha_grid`], with the report's α added.
    pub renyi_curve: Vec<(f64, f64)>,
    /// The monotone coupling that W₁ is the cost of.
    pub plan: Vec<wasserstein::Move>,
}

impl FamilyPicture {
    /// The picture of P against Q; `t_max` bounds the generators' t axis (the ratio
    /// points beyond it sit at its edge in the view).
    pub fn of(p: &[f64], q: &[f64], alpha: f64, t_max: f64, samples: usize) -> FamilyPicture {
        let ts = super::f_divergence::t_grid(t_max, samples);
        let generators = FDivergence::ALL.iter().map(|&f| (f, super::f_divergence::generator_curve(f, &ts))).collect();
        let mut alphas = renyi::alpha_grid();
        if renyi::is_order(alpha) && alpha.is_finite() && !alphas.contains(&alpha) {
            alphas.push(alpha);
            alphas.sort_by(f64::total_cmp);
        }
        FamilyPicture {
            generators,
            ratio_points: super::f_divergence::ratio_points(p, q),
            renyi_curve: renyi::renyi_curve(p, q, &alphas),
            plan: wasserstein::transport_plan(p, q),
        }
    }
}
