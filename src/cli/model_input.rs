//! `--p-file`, `--q-file` and `--vocab`: a model's output files read from disk and handed
//! to the pure parser in `model_files`, shared by `compute` and the window.

use super::CliError;
use super::args::Temperature;
use crate::info::distribution::default_labels;
use crate::info::{Distribution, Unit};
use crate::model_files::{self, ModelFileError, Reading};
use crate::scenario::Scenario;
use klscope_core::read::{FileKind, read_file};
use std::io::Write;
use std::path::Path;

/// One side's values: typed on the command line (probabilities, or logits already
/// softmaxed), or read from a file with how to read them.
pub enum Side {
    Typed(Vec<f64>),
    File { name: String, values: Vec<f64>, reading: Reading },
}

impl Side {
    /// A model's output file; `logits` is `--logits` with this side's temperature.
    pub fn from_file(path: &Path, logits: Option<Option<Temperature>>, rescale: bool) -> Result<Side, CliError> {
        let (name, bytes) = read(path, FileKind::ModelOutput)?;
        let values = model_files::read_numbers(&name, &bytes)?;
        let reading = match logits {
            Some(temperature) => Reading::Logits { temperature: temperature.map_or(1.0, |Temperature(t)| t) },
            None if rescale => Reading::Rescaled,
            None => Reading::Probabilities,
        };
        Ok(Side::File { name, values, reading })
    }

    fn len(&self) -> usize {
        match self {
            Side::Typed(values) | Side::File { values, .. } => values.len(),
        }
    }

    /// How errors name where the values came from: the file, or the flag.
    fn origin(&self, field: &str) -> String {
        match self {
            Side::Typed(_) => format!("--{field}"),
            Side::File { name, .. } => name.clone(),
        }
    }

    /// The values as a checked distribution over `labels`.
    fn probabilities(self, field: &'static str, labels: &[String], rescale: bool) -> Result<Vec<f64>, CliError> {
        match self {
            Side::Typed(values) => {
                let made = if rescale {
                    Distribution::from_weights(labels.to_vec(), values)
                } else {
                    Distribution::new(labels.to_vec(), values)
                };
                made.map(|d| d.probs().to_vec()).map_err(|source| CliError::Distribution { field, source })
            }
            Side::File { name, values, reading } => {
                let (p, rescaled) = model_files::probabilities_noted(&name, field, values, labels, reading)?;
                // Float32 rounding rescaled in float64 is said, on stderr, beside the output.
                if let Some(note) = rescaled {
                    let _ = writeln!(std::io::stderr(), "klscope: note: {note}");
                }
                Ok(p)
            }
        }
    }
}

/// Labels, P and Q, checked.
pub struct Checked {
    pub labels: Vec<String>,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
}

/// P and Q with their names: `labels` (`--labels`), else the vocabulary, else the index
/// ("0", "1", …) when a file is involved, else x1, x2, ….
pub fn check(
    p: Side,
    q: Side,
    labels: Option<Vec<String>>,
    vocabulary: Option<&Path>,
    rescale: bool,
) -> Result<Checked, CliError> {
    model_files::check_lengths(&p.origin("p"), p.len(), &q.origin("q"), q.len())?;
    let any_file = matches!(p, Side::File { .. }) || matches!(q, Side::File { .. });
    let labels = match (labels, vocabulary) {
        (Some(labels), _) => labels,
        (None, Some(path)) => {
            let (name, bytes) = read(path, FileKind::Vocabulary)?;
            let tokens = model_files::read_vocabulary(&name, &bytes)?;
            let first = if let Side::File { .. } = p { p.origin("p") } else { q.origin("q") };
            model_files::labels(Some((&name, tokens)), &first, p.len())?
        }
        (None, None) if any_file => model_files::index_labels(p.len()),
        (None, None) => default_labels(p.len()),
    };
    let p = p.probabilities("p", &labels, rescale)?;
    let q = q.probabilities("q", &labels, rescale)?;
    Ok(Checked { labels, p, q })
}

/// The window's scenario from two model files, named after them.
pub fn scenario(checked: Checked, p_name: &str, q_name: &str, logits: bool) -> Scenario {
    let read = if logits { "logits, softmaxed" } else { "probabilities" };
    let description = format!("P from {p_name}, Q from {q_name} ({read}).");
    model_files::scenario(
        format!("{p_name} vs {q_name}"),
        description,
        Unit::Bits,
        checked.labels,
        checked.p,
        checked.q,
    )
}

/// The bytes of `path`, read within bounds, and the name errors give it (the path as typed).
fn read(path: &Path, kind: FileKind) -> Result<(String, Vec<u8>), CliError> {
    Ok((path.display().to_string(), read_file(path, kind)?))
}

impl From<ModelFileError> for CliError {
    fn from(error: ModelFileError) -> CliError {
        CliError::ModelFile { error }
    }
}
