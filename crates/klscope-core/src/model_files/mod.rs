//! A model's outputs as files: `.npy` (float32 or float64) or CSV text, read as
//! probabilities or as logits, with outcome names from an optional vocabulary (one token
//! per line). Pure: it works on bytes a caller has read, so the command line, the desktop
//! and the browser share it. Every error is one sentence naming the file and the spot.

mod csv;
mod error;
mod npy;
mod npy_header;
mod vocab;

pub use error::ModelFileError;

use crate::info::softmax::softmax;
use crate::info::{Distribution, Unit};
use crate::scenario::Scenario;

/// The numbers in a model's output file: a .npy file (known by its first bytes or its
/// name), else text with one number per line or one row of numbers.
pub fn read_numbers(file: &str, bytes: &[u8]) -> Result<Vec<f64>, ModelFileError> {
    if npy::looks_like_npy(bytes) || file.to_ascii_lowercase().ends_with(".npy") {
        return npy::parse(file, bytes);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ModelFileError::NotText { file: file.to_string(), offset: e.valid_up_to() })?;
    csv::parse(file, text)
}

/// The tokens of a vocabulary file, one per line.
pub fn read_vocabulary(file: &str, bytes: &[u8]) -> Result<Vec<String>, ModelFileError> {
    vocab::parse(file, bytes)
}

/// Whether a file name looks like a model's output (rather than a scenario or a picture).
pub fn is_model_file(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".npy") || name.ends_with(".csv")
}

/// How a file's numbers become probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// Already probabilities: they must sum to 1 within 1e-9.
    Probabilities,
    /// Non-negative weights rescaled to sum to 1 (float32 probabilities rarely sum to 1
    /// within 1e-9).
    Rescaled,
    /// Logits z: softmax(z / T).
    Logits { temperature: f64 },
}

impl Reading {
    /// What a student would most likely mean: negative values or values far from summing
    /// to 1 are logits; a sum a little off is float rounding. Shown as a choice, never
    /// applied silently.
    pub fn likely(values: &[f64]) -> Reading {
        let sum: f64 = values.iter().sum();
        let in_range = values.iter().all(|v| (0.0..=1.0).contains(v));
        if !in_range || (sum - 1.0).abs() > 1e-3 {
            Reading::Logits { temperature: 1.0 }
        } else if (sum - 1.0).abs() > crate::info::distribution::SUM_TOLERANCE {
            Reading::Rescaled
        } else {
            Reading::Probabilities
        }
    }
}

/// `values` read from `file` as P's or Q's probabilities (`field` is "p" or "q"); errors
/// name the file, the element and its label.
pub fn probabilities(
    file: &str,
    field: &'static str,
    values: Vec<f64>,
    labels: &[String],
    reading: Reading,
) -> Result<Vec<f64>, ModelFileError> {
    let distribution = match reading {
        Reading::Probabilities => Distribution::new(labels.to_vec(), values),
        Reading::Rescaled => Distribution::from_weights(labels.to_vec(), values),
        Reading::Logits { temperature } => {
            return softmax(&values, temperature)
                .map_err(|source| ModelFileError::Logits { file: file.to_string(), source });
        }
    };
    distribution.map(|d| d.probs().to_vec()).map_err(|source| ModelFileError::Probabilities {
        file: file.to_string(),
        field,
        source,
    })
}

/// P and Q must have one value per outcome each; the message names both origins.
pub fn check_lengths(p_origin: &str, p: usize, q_origin: &str, q: usize) -> Result<(), ModelFileError> {
    if p == q {
        return Ok(());
    }
    Err(ModelFileError::LengthsDiffer { p_origin: p_origin.to_string(), p, q_origin: q_origin.to_string(), q })
}

/// The outcome names for `values` values read from `file`: the vocabulary's tokens (which
/// must be as many), or the indices "0", "1", … as NumPy counts them.
pub fn labels(
    vocabulary: Option<(&str, Vec<String>)>,
    file: &str,
    values: usize,
) -> Result<Vec<String>, ModelFileError> {
    match vocabulary {
        Some((_, tokens)) if tokens.len() == values => Ok(tokens),
        Some((name, tokens)) => Err(ModelFileError::VocabularyLength {
            vocabulary: name.to_string(),
            tokens: tokens.len(),
            file: file.to_string(),
            values,
        }),
        None => Ok(index_labels(values)),
    }
}

