//! `klscope sample`: Monte-Carlo estimates of KL(P||Q) and H(P,Q) from samples of P, with
//! their standard errors, as text or JSON.

use super::CliError;
use super::args::OutputArgs;
use super::args::{Samples, Seed};
use crate::info::sampling::{self, SampleRun};
use crate::info::{Report, Unit};
use crate::scenario::{self, Scenario};
use crate::text::{fixed6, json_number};
use clap::Args;
use serde_json::json;

#[derive(Args)]
pub struct SampleArgs {
    /// A built-in scenario id (see `klscope presets`) or a scenario file.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: String,
    /// How many samples to draw from P, 1 to 1000000.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    n: Samples,
    /// Seed for the samples: the same seed gives the same numbers.
    #[arg(long, value_name = "S", default_value = "1", allow_hyphen_values = true)]
    seed: Seed,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &SampleArgs) -> Result<String, CliError> {
    let scenario = scenario::resolve(&args.preset)?;
    let unit = args.output.unit.unwrap_or(scenario.unit);
    let seed = args.seed.0;
    let run = sampling::sample(&scenario.p, &scenario.q, args.n.count(), seed);
    Ok(if args.output.json { sample_json(&run, unit) + "\n" } else { sample_text(&scenario, &run, seed, unit) })
}

/// The text printed by `klscope sample`: estimates with standard errors, and the exact
/// values beside them.
pub fn sample_text(scenario: &Scenario, run: &SampleRun, seed: u64, unit: Unit) -> String {
    let exact = Report::compute(&scenario.p, &scenario.q);
    let mut out = format!(
        "{}: {} sample{} drawn from P (seed {seed}), in {}\n\n",
        crate::text::quote(&scenario.id),
        run.n,
        if run.n == 1 { "" } else { "s" },
        unit.name()
    );
    out.push_str(&format!("  {:<10} {:>12}   {:>14}   {:>12}\n", "", "estimate", "standard error", "exact"));
    let rows = [
        ("KL(P||Q)", run.kl_estimate, run.kl_stderr, exact.kl_pq),
        ("H(P,Q)", run.cross_entropy_estimate, run.cross_entropy_stderr, exact.cross_entropy_pq),
        ("k2", run.k2_estimate, run.k2_stderr, exact.kl_pq),
        ("k3", run.k3_estimate, run.k3_stderr, exact.kl_pq),
    ];
    for (name, estimate, stderr, exact) in rows {
        let value = |nats: f64| fixed6(unit.from_nats(nats));
        out.push_str(&format!("  {name:<10} {:>12} ± {:>14}   {:>12}\n", value(estimate), value(stderr), value(exact)));
    }
    out.push_str(&format!(
        "\n  KL(P||Q) is the mean of k1 = ln(p/q), negative on {:.1}% of the samples;\n  \
         k2 = ½ ln²(p/q) is biased (low variance); k3 = q/p − 1 + ln(p/q) is unbiased and never negative.\n",
        100.0 * run.k1_negative_fraction
    ));
    if run.kl_estimate.is_infinite() {
        out.push_str("\n  ∞: a sample was an outcome that Q gives probability 0.\n");
    }
    out
}

/// The object printed by `klscope sample --json`: n, the estimates and their standard
/// errors (`kl_estimate` is k1), the share of negative k1 samples, and the unit.
pub fn sample_json(run: &SampleRun, unit: Unit) -> String {
    let value = |nats: f64| json_number(unit.from_nats(nats));
    json!({
        "n": run.n,
        "kl_estimate": value(run.kl_estimate),
        "kl_stderr": value(run.kl_stderr),
        "cross_entropy_estimate": value(run.cross_entropy_estimate),
        "cross_entropy_stderr": value(run.cross_entropy_stderr),
        "k1_estimate": value(run.kl_estimate),
        "k1_stderr": value(run.kl_stderr),
        "k2_estimate": value(run.k2_estimate),
        "k2_stderr": value(run.k2_stderr),
        "k3_estimate": value(run.k3_estimate),
        "k3_stderr": value(run.k3_stderr),
        "k1_negative_fraction": run.k1_negative_fraction,
        "unit": unit.name(),
    })
    .to_string()
}
