//! The `klscope` command: opens the app, or runs a command-line subcommand.

use clap::{ArgGroup, Args, Parser, Subcommand};
use klscope::cli::{self, CliError, Pair};
use klscope::info::{Report, Unit};
use klscope::scenario;
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "klscope", version, about = "See and touch entropy, cross-entropy, KL and Jensen–Shannon divergence.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print every measure of P against Q, and the per-outcome terms.
    Compute(ComputeArgs),
    /// List the built-in scenarios.
    Presets {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
#[command(group(ArgGroup::new("input").required(true).args(["p", "preset"])))]
struct ComputeArgs {
    /// P, the truth: comma-separated probabilities, e.g. 0.9,0.1 or 1/3,2/3.
    #[arg(long, value_name = "LIST", requires = "q", allow_hyphen_values = true)]
    p: Option<String>,
    /// Q, the model: comma-separated probabilities.
    #[arg(long, value_name = "LIST", requires = "p", allow_hyphen_values = true)]
    q: Option<String>,
    /// Outcome names, comma-separated (default x1, x2, …).
    #[arg(long, value_name = "LIST", requires = "p")]
    labels: Option<String>,
    /// Rescale each list to sum to 1 (so counts such as 9,1 work).
    #[arg(long, requires = "p")]
    normalize: bool,
    /// A built-in scenario id (see `klscope presets`) or a scenario file.
    #[arg(long, value_name = "ID|FILE.ron", conflicts_with_all = ["p", "q", "labels", "normalize"])]
    preset: Option<String>,
    /// bits, nats or bans (default: the scenario's unit, else bits).
    #[arg(long, value_parser = parse_unit)]
    unit: Option<Unit>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

fn parse_unit(text: &str) -> Result<Unit, String> {
    text.parse::<Unit>().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => return open_app(),
        Some(Command::Compute(args)) => compute(&args),
        Some(Command::Presets { json }) => Ok(presets(json)),
    };
    match result {
        Ok(text) => {
            // A closed pipe (`klscope compute … | head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("klscope: {error}");
            ExitCode::from(2)
        }
    }
}

fn compute(args: &ComputeArgs) -> Result<String, CliError> {
    let (pair, scenario_unit) = match (&args.preset, &args.p, &args.q) {
        (Some(preset), _, _) => {
            let scenario = scenario::resolve(preset)?;
            (Pair::from_scenario(&scenario), scenario.unit)
        }
        (None, Some(p), Some(q)) => (Pair::from_lists(p, q, args.labels.as_deref(), args.normalize)?, Unit::Bits),
        _ => return Err(CliError::MissingInput),
    };
    let unit = args.unit.unwrap_or(scenario_unit);
    let report = Report::compute(&pair.p, &pair.q);
    Ok(if args.json { cli::report_json(&pair, &report, unit) + "\n" } else { cli::report_text(&pair, &report, unit) })
}

fn presets(json: bool) -> String {
    let scenarios = scenario::builtin();
    if json { cli::presets_json(&scenarios) + "\n" } else { cli::presets_text(&scenarios) }
}

fn open_app() -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("klscope")
            .with_app_id("klscope")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 560.0]),
        ..Default::default()
    };
    let create = Box::new(|cc: &eframe::CreationContext<'_>| {
        klscope::app::theme::apply_text_sizes(&cc.egui_ctx);
        Ok(Box::new(klscope::app::KlApp::new(cc)) as Box<dyn eframe::App>)
    });
    match eframe::run_native("klscope", options, create) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("klscope: cannot open the window: {error}");
            ExitCode::from(1)
        }
    }
}
