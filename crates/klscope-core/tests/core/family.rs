//! KL among its family: every f-divergence, Rényi's divergence and entropy, and W₁ against
//! mpmath at 50 digits and scipy (tests/data/make_family_reference.py), and the family's
//! identities as properties.

use klscope_core::info::f_divergence::FDivergence;
use klscope_core::info::family::{FamilyMember, FamilyPicture, FamilyReport};
use klscope_core::info::fisher::{LocalPicture, fisher_ellipse, kl_contour};
use klscope_core::info::renyi::{renyi_divergence, renyi_entropy};
use klscope_core::info::wasserstein::{plan_cost, transport_plan, wasserstein1};
use klscope_core::info::{Report, Unit};
use proptest::prelude::*;
use serde_json::Value;

fn number(value: &Value) -> f64 {
    match value {
        Value::String(s) if s == "inf" => f64::INFINITY,
        other => other.as_f64().expect("a number or \"inf\""),
    }
}

fn alpha_of(value: &Value) -> f64 {
    number(value)
}

/// Within 1e-9 relative; an expected 0 or ∞ exactly.
fn check(got: f64, want: f64, what: &str) {
    if want == 0.0 || want.is_infinite() {
        assert_eq!(got, want, "{what}");
    } else {
        let relative = ((got - want) / want).abs();
        assert!(relative <= 1e-9, "{what}: got {got}, reference {want}, relative error {relative:e}");
    }
}

fn generated(n: u64, step: u64, modulus: u64) -> Vec<f64> {
    let weights: Vec<u64> = (0..n).map(|i| (i * step) % modulus + 1).collect();
    let total: u64 = weights.iter().sum();
    weights.iter().map(|&w| w as f64 / total as f64).collect()
}

fn unit_named(name: &str) -> Unit {
    match name {
        "nats" => Unit::Nats,
        "bits" => Unit::Bits,
        _ => Unit::Bans,
    }
}

#[test]
fn agrees_with_mpmath_and_scipy() {
    let text = std::fs::read_to_string("../../tests/data/family_reference.json").expect("reference file");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("reference JSON");
    assert!(cases.len() >= 20);
    assert!(cases.iter().any(|case| case["generated"]["n"] == 100_000), "the 10^5 case is there");
    assert!(cases.iter().any(|case| case["p"].as_array().is_some_and(|p| p.len() == 2)), "N = 2 is there");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let numbers = |key: &str| -> Vec<f64> { case[key].as_array().unwrap().iter().map(number).collect() };
        let (p, q) = match case.get("generated") {
            Some(recipe) => {
                let field = |key: &str| recipe[key].as_u64().unwrap();
                let n = field("n");
                (generated(n, field("p_step"), field("p_modulus")), generated(n, field("q_step"), field("q_modulus")))
            }
            None => (numbers("p"), numbers("q")),
        };
        let positions = case.get("positions").map(|_| numbers("positions"));
        let expected = &case["expected"];
        for entry in expected["renyi"].as_array().unwrap() {
            let alpha = alpha_of(&entry["alpha"]);
            let family = FamilyReport::compute(&p, &q, alpha, positions.as_deref());
            for (unit_name, want) in entry["value"].as_object().unwrap() {
                let unit = unit_named(unit_name);
                let what = format!("{name}: D_{alpha} in {unit_name}");
                check(FamilyMember::Renyi.value(&family, unit), number(want), &what);
                check(unit.from_nats(renyi_divergence(&p, &q, alpha).value), number(want), &format!("{what}, alone"));
            }
            let infinite = family.renyi.value.is_infinite();
            assert_eq!(family.renyi.cause.is_some(), infinite, "{name}: D_{alpha} names a cause iff infinite");
            // Every member at this α, in every unit.
            for member in FamilyMember::ALL {
                let FamilyMember::F(f) = member else { continue };
                let key = member.json_key();
                for unit in Unit::ALL {
                    let want = match &expected[key] {
                        Value::Object(by_unit) => number(&by_unit[unit.name()]),
                        plain => number(plain),
                    };
                    check(member.value(&family, unit), want, &format!("{name}: {key} in {}", unit.name()));
                }
                let total = f.total_with_cause(&family.report);
                assert_eq!(total.cause.is_some(), total.value.is_infinite(), "{name}: {key} cause");
            }
            check(family.wasserstein1, number(&expected["wasserstein1"]), &format!("{name}: W₁ in the pass"));
        }
        for entry in expected["renyi_entropy_p"].as_array().unwrap() {
            let alpha = alpha_of(&entry["alpha"]);
            for (unit_name, want) in entry["value"].as_object().unwrap() {
                let unit = unit_named(unit_name);
                check(
                    unit.from_nats(renyi_entropy(&p, alpha)),
                    number(want),
                    &format!("{name}: H_{alpha}(P) in {unit_name}"),
                );
            }
        }
        let w1 = wasserstein1(&p, &q, positions.as_deref());
        check(w1, number(&expected["wasserstein1"]), &format!("{name}: W₁"));
        let scipy = number(&expected["wasserstein1_scipy"]);
        assert!((w1 - scipy).abs() <= 1e-9 * scipy.abs() + 1e-15, "{name}: W₁ {w1}, scipy {scipy}");
        let plan = transport_plan(&p, &q);
        let cost = plan_cost(&plan, positions.as_deref());
        assert!((cost - w1).abs() <= 1e-9 * w1 + 1e-15, "{name}: the plan costs {cost}, W₁ is {w1}");
    }
}

