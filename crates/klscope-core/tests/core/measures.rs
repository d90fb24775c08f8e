//! The information measures: the lessons' worked examples, a high-precision reference,
//! a million outcomes, and the identities as properties.

use klscope_core::info::{Measure, Report, Unit};
use proptest::prelude::*;
use serde_json::Value;

const LN2: f64 = std::f64::consts::LN_2;

fn bits(nats: f64) -> f64 {
    Unit::Bits.from_nats(nats)
}

fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: got {actual}, expected {expected} (±{tolerance})");
}

#[test]
fn coin_against_fair_and_slightly_biased_models() {
    let fair = Report::compute(&[0.9, 0.1], &[0.5, 0.5]);
    assert_close(bits(fair.kl_pq), 0.531004, 5e-7, "KL(P||Q1)");
    assert_close(bits(fair.kl_qp), 0.736966, 5e-7, "KL(Q1||P)");
    assert_close(bits(fair.entropy_p), 0.468996, 5e-7, "H(P)");
    assert_close(bits(fair.cross_entropy_pq), 1.0, 1e-15, "H(P,Q1)");
    assert_close(bits(fair.js), 0.146793, 5e-7, "JS");

    let slight = Report::compute(&[0.9, 0.1], &[0.8, 0.2]);
    assert_close(bits(slight.kl_pq), 0.052933, 5e-7, "KL(P||Q2)");
    assert_close(bits(slight.kl_qp), 0.064060, 5e-7, "KL(Q2||P)");
}

#[test]
fn cat_dog_classifier_and_movie_genres() {
    let cat_dog = Report::compute(&[0.9, 0.1], &[0.6, 0.4]);
    assert_close(bits(cat_dog.kl_pq), 0.326466, 5e-7, "cat/dog KL(P||Q)");

    let movies = Report::compute(&[0.4, 0.3, 0.2, 0.1], &[0.3, 0.4, 0.2, 0.1]);
    assert_close(bits(movies.kl_pq), 0.041504, 5e-7, "movies KL(P||Q) in bits");
    assert_close(bits(movies.kl_qp), 0.041504, 5e-7, "movies KL(Q||P) in bits");
    assert_close(movies.kl_pq, 0.028768, 5e-7, "movies KL(P||Q) in nats");
}

#[test]
fn support_mismatch_is_infinite_one_way_and_named() {
    let r = Report::compute(&[0.4, 0.4, 0.2], &[0.5, 0.5, 0.0]);
    assert_eq!(r.kl_pq, f64::INFINITY);
    assert_eq!(r.cross_entropy_pq, f64::INFINITY);
    assert_eq!(r.p_without_q, vec![2]);
    assert!(r.q_without_p.is_empty());
    assert_close(r.kl_qp, 1.25f64.ln(), 1e-15, "KL(Q||P)");
    assert!(r.js.is_finite() && r.js < LN2);
    let scissors = Report::terms(&[0.4, 0.4, 0.2], &[0.5, 0.5, 0.0], 2);
    assert_eq!(scissors.pq, f64::INFINITY);
    assert_eq!(scissors.qp, 0.0, "0·log(0/p) = 0");
    assert_eq!(scissors.surprise_q, f64::INFINITY);
    let labels: Vec<String> = ["rock", "paper", "scissors"].map(String::from).to_vec();
    let cause = Measure::KlPQ.infinite_because(&r).expect("KL(P||Q) is infinite");
    assert_eq!(
        cause.explain(&labels, &[0.4, 0.4, 0.2], &[0.5, 0.5, 0.0]),
        "Q gives 'scissors' probability 0, but P gives it 0.2"
    );
    assert!(Measure::KlQP.infinite_because(&r).is_none());
}

#[test]
fn disjoint_supports_give_the_largest_js() {
    let r = Report::compute(&[0.5, 0.5, 0.0, 0.0], &[0.0, 0.0, 0.5, 0.5]);
    assert_close(bits(r.js), 1.0, 1e-15, "JS of disjoint supports is 1 bit");
    assert_close(r.js_distance(Unit::Bits), 1.0, 1e-15, "JS distance");
    assert_eq!(r.total_variation, 1.0);
    assert_eq!(r.hellinger, 1.0);
}

#[test]
fn js_distance_is_the_root_of_js_in_the_unit() {
    let r = Report::compute(&[0.9, 0.1], &[0.5, 0.5]);
    for unit in Unit::ALL {
        assert_close(r.js_distance(unit), unit.from_nats(r.js).sqrt(), 1e-15, unit.name());
    }
}

fn expected_number(value: &Value) -> f64 {
    match value {
        Value::String(s) if s == "inf" => f64::INFINITY,
        other => other.as_f64().expect("a number or \"inf\""),
    }
}

