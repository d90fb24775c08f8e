//! The `klscope` command: opens the app, or runs a command-line subcommand.

use clap::{ArgGroup, Args, Parser, Subcommand};
use klscope::app::platform::native::launch::{self, Launch};
use klscope::app::state::ThemeChoice;
use klscope::cli::{self, CliError, Pair};
use klscope::cli_views;
use klscope::info::{Report, Unit};
use klscope::info::{fit, sampling};
use klscope::scenario;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "klscope",
    version,
    about = "See and touch entropy, cross-entropy, KL and Jensen–Shannon divergence.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    window: WindowArgs,
}

/// Options for the window, or for a picture of it made without one.
#[derive(Args)]
struct WindowArgs {
    /// Open on this built-in scenario (see `klscope presets`) or scenario file.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: Option<String>,
    /// Write a PNG of the app showing the scenario, then exit (no window is opened).
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// Logical size of the picture, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size, requires = "screenshot")]
    size: Option<(u32, u32)>,
    /// Pixels per logical point, e.g. 2 for slides (0.5 to 4).
    #[arg(long, value_parser = parse_scale, requires = "screenshot")]
    scale: Option<f32>,
    /// dark or light.
    #[arg(long, value_parser = parse_theme)]
    theme: Option<ThemeChoice>,
    /// bits, nats or bans (default: the scenario's unit).
    #[arg(long, value_parser = parse_unit)]
    unit: Option<Unit>,
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
    /// Fit a Gaussian bump Q(μ, σ) to P by minimising forward or reverse KL.
    Fit(FitArgs),
    /// Estimate KL(P||Q) and H(P,Q) from random samples of P.
    Sample(SampleArgs),
}

/// Numbers and names are taken as text and checked by klscope, so that every mistake gets
/// the same one-line message as a bad `--p`.
#[derive(Args)]
struct FitArgs {
    /// A built-in scenario id (see `klscope presets`) or a scenario file.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: String,
    /// forward (minimise KL(P||Q): Q covers P) or reverse (minimise KL(Q||P): Q picks a mode).
    #[arg(long, value_name = "forward|reverse")]
    direction: String,
    /// How many start points to descend from, 1 to 1000; the lowest result wins.
    #[arg(long, value_name = "N", default_value = "8", allow_hyphen_values = true)]
    starts: String,
    /// Seed for the random start points.
    #[arg(long, value_name = "S", default_value = "1", allow_hyphen_values = true)]
    seed: String,
    #[command(flatten)]
    output: OutputArgs,
}

/// How a command prints: the unit and text or JSON.
#[derive(Args)]
struct OutputArgs {
    /// bits, nats or bans (default: the scenario's unit, else bits).
    #[arg(long, value_parser = parse_unit)]
    unit: Option<Unit>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct SampleArgs {
    /// A built-in scenario id (see `klscope presets`) or a scenario file.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: String,
    /// How many samples to draw from P, 1 to 1000000.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    n: String,
    /// Seed for the samples: the same seed gives the same numbers.
    #[arg(long, value_name = "S", default_value = "1", allow_hyphen_values = true)]
    seed: String,
    #[command(flatten)]
    output: OutputArgs,
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
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_unit(text: &str) -> Result<Unit, String> {
    text.parse::<Unit>().map_err(|e| e.to_string())
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("'{text}' is not a size: write WIDTHxHEIGHT, e.g. 1280x800");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let (w, h): (u32, u32) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("{w}x{h} is outside 320x240 to 8192x8192"));
    }
    Ok((w, h))
}

fn parse_scale(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(s) if (0.5..=4.0).contains(&s) => Ok(s),
        _ => Err(format!("'{text}' is not a scale between 0.5 and 4")),
    }
}

fn parse_theme(text: &str) -> Result<ThemeChoice, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "dark" => Ok(ThemeChoice::Dark),
        "light" => Ok(ThemeChoice::Light),
        _ => Err(format!("unknown theme '{text}': use dark or light")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => return window(&cli.window),
        Some(Command::Compute(args)) => compute(&args),
        Some(Command::Presets { json }) => Ok(presets(json)),
        Some(Command::Fit(args)) => fit_command(&args),
        Some(Command::Sample(args)) => sample_command(&args),
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
    let unit = args.output.unit.unwrap_or(scenario_unit);
    let report = Report::compute(&pair.p, &pair.q);
    Ok(if args.output.json {
        cli::report_json(&pair, &report, unit) + "\n"
    } else {
        cli::report_text(&pair, &report, unit)
    })
}

/// Checks every argument before the (possibly long) work starts.
fn fit_command(args: &FitArgs) -> Result<String, CliError> {
    let direction = cli_views::parse_direction(&args.direction)?;
    let starts = cli_views::parse_starts(&args.starts)?;
    let seed = cli_views::parse_seed(&args.seed)?;
    let scenario = scenario::resolve(&args.preset)?;
    let unit = args.output.unit.unwrap_or(scenario.unit);
    let result = fit::fit(&scenario.p, direction, starts, seed);
    Ok(if args.output.json {
        cli_views::fit_json(&result, direction, unit) + "\n"
    } else {
        cli_views::fit_text(&scenario, &result, direction, starts, seed, unit)
    })
}

fn sample_command(args: &SampleArgs) -> Result<String, CliError> {
    let n = cli_views::parse_samples(&args.n)?;
    let seed = cli_views::parse_seed(&args.seed)?;
    let scenario = scenario::resolve(&args.preset)?;
    let unit = args.output.unit.unwrap_or(scenario.unit);
    let run = sampling::sample(&scenario.p, &scenario.q, n, seed);
    Ok(if args.output.json {
        cli_views::sample_json(&run, unit) + "\n"
    } else {
        cli_views::sample_text(&scenario, &run, seed, unit)
    })
}

fn presets(json: bool) -> String {
    let scenarios = scenario::builtin();
    if json { cli::presets_json(scenarios) + "\n" } else { cli::presets_text(scenarios) }
}

/// Opens the app, or with `--screenshot` draws it off screen into a PNG. Every argument
/// is checked before anything opens.
fn window(args: &WindowArgs) -> ExitCode {
    let overrides = match launch_from(args) {
        Ok(overrides) => overrides,
        Err(message) => {
            eprintln!("klscope: {message}");
            return ExitCode::from(2);
        }
    };
    match &args.screenshot {
        Some(out) => screenshot(overrides, args, out),
        None => open_app(overrides),
    }
}

/// What the arguments ask to change about the starting state, checked before anything
/// opens.
fn launch_from(args: &WindowArgs) -> Result<Launch, String> {
    let scenario = match &args.preset {
        Some(preset) => {
            let scenario = scenario::resolve(preset).map_err(|e| e.to_string())?;
            // Ctrl+S writes back to a scenario that came from a file.
            let file = std::path::Path::new(preset).is_file().then(|| PathBuf::from(preset));
            Some((scenario, file))
        }
        None => None,
    };
    Ok(Launch { scenario, theme: args.theme, unit: args.unit })
}

fn screenshot(launch: Launch, args: &WindowArgs, out: &std::path::Path) -> ExitCode {
    let size = args.size.unwrap_or((1280, 800));
    match launch::screenshot(launch, out, size, args.scale.unwrap_or(1.0)) {
        Ok((w, h)) => {
            println!("wrote {} ({w}×{h} pixels)", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("klscope: {e}");
            ExitCode::from(1)
        }
    }
}

fn open_app(launch: Launch) -> ExitCode {
    match launch::open_window(launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("klscope: {error}");
            ExitCode::from(1)
        }
    }
}
