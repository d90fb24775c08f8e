//! Monte-Carlo estimates of KL(P‖Q) and H(P,Q): unbiased within their error bars over
//! many seeds, reproducible per seed, infinite (never NaN) on a support mismatch, and
//! checkpoints that trace the running means.

use klscope_core::info::Report;
use klscope_core::info::sampling::{CHECKPOINTS, MAX_SAMPLES, SampleRun, checkpoint_counts, k3_term, sample};
use rand::SeedableRng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand_chacha::ChaCha8Rng;

fn preset(id: &str) -> (Vec<f64>, Vec<f64>) {
    let scenario = klscope_core::scenario::find_builtin(id).unwrap();
    (scenario.p, scenario.q)
}

fn normalised(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    weights.iter().map(|w| w / total).collect()
}

/// Pairs with finite KL: small and larger, near and far apart, one with rare outcomes.
fn pairs() -> Vec<(&'static str, Vec<f64>, Vec<f64>)> {
    let (die_p, die_q) = preset("fair-vs-loaded-die");
    let (modes_p, modes_q) = preset("mode-seeking");
    let (lottery_p, lottery_q) = preset("lottery-surprise");
    vec![
        ("coin", vec![0.9, 0.1], vec![0.5, 0.5]),
        ("die", die_p, die_q),
        ("mode-seeking", modes_p, modes_q),
        ("lottery", lottery_p, lottery_q),
        (
            "ten outcomes",
            normalised(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0]),
            normalised(&[2.0, 7.0, 1.0, 8.0, 2.0, 8.0, 1.0, 8.0, 2.0, 8.0]),
        ),
    ]
}

fn assert_no_nan(run: &SampleRun) {
    let values = [run.kl_estimate, run.kl_stderr, run.cross_entropy_estimate, run.cross_entropy_stderr];
    assert!(values.iter().all(|v| !v.is_nan()), "{values:?}");
    for c in &run.checkpoints {
        let values = [c.kl_mean, c.kl_stderr, c.cross_mean, c.cross_stderr];
        assert!(values.iter().all(|v| !v.is_nan()), "checkpoint {}: {values:?}", c.n);
    }
}

// ---------------------------------------------------------------------------------------
// Accuracy
// ---------------------------------------------------------------------------------------

#[test]
fn estimates_land_within_four_standard_errors_of_the_exact_values() {
    let seeds = 50;
    for (name, p, q) in pairs() {
        let exact = Report::compute(&p, &q);
        let (mut kl_misses, mut cross_misses) = (Vec::new(), Vec::new());
        for seed in 0..seeds {
            let run = sample(&p, &q, 10_000, seed);
            assert_no_nan(&run);
            assert!(run.kl_stderr > 0.0, "{name}: some spread");
            if (run.kl_estimate - exact.kl_pq).abs() > 4.0 * run.kl_stderr {
                kl_misses.push((seed, run.kl_estimate, run.kl_stderr));
            }
            if (run.cross_entropy_estimate - exact.cross_entropy_pq).abs() > 4.0 * run.cross_entropy_stderr {
                cross_misses.push((seed, run.cross_entropy_estimate, run.cross_entropy_stderr));
            }
        }
        assert!(kl_misses.len() <= 1, "{name}: KL {} missed by > 4 standard errors: {kl_misses:?}", exact.kl_pq);
        assert!(
            cross_misses.len() <= 1,
            "{name}: H(P,Q) {} missed by > 4 standard errors: {cross_misses:?}",
            exact.cross_entropy_pq
        );
    }
}

#[test]
fn standard_errors_shrink_like_one_over_root_n() {
    let (p, q) = preset("mode-seeking");
    let small = sample(&p, &q, 1_000, 3);
    let large = sample(&p, &q, 100_000, 3);
    let ratio = small.kl_stderr / large.kl_stderr;
    assert!((7.0..14.0).contains(&ratio), "100× the samples should give about 10× smaller errors: {ratio}");
}

#[test]
fn the_estimate_is_the_plain_mean_of_the_log_ratios() {
    // Redraw the same samples with the documented generator and average by hand.
    let p = normalised(&[1.0, 2.0, 3.0, 4.0]);
    let q = normalised(&[4.0, 3.0, 2.0, 1.0]);
    let (n, seed) = (5_000, 99);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let index = WeightedIndex::new(&p).unwrap();
    let draws: Vec<usize> = (0..n).map(|_| index.sample(&mut rng)).collect();
    let ratios: Vec<f64> = draws.iter().map(|&x| (p[x] / q[x]).ln()).collect();
    let mean = ratios.iter().sum::<f64>() / n as f64;
    let variance = ratios.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let cross = draws.iter().map(|&x| -q[x].ln()).sum::<f64>() / n as f64;

    let run = sample(&p, &q, n, seed);
    assert!((run.kl_estimate - mean).abs() < 1e-13, "{} vs {mean}", run.kl_estimate);
    assert!((run.kl_stderr - (variance / n as f64).sqrt()).abs() < 1e-13);
    assert!((run.cross_entropy_estimate - cross).abs() < 1e-13);
}

