//! What the `fit` and `sample` commands print, as text or JSON, and the checks of their
//! numeric arguments. Like cli.rs: plain functions; main.rs only parses and dispatches.

use crate::cli::CliError;
use crate::info::Direction;
use crate::info::fit::{FitResult, sigma_range};
use crate::info::sampling::{MAX_SAMPLES, SampleRun};
use crate::info::{Report, Unit};
use crate::scenario::Scenario;
use crate::text::{fixed6, json_number};
use serde_json::json;

/// The most start points `fit --starts` accepts.
pub const MAX_STARTS: usize = 1000;

/// Parses a whole number for `--{flag}` and checks it lies in `min..=max`.
pub fn parse_whole(text: &str, flag: &'static str, min: u64, max: u64) -> Result<u64, CliError> {
    match text.trim().parse::<u64>() {
        Ok(value) if (min..=max).contains(&value) => Ok(value),
        _ => Err(CliError::NotInRange { flag, value: text.to_string(), min, max }),
    }
}

/// `--starts`: 1 to [`MAX_STARTS`].
pub fn parse_starts(text: &str) -> Result<usize, CliError> {
    parse_whole(text, "starts", 1, MAX_STARTS as u64).map(|n| n as usize)
}

/// `--n`: 1 to [`MAX_SAMPLES`].
pub fn parse_samples(text: &str) -> Result<usize, CliError> {
    parse_whole(text, "n", 1, MAX_SAMPLES as u64).map(|n| n as usize)
}

/// `--seed`: any `u64`.
pub fn parse_seed(text: &str) -> Result<u64, CliError> {
    parse_whole(text, "seed", 0, u64::MAX)
}

/// `--direction`: forward or reverse.
pub fn parse_direction(text: &str) -> Result<Direction, CliError> {
    text.parse::<Direction>().map_err(CliError::from)
}

/// Where μ lies among the outcomes: "at 'x4'" or "between '9' and '10'".
fn position(labels: &[String], mu: f64) -> String {
    let label = |i: f64| labels.get(i as usize).map(String::as_str).unwrap_or("?");
    if (mu - mu.round()).abs() < 0.05 {
        format!("at '{}'", label(mu.round()))
    } else {
        format!("between '{}' and '{}'", label(mu.floor()), label(mu.ceil()))
    }
}

/// A note when σ sits on an edge of its range, which the reader should know about.
fn sigma_note(n: usize, sigma: f64) -> &'static str {
    let range = sigma_range(n);
    if sigma >= range.end() - 1e-9 {
        "  (the widest allowed)"
    } else if sigma <= range.start() + 1e-9 {
        "  (the narrowest allowed)"
    } else {
        ""
    }
}

/// The text printed by `klscope fit`.
pub fn fit_text(
    scenario: &Scenario,
    result: &FitResult,
    direction: Direction,
    starts: usize,
    seed: u64,
    unit: Unit,
) -> String {
    let n = scenario.labels.len();
    let mut out = format!(
        "{}: a Gaussian bump Q(μ, σ) over outcome positions 0..{}, fitted to P\nby minimising {} ({}), best of {starts} start{} (seed {seed})\n\n",
        scenario.id,
        n.saturating_sub(1),
        direction.symbol(),
        direction.name(),
        if starts == 1 { "" } else { "s" },
    );
    out.push_str(&format!(
        "  {:<10} {:>12}  {}\n",
        "μ",
        format!("{:.6}", result.params.mu),
        position(&scenario.labels, result.params.mu)
    ));
    out.push_str(&format!(
        "  {:<10} {:>12}{}\n",
        "σ",
        format!("{:.6}", result.params.sigma),
        sigma_note(n, result.params.sigma)
    ));
    let value = fixed6(unit.from_nats(result.divergence));
    out.push_str(&format!("  {:<10} {:>12} {}\n\n", direction.symbol(), value, unit.name()));
    out.push_str(match direction {
        Direction::Forward => "  Forward KL punishes Q for missing any place P uses: Q spreads to cover all of P.\n",
        Direction::Reverse => "  Reverse KL punishes Q for putting mass where P has little: Q settles on one mode.\n",
    });
    if result.divergence.is_infinite() {
        out.push_str("  ∞: every Gaussian puts some mass where P is 0, and reverse KL charges ∞ for that.\n");
    }
    out
}

/// The object printed by `klscope fit --json`: direction, mu, sigma, divergence, unit.
pub fn fit_json(result: &FitResult, direction: Direction, unit: Unit) -> String {
    json!({
        "direction": direction.name(),
        "mu": json_number(result.params.mu),
        "sigma": json_number(result.params.sigma),
        "divergence": json_number(unit.from_nats(result.divergence)),
        "unit": unit.name(),
    })
    .to_string()
}

/// The text printed by `klscope sample`: estimates with standard errors, and the exact
/// values beside them.
pub fn sample_text(scenario: &Scenario, run: &SampleRun, seed: u64, unit: Unit) -> String {
    let exact = Report::compute(&scenario.p, &scenario.q);
    let mut out = format!(
        "{}: {} sample{} drawn from P (seed {seed}), in {}\n\n",
        scenario.id,
        run.n,
        if run.n == 1 { "" } else { "s" },
        unit.name()
    );
    out.push_str(&format!("  {:<10} {:>12}   {:>14}   {:>12}\n", "", "estimate", "standard error", "exact"));
    let rows = [
        ("KL(P||Q)", run.kl_estimate, run.kl_stderr, exact.kl_pq),
        ("H(P,Q)", run.cross_entropy_estimate, run.cross_entropy_stderr, exact.cross_entropy_pq),
    ];
    for (name, estimate, stderr, exact) in rows {
        let value = |nats: f64| fixed6(unit.from_nats(nats));
        out.push_str(&format!("  {name:<10} {:>12} ± {:>14}   {:>12}\n", value(estimate), value(stderr), value(exact)));
    }
    if run.kl_estimate.is_infinite() {
        out.push_str("\n  ∞: a sample was an outcome that Q gives probability 0.\n");
    }
    out
}

/// The object printed by `klscope sample --json`: n, the two estimates and their standard
/// errors, and the unit.
pub fn sample_json(run: &SampleRun, unit: Unit) -> String {
    let value = |nats: f64| json_number(unit.from_nats(nats));
    json!({
        "n": run.n,
        "kl_estimate": value(run.kl_estimate),
        "kl_stderr": value(run.kl_stderr),
        "cross_entropy_estimate": value(run.cross_entropy_estimate),
        "cross_entropy_stderr": value(run.cross_entropy_stderr),
        "unit": unit.name(),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_in_range() {
        assert_eq!(parse_samples("1000000").ok(), Some(1_000_000));
        assert_eq!(parse_starts(" 8 ").ok(), Some(8));
        assert_eq!(parse_seed("18446744073709551615").ok(), Some(u64::MAX));
        let error = parse_samples("0").map_err(|e| e.to_string());
        assert_eq!(error, Err("--n: '0' is not a whole number from 1 to 1000000".to_string()));
        assert!(parse_starts("1001").is_err() && parse_starts("-1").is_err() && parse_starts("2.5").is_err());
    }

    #[test]
    fn positions_name_outcomes() {
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(position(&labels, 1.0), "at 'b'");
        assert_eq!(position(&labels, 0.5), "between 'a' and 'b'");
        assert_eq!(position(&labels, 1.98), "at 'c'");
    }
}
