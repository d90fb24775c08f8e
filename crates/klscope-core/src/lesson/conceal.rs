//! What a pending question hides, by a rule worked out from P and Q as they stand (not a
//! list written per question): while a number question is open, no measure on screen lies
//! within the question's tolerance of its answer or turns into it by one identity the
//! lessons teach; while a "which is larger" question is open, neither side's value shows,
//! nor what gives it. The app asks again whenever P or Q change, so a student who drags a
//! bar while the question is open cannot drag a hidden number into view.

use super::asked::Asked;
use super::scene::Scene;
use super::task::Prediction;
use crate::info::family::FamilyMember;
use crate::info::{Measure, Unit};

/// What a pending prediction hides: measures, the per-outcome terms of measures, and for a
/// number question every other number near its answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Concealed {
    measures: Vec<Measure>,
    terms_of: Vec<Measure>,
    /// Family members that are not measures (Rényi's D_α at every α, W₁), hidden with
    /// whatever shows their parts (W₁'s share of each gap, the transport plan's cost).
    members: Vec<FamilyMember>,
    near: Option<Near>,
}

/// A number question's answer, for judging any other number a view wants to show.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Near {
    /// The answer in the question's unit, and the tolerance it is judged with.
    answer: f64,
    tolerance: f64,
    /// The same answer and tolerance in the unit the screen shows.
    on_screen: f64,
    tolerance_on_screen: f64,
    /// The answer and tolerance as amounts of information in nats (None for the distances
    /// without a unit, and for √JS, whose unit is a square root).
    nats: Option<(f64, f64)>,
    screen: Unit,
}

/// A number printed with four significant digits may round into the tolerance: the rule
/// hides a little more than the tolerance itself.
const ROUNDING_MARGIN: f64 = 1.01;

impl Near {
    fn new(measure: Asked, unit: Unit, tolerance: f64, now: &Scene<'_>) -> Near {
        let answer = measure.value(now, unit);
        let on_screen = measure.value(now, now.unit);
        let tolerance = tolerance.abs() * ROUNDING_MARGIN;
        let root = measure == Asked::Measure(Measure::JsDistance);
        let amount = measure.has_unit() && !root;
        let nats = amount.then(|| (unit.to_nats(answer), unit.to_nats(tolerance)));
        // √JS is in √unit; the unitless distances do not convert.
        let ratio = match measure {
            m if !m.has_unit() => 1.0,
            _ if root => (unit.nats_per_unit() / now.unit.nats_per_unit()).sqrt(),
            _ => unit.nats_per_unit() / now.unit.nats_per_unit(),
        };
        Near { answer, tolerance, on_screen, tolerance_on_screen: tolerance * ratio, nats, screen: now.unit }
    }

    /// Whether `shown`, written in `unit`, is near the answer: as digits a student could
    /// type (in the question's unit or the screen's), or as the same amount of information.
    fn holds_in(&self, shown: f64, unit: Unit) -> bool {
        within(shown, self.answer, self.tolerance)
            || within(shown, self.on_screen, self.tolerance_on_screen)
            || self.nats.is_some_and(|(answer, tolerance)| within(unit.to_nats(shown), answer, tolerance))
    }
}

/// `x` within `tolerance` of `answer`; an infinite answer is near only the same infinity.
fn within(x: f64, answer: f64, tolerance: f64) -> bool {
    if answer.is_infinite() || x.is_infinite() {
        return x == answer;
    }
    (x - answer).abs() <= tolerance
}

impl Concealed {
    pub fn is_empty(&self) -> bool {
        self.measures.is_empty() && self.terms_of.is_empty() && self.members.is_empty() && self.near.is_none()
    }

    /// Whether a family member shows nothing now: a measure hidden, or Rényi's D_α (at any
    /// order: a slider would find the asked one) or W₁ asked about.
    pub fn hides_member(&self, member: FamilyMember) -> bool {
        member.measure().map_or_else(|| self.members.contains(&member), |measure| self.hides(measure))
    }