// ---------------------------------------------------------------------------------------
// Reproducibility
// ---------------------------------------------------------------------------------------

#[test]
fn the_same_seed_gives_the_same_numbers() {
    for (name, p, q) in pairs() {
        let a = sample(&p, &q, 2_000, 7);
        assert_eq!(a, sample(&p, &q, 2_000, 7), "{name}");
        assert_ne!(a.kl_estimate, sample(&p, &q, 2_000, 8).kl_estimate, "{name}: another seed, other samples");
    }
}

#[test]
fn a_fixed_seed_gives_fixed_numbers_on_every_machine() {
    // ChaCha8 and WeightedIndex are portable: the draws must not change unless the
    // generator does (which would change every lesson's numbers). Each heads adds
    // ln(0.9/0.5) to the sum, each tails ln(0.1/0.5); count the heads (a count, because
    // `ln` may differ in the last bit between platforms).
    let run = sample(&[0.9, 0.1], &[0.5, 0.5], 1000, 1);
    let (heads, tails) = ((0.9f64 / 0.5).ln(), (0.1f64 / 0.5).ln());
    let count = (run.kl_estimate - tails) / (heads - tails) * 1000.0;
    assert!((count - count.round()).abs() < 1e-6, "{count}");
    assert_eq!(count.round(), GOLDEN_HEADS, "heads among 1000 draws with seed 1");
}

/// Heads among 1000 draws of a 0.9 coin with `ChaCha8Rng::seed_from_u64(1)`.
const GOLDEN_HEADS: f64 = 912.0;

// ---------------------------------------------------------------------------------------
// Infinity and edge cases
// ---------------------------------------------------------------------------------------

#[test]
fn a_sample_where_q_is_zero_makes_both_estimates_infinite() {
    let (p, q) = preset("support-mismatch");
    let run = sample(&p, &q, 1_000, 1);
    assert_no_nan(&run);
    assert_eq!(
        (run.kl_estimate, run.kl_stderr, run.cross_entropy_estimate, run.cross_entropy_stderr),
        (f64::INFINITY, f64::INFINITY, f64::INFINITY, f64::INFINITY)
    );
    // Finite until scissors is first drawn, infinite from then on.
    let first_infinite = run.checkpoints.iter().position(|c| c.kl_mean.is_infinite()).unwrap();
    assert!(run.checkpoints[first_infinite..].iter().all(|c| c.kl_mean.is_infinite() && c.cross_stderr.is_infinite()));
    assert!(run.checkpoints[..first_infinite].iter().all(|c| c.kl_mean.is_finite()));
    // Some seed draws no scissors in its first few samples.
    let lucky = (0..100).map(|seed| sample(&p, &q, 3, seed)).find(|r| r.kl_estimate.is_finite());
    assert!(lucky.is_some(), "P(no scissors in 3 draws) = 0.512");
}

#[test]
fn a_shorter_q_counts_as_zero() {
    let run = sample(&[0.5, 0.5], &[1.0], 200, 1);
    assert_eq!(run.kl_estimate, f64::INFINITY);
}

#[test]
fn equal_distributions_estimate_exactly_zero() {
    let (p, _) = preset("mode-seeking");
    let run = sample(&p, &p, 5_000, 2);
    assert_eq!((run.kl_estimate, run.kl_stderr), (0.0, 0.0));
    let exact = Report::compute(&p, &p).entropy_p;
    assert!((run.cross_entropy_estimate - exact).abs() < 4.0 * run.cross_entropy_stderr);
}

#[test]
fn outcomes_with_p_zero_are_never_drawn() {
    // If outcome 1 were drawn, ln(p/q) would be −∞ and KL would not be 0.
    let run = sample(&[0.5, 0.0, 0.5], &[0.5, 0.0, 0.5], 10_000, 4);
    assert_eq!(run.kl_estimate, 0.0);
}

#[test]
fn sample_counts_are_clamped() {
    let one = sample(&[0.9, 0.1], &[0.5, 0.5], 0, 1);
    assert_eq!((one.n, one.checkpoints.len(), one.kl_stderr), (1, 1, 0.0), "0 samples become 1");
    let most = sample(&[0.9, 0.1], &[0.5, 0.5], usize::MAX, 1);
    assert_eq!(most.n, MAX_SAMPLES);
    assert_eq!(most.checkpoints.last().map(|c| c.n), Some(MAX_SAMPLES));
}

#[test]
fn p_that_cannot_be_sampled_gives_an_empty_run() {
    for p in [vec![], vec![0.0, 0.0], vec![-1.0, 2.0], vec![f64::NAN, 1.0]] {
        let run = sample(&p, &[0.5, 0.5], 100, 1);
        assert_eq!((run.n, run.checkpoints.len()), (0, 0), "{p:?}");
        assert_no_nan(&run);
    }
}

// ---------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------

