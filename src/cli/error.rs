//! Why a command could not run, each as one line for stderr, and how the program exits.

use crate::info::DistributionError;
use crate::scenario::ScenarioError;
use crate::text::escape;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::path::PathBuf;

/// Why a command could not run. Each message names the argument and the item.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A mistake clap found while parsing: an unknown flag, a missing or bad value.
    #[error("{0}")]
    Usage(String),

    #[error("--{field}: {}{}", .source.message(field), hint(.source))]
    Distribution { field: &'static str, source: DistributionError },

    #[error("--{field}: {source}")]
    Logits { field: &'static str, source: crate::info::softmax::SoftmaxError },

    #[error("{error}{}", file_hint(.error))]
    ModelFile { error: crate::model_files::ModelFileError },

    /// A file that is not a regular file, too large or cannot be opened.
    #[error("{0}")]
    Read(#[from] klscope_core::read::ReadError),

    #[error(
        "--{0}-temperature is the temperature of --{0}-logits or of --{0}-file with --logits: give the logits, or leave the temperature out"
    )]
    TemperatureWithoutLogits(&'static str),

    #[error("give --p and --q, or --preset")]
    MissingInput,

    #[error("{0}")]
    Scenario(#[from] ScenarioError),

    #[error("{0}")]
    Lesson(Box<crate::lesson::LessonError>),

    #[error("--step {step}: the lesson '{}' has {steps} steps", crate::text::quote(lesson))]
    NoSuchStep { lesson: String, step: usize, steps: usize },

    #[error("cannot write {}: there is no folder {}", escape(&file.display().to_string()), escape(&folder.display().to_string()))]
    NoFolder { file: PathBuf, folder: PathBuf },

    #[error("--out {}: it is a file, not a folder; name a folder to write the pictures and the handout into", escape(&folder.display().to_string()))]
    OutIsFile { folder: PathBuf },

    #[error("--size and --scale: {0}")]
    PictureSize(#[from] crate::export::picture_size::PictureSizeError),

    #[error(
        "--preset {preset}: the scenario has {outcomes} outcomes; fitting works on at most {max} (the app's limit too): choose a smaller scenario"
    )]
    FitTooManyOutcomes { preset: String, outcomes: usize, max: usize },

    #[error(
        "--starts {starts}: {starts} descents over {outcomes} outcomes is more work than klscope does in one fit (starts × outcomes at most {budget}): use --starts {most} or fewer"
    )]
    FitTooMuchWork { starts: usize, outcomes: usize, budget: usize, most: usize },

    /// Writing the output failed: a closed pipe is not this, a full disk is.
    #[error("cannot write the output: {}", crate::export::atomic::describe(.0))]
    Output(std::io::Error),

    #[error("{0}")]
    Screenshot(String),

    #[error("cannot make the folder {}: {}", escape(&folder.display().to_string()), crate::export::atomic::describe(source))]
    WriteFolder { folder: PathBuf, source: std::io::Error },

    #[error("cannot open the window: {0}")]
    Window(String),

    #[error("{0}")]
    Classroom(klscope_classroom::ClassroomError),
}

impl From<crate::lesson::LessonError> for CliError {
    fn from(error: crate::lesson::LessonError) -> Self {
        CliError::Lesson(Box::new(error))
    }
}

fn hint(error: &DistributionError) -> &'static str {
    match error {
        DistributionError::SumNotOne { .. } => "; pass --normalize to rescale counts or weights",
        _ => "",
    }
}

/// A file of probabilities off 1 by more than its rounding is weights, or logits.
fn file_hint(error: &crate::model_files::ModelFileError) -> &'static str {
    if error.is_sum() { "; pass --normalize to rescale, or --logits if these are logits" } else { "" }
}

impl CliError {
    /// 2 for a mistake in the arguments (nothing was done), 1 when the work itself failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Screenshot(_) | CliError::Window(_) | CliError::Output(_) => 1,
            // A missing site or a record that is something else: fix the arguments.
            CliError::Classroom(
                klscope_classroom::ClassroomError::NoSite(_) | klscope_classroom::ClassroomError::NotARecord(_),
            ) => 2,
            CliError::Classroom(_) => 1,
            _ => 2,
        }
    }

    /// One line in klscope's own words for a mistake clap found: clap's text adds a usage
    /// block and tips, and prefixes bad values with "invalid value … for …".
    pub fn from_clap(error: &clap::Error) -> CliError {
        let message = match error.kind() {
            ErrorKind::ValueValidation => {
                match (context(error, ContextKind::InvalidArg), std::error::Error::source(error)) {
                    (Some(flag), Some(why)) => format!("{flag}: {why}"),
                    _ => first_line(error),
                }
            }
            ErrorKind::MissingRequiredArgument => match context(error, ContextKind::InvalidArg) {
                Some(flags) if flags.contains(" and ") => format!("{flags} are required"),
                Some(flags) => format!("{flags} is required"),
                None => first_line(error),
            },
            ErrorKind::ArgumentConflict => {
                let subject = context(error, ContextKind::InvalidArg)
                    .or_else(|| {
                        context(error, ContextKind::InvalidSubcommand).map(|name| format!("the {name} command"))
                    })
                    .unwrap_or_else(|| "this argument".to_string());
                match context(error, ContextKind::PriorArg) {
                    Some(prior) if prior == subject => format!("{subject} cannot be given twice"),
                    Some(prior) => format!("{subject} cannot be used with {prior}"),
                    None => format!("{subject} cannot be used with the other arguments"),
                }
            }
            _ => first_line(error),
        };
        let suggestion =
            context(error, ContextKind::SuggestedArg).or_else(|| context(error, ContextKind::SuggestedSubcommand));
        CliError::Usage(match suggestion {
            Some(suggestion) => format!("{message}; did you mean {suggestion}?"),
            None => message,
        })
    }
}

/// A context value of `error` as flags, without value names: "--n", "--p or --preset".
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    let names = match error.get(kind)? {
        ContextValue::String(name) => vec![flag(name)],
        ContextValue::Strings(names) => names.iter().map(|name| flag(name)).collect(),
        _ => return None,
    };
    Some(names.join(" and "))
}

/// "--n <N>" → "--n"; a group "<--p <LIST>|--p-file <FILE>|--preset <ID|FILE.ron>>" →
/// "--p, --p-file or --preset".
fn flag(name: &str) -> String {
    let flags: Vec<&str> =
        name.split(|c: char| c.is_whitespace() || "<>|".contains(c)).filter(|part| part.starts_with('-')).collect();
    match flags.split_last() {
        None => name.to_string(),
        Some((last, [])) => last.to_string(),
        Some((last, others)) => format!("{} or {last}", others.join(", ")),
    }
}

/// clap's own message without its "error: " prefix and the lines after the first.
fn first_line(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}
