//! The window, or a picture of it drawn without one (`--screenshot`): the options, checked
//! before anything is drawn or opened.

use super::CliError;
use super::args::{PngPath, Scale, Size, Step, Theme, ViewId, Whole};
use super::model_input::{self, Side};
use crate::app::platform::native::launch::{self, Launch};
use crate::export::picture_size::picture_pixels;
use crate::info::Unit;
use crate::lesson::{self, Lesson};
use crate::scenario::{self, link};
use clap::Args;
use std::path::{Path, PathBuf};

/// Options for the window, or for a picture of it made without one.
#[derive(Args)]
pub struct WindowArgs {
    /// Open on this built-in scenario (see `klscope presets`), scenario file or share link.
    #[arg(long, value_name = "ID|FILE.ron", conflicts_with_all = ["p_file", "q_file", "lesson"])]
    preset: Option<String>,
    /// Walk through this built-in lesson (see `klscope lesson list`) or lesson file.
    #[arg(long, value_name = "ID|FILE.ron", conflicts_with_all = ["p_file", "q_file"])]
    lesson: Option<String>,
    /// Start the lesson at this step (1 is the first).
    #[arg(long, value_name = "N", requires = "lesson")]
    step: Option<Step>,
    /// Start in presentation mode: large type, the bars, one view and the key measures.
    #[arg(long)]
    present: bool,
    /// Show this view under the editors: plots, table, coding, fit, sampling, libraries,
    /// temperature, distillation, simplex or divergences.
    #[arg(long, value_name = "ID")]
    view: Option<ViewId>,
    /// Open on P from a model's output file (.npy or CSV); needs --q-file.
    #[arg(long, value_name = "FILE", requires = "q_file")]
    p_file: Option<PathBuf>,
    /// Q from a model's output file (.npy or CSV); needs --p-file.
    #[arg(long, value_name = "FILE", requires = "p_file")]
    q_file: Option<PathBuf>,
    /// Read --p-file and --q-file as logits: softmax(z).
    #[arg(long, requires = "p_file")]
    logits: bool,
    /// Rescale --p-file and --q-file to sum to 1 (counts, weights, or float32 probabilities
    /// further off 1 than their rounding).
    #[arg(long, requires = "p_file", conflicts_with = "logits")]
    normalize: bool,
    /// Outcome names for --p-file and --q-file, one token per line (default 0, 1, …).
    #[arg(long, value_name = "FILE", requires = "p_file")]
    vocab: Option<PathBuf>,
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
    // The picture's size is an argument like any other: refused before anything is read.
    if args.screenshot.is_some() {
        let Size { width, height } = args.size.unwrap_or(DEFAULT_SIZE);
        picture_pixels(width, height, args.scale.map_or(1.0, |Scale(scale)| scale))?;
    }
    let launch = launch_from(args)?;
    match &args.screenshot {
        Some(PngPath(out)) => screenshot(launch, args, out),
        None => launch::open_window(launch)
            .map(|()| String::new())
            .map_err(|e| CliError::Window(window_error(&e.to_string()))),
    }
}

/// The window's size when a screenshot names none.
const DEFAULT_SIZE: Size = Size { width: 1280, height: 800 };

/// The launcher's message in one plain clause: without its own "cannot open the window: "
/// (CliError says that once) and without the source-file locations winit puts in its
/// errors ("os error at /root/.cargo/registry/…/x11/mod.rs:123: …").
fn window_error(message: &str) -> String {
    let mut text = message;
    while let Some(rest) = text.strip_prefix("cannot open the window: ") {
        text = rest;
    }
    let mut out = String::with_capacity(text.len());
    for (index, part) in text.split(": ").enumerate() {
        let located = part.split_whitespace().any(|word| {
            let word = word.trim_end_matches(':');
            word.contains(".rs:") || word.contains("/.cargo/") || word.contains("/rustc/")
        });
        if located {
            // "os error at /x/y.rs:12" → "os error".
            let kept = part.split(" at ").next().unwrap_or_default().trim();
            if kept.is_empty() || kept.contains(".rs:") {
                continue;
            }
            push_clause(&mut out, index, kept);
        } else {
            push_clause(&mut out, index, part);
        }
    }
    if out.is_empty() { "no display to open it on".to_string() } else { out }
}

fn push_clause(out: &mut String, index: usize, part: &str) {
    if index > 0 && !out.is_empty() {
        out.push_str(": ");
    }
    out.push_str(part);
}

/// What the arguments ask to change about the starting state, checked before anything
/// opens. Applied on top of the stored session, which is otherwise kept.
fn launch_from(args: &WindowArgs) -> Result<Launch, CliError> {
    let mut densities = None;
    let (scenario, zero_rule) = match &args.preset {
        // A share link brings its zero rule along.
        Some(preset) if link::is_link(preset) => {
            let shared = link::decode(preset).map_err(scenario::ScenarioError::from)?;
            (Some((shared.scenario, None)), Some(shared.zero_rule))
        }
        Some(preset) => match scenario::resolve_any(preset)? {
            scenario::AnyScenario::Discrete(scenario) => {
                // Ctrl+S writes back to a scenario that came from a file.
                let file = Path::new(preset).is_file().then(|| PathBuf::from(preset));
                (Some((scenario, file)), None)
            }
            scenario::AnyScenario::Densities(scenario) => {
                densities = Some(scenario);
                (None, None)
            }
        },
        None => match (&args.p_file, &args.q_file) {
            (Some(p), Some(q)) => (Some((model_files(args, p, q)?, None)), None),
            _ => (None, None),
        },
    };
    let lesson = match &args.lesson {
        Some(name) => Some(lesson_at(name, args.step)?),
        None => None,
    };
    Ok(Launch {
        scenario,
        densities,
        zero_rule,
        theme: args.theme.map(|Theme(theme)| theme),
        unit: args.unit,
        lesson,
        present: args.present,
        view: args.view.as_ref().map(|ViewId(id)| id.clone()),
    })
}