/// The values of a generated reference case, as make_reference.py builds them: integer
/// weights and one correctly rounded division each, so the doubles are the same.
fn generated(n: u64, step: u64, modulus: u64) -> Vec<f64> {
    let weights: Vec<u64> = (0..n).map(|i| (i * step) % modulus + 1).collect();
    let total: u64 = weights.iter().sum();
    weights.iter().map(|&w| w as f64 / total as f64).collect()
}

/// tests/data/reference.json holds values computed with mpmath at 80 digits
/// (tests/data/make_reference.py): nearly equal pairs, 1e-300 and subnormal values,
/// exact zeros, 1000 outcomes, and 100,000 generated ones.
#[test]
fn agrees_with_high_precision_reference_to_1e_9() {
    let text = std::fs::read_to_string("../../tests/data/reference.json").expect("reference file");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("reference JSON");
    assert!(cases.len() >= 21);
    assert!(cases.iter().any(|case| case["generated"]["n"] == 100_000), "the 10^5 case is there");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let numbers = |key: &str| -> Vec<f64> { case[key].as_array().unwrap().iter().map(expected_number).collect() };
        let (p, q) = match case.get("generated") {
            Some(recipe) => {
                let field = |key: &str| recipe[key].as_u64().unwrap();
                let n = field("n");
                (generated(n, field("p_step"), field("p_modulus")), generated(n, field("q_step"), field("q_modulus")))
            }
            None => (numbers("p"), numbers("q")),
        };
        let report = Report::compute(&p, &q);
        let expected = &case["expected"];
        let actual = [
            ("entropy_p", report.entropy_p),
            ("entropy_q", report.entropy_q),
            ("cross_entropy_pq", report.cross_entropy_pq),
            ("cross_entropy_qp", report.cross_entropy_qp),
            ("kl_pq", report.kl_pq),
            ("kl_qp", report.kl_qp),
            ("js", report.js),
            ("total_variation", report.total_variation),
            ("hellinger", report.hellinger),
        ];
        for (key, value) in actual {
            let want = expected_number(&expected[key]);
            if want.is_infinite() || want == 0.0 {
                assert_eq!(value, want, "{name}: {key}");
            } else {
                let relative = ((value - want) / want).abs();
                assert!(relative <= 1e-9, "{name}: {key} = {value}, reference {want}, relative error {relative:e}");
            }
        }
    }
}

/// A million outcomes: P uniform, Q alternating (1 ± a)/n, where
/// KL(P||Q) = −½ ln(1 − a²) and KL(Q||P) = ½[(1+a)ln(1+a) + (1−a)ln(1−a)].
#[test]
fn a_million_outcomes_stay_accurate() {
    let n = 1_000_000;
    for a in [0.5, 1e-3, 1e-6] {
        let p = vec![1.0 / n as f64; n];
        let q: Vec<f64> =
            (0..n).map(|i| if i % 2 == 0 { (1.0 + a) / n as f64 } else { (1.0 - a) / n as f64 }).collect();
        let r = Report::compute(&p, &q);
        let forward = -0.5 * (-a * a).ln_1p();
        let reverse = 0.5 * ((1.0 + a) * a.ln_1p() + (1.0 - a) * (-a).ln_1p());
        let close = |got: f64, want: f64, what: &str| {
            let relative = ((got - want) / want).abs();
            // The inputs themselves are rounded to the nearest double, which moves the
            // true value by about ε/a² relative; allow for that.
            let allowed = 1e-9_f64.max(8.0 * f64::EPSILON / (a * a));
            assert!(relative <= allowed, "a = {a}: {what} = {got}, expected {want} (relative {relative:e})");
        };
        close(r.kl_pq, forward, "KL(P||Q)");
        if a >= 1e-3 {
            close(r.kl_qp, reverse, "KL(Q||P)");
        }
        close(r.entropy_p, (n as f64).ln(), "H(P)");
        assert_eq!(r.len(), n);
    }
}

/// Random distributions with exact zeros and values down to 1e-300 mixed in.
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
    (1usize..40).prop_flat_map(|n| (distribution(n), distribution(n)))
}

fn triple() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (1usize..30).prop_flat_map(|n| (distribution(n), distribution(n), distribution(n)))
}