/// "0", "1", …: the index of each value, as in the array.
pub fn index_labels(n: usize) -> Vec<String> {
    (0..n).map(|i| i.to_string()).collect()
}

/// The one place that builds a [`Scenario`] from model outputs.
pub fn scenario(
    title: String,
    description: String,
    unit: Unit,
    labels: Vec<String>,
    p: Vec<f64>,
    q: Vec<f64>,
) -> Scenario {
    Scenario {
        id: "model-outputs".to_string(),
        title,
        description,
        unit,
        labels,
        p,
        q,
        logits: Default::default(),
        positions: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_their_bytes_or_name() {
        assert_eq!(read_numbers("p.csv", b"0.5\n0.5\n"), Ok(vec![0.5, 0.5]));
        assert!(matches!(read_numbers("p.npy", b"0.5\n"), Err(ModelFileError::NotNpy { .. })));
        assert!(matches!(read_numbers("p.bin", b"\xff\xfe"), Err(ModelFileError::NotText { offset: 0, .. })));
        assert!(is_model_file("Q.NPY") && is_model_file("q.csv") && !is_model_file("q.ron"));
    }

    #[test]
    fn readings_and_their_errors_name_the_file() {
        let labels = index_labels(2);
        assert_eq!(labels, vec!["0", "1"]);
        let read = |values: Vec<f64>, reading| probabilities("p.npy", "p", values, &labels, reading);
        assert_eq!(read(vec![0.25, 0.75], Reading::Probabilities), Ok(vec![0.25, 0.75]));
        assert_eq!(read(vec![1.0, 3.0], Reading::Rescaled), Ok(vec![0.25, 0.75]));
        let logits = read(vec![0.0, 3f64.ln()], Reading::Logits { temperature: 1.0 }).unwrap_or_default();
        assert!((logits[1] - 0.75).abs() < 1e-15, "{logits:?}");
        let error = |values, reading| read(values, reading).map_err(|e| e.to_string()).err().unwrap_or_default();
        assert_eq!(
            error(vec![0.5, -0.5], Reading::Probabilities),
            "p.npy: p[1] ('1') is -0.5: probabilities cannot be negative"
        );
        assert_eq!(
            error(vec![0.5, 0.4], Reading::Probabilities),
            "p.npy: p sums to 0.9: probabilities must sum to 1 (within 1e-9)"
        );
        assert_eq!(
            error(vec![0.0, f64::INFINITY], Reading::Logits { temperature: 1.0 }),
            "p.npy: logit 1 is inf: logits must be numbers below infinity"
        );
        assert!(read(vec![0.5, 0.4], Reading::Probabilities).is_err_and(|e| e.is_sum()));
    }

    #[test]
    fn lengths_and_vocabularies() {
        let mismatch = check_lengths("p.npy", 3, "q.csv", 4).map_err(|e| e.to_string());
        assert_eq!(mismatch, Err("p.npy has 3 values but q.csv has 4: P and Q need one value per outcome each".into()));
        let tokens = vec!["a".to_string(), "b".to_string()];
        assert_eq!(labels(Some(("v.txt", tokens.clone())), "p.npy", 2), Ok(tokens.clone()));
        let wrong = labels(Some(("v.txt", tokens)), "p.npy", 3).map_err(|e| e.to_string());
        assert_eq!(
            wrong,
            Err("v.txt has 2 tokens but p.npy has 3 values: the vocabulary needs one token per value".into())
        );
    }

    #[test]
    fn the_likely_reading() {
        assert_eq!(Reading::likely(&[0.5, 0.5]), Reading::Probabilities);
        assert_eq!(Reading::likely(&[0.5, 0.5 - 1e-8]), Reading::Rescaled);
        assert_eq!(Reading::likely(&[2.0, -1.0]), Reading::Logits { temperature: 1.0 });
        assert_eq!(Reading::likely(&[0.1, 0.1]), Reading::Logits { temperature: 1.0 });
    }
}
