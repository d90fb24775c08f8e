//! Fitting a discretised Gaussian to P: the model, both divergences and their gradients,
//! the descent, the starts, the grid, and the lesson of the mode-seeking preset (forward
//! KL covers both modes, reverse KL picks one).

use klscope_core::info::Direction;
use klscope_core::info::Report;
use klscope_core::info::fit::{
    Descent, MAX_STEPS, Params, divergence, fit, gaussian, gradient, grid, log_gaussian, moment_matched, mu_range,
    sigma_range, start_points,
};
use proptest::prelude::*;

fn preset(id: &str) -> Vec<f64> {
    klscope_core::scenario::find_builtin(id).unwrap().p
}

fn params(mu: f64, sigma: f64) -> Params {
    Params { mu, sigma }
}

fn normalised(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    weights.iter().map(|w| w / total).collect()
}

/// A few distributions of different shapes and sizes, all strictly positive.
fn shapes() -> Vec<(&'static str, Vec<f64>)> {
    vec![
        ("mode-seeking", preset("mode-seeking")),
        ("lottery", preset("lottery-surprise")),
        ("skewed", normalised(&[1.0, 5.0, 9.0, 4.0, 2.0, 1.0, 0.5, 0.25])),
        ("ramp", normalised(&(1..=30).map(f64::from).collect::<Vec<_>>())),
    ]
}

fn in_ranges(n: usize, p: Params) -> bool {
    mu_range(n).contains(&p.mu) && sigma_range(n).contains(&p.sigma)
}

// ---------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------

#[test]
fn ranges_follow_the_number_of_outcomes() {
    assert_eq!(mu_range(20), 0.0..=19.0);
    assert_eq!(sigma_range(20), 0.3..=20.0);
    assert_eq!(mu_range(1), 0.0..=0.0);
    assert_eq!(sigma_range(1), 0.3..=1.0, "σ reaches at least 1");
    assert_eq!(mu_range(0), 0.0..=0.0, "no outcomes: no panic");
}

#[test]
fn gaussian_is_a_normalised_symmetric_bump() {
    let q = gaussian(20, params(9.5, 3.0));
    assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-14, "sums to 1");
    for i in 0..10 {
        assert!((q[i] - q[19 - i]).abs() < 1e-16, "symmetric about 9.5 at {i}");
        if i > 0 {
            assert!(q[i] > q[i - 1], "rises towards the centre at {i}");
        }
    }
    let q = gaussian(7, params(2.0, 1.0));
    let expected: Vec<f64> = normalised(&(0..7).map(|i| (-((i as f64 - 2.0).powi(2)) / 2.0).exp()).collect::<Vec<_>>());
    for (a, b) in q.iter().zip(&expected) {
        assert!((a - b).abs() < 1e-15, "{q:?} vs {expected:?}");
    }
}

#[test]
fn gaussian_survives_extreme_parameters() {
    for n in [0usize, 1, 2, 50, 1000] {
        for p in [params(0.0, 0.3), params(1e9, 1e-9), params(-5.0, 1e9), params(f64::NAN, f64::INFINITY)] {
            let q = gaussian(n, p);
            assert_eq!(q.len(), n);
            assert!(q.iter().all(|x| x.is_finite() && *x >= 0.0), "n {n}, {p:?}: {q:?}");
            if n > 0 {
                assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12, "n {n}, {p:?}");
            }
        }
    }
    assert_eq!(gaussian(1, params(0.0, 1.0)), [1.0], "one outcome holds everything");
}

#[test]
fn log_space_keeps_small_probabilities_above_zero() {
    // A narrow bump at the first of 100 outcomes: the far tail underflows, the near one
    // must not, and the logs stay finite everywhere.
    let logs = log_gaussian(100, params(0.0, 0.3));
    let q = gaussian(100, params(0.0, 0.3));
    assert!(logs.iter().all(|l| l.is_finite()));
    for (i, (&l, &x)) in logs.iter().zip(&q).enumerate() {
        if l > -700.0 {
            assert!(x > 0.0, "q[{i}] = 0 although ln q = {l}");
        }
    }
    assert!(q[5] > 0.0 && q[5] < 1e-50, "q[5] is tiny but positive: {}", q[5]);
}

// ---------------------------------------------------------------------------------------
// Divergences and gradients
// ---------------------------------------------------------------------------------------

#[test]
fn divergences_agree_with_the_report() {
    for (name, p) in shapes() {
        for at in [params(2.0, 1.5), params(0.5 * p.len() as f64, 0.25 * p.len() as f64)] {
            let q = gaussian(p.len(), at);
            let report = Report::compute(&p, &q);
            let forward = divergence(&p, at, Direction::Forward);
            let reverse = divergence(&p, at, Direction::Reverse);
            assert!((forward - report.kl_pq).abs() <= 1e-12 * (1.0 + report.kl_pq), "{name} {at:?}: forward");
            assert!((reverse - report.kl_qp).abs() <= 1e-12 * (1.0 + report.kl_qp), "{name} {at:?}: reverse");
        }
    }
}

