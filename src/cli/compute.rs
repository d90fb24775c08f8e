//! `klscope compute`: every measure of P against Q (the whole f-divergence family, Rényi's
//! divergence at `--alpha`, W₁ at the scenario's positions) and the per-outcome terms, as
//! an aligned table or JSON.

use super::CliError;
use super::args::OutputArgs;
use super::args::{Alpha, DensitySpec, Labels, PLogits, PValues, QLogits, QValues, Temperature};
use super::model_input::{self, Side};
use crate::export::json;
use crate::info::family::{FamilyMember, FamilyReport, alpha_text, renyi_d};
use crate::info::measures::outcome_terms;
use crate::info::softmax::softmax;
use crate::info::{Measure, Report, Unit};
use crate::scenario::{self, AnyScenario, Scenario};
use crate::text::{fixed6, quote_to, short_number};
use clap::{ArgGroup, Args};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(group(ArgGroup::new("input").required(true).args(["p", "p_logits", "p_file", "preset", "p_density"])))]
#[command(group(ArgGroup::new("p_side").args(["p", "p_logits", "p_file"]).requires("q_side")))]
#[command(group(ArgGroup::new("q_side").args(["q", "q_logits", "q_file"]).requires("p_side")))]
#[command(group(ArgGroup::new("files").args(["p_file", "q_file"]).multiple(true)))]
pub struct ComputeArgs {
    /// P, the truth: comma-separated probabilities, e.g. 0.9,0.1 or 1/3,2/3.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    p: Option<PValues>,
    /// Q, the model: comma-separated probabilities.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true, conflicts_with = "q_logits")]
    q: Option<QValues>,
    /// P as logits z instead: P = softmax(z / T), e.g. 2,1,0.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    p_logits: Option<PLogits>,
    /// The temperature T of --p-logits (default 1).
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    p_temperature: Option<Temperature>,
    /// Q as logits instead: Q = softmax(z / T).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    q_logits: Option<QLogits>,
    /// The temperature T of --q-logits (default 1).
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    q_temperature: Option<Temperature>,
    /// P from a file a model wrote: .npy (float32 or float64) or CSV (one number per
    /// line, or one row).
    #[arg(long, value_name = "FILE")]
    p_file: Option<PathBuf>,
    /// Q from a file a model wrote: .npy or CSV.
    #[arg(long, value_name = "FILE")]
    q_file: Option<PathBuf>,
    /// Read --p-file and --q-file as logits z: softmax(z / T), T from --p-temperature and
    /// --q-temperature (default 1).
    #[arg(long, requires = "files")]
    logits: bool,
    /// Outcome names from a file, one token per line (default with files: 0, 1, …).
    #[arg(long, value_name = "FILE", requires = "p_side", conflicts_with = "labels")]
    vocab: Option<PathBuf>,
    /// Outcome names, comma-separated (default x1, x2, …).
    #[arg(long, value_name = "LIST", requires = "p_side")]
    labels: Option<Labels>,
    /// Rescale each list of probabilities to sum to 1 (so counts such as 9,1 work).
    #[arg(long, requires = "p_side")]
    normalize: bool,
    /// A built-in scenario id (see `klscope presets`), a scenario file (discrete or
    /// densities) or a share link.
    #[arg(long, value_name = "ID|FILE.ron", conflicts_with_all = ["p", "q", "p_logits", "q_logits", "p_file", "q_file", "logits", "vocab", "labels", "normalize", "p_density", "q_density"])]
    preset: Option<String>,
    /// P as a density: normal(mean, sd), laplace(centre, scale), uniform(low, high), or a
    /// mixture of up to 4 such as 0.3*normal(-2,0.5)+0.7*laplace(1,2) (weights sum to 1).
    #[arg(long, value_name = "SPEC", allow_hyphen_values = true, requires = "q_density", conflicts_with_all = ["p", "q", "p_logits", "q_logits", "p_file", "q_file", "logits", "vocab", "labels", "normalize"])]
    p_density: Option<DensitySpec>,
    /// Q as a density, written as for --p-density.
    #[arg(long, value_name = "SPEC", allow_hyphen_values = true, requires = "p_density")]
    q_density: Option<DensitySpec>,
    /// The order α of Rényi's divergence D_α(P||Q): a number from 0 to inf (default 2,
    /// where D_2 = ln(1 + χ²)); 1 gives KL, 0.5 twice the Bhattacharyya distance.
    #[arg(long, value_name = "A", default_value = "2", allow_hyphen_values = true)]
    alpha: Alpha,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: &ComputeArgs) -> Result<String, CliError> {
    if let (Some(DensitySpec(p)), Some(DensitySpec(q))) = (&args.p_density, &args.q_density) {
        return Ok(super::densities::output(p, q, args.output.unit.unwrap_or_default(), args.output.json));
    }
    let (pair, scenario_unit) = match &args.preset {
        Some(preset) => match scenario::resolve_any(preset)? {
            AnyScenario::Discrete(scenario) => (Pair::from_scenario(&scenario), scenario.unit),
            AnyScenario::Densities(densities) => {
                let unit = args.output.unit.unwrap_or(densities.unit);
                return Ok(super::densities::output(&densities.p, &densities.q, unit, args.output.json));
            }
        },
        None => {
            // A temperature belongs to logits: alone it would be silently ignored.
            for (temperature, logits, flag) in [
                (args.p_temperature, args.p_logits.is_some() || (args.p_file.is_some() && args.logits), "p"),
                (args.q_temperature, args.q_logits.is_some() || (args.q_file.is_some() && args.logits), "q"),
            ] {
                if temperature.is_some() && !logits {
                    return Err(CliError::TemperatureWithoutLogits(flag));
                }
            }
            let p = side(
                args.p.as_ref().map(|p| &p.0[..]),
                args.p_logits.as_ref().map(|z| (&z.0[..], args.p_temperature)),
                args.p_file.as_deref().map(|file| (file, args.logits.then_some(args.p_temperature))),
                "p-logits",
                args.normalize,
            )?;
            let q = side(
                args.q.as_ref().map(|q| &q.0[..]),
                args.q_logits.as_ref().map(|z| (&z.0[..], args.q_temperature)),
                args.q_file.as_deref().map(|file| (file, args.logits.then_some(args.q_temperature))),
                "q-logits",
                args.normalize,
            )?;
            let labels = args.labels.as_ref().map(|Labels(labels)| labels.clone());
            let checked = model_input::check(p, q, labels, args.vocab.as_deref(), args.normalize)?;
            (Pair { labels: checked.labels, p: checked.p, q: checked.q, positions: None }, Unit::Bits)
        }
    };
    let unit = args.output.unit.unwrap_or(scenario_unit);
    let family = FamilyReport::compute(&pair.p, &pair.q, args.alpha.0, pair.positions.as_deref());
    Ok(if args.output.json { family_json(&pair, &family, unit) + "\n" } else { family_text(&pair, &family, unit) })
}

