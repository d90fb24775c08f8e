//! Variational inference on the conjugate model against mpmath (tests/data/vi_reference.json,
//! from tests/data/make_vi_reference.py: the evidence and ELBOs integrated over z), the
//! identity ELBO + KL(q||posterior) = log p(x), gradient ascent onto the posterior, and the
//! two Gaussian fits of a bimodal target.

use klscope_core::info::Measure;
use klscope_core::info::density::{
    Accuracy, Component, Conjugate, DensityReport, Mixture, Normal, VariationalState, Weighted, fit_forward,
    fit_reverse, reverse_kl,
};
use proptest::prelude::*;
use serde_json::Value;

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * (1.0 + b.abs())
}

#[test]
fn evidence_posterior_and_elbo_match_mpmath() {
    let text = std::fs::read_to_string("../../tests/data/vi_reference.json").unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    for case in json["cases"].as_array().unwrap() {
        let xs: Vec<f64> = case["observations"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        let model = Conjugate::new(xs.clone(), case["noise_sd"].as_f64().unwrap()).unwrap();
        let number = |key: &str| case[key].as_f64().unwrap();
        assert!(close(model.log_evidence(), number("log_evidence"), 1e-12), "{xs:?}: {}", model.log_evidence());
        let posterior = model.posterior();
        assert!(close(posterior.mean, number("posterior_mean"), 1e-12), "{xs:?}: {posterior:?}");
        assert!(close(posterior.variance, number("posterior_variance"), 1e-12), "{xs:?}: {posterior:?}");
        for q in case["q"].as_array().unwrap() {
            let normal = Normal { mean: q["mean"].as_f64().unwrap(), variance: q["variance"].as_f64().unwrap() };
            let elbo = q["elbo"].as_f64().unwrap();
            assert!(close(model.elbo(&normal), elbo, 1e-12), "{xs:?} {normal:?}: {} vs {elbo}", model.elbo(&normal));
        }
    }
}

#[test]
fn the_posterior_gap_is_the_kl_the_quadrature_finds() {
    let model = Conjugate::new(vec![0.5, 1.5, 2.0], 0.8).unwrap();
    let q = Normal { mean: 0.2, variance: 0.7 };
    let posterior = model.posterior();
    let as_mixture = |n: &Normal| Mixture::single(Component::Gaussian { mean: n.mean, sd: n.sd() }).unwrap();
    let by_quadrature = DensityReport::by_quadrature(&as_mixture(&q), &as_mixture(&posterior), Accuracy::default());
    let kl = by_quadrature.get(Measure::KlPQ);
    assert!(kl.contains(model.kl_to_posterior(&q)), "{kl:?} vs {}", model.kl_to_posterior(&q));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn elbo_plus_gap_is_the_evidence(
        xs in prop::collection::vec(-5.0..5.0f64, 1..6),
        s in 0.1..3.0f64,
        m in -6.0..6.0f64,
        log_v in -6.0..3.0f64,
    ) {
        let model = Conjugate::new(xs, s).unwrap();
        let parts = model.parts(&VariationalState { mean: m, log_variance: log_v }.q());
        prop_assert!(parts.gap >= 0.0);
        prop_assert!(parts.elbo <= parts.log_evidence + 1e-12);
        prop_assert!((parts.elbo + parts.gap - parts.log_evidence).abs() <= 1e-10, "{:?}", parts);
    }

    #[test]
    fn gradient_ascent_climbs_the_elbo_onto_the_posterior(
        xs in prop::collection::vec(-5.0..5.0f64, 1..6),
        s in 0.2..3.0f64,
        m in -6.0..6.0f64,
        log_v in -6.0..4.0f64,
    ) {
        let model = Conjugate::new(xs, s).unwrap();
        let mut state = VariationalState { mean: m, log_variance: log_v };
        let mut elbo = model.elbo(&state.q());
        for _ in 0..400 {
            let next = model.step(state, 0.2);
            let next_elbo = model.elbo(&next.q());
            prop_assert!(next_elbo >= elbo - 1e-12 * (1.0 + elbo.abs()), "{elbo} → {next_elbo}");
            (state, elbo) = (next, next_elbo);
        }
        let posterior = model.posterior();
        prop_assert!((state.mean - posterior.mean).abs() < 1e-9, "{state:?} {posterior:?}");
        prop_assert!((state.q().variance / posterior.variance - 1.0).abs() < 1e-9, "{state:?} {posterior:?}");
        prop_assert!(model.kl_to_posterior(&state.q()) < 1e-15);
    }
}

fn bimodal() -> Mixture {
    Mixture::new(vec![
        Weighted::new(0.6, Component::Gaussian { mean: -2.0, sd: 0.6 }),
        Weighted::new(0.4, Component::Gaussian { mean: 2.5, sd: 0.8 }),
    ])
    .unwrap()
}

#[test]
fn reverse_kl_seeks_a_mode_and_forward_kl_covers_both() {
    let target = bimodal();
    let fits = fit_reverse(&target, Accuracy::default());
    assert!(fits.len() >= 2, "one local minimum per mode: {fits:?}");
    let best = fits[0];
    assert!((best.mean + 2.0).abs() < 0.05 && (best.sd - 0.6).abs() < 0.05, "the heavier mode: {best:?}");
    assert!(fits.iter().any(|f| (f.mean - 2.5).abs() < 0.05), "the other mode is a local minimum: {fits:?}");
    // A local minimum: nudging it in any direction raises KL(q||p).
    for (dm, dl) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)] {
        let nudged = reverse_kl(&target, best.mean + dm, best.sd * f64::exp(dl), Accuracy::default());
        assert!(nudged.value > best.kl.value, "{dm} {dl}: {nudged:?} vs {:?}", best.kl);
    }

    let forward = fit_forward(&target, Accuracy::default());
    let mean = 0.6 * -2.0 + 0.4 * 2.5;
    let variance = 0.6 * (0.36 + 4.0) + 0.4 * (0.64 + 6.25) - mean * mean;
    assert!((forward.mean - mean).abs() < 1e-14 && (forward.sd - variance.sqrt()).abs() < 1e-14, "{forward:?}");
    let forward_kl = |m: f64, sd: f64| {
        let q = Mixture::single(Component::Gaussian { mean: m, sd }).unwrap();
        DensityReport::by_quadrature(&target, &q, Accuracy::default()).get(Measure::KlPQ).value
    };
    for (dm, ds) in [(0.02, 0.0), (-0.02, 0.0), (0.0, 0.02), (0.0, -0.02)] {
        assert!(
            forward_kl(forward.mean + dm, forward.sd + ds) > forward.kl.value,
            "moment matching minimises KL(p||q)"
        );
    }
    assert!(forward.sd > 2.0, "the forward fit spreads over both modes: {forward:?}");
}
