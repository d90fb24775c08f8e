//! The window, or a picture of it drawn without one (`--screenshot`): the options, checked
//! before anything is drawn or opened.

use super::CliError;
use super::args::{PngPath, Scale, Size, Theme};
use crate::app::platform::native::launch::{self, Launch};
use crate::info::Unit;
use crate::scenario::{self, link};
use clap::Args;
use std::path::{Path, PathBuf};

/// Options for the window, or for a picture of it made without one.
#[derive(Args)]
pub struct WindowArgs {
    /// Open on this built-in scenario (see `klscope presets`), scenario file or share link.
    #[arg(long, value_name = "ID|FILE.ron")]
    preset: Option<String>,
    /// Write a PNG of the app showing the scenario, then exit (no window is opened).
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PngPath>,
    /// Logical size of the picture, e.g. 1280x800.
    #[arg(long, value_name = "WxH", requires = "screenshot")]
    size: Option<Size>,
    /// Pixels per logical point, e.g. 2 for slides (0.5 to 4).
    #[arg(long, requires = "screenshot")]
    scale: Option<Scale>,
    /// dark or light.
    #[arg(long)]
    theme: Option<Theme>,
    /// bits, nats or bans (default: the scenario's unit).
    #[arg(long)]
    unit: Option<Unit>,
}

/// Opens the app, or with `--screenshot` draws it off screen into a PNG and says where.
pub fn run(args: &WindowArgs) -> Result<String, CliError> {
    let launch = launch_from(args)?;
    match &args.screenshot {
        Some(PngPath(out)) => screenshot(launch, args, out),
        None => launch::open_window(launch).map(|()| String::new()).map_err(CliError::Window),
    }
}

/// What the arguments ask to change about the starting state, checked before anything
/// opens. Applied on top of the stored session, which is otherwise kept.
fn launch_from(args: &WindowArgs) -> Result<Launch, CliError> {
    let (scenario, zero_rule) = match &args.preset {
        // A share link brings its zero rule along.
        Some(preset) if link::is_link(preset) => {
            let shared = link::decode(preset).map_err(scenario::ScenarioError::from)?;
            (Some((shared.scenario, None)), Some(shared.zero_rule))
        }
        Some(preset) => {
            let scenario = scenario::resolve(preset)?;
            // Ctrl+S writes back to a scenario that came from a file.
            let file = Path::new(preset).is_file().then(|| PathBuf::from(preset));
            (Some((scenario, file)), None)
        }
        None => (None, None),
    };
    Ok(Launch { scenario, zero_rule, theme: args.theme.map(|Theme(theme)| theme), unit: args.unit })
}

/// A missing folder is a typo in the arguments: say so before drawing, not after.
fn check_folder(out: &Path) -> Result<(), CliError> {
    match out.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
            Err(CliError::NoFolder { file: out.to_path_buf(), folder: folder.to_path_buf() })
        }
        _ => Ok(()),
    }
}

fn screenshot(launch: Launch, args: &WindowArgs, out: &Path) -> Result<String, CliError> {
    check_folder(out)?;
    let Size { width, height } = args.size.unwrap_or(Size { width: 1280, height: 800 });
    let scale = args.scale.map_or(1.0, |Scale(scale)| scale);
    let (w, h) = launch::screenshot(launch, out, (width, height), scale).map_err(CliError::Screenshot)?;
    Ok(format!("wrote {} ({w}×{h} pixels)\n", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::ZeroRule;
    use clap::Parser;

    #[derive(Parser)]
    struct Window {
        #[command(flatten)]
        window: WindowArgs,
    }

    #[test]
    fn a_link_opens_its_scenario_with_its_zero_rule() {
        let mismatch = scenario::find_builtin("support-mismatch").unwrap_or_else(|e| panic!("{e}"));
        let rule = ZeroRule::FloorQ { epsilon: 1e-4 };
        let text = link::encode(&mismatch, rule, link::DEFAULT_BASE).unwrap_or_else(|e| panic!("{e}"));
        let args = Window::try_parse_from(["klscope", "--preset", &text]).unwrap_or_else(|e| panic!("{e}"));
        let launch = launch_from(&args.window).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(launch.zero_rule, Some(rule));
        assert_eq!(launch.scenario.map(|(s, file)| (s.id, file)), Some(("support-mismatch".to_string(), None)));
    }
}