#[test]
fn reverse_is_infinite_where_p_is_zero_and_q_is_not() {
    let p = [0.5, 0.5, 0.0, 0.0];
    assert_eq!(divergence(&p, params(1.0, 2.0), Direction::Reverse), f64::INFINITY);
    assert!(divergence(&p, params(1.0, 2.0), Direction::Forward).is_finite(), "forward ignores p = 0");
    assert_eq!(gradient(&p, params(1.0, 2.0), Direction::Reverse), (0.0, 0.0), "no slope on ∞");
    // Far away the model's tail underflows to exactly 0 (ln q < −745 from outcome 12 on
    // when σ = 0.3), and 0·ln(0/0) counts as 0.
    let mut p = vec![0.0; 60];
    let near = gaussian(13, params(0.0, 0.3));
    p[..13].copy_from_slice(&near);
    let far = divergence(&p, params(0.0, 0.3), Direction::Reverse);
    assert!(far.is_finite() && far < 1e-12, "{far}");
    assert_eq!(divergence(&p[..12], params(0.0, 0.3), Direction::Reverse), 0.0, "P = Q on 12 outcomes");
}

/// The central-difference slope of the divergence along μ and along ln σ.
fn numeric_gradient(p: &[f64], at: Params, direction: Direction) -> (f64, f64) {
    let h = 1e-5;
    let f = |mu: f64, sigma: f64| divergence(p, params(mu, sigma), direction);
    let d_mu = (f(at.mu + h, at.sigma) - f(at.mu - h, at.sigma)) / (2.0 * h);
    let d_ln_sigma = (f(at.mu, at.sigma * h.exp()) - f(at.mu, at.sigma * (-h).exp())) / (2.0 * h);
    (d_mu, d_ln_sigma)
}