/// The lesson `name` and the 0-based index of `--step` in it, checked.
fn lesson_at(name: &str, step: Option<Step>) -> Result<(Lesson, usize), CliError> {
    let lesson = lesson::resolve_lesson(name)?;
    let number = step.map_or(1, |Whole(n)| n);
    let steps = lesson.steps.len();
    if number as usize > steps {
        return Err(CliError::NoSuchStep { lesson: lesson.title, step: number as usize, steps });
    }
    Ok((lesson, number as usize - 1))
}

/// The scenario of `--p-file` and `--q-file`: checked as `klscope compute` checks them.
fn model_files(args: &WindowArgs, p: &Path, q: &Path) -> Result<scenario::Scenario, CliError> {
    let logits = args.logits.then_some(None);
    let rescale = args.normalize;
    let (p_side, q_side) = (Side::from_file(p, logits, rescale)?, Side::from_file(q, logits, rescale)?);
    let checked = model_input::check(p_side, q_side, None, args.vocab.as_deref(), rescale)?;
    Ok(model_input::scenario(checked, &p.display().to_string(), &q.display().to_string(), args.logits))
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
    let Size { width, height } = args.size.unwrap_or(DEFAULT_SIZE);
    let scale = args.scale.map_or(1.0, |Scale(scale)| scale);
    let (w, h) =
        launch::screenshot(launch, out, (width, height), scale).map_err(|e| CliError::Screenshot(e.to_string()))?;
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
    fn model_files_open_as_a_scenario_named_after_them() {
        let good = "tests/data/model_outputs/good";
        let (p, q, vocab) = (format!("{good}/p_float32.npy"), format!("{good}/q_row.csv"), format!("{good}/vocab.txt"));
        let args = Window::try_parse_from(["klscope", "--p-file", &p, "--q-file", &q, "--vocab", &vocab])
            .unwrap_or_else(|e| panic!("{e}"));
        let launch = launch_from(&args.window).unwrap_or_else(|e| panic!("{e}"));
        let (scenario, file) = launch.scenario.unwrap_or_else(|| panic!("no scenario"));
        assert_eq!((scenario.labels[3].as_str(), scenario.p[0], scenario.q[0], file), ("fish", 0.5, 0.4, None));
        assert_eq!(scenario.title, format!("{p} vs {q}"));
        let bad =
            Window::try_parse_from(["klscope", "--p-file", &p, "--q-file", "tests/data/model_outputs/bad/nan.csv"])
                .unwrap_or_else(|e| panic!("{e}"));
        let error = launch_from(&bad.window).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(error, Err("tests/data/model_outputs/bad/nan.csv:1:9: 'nan' is not a finite number".to_string()));
    }

    #[test]
    fn normalize_opens_float32_probabilities_that_are_further_off() {
        let (far, q) = ("tests/data/model_outputs/bad/float32_far.npy", "tests/data/model_outputs/good/q_column.csv");
        let parse = |extra: &[&str]| {
            let args = [&["klscope", "--p-file", far, "--q-file", q][..], extra].concat();
            Window::try_parse_from(args).unwrap_or_else(|e| panic!("{e}"))
        };
        let refused = launch_from(&parse(&[]).window).map(|_| ()).map_err(|e| e.to_string());
        assert!(refused.is_err_and(|e| e.contains("p sums to 1.0010000094771385")));
        let launch = launch_from(&parse(&["--normalize"]).window).unwrap_or_else(|e| panic!("{e}"));
        let p = launch.scenario.map(|(s, _)| s.p).unwrap_or_default();
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15, "{p:?}");
    }

    #[test]
    fn the_window_error_says_its_prefix_once_and_no_source_location() {
        let winit = "cannot open the window: winit EventLoopError: os error at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/winit-0.30.12/src/platform_impl/linux/mod.rs:765: neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set.";
        assert_eq!(
            window_error(winit),
            "winit EventLoopError: os error: neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set."
        );
        assert_eq!(window_error("cannot open the window: cannot open the window: x"), "x");
        assert_eq!(window_error("plain"), "plain");
    }

    #[test]
    fn a_densities_preset_opens_the_densities_screen() {
        let args = Window::try_parse_from(["klscope", "--preset", "two-bells"]).unwrap_or_else(|e| panic!("{e}"));
        let launch = launch_from(&args.window).unwrap_or_else(|e| panic!("{e}"));
        assert!(launch.scenario.is_none());
        assert_eq!(launch.densities.map(|d| d.id), Some("two-bells".to_string()));
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
