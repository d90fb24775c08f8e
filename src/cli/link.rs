//! `klscope link`: the share link that opens a scenario in the browser (or in klscope).

use super::CliError;
use super::args::BaseUrl;
use crate::info::ZeroRule;
use crate::scenario::{self, link};
use clap::Args;

#[derive(Args)]
pub struct LinkArgs {
    /// A built-in scenario id (see `klscope presets`), a scenario file, or a link.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: String,
    /// The address of the klscope page the link opens.
    #[arg(long, value_name = "URL", default_value = link::DEFAULT_BASE)]
    base: BaseUrl,
}

pub fn run(args: &LinkArgs) -> Result<String, CliError> {
    // A link given here keeps its zero rule; a scenario file has none.
    let (scenario, rule) = if link::is_link(&args.preset) {
        let shared = link::decode(&args.preset).map_err(scenario::ScenarioError::from)?;
        (shared.scenario, shared.zero_rule)
    } else {
        (scenario::resolve(&args.preset)?, ZeroRule::Exact)
    };
    let text = link::encode(&scenario, rule, &args.base.0).map_err(scenario::ScenarioError::from)?;
    Ok(text + "\n")
}