    /// The measures hidden now, in the order the rule found them.
    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }

    pub fn hides(&self, measure: Measure) -> bool {
        self.measures.contains(&measure)
    }

    /// Hides per-outcome terms of `measure` (the contribution plot, the table's columns):
    /// those of a hidden measure always, since they add up to it.
    pub fn hides_terms(&self, measure: Measure) -> bool {
        self.terms_of.contains(&measure) || self.hides(measure)
    }

    /// Whether a number a view shows (in the screen's unit, or without a unit) would give a
    /// pending number question's answer away: it lies within the tolerance of the answer.
    /// Views check the numbers that are not measures with it (a per-outcome surprise, a
    /// code length, a sample's estimate); the inputs P and Q are not numbers it judges.
    pub fn hides_number(&self, shown: f64) -> bool {
        self.near.is_some_and(|near| near.holds_in(shown, near.screen))
    }

    /// Like [`Concealed::hides_number`] for a number written in `unit`, whatever the screen
    /// shows (the libraries and the distillation losses are in nats).
    pub fn hides_number_in(&self, shown: f64, unit: Unit) -> bool {
        self.near.is_some_and(|near| near.holds_in(shown, unit))
    }

    /// Whether any of `shown` would: a column of numbers shows whole or not at all, so a
    /// single hidden cell cannot point at the answer.
    pub fn hides_any(&self, shown: impl IntoIterator<Item = f64>) -> bool {
        self.near.is_some() && shown.into_iter().any(|x| self.hides_number(x))
    }

    /// Hides a quantity a question names, and for a measure what gives it by one identity.
    fn hide_asked(&mut self, asked: Asked) {
        match (asked.measure(), asked.member()) {
            (Some(measure), _) => {
                self.hide(measure);
                identity_partners(measure).iter().for_each(|m| _ = self.hide(*m));
            }
            (None, Some(member)) if !self.members.contains(&member) => self.members.push(member),
            _ => {}
        }
    }

    fn hide(&mut self, measure: Measure) -> bool {
        let new = !self.hides(measure);
        if new {
            self.measures.push(measure);
        }
        new
    }
}

/// A measure and the one it is read off by a single subtraction of a shown entropy:
/// H(P,Q) − H(P) = KL(P||Q), H(Q,P) − H(Q) = KL(Q||P); √JS squared is JS, and Hellinger
/// squared is Hel².
pub fn identity_partners(measure: Measure) -> &'static [Measure] {
    use Measure::*;
    match measure {
        EntropyP => &[CrossEntropyPQ],
        EntropyQ => &[CrossEntropyQP],
        KlPQ => &[CrossEntropyPQ],
        CrossEntropyPQ => &[KlPQ],
        KlQP => &[CrossEntropyQP],
        CrossEntropyQP => &[KlQP],
        Js => &[JsDistance],
        JsDistance => &[Js],
        // Either gives the other away: one is the square of the other.
        Hellinger => &[HellingerSquared],
        HellingerSquared => &[Hellinger],
        TotalVariation | ChiSquarePearson | ChiSquareNeyman => &[],
    }
}

/// Which of two measures goes when together they give the answer away (their difference
/// or sum is near it): the first of this list. The entropies, P's first, stay longest:
/// the other measures are read against them.
const HIDDEN_FIRST: [Measure; 13] = [
    Measure::ChiSquareNeyman,
    Measure::ChiSquarePearson,
    Measure::HellingerSquared,
    Measure::CrossEntropyQP,
    Measure::CrossEntropyPQ,
    Measure::KlQP,
    Measure::KlPQ,
    Measure::JsDistance,
    Measure::Js,
    Measure::Hellinger,
    Measure::TotalVariation,
    Measure::EntropyQ,
    Measure::EntropyP,
];