/// One side's values: its probabilities as typed, softmax(z / T) of its logits, or a
/// model's output file (with `--logits`: its temperature).
fn side(
    probabilities: Option<&[f64]>,
    logits: Option<(&[f64], Option<Temperature>)>,
    file: Option<(&Path, Option<Option<Temperature>>)>,
    field: &'static str,
    rescale: bool,
) -> Result<Side, CliError> {
    match (probabilities, logits, file) {
        (Some(values), _, _) => Ok(Side::Typed(values.to_vec())),
        (None, Some((z, temperature)), _) => {
            let t = temperature.map_or(1.0, |Temperature(t)| t);
            softmax(z, t).map(Side::Typed).map_err(|source| CliError::Logits { field, source })
        }
        (None, None, Some((path, logits))) => Side::from_file(path, logits, rescale),
        (None, None, None) => Err(CliError::MissingInput),
    }
}

/// Labels, P and Q ready to measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub labels: Vec<String>,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    /// The outcomes' positions for W₁, if the scenario gives them (else 0, 1, 2, …).
    pub positions: Option<Vec<f64>>,
}

impl Pair {
    pub fn from_scenario(scenario: &Scenario) -> Pair {
        Pair {
            labels: scenario.labels.clone(),
            p: scenario.p.clone(),
            q: scenario.q.clone(),
            positions: scenario.positions.as_deref().map(<[f64]>::to_vec),
        }
    }
}