fn values(r: &Report, p: &[f64], q: &[f64]) -> Vec<f64> {
    let mut all = vec![
        r.entropy_p,
        r.entropy_q,
        r.cross_entropy_pq,
        r.cross_entropy_qp,
        r.kl_pq,
        r.kl_qp,
        r.js,
        r.total_variation,
        r.hellinger,
    ];
    for i in 0..p.len() {
        let t = Report::terms(p, q, i);
        all.extend([t.pq, t.qp, t.surprise_p, t.surprise_q]);
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_nan_ever((p, q) in pair()) {
        let r = Report::compute(&p, &q);
        for v in values(&r, &p, &q) {
            prop_assert!(!v.is_nan());
        }
    }

    #[test]
    fn cross_entropy_is_entropy_plus_kl((p, q) in pair()) {
        let r = Report::compute(&p, &q);
        for (cross, entropy, kl) in [(r.cross_entropy_pq, r.entropy_p, r.kl_pq), (r.cross_entropy_qp, r.entropy_q, r.kl_qp)] {
            if cross.is_infinite() {
                prop_assert!(kl.is_infinite());
            } else {
                prop_assert!((cross - (entropy + kl)).abs() <= 1e-9 * cross.max(1.0), "{cross} vs {entropy} + {kl}");
            }
        }
    }

    #[test]
    fn kl_is_non_negative_and_zero_for_equal((p, q) in pair()) {
        let r = Report::compute(&p, &q);
        prop_assert!(r.kl_pq >= 0.0 && r.kl_qp >= 0.0);
        let same = Report::compute(&p, &p);
        prop_assert_eq!(same.kl_pq, 0.0);
        prop_assert_eq!(same.kl_qp, 0.0);
        prop_assert_eq!(same.js, 0.0);
        prop_assert_eq!(same.total_variation, 0.0);
    }

    #[test]
    fn js_is_symmetric_and_at_most_one_bit((p, q) in pair()) {
        let forward = Report::compute(&p, &q);
        let backward = Report::compute(&q, &p);
        prop_assert!((forward.js - backward.js).abs() <= 1e-15 * forward.js.max(1e-300));
        prop_assert!(forward.js >= 0.0 && bits(forward.js) <= 1.0);
        let swapped = (forward.kl_pq - backward.kl_qp).abs();
        prop_assert!(swapped <= 1e-12 * forward.kl_pq.max(1e-300) || forward.kl_pq == backward.kl_qp);
        prop_assert!((0.0..=1.0).contains(&forward.total_variation));
        prop_assert!((0.0..=1.0).contains(&forward.hellinger));
    }

    #[test]
    fn js_distance_obeys_the_triangle_inequality((p, q, r) in triple()) {
        for unit in Unit::ALL {
            let d = |a: &[f64], b: &[f64]| Report::compute(a, b).js_distance(unit);
            prop_assert!(d(&p, &r) <= d(&p, &q) + d(&q, &r) + 1e-12);
        }
    }

    #[test]
    fn units_convert_consistently((p, q) in pair()) {
        let r = Report::compute(&p, &q);
        let kl = |unit: Unit| Measure::KlQP.value(&r, unit);
        if r.kl_qp.is_finite() {
            prop_assert!((kl(Unit::Bits) * LN2 - kl(Unit::Nats)).abs() <= 1e-12 * kl(Unit::Nats).max(1e-300));
            prop_assert!((kl(Unit::Bans) * std::f64::consts::LN_10 - kl(Unit::Nats)).abs() <= 1e-12 * kl(Unit::Nats).max(1e-300));
            prop_assert!((kl(Unit::Bits) * std::f64::consts::LOG2_10 - kl(Unit::Bans) * std::f64::consts::LOG2_10 * std::f64::consts::LOG2_10).abs() <= 1e-9 * kl(Unit::Bits).max(1.0));
        }
        for unit in Unit::ALL {
            prop_assert!((unit.to_nats(unit.from_nats(r.entropy_p)) - r.entropy_p).abs() <= 1e-15 * r.entropy_p.max(1.0));
        }
    }
}

proptest! {
    #[test]
    fn the_terms_add_up_to_the_report((p, q) in pair()) {
        let r = Report::compute(&p, &q);
        let terms: Vec<_> = (0..p.len()).map(|i| Report::terms(&p, &q, i)).collect();
        let (forward, reverse): (f64, f64) = (terms.iter().map(|t| t.pq).sum(), terms.iter().map(|t| t.qp).sum());
        for (sum, total) in [(forward, r.kl_pq), (reverse, r.kl_qp)] {
            if total.is_infinite() {
                prop_assert!(sum.is_infinite());
            } else {
                // The terms are signed; their sum cancels down to the (compensated) total.
                prop_assert!((sum - total).abs() <= 1e-12, "{sum} vs {total}");
            }
        }
        let entropy: f64 = p.iter().zip(&terms).filter(|(p, _)| **p > 0.0).map(|(p, t)| p * t.surprise_p).sum();
        prop_assert!((entropy - r.entropy_p).abs() <= 1e-12 * r.entropy_p.max(1.0));
        prop_assert_eq!(r.len(), p.len());
    }
}
