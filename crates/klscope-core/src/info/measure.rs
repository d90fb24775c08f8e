//! What each measure is: its name, symbol, formula, one sentence of meaning, and how to
//! read it from a [`Report`] in a unit. The CLI and the app list measures from here so
//! that both say the same thing.

use super::direction::Direction;
use super::measures::Report;
use super::unit::Unit;
use crate::text::short_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    EntropyP,
    EntropyQ,
    CrossEntropyPQ,
    CrossEntropyQP,
    KlPQ,
    KlQP,
    Js,
    JsDistance,
    TotalVariation,
    Hellinger,
    /// ½ Σ (√p − √q)², the f-divergence whose root is the Hellinger distance.
    HellingerSquared,
    ChiSquarePearson,
    ChiSquareNeyman,
}

impl Measure {
    pub const ALL: [Measure; 13] = [
        Measure::EntropyP,
        Measure::EntropyQ,
        Measure::CrossEntropyPQ,
        Measure::CrossEntropyQP,
        Measure::KlPQ,
        Measure::KlQP,
        Measure::Js,
        Measure::JsDistance,
        Measure::TotalVariation,
        Measure::Hellinger,
        Measure::HellingerSquared,
        Measure::ChiSquarePearson,
        Measure::ChiSquareNeyman,
    ];

