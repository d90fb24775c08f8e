//! The command line: clap's types, and dispatch to a subcommand or to the window. Each
//! subcommand's arguments and output live in its own file; `args` holds the typed values.

mod args;
mod classroom;
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

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};
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
    /// Run a lesson with the whole class: serve the browser build and rooms where every
    /// student answers, until Ctrl+C.
    Classroom(classroom::ClassroomArgs),
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
        Some(Command::Classroom(args)) => classroom::run(&args),
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

/// Prints the output, or the error as "klscope: …", and gives the exit code. Output that
/// cannot be written (`> /dev/full`, a full disk) is an error too; a closed pipe
/// (`klscope compute … | head`) is not.
fn finish(result: Result<String, CliError>) -> ExitCode {
    let result = result.and_then(|text| write_output(&mut std::io::stdout().lock(), &text));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Whatever a message quotes, the line reaches the terminal with its control
            // characters written out. A stderr that cannot be written to (2> /dev/full)
            // leaves the exit code to say it.
            let _ = writeln!(std::io::stderr(), "klscope: {}", crate::text::escape(&error.to_string()));
            ExitCode::from(error.exit_code())
        }
    }
}

/// Writes and flushes `text`; a reader that went away is fine, any other failure is not.
fn write_output(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Output(error)),
        _ => Ok(()),
    }
}
