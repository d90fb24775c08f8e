//! `klscope fit`: a Gaussian bump Q(μ, σ) fitted to P by forward or reverse KL, as text or
//! JSON.

use super::CliError;
use super::args::OutputArgs;
use super::args::{Seed, Starts};
use crate::info::fit::{self, FitResult, sigma_range};
use crate::info::{Direction, Unit};
use crate::scenario::{self, Scenario};
use crate::text::{fixed6, json_number};
use clap::Args;
use serde_json::json;

#[derive(Args)]
pub struct FitArgs {
    /// A built-in scenario id (see `klscope presets`) or a scenario file.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: String,
    /// forward (minimise KL(P||Q): Q covers P) or reverse (minimise KL(Q||P): Q picks a mode).
    #[arg(long, value_name = "forward|reverse")]
    direction: Direction,
    /// How many start points to descend from, 1 to 1000; the lowest result wins.
    #[arg(long, value_name = "N", default_value = "8", allow_hyphen_values = true)]
    starts: Starts,
    /// Seed for the random start points.
    #[arg(long, value_name = "S", default_value = "1", allow_hyphen_values = true)]
    seed: Seed,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &FitArgs) -> Result<String, CliError> {
    let scenario = scenario::resolve(&args.preset)?;
    let unit = args.output.unit.unwrap_or(scenario.unit);
    let (direction, starts, seed) = (args.direction, args.starts.count(), args.seed.0);
    // Checked before the descent starts: the work grows with both.
    let outcomes = scenario.labels.len();
    if outcomes > fit::MAX_FIT_OUTCOMES {
        let preset = crate::text::quote(&args.preset);
        return Err(CliError::FitTooManyOutcomes { preset, outcomes, max: fit::MAX_FIT_OUTCOMES });
    }
    if starts > fit::max_starts(outcomes) {
        let (budget, most) = (fit::MAX_FIT_WORK, fit::max_starts(outcomes));
        return Err(CliError::FitTooMuchWork { starts, outcomes, budget, most });
    }
    let result = fit::fit(&scenario.p, direction, starts, seed);
    Ok(if args.output.json {
        fit_json(&result, direction, unit) + "\n"
    } else {
        fit_text(&scenario, &result, direction, starts, seed, unit)
    })
}

/// Where μ lies among the outcomes: "at 'x4'" or "between '9' and '10'".
fn position(labels: &[String], mu: f64) -> String {
    let label = |i: f64| labels.get(i as usize).map_or("?".to_string(), |label| crate::text::quote(label));
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
        crate::text::quote(&scenario.id),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_name_outcomes() {
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(position(&labels, 1.0), "at 'b'");
        assert_eq!(position(&labels, 0.5), "between 'a' and 'b'");
        assert_eq!(position(&labels, 1.98), "at 'c'");
    }
}