#[test]
fn gradients_match_central_differences() {
    let mut checked = 0;
    for (name, p) in shapes() {
        let n = p.len() as f64;
        for at in [params(0.3 * n, 1.0), params(0.5 * n, 0.2 * n), params(0.8 * n, 0.6), params(0.45 * n, 2.5)] {
            for direction in Direction::ALL {
                let analytic = gradient(&p, at, direction);
                let numeric = numeric_gradient(&p, at, direction);
                let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()));
                assert!(
                    close(analytic.0, numeric.0) && close(analytic.1, numeric.1),
                    "{name} {direction} at {at:?}: analytic {analytic:?}, numeric {numeric:?}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 32);
}

#[test]
fn forward_gradient_vanishes_at_matching_moments() {
    // When P is itself a discretised Gaussian, it is the forward optimum.
    let truth = params(6.3, 2.1);
    let p = gaussian(15, truth);
    let (d_mu, d_ln_sigma) = gradient(&p, truth, Direction::Forward);
    assert!(d_mu.abs() < 1e-12 && d_ln_sigma.abs() < 1e-12, "({d_mu}, {d_ln_sigma})");
    assert!(divergence(&p, truth, Direction::Forward) < 1e-14);
}

// ---------------------------------------------------------------------------------------
// Descent
// ---------------------------------------------------------------------------------------

#[test]
fn descent_goes_down_stays_in_range_and_stops() {
    for (name, p) in shapes() {
        for direction in Direction::ALL {
            for start in start_points(&p, direction, 6, 3) {
                let mut descent = Descent::new(&p, start, direction);
                let mut last = descent.value;
                let mut calls = 0;
                while descent.step(&p) {
                    calls += 1;
                    assert!(descent.value <= last, "{name} {direction}: went up from {last} to {}", descent.value);
                    assert!(in_ranges(p.len(), descent.params), "{name} {direction}: {:?}", descent.params);
                    last = descent.value;
                    assert!(calls <= MAX_STEPS, "{name} {direction}: too many steps");
                }
                assert!(descent.value.is_finite(), "{name} {direction}: {}", descent.value);
                assert!(
                    descent.converged,
                    "{name} {direction} from {start:?}: not converged in {} steps",
                    descent.steps
                );
                assert!(!descent.step(&p), "a finished descent stays finished");
                assert_eq!(descent.steps, calls);
            }
        }
    }
}

#[test]
fn descent_on_an_infinite_divergence_stops_at_once() {
    let p = [0.5, 0.5, 0.0, 0.0, 0.0];
    let mut descent = Descent::new(&p, params(2.0, 2.0), Direction::Reverse);
    assert_eq!(descent.value, f64::INFINITY);
    assert!(!descent.step(&p));
    assert!(!descent.converged, "stuck, not converged");
    assert_eq!(descent.params, params(2.0, 2.0));
}

#[test]
fn descent_clamps_its_start() {
    let p = preset("mode-seeking");
    let descent = Descent::new(&p, params(-3.0, 1000.0), Direction::Forward);
    assert_eq!(descent.params, params(0.0, 20.0));
    assert_eq!(descent.direction(), Direction::Forward);
}

#[test]
fn reverse_descent_finds_the_mode_it_starts_near() {
    let p = preset("mode-seeking");
    for (start, mode) in [(7.0, 6.0), (3.0, 6.0), (12.0, 13.0), (16.0, 13.0)] {
        let mut descent = Descent::new(&p, params(start, 2.0), Direction::Reverse);
        while descent.step(&p) {}
        assert!((descent.params.mu - mode).abs() < 1.0, "from μ = {start}: ended at {:?}", descent.params);
    }
}

// ---------------------------------------------------------------------------------------
// Starts and fits
// ---------------------------------------------------------------------------------------

#[test]
fn start_points_are_seeded_counted_and_in_range() {
    let p = preset("mode-seeking");
    for direction in Direction::ALL {
        for starts in [0usize, 1, 2, 8, 25] {
            let points = start_points(&p, direction, starts, 42);
            assert_eq!(points.len(), starts.max(1), "{direction}, {starts} starts");
            assert!(points.iter().all(|&s| in_ranges(p.len(), s)), "{points:?}");
            assert_eq!(points, start_points(&p, direction, starts, 42), "same seed, same starts");
        }
        assert_ne!(start_points(&p, direction, 8, 1), start_points(&p, direction, 8, 2), "the seed matters");
    }
    assert_eq!(start_points(&p, Direction::Forward, 8, 1)[0], moment_matched(&p), "forward starts moment-matched");
    assert_eq!(start_points(&p, Direction::Reverse, 8, 1)[0].mu, 6.0, "reverse starts on P's first top outcome");
}

#[test]
fn moment_matching_uses_mean_and_standard_deviation() {
    let m = moment_matched(&[0.25, 0.5, 0.25]);
    assert_eq!(m.mu, 1.0);
    assert!((m.sigma - 0.5f64.sqrt()).abs() < 1e-15);
}

#[test]
fn forward_fit_covers_both_modes() {
    let p = preset("mode-seeking");
    let result = fit(&p, Direction::Forward, 8, 1);
    assert!((result.params.mu - 9.5).abs() <= 0.5, "μ at the midpoint: {:?}", result.params);
    // P's modes sit at 6 and 13, each with σ = 1.2; P's own spread is √(1.2² + 3.5²) ≈ 3.7.
    // The bump is as wide as that spread: far wider than one mode, far from the widest σ
    // allowed (where it would be a flat line).
    let (_, widest) = sigma_range(p.len()).into_inner();
    assert!((3.0..=4.5).contains(&result.params.sigma), "a broad bump over both modes: {:?}", result.params);
    assert!(result.params.sigma < widest / 4.0, "not flat: {:?}", result.params);
    // It reaches both modes, and it is a bump: its middle stands well above its ends.
    let q = gaussian(p.len(), result.params);
    assert!(q[6] > 0.05 && q[13] > 0.05, "both modes get mass: {q:?}");
    assert!(q[9] > 5.0 * q[0] && q[10] > 5.0 * q[19], "a bump, not a flat line: {q:?}");
}

#[test]
fn reverse_fit_picks_one_mode() {
    let p = preset("mode-seeking");
    for seed in [1, 2, 3] {
        for starts in [1, 8] {
            let result = fit(&p, Direction::Reverse, starts, seed);
            let near_mode = (result.params.mu - 6.0).abs() <= 0.5 || (result.params.mu - 13.0).abs() <= 0.5;
            assert!(near_mode, "seed {seed}, {starts} starts: μ on a mode: {:?}", result.params);
            assert!((result.params.sigma - 1.2).abs() < 0.3, "as wide as one mode: {:?}", result.params);
            // About ln 2: Q sits on one half of P.
            assert!((result.divergence - std::f64::consts::LN_2).abs() < 0.05, "{}", result.divergence);
        }
    }
    let forward = fit(&p, Direction::Forward, 8, 1);
    let reverse = fit(&p, Direction::Reverse, 8, 1);
    assert!(reverse.params.sigma < forward.params.sigma / 2.5, "reverse is much narrower than forward");
}

#[test]
fn fit_reports_its_path_and_the_lowest_start() {
    let p = preset("mode-seeking");
    for direction in Direction::ALL {
        let result = fit(&p, direction, 8, 7);
        assert_eq!(result.path.first(), Some(&result.start), "{direction}: the path begins at the start");
        assert_eq!(result.path.last(), Some(&result.params), "{direction}: and ends at the fit");
        assert!(result.path.len() >= 2 && result.path.len() <= MAX_STEPS + 1);
        assert_eq!(result.divergence, divergence(&p, result.params, direction));
        assert!(start_points(&p, direction, 8, 7).contains(&result.start));
        for start in start_points(&p, direction, 8, 7) {
            let mut descent = Descent::new(&p, start, direction);
            while descent.step(&p) {}
            assert!(result.divergence <= descent.value, "{direction}: a start reached lower");
        }
        assert_eq!(result, fit(&p, direction, 8, 7), "{direction}: deterministic");
    }
}

#[test]
fn fits_of_small_and_awkward_inputs_do_not_panic() {
    let cases: [&[f64]; 5] = [&[], &[1.0], &[0.0, 1.0], &[0.5, 0.5, 0.0, 0.0, 0.0], &[1e-300, 1.0 - 1e-300]];
    for p in cases {
        for direction in Direction::ALL {
            let result = fit(p, direction, 4, 1);
            assert!(!result.divergence.is_nan() && !result.params.mu.is_nan() && !result.params.sigma.is_nan());
            assert!(result.divergence >= 0.0, "{p:?} {direction}: {}", result.divergence);
        }
    }
    // Reverse against a P with zeros next to its support: every Gaussian leaks onto them.
    assert_eq!(fit(&[0.5, 0.5, 0.0, 0.0, 0.0], Direction::Reverse, 4, 1).divergence, f64::INFINITY);
}

// ---------------------------------------------------------------------------------------
// Grid
// ---------------------------------------------------------------------------------------

#[test]
fn grid_layout_and_values() {
    let p = preset("mode-seeking");
    let g = grid(&p, Direction::Reverse, 5, 4);
    assert_eq!(g.mu, [0.0, 4.75, 9.5, 14.25, 19.0]);
    assert_eq!((g.sigma.len(), g.sigma[0], g.sigma[3]), (4, 0.3, 20.0));
    // Evenly spaced on a log scale: each σ the same factor above the one before.
    let ratio = (20.0f64 / 0.3).cbrt();
    assert!(g.sigma.windows(2).all(|w| (w[1] / w[0] - ratio).abs() < 1e-12), "{:?}", g.sigma);
    assert_eq!(g.values.len(), 20);
    for (j, &sigma) in g.sigma.iter().enumerate() {
        for (i, &mu) in g.mu.iter().enumerate() {
            assert_eq!(g.values[j * g.mu.len() + i], divergence(&p, params(mu, sigma), Direction::Reverse));
        }
    }
    let single = grid(&p, Direction::Forward, 1, 0);
    assert_eq!((single.mu, single.values.len()), (vec![9.5], 1), "one step is the middle; zero counts as one");
    assert_eq!(grid(&p, Direction::Forward, 5000, 1).mu.len(), klscope_core::info::fit::MAX_GRID_STEPS);
}

#[test]
fn the_fit_beats_every_grid_point_nearby() {
    let p = preset("mode-seeking");
    for direction in Direction::ALL {
        let best = fit(&p, direction, 8, 1).divergence;
        let g = grid(&p, direction, 39, 40);
        let lowest = g.values.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(best <= lowest + 1e-9, "{direction}: fit {best} vs grid {lowest}");
    }
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

#[test]
fn directions_have_names_and_parse_with_a_clear_error() {
    assert_eq!(Direction::Forward.name(), "forward");
    assert_eq!(Direction::Reverse.name(), "reverse");
    assert_eq!(Direction::Reverse.to_string(), "reverse");
    for direction in Direction::ALL {
        assert_eq!(direction.name().parse::<Direction>(), Ok(direction));
    }
    let error = "up".parse::<Direction>().unwrap_err().to_string();
    assert_eq!(error, "unknown direction 'up': use forward (KL(P||Q)) or reverse (KL(Q||P))");
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

fn distribution(max_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..1.0, 1..max_len).prop_filter_map("all zero", |w| {
        let total: f64 = w.iter().sum();
        (total > 0.0).then(|| w.iter().map(|x| x / total).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn nothing_is_ever_nan(p in distribution(30), mu in -5.0f64..40.0, sigma in 0.0f64..50.0, reverse: bool) {
        let direction = if reverse { Direction::Reverse } else { Direction::Forward };
        let at = params(mu, sigma);
        let value = divergence(&p, at, direction);
        prop_assert!(value >= 0.0, "{}", value);
        let (d_mu, d_s) = gradient(&p, at, direction);
        prop_assert!(d_mu.is_finite() && d_s.is_finite());
        let result = fit(&p, direction, 2, 1);
        prop_assert!(result.divergence >= 0.0 && in_ranges(p.len(), result.params));
    }
}