    /// Short notation, as in the lessons: "KL(P||Q)".
    pub fn symbol(self) -> &'static str {
        match self {
            Measure::EntropyP => "H(P)",
            Measure::EntropyQ => "H(Q)",
            Measure::CrossEntropyPQ => "H(P,Q)",
            Measure::CrossEntropyQP => "H(Q,P)",
            Measure::KlPQ => "KL(P||Q)",
            Measure::KlQP => "KL(Q||P)",
            Measure::Js => "JS(P,Q)",
            Measure::JsDistance => "√JS",
            Measure::TotalVariation => "TV(P,Q)",
            Measure::Hellinger => "Hel(P,Q)",
            Measure::HellingerSquared => "Hel²(P,Q)",
            Measure::ChiSquarePearson => "χ²(P||Q)",
            Measure::ChiSquareNeyman => "χ²_N(P||Q)",
        }
    }

    /// Plain name.
    pub fn name(self) -> &'static str {
        match self {
            Measure::EntropyP => "entropy of P",
            Measure::EntropyQ => "entropy of Q",
            Measure::CrossEntropyPQ => "cross-entropy of Q on P",
            Measure::CrossEntropyQP => "cross-entropy of P on Q",
            Measure::KlPQ => "KL divergence, forward",
            Measure::KlQP => "KL divergence, reverse",
            Measure::Js => "Jensen–Shannon divergence",
            Measure::JsDistance => "Jensen–Shannon distance",
            Measure::TotalVariation => "total variation distance",
            Measure::Hellinger => "Hellinger distance",
            Measure::HellingerSquared => "squared Hellinger distance",
            Measure::ChiSquarePearson => "Pearson's χ² divergence",
            Measure::ChiSquareNeyman => "Neyman's χ² divergence",
        }
    }

    /// The formula, with the unit's logarithm.
    pub fn formula(self, unit: Unit) -> String {
        let log = unit.log_name();
        match self {
            Measure::EntropyP => format!("H(P) = −Σ p {log} p"),
            Measure::EntropyQ => format!("H(Q) = −Σ q {log} q"),
            Measure::CrossEntropyPQ => format!("H(P,Q) = −Σ p {log} q = H(P) + KL(P||Q)"),
            Measure::CrossEntropyQP => format!("H(Q,P) = −Σ q {log} p = H(Q) + KL(Q||P)"),
            Measure::KlPQ => format!("KL(P||Q) = Σ p {log}(p/q)"),
            Measure::KlQP => format!("KL(Q||P) = Σ q {log}(q/p)"),
            Measure::Js => "JS = ½ KL(P||M) + ½ KL(Q||M),  M = (P+Q)/2".to_string(),
            Measure::JsDistance => "√JS, the square root of the JS divergence".to_string(),
            Measure::TotalVariation => "TV = ½ Σ |p − q|".to_string(),
            Measure::Hellinger => "Hel = √(½ Σ (√p − √q)²) = √(1 − Σ √(pq))".to_string(),
            Measure::HellingerSquared => "Hel² = ½ Σ (√p − √q)² = 1 − Σ √(pq)".to_string(),
            Measure::ChiSquarePearson => "χ²(P||Q) = Σ (p − q)²/q".to_string(),
            Measure::ChiSquareNeyman => "χ²_N(P||Q) = Σ (p − q)²/p".to_string(),
        }
    }

    /// One plain sentence of meaning.
    pub fn meaning(self) -> &'static str {
        match self {
            Measure::EntropyP => {
                "The average surprise of outcomes drawn from P: the least possible cost per outcome of a code built for P."
            }
            Measure::EntropyQ => "The average surprise of outcomes drawn from Q.",
            Measure::CrossEntropyPQ => {
                "The average surprise when the truth is P but you expect Q: the cost of coding P's outcomes with a code built for Q."
            }
            Measure::CrossEntropyQP => "The average surprise when the truth is Q but you expect P.",
            Measure::KlPQ => {
                "The extra surprise per outcome from using the model Q when the truth is P; infinite if Q rules out something P does."
            }
            Measure::KlQP => {
                "The extra surprise per outcome from using P when outcomes come from Q; usually not equal to KL(P||Q)."
            }
            Measure::Js => {
                "A symmetric, always finite divergence: how far each of P and Q is from their average M. At most 1 bit."
            }
            Measure::JsDistance => {
                "The square root of JS, a true distance (it obeys the triangle inequality); scipy's jensenshannon returns this."
            }
            Measure::TotalVariation => {
                "The largest difference in probability that P and Q can give the same event; 0 to 1, no unit."
            }
            Measure::Hellinger => "A symmetric distance between the square roots of P and Q; 0 to 1, no unit.",
            Measure::HellingerSquared => {
                "The f-divergence of ½(√t − 1)²: symmetric, 0 to 1, no unit; 1 means P and Q share no outcome."
            }
            Measure::ChiSquarePearson => {
                "Squared gaps weighed by how unlikely the model Q thinks each outcome is; infinite if Q rules out something P does."
            }
            Measure::ChiSquareNeyman => {
                "Squared gaps weighed by P instead of Q; infinite if Q gives probability to something P rules out."
            }
        }
    }

    /// The key of this measure in JSON output.
    pub fn json_key(self) -> &'static str {
        match self {
            Measure::EntropyP => "entropy_p",
            Measure::EntropyQ => "entropy_q",
            Measure::CrossEntropyPQ => "cross_entropy_pq",
            Measure::CrossEntropyQP => "cross_entropy_qp",
            Measure::KlPQ => "kl_pq",
            Measure::KlQP => "kl_qp",
            Measure::Js => "js",
            Measure::JsDistance => "js_distance",
            Measure::TotalVariation => "total_variation",
            Measure::Hellinger => "hellinger",
            Measure::HellingerSquared => "hellinger_squared",
            Measure::ChiSquarePearson => "chi2_pearson",
            Measure::ChiSquareNeyman => "chi2_neyman",
        }
    }

    /// False for the distances that are probabilities (and the χ² divergences), not
    /// information.
    pub fn has_unit(self) -> bool {
        !matches!(
            self,
            Measure::TotalVariation
                | Measure::Hellinger
                | Measure::HellingerSquared
                | Measure::ChiSquarePearson
                | Measure::ChiSquareNeyman
        )
    }

    /// What to write after a value: "bits", "√bits" for the JS distance, nothing for the
    /// unitless distances.
    pub fn unit_label(self, unit: Unit) -> String {
        match self {
            Measure::JsDistance => format!("√{}", unit.name()),
            m if m.has_unit() => unit.name().to_string(),
            _ => String::new(),
        }
    }

    /// The value in `unit` (unitless measures ignore it).
    pub fn value(self, report: &Report, unit: Unit) -> f64 {
        match self {
            Measure::EntropyP => unit.from_nats(report.entropy_p),
            Measure::EntropyQ => unit.from_nats(report.entropy_q),
            Measure::CrossEntropyPQ => unit.from_nats(report.cross_entropy_pq),
            Measure::CrossEntropyQP => unit.from_nats(report.cross_entropy_qp),
            Measure::KlPQ => unit.from_nats(report.kl_pq),
            Measure::KlQP => unit.from_nats(report.kl_qp),
            Measure::Js => unit.from_nats(report.js),
            Measure::JsDistance => report.js_distance(unit),
            Measure::TotalVariation => report.total_variation,
            Measure::Hellinger => report.hellinger,
            Measure::HellingerSquared => report.hellinger_squared,
            Measure::ChiSquarePearson => report.chi2_pearson,
            Measure::ChiSquareNeyman => report.chi2_neyman,
        }
    }

    /// The outcomes that make this measure infinite: p > 0 with q = 0 for the forward
    /// measures (and Pearson's χ²), q > 0 with p = 0 for the reverse ones (and Neyman's).
    pub fn infinite_because(self, report: &Report) -> Option<InfiniteCause<'_>> {
        let (outcomes, direction) = match self {
            Measure::CrossEntropyPQ | Measure::KlPQ | Measure::ChiSquarePearson => {
                (&report.p_without_q, Direction::Forward)
            }
            Measure::CrossEntropyQP | Measure::KlQP | Measure::ChiSquareNeyman => {
                (&report.q_without_p, Direction::Reverse)
            }
            _ => return None,
        };
        (!outcomes.is_empty()).then_some(InfiniteCause { outcomes, direction })
    }
}

/// Why a measure is infinite: the outcomes one distribution rules out. Forward: Q gives
/// them 0 where P does not; reverse: P gives them 0 where Q does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InfiniteCause<'a> {
    pub outcomes: &'a [usize],
    pub direction: Direction,
}

impl InfiniteCause<'_> {
    /// "Q gives 'tails' probability 0, but P gives it 0.1" (and "+ 2 more").
    pub fn explain(&self, labels: &[String], p: &[f64], q: &[f64]) -> String {
        let (zero, other, values) = match self.direction {
            Direction::Forward => ("Q", "P", p),
            Direction::Reverse => ("P", "Q", q),
        };
        let Some(&first) = self.outcomes.first() else {
            return String::new();
        };
        let label = labels.get(first).map(String::as_str).unwrap_or("?");
        let value = values.get(first).copied().unwrap_or(f64::NAN);
        let label = crate::text::quote(label);
        let mut text = format!("{zero} gives '{label}' probability 0, but {other} gives it {}", short_number(value));
        let more = self.outcomes.len() - 1;
        if more > 0 {
            let plural = if more == 1 { "" } else { "s" };
            text.push_str(&format!(" (and {more} more outcome{plural})"));
        }
        text
    }
}
