//! A model's outputs as files: `.npy` (float32 or float64) or CSV text, read as
//! probabilities or as logits, with outcome names from an optional vocabulary (one token
//! per line). Pure: it works on bytes a caller has read, so the command line, the desktop
//! and the browser share it. Every error is one sentence naming the file and the spot.

mod csv;
mod error;
mod npy;
mod npy_header;
mod vae_batch;
mod vocab;

pub use error::ModelFileError;
pub use vae_batch::read_encodings;

use crate::info::softmax::softmax;
use crate::info::{Distribution, Unit};
use crate::scenario::Scenario;
use crate::text::escape;

/// The numbers in a model's output file: a .npy file (known by its first bytes or its
/// name), else text with one number per line or one row of numbers.
pub fn read_numbers(file: &str, bytes: &[u8]) -> Result<Vec<f64>, ModelFileError> {
    let file = &*escape(file);
    if npy::looks_like_npy(bytes) || file.to_ascii_lowercase().ends_with(".npy") {
        return npy::parse(file, bytes);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ModelFileError::NotText { file: file.to_string(), offset: e.valid_up_to() })?;
    csv::parse(file, text)
}

/// The tokens of a vocabulary file, one per line.
pub fn read_vocabulary(file: &str, bytes: &[u8]) -> Result<Vec<String>, ModelFileError> {
    let file = &*escape(file);
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
    let file = &*escape(file);
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

/// How far from 1 probabilities that are all float32 numbers may sum and still be read
/// as probabilities: the rounding of summing `n` float32 numbers, n·ε₃₂ relative (the
/// classic bound), at least the 1e-9 of typed values and at most 1e-4, beyond which a
/// sum is a mistake rather than rounding (NumPy and PyTorch sum pairwise, far closer).
pub fn float32_tolerance(n: usize) -> f64 {
    (n as f64 * f64::from(f32::EPSILON)).clamp(crate::info::distribution::SUM_TOLERANCE, 1e-4)
}

/// Whether every value is a float32 number (as a float32 .npy file's are).
fn all_float32(values: &[f64]) -> bool {
    values.iter().all(|&v| f64::from(v as f32) == v || v.is_nan())
}

/// The line said when float32 probabilities were rescaled in float64 to sum to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Rescaled {
    pub file: String,
    pub field: &'static str,
    pub sum: f64,
    pub tolerance: f64,
}

impl std::fmt::Display for Rescaled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} sums to {}, within float32 rounding of 1 ({}): rescaled in float64 to sum to 1",
            self.file,
            self.field,
            self.sum,
            crate::text::short_number(self.tolerance)
        )
    }
}

/// [`probabilities`], except that float32 probabilities whose sum is off 1 by no more
/// than their own rounding ([`float32_tolerance`]) are rescaled in float64, and the
/// returned [`Rescaled`] says so (the caller shows it). Anything further off is refused.
pub fn probabilities_noted(
    file: &str,
    field: &'static str,
    values: Vec<f64>,
    labels: &[String],
    reading: Reading,
) -> Result<(Vec<f64>, Option<Rescaled>), ModelFileError> {
    if reading == Reading::Probabilities && all_float32(&values) {
        let sum: f64 = values.iter().sum();
        let tolerance = float32_tolerance(values.len());
        let off = (sum - 1.0).abs();
        if off > crate::info::distribution::SUM_TOLERANCE && off <= tolerance {
            let rescaled = probabilities(file, field, values, labels, Reading::Rescaled)?;
            let note = Rescaled { file: escape(file).into_owned(), field, sum, tolerance };
            return Ok((rescaled, Some(note)));
        }
    }
    probabilities(file, field, values, labels, reading).map(|p| (p, None))
}

/// P and Q must have one value per outcome each; the message names both origins.
pub fn check_lengths(p_origin: &str, p: usize, q_origin: &str, q: usize) -> Result<(), ModelFileError> {
    if p == q {
        return Ok(());
    }
    let (p_origin, q_origin) = (escape(p_origin).into_owned(), escape(q_origin).into_owned());
    Err(ModelFileError::LengthsDiffer { p_origin, p, q_origin, q })
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
            vocabulary: escape(name).into_owned(),
            tokens: tokens.len(),
            file: escape(file).into_owned(),
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
        roles: Default::default(),
        focus: Default::default(),
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
    fn float32_sums_within_their_rounding_are_rescaled_and_said_so() {
        let labels = index_labels(4);
        let float32: Vec<f64> = [0.1f32, 0.2, 0.3, 0.4].iter().map(|&v| f64::from(v)).collect();
        let (p, note) = probabilities_noted("p.npy", "p", float32.clone(), &labels, Reading::Probabilities)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        let note = note.map(|n| n.to_string()).unwrap_or_default();
        assert_eq!(
            note,
            "p.npy: p sums to 1.0000000223517418, within float32 rounding of 1 (4.768e-7): rescaled in float64 to sum to 1"
        );
        // Further off than rounding, or float64 numbers: refused as before.
        let far: Vec<f64> = [0.1f32, 0.2, 0.3, 0.401].iter().map(|&v| f64::from(v)).collect();
        assert!(probabilities_noted("p.npy", "p", far, &labels, Reading::Probabilities).is_err_and(|e| e.is_sum()));
        let float64 = vec![0.1, 0.2, 0.3, 0.4 + 2e-8];
        assert!(probabilities_noted("p.csv", "p", float64, &labels, Reading::Probabilities).is_err());
        assert_eq!(float32_tolerance(1), 1.1920928955078125e-7);
        assert_eq!(float32_tolerance(10_000_000), 1e-4);
    }

    #[test]
    fn the_likely_reading() {
        assert_eq!(Reading::likely(&[0.5, 0.5]), Reading::Probabilities);
        assert_eq!(Reading::likely(&[0.5, 0.5 - 1e-8]), Reading::Rescaled);
        assert_eq!(Reading::likely(&[2.0, -1.0]), Reading::Logits { temperature: 1.0 });
        assert_eq!(Reading::likely(&[0.1, 0.1]), Reading::Logits { temperature: 1.0 });
    }
}