/// A million outcomes: the pass splits in two halves (W₁ carries F_P − F_Q across the
/// split); it agrees with the outcome-by-outcome functions.
#[test]
fn a_million_outcomes_in_two_halves_agree_with_one_loop() {
    let n = 1_000_000;
    let p = generated(n as u64, 7919, 1000);
    let q = generated(n as u64, 104_729, 997);
    let positions: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 + (i as f64).sqrt()).collect();
    for alpha in [0.0, 0.3, 0.5, 1.0, 2.0, 7.0, f64::INFINITY] {
        let family = FamilyReport::compute(&p, &q, alpha, Some(&positions));
        let alone = renyi_divergence(&p, &q, alpha).value;
        assert!((family.renyi.value - alone).abs() <= 1e-10 * alone, "D_{alpha}: {} vs {alone}", family.renyi.value);
        let w1 = wasserstein1(&p, &q, Some(&positions));
        assert!((family.wasserstein1 - w1).abs() <= 1e-9 * w1, "W₁: {} vs {w1}", family.wasserstein1);
    }
}

#[test]
fn generators_and_their_limits() {
    for f in FDivergence::ALL {
        assert_eq!(f.f(1.0), 0.0, "{f:?}: f(1) = 0");
        // The limits at 0 and ∞ are what the terms use where q or p is 0.
        assert_eq!(f.term(0.0, 0.3), 0.3 * f.at_zero(), "{f:?}");
        assert_eq!(f.term(0.3, 0.0), 0.3 * f.slope_at_infinity(), "{f:?}");
        assert_eq!(f.term(0.0, 0.0), 0.0, "{f:?}: 0·f(0/0) = 0");
        let t = 1e16;
        let slope = f.f(t) / t;
        if f.slope_at_infinity().is_finite() {
            assert!((slope - f.slope_at_infinity()).abs() < 1e-6, "{f:?}: f(t)/t at 1e16 is {slope}");
        } else {
            assert!(slope > 15.0, "{f:?}: f(t)/t grows without bound");
        }
        // q·f(p/q) is the term.
        let (p, q) = (0.3, 0.2);
        assert!((f.term(p, q) - q * f.f(p / q)).abs() < 1e-15, "{f:?}");
        // Convex: the midpoint lies below the chord.
        assert!(f.f(1.5) <= 0.5 * (f.f(1.0) + f.f(2.0)) + 1e-15, "{f:?}");
    }
    assert_eq!(FDivergence::ReverseKl.f(0.0), f64::INFINITY);
    assert_eq!(FDivergence::ChiSquareNeyman.f(0.0), f64::INFINITY);
    assert_eq!(FDivergence::Kl.f(f64::INFINITY), f64::INFINITY);
    assert!(FDivergence::Kl.f(-1.0).is_nan(), "no ratio of probabilities is negative");
}

