//! The `klscope` command: parse the arguments, then run a subcommand or open the app.

use clap::Parser;
use klscope::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(args) => cli::run(args),
        Err(error) => cli::parse_failed(&error),
    }
}