#[test]
fn checkpoints_trace_the_running_means() {
    let (p, q) = preset("mode-seeking");
    let run = sample(&p, &q, 100_000, 5);
    let counts: Vec<usize> = run.checkpoints.iter().map(|c| c.n).collect();
    assert_eq!(counts, checkpoint_counts(100_000));
    assert_eq!((counts[0], *counts.last().unwrap()), (1, 100_000));
    assert!((200..=CHECKPOINTS + 1).contains(&counts.len()), "about 300: {}", counts.len());
    assert!(counts.windows(2).all(|w| w[0] < w[1]), "ascending");
    // Log-spaced: the ratio between neighbours is about 100000^(1/299) once counts are large.
    let ratios: Vec<f64> = counts.windows(2).filter(|w| w[0] > 1000).map(|w| w[1] as f64 / w[0] as f64).collect();
    assert!(ratios.iter().all(|r| (1.03..1.05).contains(r)), "{ratios:?}");
    let last = run.checkpoints.last().unwrap();
    assert_eq!((last.kl_mean, last.kl_stderr), (run.kl_estimate, run.kl_stderr));
    assert_eq!((last.cross_mean, last.cross_stderr), (run.cross_entropy_estimate, run.cross_entropy_stderr));
    // A checkpoint is the estimate a shorter run with the same seed would give.
    let short = sample(&p, &q, counts[150], 5);
    assert_eq!(short.kl_estimate, run.checkpoints[150].kl_mean);
    // Every count, when there are fewer samples than checkpoints.
    assert_eq!(checkpoint_counts(12), (1..=12).collect::<Vec<_>>());
}

// ---------------------------------------------------------------------------------------
// RLHF's three estimators: k1 = −ln r, k2 = ½ (ln r)², k3 = (r − 1) − ln r, r = q/p
// ---------------------------------------------------------------------------------------

#[test]
fn k1_and_k3_are_unbiased_within_four_standard_errors_over_many_seeds() {
    for (name, p, q) in pairs() {
        let exact = Report::compute(&p, &q).kl_pq;
        let (mut k1_misses, mut k3_misses) = (0, 0);
        for seed in 0..50 {
            let run = sample(&p, &q, 10_000, seed);
            assert_eq!(run.kl_estimate.to_bits(), run.checkpoints.last().unwrap().kl_mean.to_bits(), "k1 is kl");
            k1_misses += usize::from((run.kl_estimate - exact).abs() > 4.0 * run.kl_stderr);
            k3_misses += usize::from((run.k3_estimate - exact).abs() > 4.0 * run.k3_stderr);
            assert!(run.k3_stderr > 0.0 && run.k2_stderr > 0.0, "{name}: some spread");
        }
        assert!(k1_misses <= 1 && k3_misses <= 1, "{name}: k1 missed {k1_misses}, k3 missed {k3_misses} of 50");
    }
}

#[test]
fn k3_is_never_negative_and_k1_sometimes_is() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    use rand::Rng;
    for _ in 0..20_000 {
        let (p, q): (f64, f64) = (rng.random_range(1e-12..1.0), rng.random_range(0.0..1.0));
        let k3 = k3_term(p, q);
        assert!(k3 >= 0.0, "k3({p}, {q}) = {k3}");
        // Close to 1, where (r − 1) − ln r cancels, the series keeps its digits.
        let r = 1.0 + rng.random_range(-1e-3..1e-3);
        let d: f64 = r - 1.0;
        let expected: f64 = (2..=7).map(|k| (-d).powi(k) / f64::from(k)).sum();
        let got = k3_term(1.0, r);
        assert!((got - expected).abs() <= 1e-14 * expected, "d = {d}: {got} against {expected}");
    }
    assert_eq!(k3_term(0.5, 0.0), f64::INFINITY);
    // The coin against a fair model: q > p on tails, drawn about 10% of the time.
    let run = sample(&[0.9, 0.1], &[0.5, 0.5], 100_000, 1);
    assert!((run.k1_negative_fraction - 0.1).abs() < 0.005, "{}", run.k1_negative_fraction);
    assert!(run.checkpoints.iter().all(|c| c.k3_mean >= 0.0 && c.k2_mean >= 0.0));
}

#[test]
fn k2_approaches_kl_as_q_approaches_p() {
    let p = normalised(&[3.0, 1.0, 4.0, 1.0, 5.0]);
    let mut relative_bias = Vec::new();
    for step in [0.3, 0.1, 0.03, 0.01] {
        let q =
            normalised(&p.iter().enumerate().map(|(i, &x)| x * (1.0 + step * (i as f64 - 2.0))).collect::<Vec<_>>());
        let exact = Report::compute(&p, &q).kl_pq;
        let run = sample(&p, &q, 200_000, 7);
        relative_bias.push(((run.k2_estimate - exact) / exact).abs());
    }
    assert!(relative_bias.windows(2).all(|w| w[1] < w[0]), "k2's bias shrinks as Q nears P: {relative_bias:?}");
    assert!(relative_bias[3] < 0.05, "{relative_bias:?}");
}