#[test]
fn the_view_data_of_disjoint_bumps() {
    let p = [0.25, 0.5, 0.25, 0.0, 0.0, 0.0];
    let q = [0.0, 0.0, 0.0, 0.25, 0.5, 0.25];
    let picture = FamilyPicture::of(&p, &q, 2.0, 4.0, 81);
    assert_eq!(picture.generators.len(), 7);
    assert!(picture.generators.iter().all(|(_, curve)| curve.len() == 81 && curve[80].0 == 4.0));
    assert_eq!(picture.ratio_points[0], Some(f64::INFINITY));
    assert_eq!(picture.ratio_points[3], Some(0.0));
    assert!(picture.renyi_curve.windows(2).all(|w| w[0].0 < w[1].0), "α ascending");
    assert!(picture.renyi_curve.iter().all(|&(_, d)| d == f64::INFINITY), "no overlap: D_α = ∞ for every α");
    // Each bump moves three places to the right.
    assert_eq!(picture.plan.len(), 3);
    assert!(picture.plan.iter().all(|m| m.to == m.from + 3));
    let family = FamilyReport::compute(&p, &q, 2.0, None);
    assert_eq!(family.wasserstein1, 3.0);
    assert_eq!(FamilyMember::F(FDivergence::Kl).value(&family, Unit::Bits), f64::INFINITY);
    assert_eq!(FamilyMember::F(FDivergence::Js).value(&family, Unit::Bits), 1.0);
    let cause = FamilyMember::Renyi.infinite_because(&family).expect("D_2 is infinite");
    assert_eq!(cause.outcome, 0);
}

#[test]
fn fisher_ellipse_and_kl_contour_meet_near_p() {
    let p = [0.5, 0.3, 0.2];
    let level = 1e-6;
    let ellipse = fisher_ellipse(p, level, 24);
    let contour = kl_contour(p, level, 24);
    assert_eq!((ellipse.len(), contour.len()), (24, 24));
    for (e, k) in ellipse.iter().zip(&contour) {
        assert!((e.iter().sum::<f64>() - 1.0).abs() < 1e-12, "on the simplex");
        let form: f64 = e.iter().zip(&p).map(|(e, p)| 0.5 * (e - p) * (e - p) / p).sum();
        assert!((form - level).abs() < 1e-9 * level, "on the ellipse");
        let kl = Report::compute(&p, k).kl_pq;
        assert!((kl - level).abs() < 1e-9 * level, "on the contour: {kl}");
        // Close to P the two agree to first order in the radius.
        let gap: f64 = e.iter().zip(k).map(|(a, b)| (a - b).abs()).sum();
        let radius: f64 = e.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        assert!(gap < 0.01 * radius, "gap {gap}, radius {radius}");
    }
    assert!(fisher_ellipse([0.5, 0.5, 0.0], level, 8).is_empty(), "F is not defined at the edge");
}

fn distribution(len: usize) -> impl Strategy<Value = Vec<f64>> {
    let weight = prop_oneof![
        3 => 0.0..1.0f64,
        1 => Just(0.0),
        1 => (0.0..1.0f64).prop_map(|x| x * 1e-300),
        1 => (0.0..1.0f64).prop_map(|x| x * 1e-12),
    ];
    proptest::collection::vec(weight, len).prop_filter_map("all zero", |mut w| {
        let total: f64 = w.iter().sum();
        (total > 0.0).then(|| {
            w.iter_mut().for_each(|x| *x /= total);
            w
        })
    })
}

fn pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (2usize..30).prop_flat_map(|n| (distribution(n), distribution(n)))
}

fn triple() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (2usize..30).prop_flat_map(|n| (distribution(n), distribution(n), distribution(n)))
}

fn positive(len: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(0.05..1.0f64, len).prop_map(|mut w| {
        let total: f64 = w.iter().sum();
        w.iter_mut().for_each(|x| *x /= total);
        w
    })
}

