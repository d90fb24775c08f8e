//! `klscope presets`: the built-in scenarios, as a list or JSON.

use crate::scenario::{self, Scenario};
use clap::Args;
use serde_json::{Value, json};

#[derive(Args)]
pub struct PresetsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &PresetsArgs) -> String {
    let scenarios = scenario::builtin();
    if args.json { presets_json(scenarios) + "\n" } else { presets_text(scenarios) }
}

/// The list printed by `klscope presets`.
pub fn presets_text(scenarios: &[Scenario]) -> String {
    let width = scenarios.iter().map(|s| s.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for s in scenarios {
        out.push_str(&format!("{:<width$}  {:>2} outcomes  {}\n", s.id, s.labels.len(), s.title));
    }
    out
}

/// The array printed by `klscope presets --json`.
pub fn presets_json(scenarios: &[Scenario]) -> String {
    let list: Vec<Value> = scenarios
        .iter()
        .map(|s| json!({ "id": s.id, "title": s.title, "outcomes": s.labels.len(), "unit": s.unit.name() }))
        .collect();
    Value::Array(list).to_string()
}