impl Prediction {
    /// What stays hidden until the answer, for P and Q as they are now (`now.unit` is the
    /// unit the screen shows).
    pub fn conceals(&self, now: &Scene<'_>) -> Concealed {
        let mut concealed = Concealed::default();
        match *self {
            Prediction::Larger { first, second } => {
                concealed.hide_asked(first);
                concealed.hide_asked(second);
            }
            Prediction::TopContributor { measure } => concealed.terms_of.push(measure),
            Prediction::Estimate { measure, unit, tolerance } => {
                concealed.hide_asked(measure);
                concealed.terms_of.extend(measure.measure());
                concealed.near = Some(Near::new(measure, unit, tolerance, now));
                hide_near(&mut concealed, unit, now);
            }
            // Whether each is finite and short of its ceiling shows in its value.
            Prediction::StaysMeaningful { ref among } => among.iter().for_each(|&asked| concealed.hide_asked(asked)),
        }
        concealed
    }
}

/// Hides, until nothing changes, every shown measure near the answer by itself, as the
/// square or square root the lessons teach (√JS ↔ JS, Hellinger ↔ Hel²), or as the
/// difference or sum of two shown measures.
fn hide_near(concealed: &mut Concealed, unit: Unit, now: &Scene<'_>) {
    let Some(near) = concealed.near else {
        return;
    };
    // Each measure in the question's unit and in the screen's: both are numbers a student
    // could read.
    let values = |m: Measure| [(now.value(m, unit), unit), (now.value(m, now.unit), now.unit)];
    let alone = |m: Measure| {
        values(m).into_iter().any(|(v, in_unit)| {
            let turned = match m {
                Measure::Js | Measure::HellingerSquared => v.sqrt(),
                Measure::JsDistance | Measure::Hellinger => v * v,
                _ => v,
            };
            near.holds_in(v, in_unit) || near.holds_in(turned, in_unit)
        })
    };
    for measure in HIDDEN_FIRST.into_iter().rev() {
        if alone(measure) {
            concealed.hide(measure);
        }
    }
    loop {
        let shown: Vec<Measure> = HIDDEN_FIRST.into_iter().filter(|m| !concealed.hides(*m)).collect();
        let pair = shown
            .iter()
            .enumerate()
            .find_map(|(i, &a)| shown[i + 1..].iter().find(|&&b| gives_away_together(a, b, &values, near)).map(|_| a));
        match pair {
            // `a` comes before its partner in HIDDEN_FIRST: it goes.
            Some(a) => _ = concealed.hide(a),
            None => break,
        }
    }
}

