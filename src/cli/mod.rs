//! The command line: clap's types, and dispatch to a subcommand or to the window. Each
//! subcommand's arguments and output live in its own file; `args` holds the typed values.

mod args;
mod compute;
mod densities;
mod error;
mod fit;
mod lesson;
mod link;
mod model_input;
mod presets;
mod sample;
mod window;

pub use error::CliError;

use crate::info::Unit;
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "klscope",
    version,
    about = "See and touch entropy, cross-entropy, KL and Jensen–Shannon divergence.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    window: window::WindowArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Print every measure of P against Q, and the per-outcome terms.
    Compute(Box<compute::ComputeArgs>),
    /// List the built-in scenarios.
    Presets(presets::PresetsArgs),
    /// Fit a Gaussian bump Q(μ, σ) to P by minimising forward or reverse KL.
    Fit(fit::FitArgs),
    /// Estimate KL(P||Q) and H(P,Q) from random samples of P.
    Sample(sample::SampleArgs),
    /// Print the share link that opens a scenario in the browser.
    Link(link::LinkArgs),
    /// List the built-in lessons, or check a lesson file.
    #[command(subcommand_required = true, arg_required_else_help = false)]
    Lesson(lesson::LessonArgs),
}

/// How a command prints: the unit and text or JSON.
#[derive(Args)]
struct OutputArgs {
    /// bits, nats or bans (default: the scenario's unit, else bits).
    #[arg(long)]
    unit: Option<Unit>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs what the arguments ask for: a subcommand, or the window.
pub fn run(cli: Cli) -> ExitCode {
    finish(match cli.command {
        None => window::run(&cli.window),
        Some(Command::Compute(args)) => compute::run(&args),
        Some(Command::Presets(args)) => Ok(presets::run(&args)),
        Some(Command::Fit(args)) => fit::run(&args),
        Some(Command::Sample(args)) => sample::run(&args),
        Some(Command::Link(args)) => link::run(&args),
        Some(Command::Lesson(args)) => lesson::run(&args),
    })
}

/// For `Cli::try_parse`'s error: help and version as clap prints them, any mistake as the
/// same one line as klscope's own errors.
pub fn parse_failed(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // A closed pipe (`klscope --help | head`) is not an error worth reporting.
            let _ = error.print();
            ExitCode::SUCCESS
        }
        _ => finish(Err(CliError::from_clap(error))),
    }
}

/// Prints the output, or the error as "klscope: …", and gives the exit code.
fn finish(result: Result<String, CliError>) -> ExitCode {
    match result {
        Ok(text) => {
            // A closed pipe (`klscope compute … | head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("klscope: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
