//! Densities: every measure against mpmath at 30 digits (tests/data/density_reference.json,
//! written by tests/data/make_density_reference.py), each within its own stated bound;
//! the closed forms against the quadrature; identities as properties.

use klscope_core::info::Measure;
use klscope_core::info::density::{Accuracy, Component, DENSITY_MEASURES, DensityReport, Method, Mixture, Weighted};
use proptest::prelude::*;
use serde_json::Value;

fn component(kind: &str, a: f64, b: f64) -> Component {
    match kind {
        "normal" => Component::Gaussian { mean: a, sd: b },
        "laplace" => Component::Laplace { centre: a, scale: b },
        "uniform" => Component::Uniform { low: a, high: b },
        other => panic!("unknown kind {other}"),
    }
}

fn mixture(value: &Value) -> Mixture {
    let parts = value
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let c = c.as_array().unwrap();
            let number = |i: usize| c[i].as_f64().unwrap();
            Weighted::new(number(3), component(c[0].as_str().unwrap(), number(1), number(2)))
        })
        .collect();
    Mixture::new(parts).unwrap()
}

fn reference() -> Vec<(String, Mixture, Mixture, serde_json::Map<String, Value>)> {
    let text = std::fs::read_to_string("../../tests/data/density_reference.json").unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            (
                case["name"].as_str().unwrap().to_string(),
                mixture(&case["p"]),
                mixture(&case["q"]),
                case["nats"].as_object().unwrap().clone(),
            )
        })
        .collect()
}

fn expected(value: &Value) -> f64 {
    match value {
        Value::String(s) if s == "inf" => f64::INFINITY,
        v => v.as_f64().unwrap(),
    }
}