/// Whether the difference or the sum of `a` and `b` (both finite, in the same unit) lies
/// near the answer.
fn gives_away_together(a: Measure, b: Measure, values: &impl Fn(Measure) -> [(f64, Unit); 2], near: Near) -> bool {
    values(a).into_iter().zip(values(b)).any(|((x, unit), (y, _))| {
        x.is_finite()
            && y.is_finite()
            && [x - y, y - x, x + y].into_iter().any(|combined| near.holds_in(combined, unit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::Report;
    use crate::info::f_divergence::FDivergence;

    fn concealed(prediction: &Prediction, p: &[f64], q: &[f64], screen: Unit) -> (Concealed, Report) {
        let report = Report::compute(p, q);
        let labels: Vec<String> = (0..p.len()).map(|i| format!("o{i}")).collect();
        let scene = Scene::discrete(&labels, p, q, &report, screen);
        (prediction.conceals(&scene), report)
    }

    #[test]
    fn a_larger_question_hides_both_sides_and_their_cross_entropy_partners() {
        let larger = Prediction::Larger { first: Measure::KlPQ.into(), second: Measure::EntropyP.into() };
        let (hidden, _) = concealed(&larger, &[0.9, 0.1], &[0.5, 0.5], Unit::Bits);
        for measure in [Measure::KlPQ, Measure::CrossEntropyPQ, Measure::EntropyP] {
            assert!(hidden.hides(measure), "{measure:?}");
        }
        assert!(!hidden.hides(Measure::KlQP) && !hidden.hides(Measure::Js));
        assert_eq!(hidden.measures().len(), 3, "no measure twice: {:?}", hidden.measures());
        assert!(!hidden.hides_number(0.531), "a larger question judges no other number");
        let top =
            concealed(&Prediction::TopContributor { measure: Measure::KlQP }, &[0.9, 0.1], &[0.5, 0.5], Unit::Bits).0;
        assert!(top.hides_terms(Measure::KlQP) && !top.hides(Measure::KlQP) && !top.hides_terms(Measure::KlPQ));
        assert!(Concealed::default().is_empty());
    }

    /// `cost-of-the-wrong-model` step 4: KL(Q||P) = 0.06406 bits lies within 0.05 of the
    /// answer KL(P||Q) = 0.05293 bits and must not stay on screen.
    #[test]
    fn an_estimate_hides_every_measure_near_its_answer() {
        let estimate = Prediction::Estimate { measure: Measure::KlPQ.into(), unit: Unit::Bits, tolerance: 0.05 };
        let (hidden, report) = concealed(&estimate, &[0.9, 0.1], &[0.8, 0.2], Unit::Bits);
        let answer = Measure::KlPQ.value(&report, Unit::Bits);
        assert!((answer - 0.05293).abs() < 1e-5 && (Measure::KlQP.value(&report, Unit::Bits) - 0.06406).abs() < 1e-5);
        for measure in [Measure::KlPQ, Measure::KlQP, Measure::CrossEntropyPQ, Measure::CrossEntropyQP, Measure::Js] {
            assert!(hidden.hides(measure), "{measure:?}: {:?}", hidden.measures());
        }
        assert!(hidden.hides_terms(Measure::KlPQ) && hidden.hides_terms(Measure::KlQP));
        assert_no_shown_measure_gives_it_away(&hidden, &report, answer, 0.05);
        assert!(hidden.hides(Measure::TotalVariation), "TV = 0.1 lies within 0.05 of 0.0529");
        assert!(!hidden.hides(Measure::EntropyP), "H(P) = 0.469 bits is far from the answer");
        assert!(hidden.hides_number(0.1) && hidden.hides_number(0.0029) && !hidden.hides_number(0.11));
    }

    /// No shown measure, the square or root of it that an identity gives (√JS ↔ JS,
    /// Hellinger ↔ Hel²), nor the sum or difference of two of them lies within `tolerance`
    /// of `answer`, checked here from the report directly.
    fn assert_no_shown_measure_gives_it_away(hidden: &Concealed, report: &Report, answer: f64, tolerance: f64) {
        let shown: Vec<(Measure, f64)> =
            Measure::ALL.into_iter().filter(|m| !hidden.hides(*m)).map(|m| (m, m.value(report, Unit::Bits))).collect();
        let close = |x: f64| (x - answer).abs() <= tolerance;
        for &(m, v) in &shown {
            let turned = match m {
                Measure::Js | Measure::HellingerSquared => v.sqrt(),
                Measure::JsDistance | Measure::Hellinger => v * v,
                _ => v,
            };
            assert!(!close(v) && !close(turned), "{m:?} = {v} is shown");
            for &(n, w) in &shown {
                assert!(m == n || !(close(v - w) || close(v + w)), "{m:?} = {v} and {n:?} = {w} are shown");
            }
        }
    }

    #[test]
    fn an_entropy_estimate_hides_the_cross_entropies_that_equal_it_when_q_is_p() {
        let estimate = Prediction::Estimate { measure: Measure::EntropyP.into(), unit: Unit::Bits, tolerance: 0.1 };
        let (hidden, report) = concealed(&estimate, &[0.5, 0.5], &[0.5, 0.5], Unit::Bits);
        for measure in [Measure::EntropyP, Measure::EntropyQ, Measure::CrossEntropyPQ, Measure::CrossEntropyQP] {
            assert!(hidden.hides(measure), "{measure:?}");
        }
        assert!(!hidden.hides(Measure::KlPQ), "KL = 0 is far from 1 bit");
        assert_no_shown_measure_gives_it_away(&hidden, &report, 1.0, 0.1);
    }

    /// The screen in nats: a number is judged as it is shown (0.0367 nats is the answer in
    /// nats) and as digits typed in the question's unit.
    #[test]
    fn the_screens_unit_and_the_questions_unit_both_count() {
        let estimate = Prediction::Estimate { measure: Measure::KlPQ.into(), unit: Unit::Bits, tolerance: 0.05 };
        let (hidden, report) = concealed(&estimate, &[0.9, 0.1], &[0.8, 0.2], Unit::Nats);
        let in_nats = Measure::KlPQ.value(&report, Unit::Nats);
        assert!(hidden.hides_number(in_nats) && hidden.hides_number(in_nats + 0.034));
        assert!(hidden.hides_number(0.0529 + 0.049), "digits typed in bits");
        assert!(!hidden.hides_number(0.2));
        // A number a view writes in nats (the libraries, distillation) on a screen in bits.
        let (bits, _) = concealed(&estimate, &[0.9, 0.1], &[0.8, 0.2], Unit::Bits);
        assert!(bits.hides_number_in(in_nats, Unit::Nats) && !bits.hides_number_in(0.2, Unit::Nats));
        assert!(bits.hides_number_in(0.1, Unit::Nats), "0.1 read as digits is within 0.05 of 0.0529 bits");
    }

    #[test]
    fn an_infinite_answer_hides_every_infinity_and_only_infinity_is_near_it() {
        let estimate = Prediction::Estimate { measure: Measure::KlPQ.into(), unit: Unit::Bits, tolerance: 0.5 };
        let (hidden, _) = concealed(&estimate, &[0.4, 0.4, 0.2], &[0.5, 0.5, 0.0], Unit::Bits);
        assert!(hidden.hides(Measure::CrossEntropyPQ) && hidden.hides_number(f64::INFINITY));
        assert!(!hidden.hides_number(1e300) && !hidden.hides(Measure::EntropyP));
    }

    #[test]
    fn the_js_distance_goes_with_js() {
        let estimate = Prediction::Estimate { measure: Measure::Js.into(), unit: Unit::Bits, tolerance: 0.01 };
        let (hidden, _) = concealed(&estimate, &[0.7, 0.3], &[0.4, 0.6], Unit::Bits);
        assert!(hidden.hides(Measure::Js) && hidden.hides(Measure::JsDistance));
    }

    #[test]
    fn a_question_on_w1_or_renyi_hides_it_and_every_measure_near_its_answer() {
        // Two outcomes at 0 and 1: W₁ = TV = |0.9 − 0.5| = 0.4.
        let estimate = Prediction::Estimate { measure: Asked::Wasserstein1, unit: Unit::Bits, tolerance: 0.05 };
        let (hidden, _) = concealed(&estimate, &[0.9, 0.1], &[0.5, 0.5], Unit::Bits);
        assert!(hidden.hides_member(FamilyMember::Wasserstein1));
        assert!(!hidden.hides_member(FamilyMember::Renyi));
        assert!(hidden.hides(Measure::TotalVariation), "TV equals W₁ here: {:?}", hidden.measures());
        assert!(hidden.hides_number(0.4) && !hidden.hides_number(0.6));
        let renyi = Prediction::Larger { first: Asked::Renyi(2.0), second: Measure::KlPQ.into() };
        let (hidden, _) = concealed(&renyi, &[0.9, 0.1], &[0.5, 0.5], Unit::Bits);
        assert!(hidden.hides_member(FamilyMember::Renyi) && hidden.hides_member(FamilyMember::F(FDivergence::Kl)));
        let meaningful = Prediction::StaysMeaningful { among: vec![Measure::Js.into(), Asked::Wasserstein1] };
        let (hidden, _) = concealed(&meaningful, &[0.9, 0.1], &[0.5, 0.5], Unit::Bits);
        assert!(hidden.hides(Measure::Js) && hidden.hides(Measure::JsDistance));
        assert!(hidden.hides_member(FamilyMember::Wasserstein1) && !hidden.hides(Measure::KlPQ));
    }
}