/// [`report_text`] with Rényi's divergence and W₁ after the other measures.
pub fn family_text(pair: &Pair, family: &FamilyReport, unit: Unit) -> String {
    let mut out = report_text(pair, &family.report, unit);
    let extra: String = [FamilyMember::Renyi, FamilyMember::Wasserstein1]
        .into_iter()
        .map(|member| {
            let unit_label = if member.has_unit() { unit.name() } else { "" };
            let value = fixed6(member.value(family, unit));
            let mut line =
                format!("  {:<10} {:<27} {:>12} {:<6}", member.symbol(family.alpha), member.name(), value, unit_label);
            if let Some(cause) = member.infinite_because(family) {
                let label = pair.labels.get(cause.outcome).map(String::as_str).unwrap_or("?");
                let value = pair.p.get(cause.outcome).copied().unwrap_or(f64::NAN);
                line.push_str(&format!("  Q gives '{label}' probability 0, but P gives it {}", short_number(value)));
            }
            line.truncate(line.trim_end().len());
            line + "\n"
        })
        .collect();
    // After the measures table, before its footnote.
    let at = out.find("\n\n  (√JS").map_or(out.len(), |i| i + 1);
    out.insert_str(at, &extra);
    let where_from = match &pair.positions {
        Some(_) => "at the scenario's positions",
        None => "with the outcomes at 0, 1, 2, … in order",
    };
    let note = format!(
        "  ({} is Rényi's divergence at α = {}, set with --alpha; W₁ is taken {where_from}.)\n",
        renyi_d(family.alpha),
        alpha_text(family.alpha)
    );
    let at = out.find("no unit.)\n").map_or(out.len(), |i| i + "no unit.)\n".len());
    out.insert_str(at, &note);
    out
}

/// The object printed by `klscope compute --json`: the report's keys and the family's.
pub fn family_json(pair: &Pair, family: &FamilyReport, unit: Unit) -> String {
    let mut object = json::report_object(&pair.labels, &pair.p, &pair.q, &family.report, unit);
    json::insert_family(&mut object, family, pair.positions.as_deref(), unit);
    Value::Object(object).to_string()
}

/// The aligned table printed by `klscope compute`.
pub fn report_text(pair: &Pair, report: &Report, unit: Unit) -> String {
    let mut out = format!("P vs Q over {} outcomes, in {}\n\n", pair.labels.len(), unit.name());
    for measure in Measure::ALL {
        let value = fixed6(measure.value(report, unit));
        let unit_label = measure.unit_label(unit);
        out.push_str(&format!("  {:<10} {:<27} {:>12} {:<6}", measure.symbol(), measure.name(), value, unit_label));
        if let Some(cause) = measure.infinite_because(report) {
            out.push_str(&format!("  {}", cause.explain(&pair.labels, &pair.p, &pair.q)));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out.push_str(&format!(
        "\n  (√JS is the square root of JS in {}; TV, Hel, Hel² and the χ² have no unit.)\n\n",
        unit.name()
    ));
    out.push_str(&outcome_table(pair, unit));
    out
}

/// Per-outcome terms, one row each; long lists are cut to the first and last rows.
fn outcome_table(pair: &Pair, unit: Unit) -> String {
    let log = unit.log_name();
    let width = pair.labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).clamp(7, 24);
    let mut out = format!(
        "  {:<width$} {:>10} {:>10} {:>14} {:>14} {:>10} {:>10}\n",
        "outcome",
        "p",
        "q",
        format!("p·{log}(p/q)"),
        format!("q·{log}(q/p)"),
        format!("−{log} p"),
        format!("−{log} q"),
    );
    let n = pair.labels.len();
    let shown: Vec<usize> = if n <= 40 { (0..n).collect() } else { (0..20).chain(n - 20..n).collect() };
    for (row, &i) in shown.iter().enumerate() {
        if n > 40 && row == 20 {
            out.push_str(&format!("  … {} more outcomes …\n", n - 40));
        }
        let term = |nats: f64| fixed6(unit.from_nats(nats));
        let terms = outcome_terms(pair.p[i], pair.q[i]);
        out.push_str(&format!(
            "  {:<width$} {:>10} {:>10} {:>14} {:>14} {:>10} {:>10}\n",
            quote_to(&pair.labels[i], 23),
            short_number(pair.p[i]),
            short_number(pair.q[i]),
            term(terms.pq),
            term(terms.qp),
            term(terms.surprise_p),
            term(terms.surprise_q),
        ));
    }
    out
}