#[test]
fn every_measure_is_within_its_stated_bound_of_mpmath() {
    let mut failures = Vec::new();
    let cases = reference();
    assert!(cases.len() >= 12, "the reference has its cases");
    for (name, p, q, nats) in &cases {
        for report in
            [DensityReport::compute(p, q, Accuracy::default()), DensityReport::by_quadrature(p, q, Accuracy::default())]
        {
            for measure in DENSITY_MEASURES {
                let Some(truth) = nats.get(measure.json_key()) else { continue };
                let truth = expected(truth);
                let got = report.get(measure);
                // The bound must hold, and be the accuracy asked for (1e-11, relative 1e-11).
                let asked = 1e-11f64.max(1e-11 * truth.abs()) * 1.01;
                if !got.contains(truth) || (truth.is_finite() && got.error > asked) {
                    failures.push(format!(
                        "{name} {}: {got:?}, mpmath {truth} ({:?})",
                        measure.json_key(),
                        report.method(measure)
                    ));
                }
            }
            let areas = [
                ("kl_pq_positive", report.kl_pq_positive),
                ("kl_pq_negative", report.kl_pq_negative),
                ("kl_qp_positive", report.kl_qp_positive),
                ("kl_qp_negative", report.kl_qp_negative),
            ];
            for (key, got) in areas {
                if let Some(truth) = nats.get(key)
                    && !got.contains(expected(truth))
                {
                    failures.push(format!("{name} {key}: {got:?}, mpmath {truth}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "outside the stated bound:\n{}", failures.join("\n"));
}

#[test]
fn infinities_are_named_by_the_interval() {
    let p = Mixture::single(Component::Gaussian { mean: 0.0, sd: 1.0 }).unwrap();
    let q = Mixture::single(Component::Uniform { low: -1.0, high: 1.0 }).unwrap();
    let report = DensityReport::compute(&p, &q, Accuracy::default());
    assert_eq!(report.get(Measure::KlPQ).value, f64::INFINITY);
    assert_eq!(report.method(Measure::KlPQ), Method::Support);
    assert_eq!(report.infinite_because(Measure::KlPQ).unwrap().explain(), "P has mass on (−∞, -1] where Q is 0");
    assert!(report.get(Measure::KlQP).value.is_finite());
    assert!(report.get(Measure::Js).value < std::f64::consts::LN_2);
}

#[test]
fn disjoint_uniforms_are_infinitely_apart_both_ways_and_js_is_ln_2() {
    let p = Mixture::single(Component::Uniform { low: 0.0, high: 1.0 }).unwrap();
    let q = Mixture::single(Component::Uniform { low: 2.0, high: 3.5 }).unwrap();
    let report = DensityReport::compute(&p, &q, Accuracy::default());
    assert_eq!(report.infinite_because(Measure::KlPQ).unwrap().explain(), "P has mass on [0, 1] where Q is 0");
    assert_eq!(report.infinite_because(Measure::KlQP).unwrap().explain(), "Q has mass on [2, 3.5] where P is 0");
    assert!(report.get(Measure::Js).contains(std::f64::consts::LN_2), "{:?}", report.get(Measure::Js));
    assert!(report.get(Measure::TotalVariation).contains(1.0));
    assert!(report.get(Measure::Hellinger).contains(1.0));
    assert!(report.get(Measure::EntropyQ).contains(1.5f64.ln()));
}

#[test]
fn the_closed_forms_agree_with_the_quadrature() {
    let kinds = [
        Component::Gaussian { mean: 0.3, sd: 0.7 },
        Component::Gaussian { mean: -2.0, sd: 3.0 },
        Component::Laplace { centre: 1.0, scale: 0.5 },
        Component::Laplace { centre: 1.0, scale: 2.5 },
        Component::Laplace { centre: -1.5, scale: 1.0 },
        Component::Uniform { low: -1.0, high: 2.0 },
        Component::Uniform { low: 0.0, high: 1.0 },
    ];
    let mut checked = 0;
    for a in kinds {
        for b in kinds {
            let (p, q) = (Mixture::single(a).unwrap(), Mixture::single(b).unwrap());
            let closed = DensityReport::compute(&p, &q, Accuracy::default());
            let quad = DensityReport::by_quadrature(&p, &q, Accuracy::default());
            for measure in DENSITY_MEASURES {
                let (c, n) = (closed.get(measure), quad.get(measure));
                if closed.method(measure) != Method::ClosedForm {
                    continue;
                }
                checked += 1;
                if measure == Measure::Hellinger {
                    // √(1 − BC) near BC = 1 keeps only half the digits, in either method.
                    assert!((c.value - n.value).abs() <= c.error + n.error, "{a:?} {b:?} Hellinger {c:?} {n:?}");
                    continue;
                }
                assert!(
                    (c.value - n.value).abs() <= 1e-10_f64.max(1e-10 * c.value.abs()),
                    "{a:?} {b:?} {measure:?}: closed {c:?}, quadrature {n:?}"
                );
                assert!(
                    n.contains(c.value),
                    "{a:?} {b:?} {measure:?}: the closed form {c:?} is outside the quadrature's bound {n:?}"
                );
            }
        }
    }
    assert!(checked > 150, "closed forms were used ({checked})");
}

#[test]
fn the_entropy_of_a_gaussian_is_half_log_two_pi_e_sigma_squared() {
    for sd in [0.01, 0.3, 1.0, 7.0, 250.0] {
        let p = Mixture::single(Component::Gaussian { mean: 1.0, sd }).unwrap();
        let h = DensityReport::by_quadrature(&p, &p, Accuracy::default()).get(Measure::EntropyP);
        let formula = 0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E * sd * sd).ln();
        assert!(h.contains(formula) && h.error < 1e-10, "sd {sd}: {h:?} vs {formula}");
    }
}

#[test]
fn dragging_two_bells_apart_grows_kl_as_half_the_squared_shift() {
    let p = Mixture::single(Component::Gaussian { mean: 0.0, sd: 1.5 }).unwrap();
    for shift in [0.0, 0.5, 1.0, 3.0] {
        let q = Mixture::single(Component::Gaussian { mean: shift, sd: 1.5 }).unwrap();
        let kl = DensityReport::compute(&p, &q, Accuracy::default()).get(Measure::KlPQ);
        assert!((kl.value - 0.5 * (shift / 1.5f64).powi(2)).abs() < 1e-14);
    }
}

fn any_component() -> impl Strategy<Value = Component> {
    prop_oneof![
        (-5.0..5.0f64, 0.05..4.0f64).prop_map(|(mean, sd)| Component::Gaussian { mean, sd }),
        (-5.0..5.0f64, 0.05..4.0f64).prop_map(|(centre, scale)| Component::Laplace { centre, scale }),
        (-5.0..5.0f64, 0.1..6.0f64).prop_map(|(low, width)| Component::Uniform { low, high: low + width }),
    ]
}

fn any_mixture() -> impl Strategy<Value = Mixture> {
    prop::collection::vec((0.05..1.0f64, any_component()), 1..=4).prop_map(|parts| {
        let total: f64 = parts.iter().map(|(w, _)| w).sum();
        let mut weighted: Vec<Weighted> = parts.iter().map(|(w, c)| Weighted::new(w / total, *c)).collect();
        // Make the weights sum to 1 exactly enough.
        let rest: f64 = weighted[1..].iter().map(|w| w.weight).sum();
        weighted[0].weight = 1.0 - rest;
        Mixture::new(weighted).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn kl_is_never_below_zero_and_zero_for_identical_mixtures(p in any_mixture(), q in any_mixture()) {
        let report = DensityReport::by_quadrature(&p, &q, Accuracy::default());
        for measure in [Measure::KlPQ, Measure::KlQP, Measure::Js, Measure::TotalVariation] {
            let e = report.get(measure);
            prop_assert!(e.value >= 0.0, "{measure:?} {e:?}");
        }
        let same = DensityReport::compute(&p, &p, Accuracy::default());
        for measure in [Measure::KlPQ, Measure::KlQP, Measure::TotalVariation] {
            prop_assert_eq!(same.get(measure).value, 0.0, "{:?}", measure);
        }
        // ln((p + p)/2) is ln p up to a rounding: JS of P with itself is 0 within its bound.
        let js_same = same.get(Measure::Js);
        prop_assert!(js_same.contains(0.0), "{:?}", js_same);
        // H(P,Q) = H(P) + KL(P||Q), each within the bounds.
        let (h, kl, cross) = (report.get(Measure::EntropyP), report.get(Measure::KlPQ), report.get(Measure::CrossEntropyPQ));
        if kl.value.is_finite() {
            prop_assert!((h.value + kl.value - cross.value).abs() <= h.error + kl.error + cross.error + 1e-12);
        } else {
            prop_assert_eq!(cross.value, f64::INFINITY);
        }
        let js = report.get(Measure::Js);
        prop_assert!(js.value <= std::f64::consts::LN_2 + js.error);
    }
}

// ---------------------------------------------------------------------------------------
// Bins: from integrals back to sums
// ---------------------------------------------------------------------------------------

use klscope_core::info::density::{bin, covering_range};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn binned_kl_is_at_most_the_integral_and_grows_as_bins_split(p in any_mixture(), q in any_mixture(), k in 1usize..12) {
        let integral = DensityReport::compute(&p, &q, Accuracy::default());
        let kl = integral.get(Measure::KlPQ);
        let reverse = integral.get(Measure::KlQP);
        let mut binned = bin(&p, &q, covering_range(&p, &q), k).unwrap();
        let mut previous = (0.0f64, 0.0f64);
        for _ in 0..6 {
            let (forward, backward) = (binned.kl_pq(), binned.kl_qp());
            prop_assert!(forward <= kl.value + kl.error, "{} bins: {forward} > {kl:?}", binned.len());
            prop_assert!(backward <= reverse.value + reverse.error, "{} bins: {backward} > {reverse:?}", binned.len());
            let at_least = |new: f64, old: f64| new == f64::INFINITY || new >= old - 1e-12 * (1.0 + new);
            prop_assert!(at_least(forward, previous.0), "{} bins: {forward} < {}", binned.len(), previous.0);
            prop_assert!(at_least(backward, previous.1), "{} bins: {backward} < {}", binned.len(), previous.1);
            previous = (forward, backward);
            binned = binned.split(&p, &q);
        }
    }
}

#[test]
fn the_binned_sum_approaches_the_integral() {
    let p = Mixture::single(Component::Gaussian { mean: 0.0, sd: 1.0 }).unwrap();
    let q = Mixture::new(vec![
        Weighted::new(0.5, Component::Laplace { centre: 1.0, scale: 0.7 }),
        Weighted::new(0.5, Component::Uniform { low: -4.0, high: 4.0 }),
    ])
    .unwrap();
    let integral = DensityReport::compute(&p, &q, Accuracy::default()).get(Measure::KlPQ).value;
    let gaps: Vec<f64> = [4usize, 16, 64, 256, 1024]
        .iter()
        .map(|&k| integral - bin(&p, &q, covering_range(&p, &q), k).unwrap().kl_pq())
        .collect();
    assert!(gaps.windows(2).all(|g| g[1] < g[0]), "{gaps:?}");
    assert!(gaps[4] < 1e-4 && gaps[4] >= 0.0, "{gaps:?}");
}

#[test]
fn a_far_narrow_q_gives_a_finite_binned_kl() {
    // Q's probability of most bins underflows f64; the log-masses keep the sum finite.
    let p = Mixture::single(Component::Gaussian { mean: 10.0, sd: 1.0 }).unwrap();
    let q = Mixture::single(Component::Gaussian { mean: 0.0, sd: 0.01 }).unwrap();
    let integral = DensityReport::compute(&p, &q, Accuracy::default()).get(Measure::KlPQ).value;
    let binned = bin(&p, &q, covering_range(&p, &q), 64).unwrap();
    assert!(binned.q.contains(&0.0), "some bins underflow");
    let kl = binned.kl_pq();
    assert!(kl.is_finite() && kl <= integral && kl > 0.9 * integral, "{kl} vs {integral}");
}

#[test]
fn open_as_discrete_makes_a_valid_scenario_with_the_bin_probabilities() {
    let p = Mixture::single(Component::Gaussian { mean: 0.0, sd: 1.0 }).unwrap();
    let q = Mixture::single(Component::Uniform { low: -1.0, high: 3.0 }).unwrap();
    let binned = bin(&p, &q, (-2.0, 3.0), 5).unwrap();
    let scenario = binned.to_scenario("binned", "Binned", "", klscope_core::info::Unit::Bits);
    scenario.validate("binned").unwrap();
    assert_eq!(scenario.labels, ["≤ -1", "(-1, 0]", "(0, 1]", "(1, 2]", "> 2"]);
    let normal = Component::Gaussian { mean: 0.0, sd: 1.0 };
    assert!((scenario.p[1] - (normal.cdf(0.0) - normal.cdf(-1.0))).abs() < 1e-15);
    assert_eq!(scenario.q[0], 0.0, "Q is 0 below -1");
    assert_eq!(scenario.q[1], 0.25);
    let report = scenario.distribution_p().map(|_| binned.report()).unwrap();
    assert_eq!(report.kl_pq, f64::INFINITY, "P has mass on the first bin, Q none");
    assert_eq!(binned.bin_of(-5.0), 0);
    assert_eq!(binned.bin_of(0.5), 2);
    assert_eq!(binned.bin_of(9.0), 4);
}

fn extreme_component() -> impl Strategy<Value = Component> {
    let centre = prop_oneof![-1e12..1e12f64, -10.0..10.0f64];
    let width = prop_oneof![1e-8..1e8f64, 0.01..10.0f64];
    (centre, width, 0usize..3).prop_map(|(c, w, kind)| match kind {
        0 => Component::Gaussian { mean: c, sd: w },
        1 => Component::Laplace { centre: c, scale: w },
        _ => Component::Uniform { low: c, high: c + w },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Far-fetched parameters never give NaN, a panic or unbounded work: at worst the
    /// stated bound is wide (and it is still a bound the test can read).
    #[test]
    fn extreme_densities_give_numbers_or_named_infinities(a in extreme_component(), b in extreme_component()) {
        let (Ok(p), Ok(q)) = (Mixture::single(a), Mixture::single(b)) else {
            // Too narrow for its position: refused with a reason, which is the point.
            return Ok(());
        };
        let report = DensityReport::by_quadrature(&p, &q, Accuracy::default());
        for measure in DENSITY_MEASURES {
            let e = report.get(measure);
            prop_assert!(!e.value.is_nan() && !e.error.is_nan(), "{measure:?} {e:?} for {a:?} {b:?}");
            if e.value.is_infinite() {
                prop_assert!(report.infinite_because(measure).is_some(), "{measure:?} is ∞ without a cause");
            }
        }
        prop_assert!(report.evaluations <= 2 * 15 * (Accuracy::default().max_pieces + 200));
    }
}