proptest! {
    #[test]
    fn bounded_members_stay_in_their_bounds((p, q) in pair()) {
        let r = Report::compute(&p, &q);
        prop_assert!((0.0..=1.0).contains(&r.total_variation));
        prop_assert!((0.0..=1.0).contains(&r.hellinger_squared));
        prop_assert!(r.js <= std::f64::consts::LN_2);
        // Pinsker: TV ≤ √(KL/2).
        prop_assert!(r.total_variation <= (r.kl_pq / 2.0).sqrt() + 1e-12);
        prop_assert!(r.chi2_pearson >= 0.0 && r.chi2_neyman >= 0.0);
    }

    #[test]
    fn renyi_never_falls_as_alpha_grows((p, q) in pair()) {
        let alphas = [0.0, 0.1, 0.5, 0.9, 0.999, 1.0, 1.001, 1.5, 2.0, 4.0, 20.0, f64::INFINITY];
        let values: Vec<f64> = alphas.iter().map(|&a| renyi_divergence(&p, &q, a).value).collect();
        for (pair, alpha) in values.windows(2).zip(alphas.windows(2)) {
            let rises = pair[1] == f64::INFINITY || pair[1] >= pair[0] - (1e-9 * pair[0] + 1e-15);
            prop_assert!(rises, "D_{} = {} > D_{} = {}", alpha[0], pair[0], alpha[1], pair[1]);
        }
        let entropies: Vec<f64> = alphas.iter().map(|&a| renyi_entropy(&p, a)).collect();
        for pair in entropies.windows(2) {
            prop_assert!(pair[1] <= pair[0] + 1e-9 * pair[0] + 1e-15, "H_α never rises");
        }
    }

    #[test]
    fn renyi_tends_to_kl_at_one((p, q) in pair()) {
        let kl = Report::compute(&p, &q).kl_pq;
        // dD_α/dα at α = 1 is ½ Var_P ln(p/q): the distance allowed besides round-off.
        let logs: Vec<(f64, f64)> =
            p.iter().zip(&q).filter(|(p, q)| **p > 0.0 && **q > 0.0).map(|(p, q)| (*p, (p / q).ln())).collect();
        let second: f64 = logs.iter().map(|(p, l)| p * l * l).sum();
        for h in [1e-10, -1e-10, 1e-13, -1e-13] {
            let alpha = 1.0 + h;
            let d = renyi_divergence(&p, &q, alpha).value;
            if kl.is_infinite() {
                prop_assert!(alpha < 1.0 || d.is_infinite());
            } else {
                let allowed = 1e-9 * kl.max(1e-300) + h.abs() * second + 1e-300;
                prop_assert!((d - kl).abs() <= allowed, "D_{alpha} = {d}, KL = {kl}, allowed {allowed}");
            }
        }
        // Within 1e-9 of KL wherever the slope allows it (here: P and Q of moderate ratios).
        if kl.is_finite() && second < 10.0 {
            let d = renyi_divergence(&p, &q, 1.0 + 1e-10).value;
            prop_assert!((d - kl).abs() <= 1e-9 * kl.max(1.0));
        }
        let h = Report::compute(&p, &q).entropy_p;
        prop_assert!((renyi_entropy(&p, 1.0 + 1e-10) - h).abs() <= 1e-9 * h.max(1.0));
    }

    #[test]
    fn the_fused_pass_gives_the_same_renyi((p, q) in pair(), alpha in prop_oneof![0.0..3.0f64, Just(0.5), Just(f64::INFINITY)]) {
        let fused = FamilyReport::compute(&p, &q, alpha, None).renyi;
        let alone = renyi_divergence(&p, &q, alpha);
        prop_assert_eq!(fused.value.is_infinite(), alone.value.is_infinite());
        if fused.value.is_finite() {
            prop_assert!((fused.value - alone.value).abs() <= 1e-10 * alone.value + 1e-300);
        }
        prop_assert_eq!(fused.cause, alone.cause);
    }

    /// The table's claims hold: a member said to be symmetric is, one said to be bounded
    /// stays within its bound, one said to be a metric obeys the triangle inequality.
    #[test]
    fn the_family_table_tells_the_truth((p, q, r) in triple(), alpha in prop_oneof![Just(0.5), 0.0..4.0f64]) {
        let at = |a: &[f64], b: &[f64]| FamilyReport::compute(a, b, alpha, None);
        let (pq, qp, qr, pr) = (at(&p, &q), at(&q, &p), at(&q, &r), at(&p, &r));
        for member in FamilyMember::ALL {
            let value = |f: &FamilyReport| member.value(f, Unit::Nats);
            if member.is_symmetric(alpha) {
                let (a, b) = (value(&pq), value(&qp));
                // P and Q sum to 1 only within a few ε, and D_½ read one way takes P's sum as
                // 1, the other way Q's: they may differ by that much, no more.
                let slack = 1e-12 * a.abs().max(b.abs()) + 4.0 * f64::EPSILON;
                prop_assert!(a == b || (a - b).abs() <= slack, "{member:?}: {a} vs {b}");
            }
            if let Some(bound) = member.bound() {
                prop_assert!(value(&pq) <= bound + 1e-15, "{member:?} = {} above {bound}", value(&pq));
            }
            if member.is_metric() {
                prop_assert!(value(&pr) <= value(&pq) + value(&qr) + 1e-12, "{member:?}: triangle");
            }
            prop_assert!(value(&pq) >= 0.0 && value(&pq).is_sign_positive(), "{member:?} is never negative, nor −0");
            prop_assert_eq!(member.infinite_because(&pq).is_some(), value(&pq).is_infinite(), "{:?}", member);
        }
    }

    #[test]
    fn wasserstein_is_a_metric((p, q, r) in triple()) {
        let (pq, qp) = (wasserstein1(&p, &q, None), wasserstein1(&q, &p, None));
        prop_assert!(pq >= 0.0);
        prop_assert!((pq - qp).abs() <= 1e-12);
        let (qr, pr) = (wasserstein1(&q, &r, None), wasserstein1(&p, &r, None));
        prop_assert!(pr <= pq + qr + 1e-12);
        prop_assert!(wasserstein1(&p, &p, None) == 0.0);
    }

    #[test]
    fn two_outcomes_move_tv_by_the_gap(a in 0.0..1.0f64, b in 0.0..1.0f64, x in -10.0..10.0f64, gap in 0.01..10.0f64) {
        let (p, q) = ([a, 1.0 - a], [b, 1.0 - b]);
        let w1 = wasserstein1(&p, &q, Some(&[x, x + gap]));
        let tv = Report::compute(&p, &q).total_variation;
        prop_assert!((w1 - tv * gap).abs() <= 1e-12 * gap, "W₁ {w1}, TV·gap {}", tv * gap);
    }

    #[test]
    fn fisher_ratios_tend_to_one(p in (3usize..12).prop_flat_map(positive), seed in proptest::collection::vec(-1.0..1.0f64, 12)) {
        let mut last = f64::INFINITY;
        // Below 1e-4 the rounding of Q to doubles (its sum is 1 only within ε) moves KL by
        // as much as the quadratic form itself.
        for scale in [1e-1, 1e-2, 1e-3, 1e-4] {
            let raw: Vec<f64> = p.iter().zip(&seed).map(|(p, s)| p * (1.0 + scale * s)).collect();
            let total: f64 = raw.iter().sum();
            let q: Vec<f64> = raw.iter().map(|x| x / total).collect();
            let picture = LocalPicture::of(&p, &q);
            let Some(ratios) = picture.ratios() else { continue };
            let worst = ratios.iter().map(|r| (r - 1.0).abs()).fold(0.0, f64::max);
            // What rounding Q to doubles can move a ratio by: a few ε over the form.
            let rounding = 16.0 * f64::EPSILON / picture.fisher;
            prop_assert!(worst <= 10.0 * scale + rounding, "ratios {ratios:?} at scale {scale}");
            prop_assert!(worst <= last + rounding, "ratios {ratios:?} at scale {scale} after {last}");
            last = worst;
        }
    }
}
