//! Everything that can be wrong with a model's output file or a vocabulary, each as one
//! sentence naming the file and the spot: a byte offset, `line:column` or an element.
//! What the file holds is quoted (`crate::text::quote`); file names arrive escaped.

use crate::info::DistributionError;
use crate::info::softmax::SoftmaxError;
use crate::text::quote;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelFileError {
    #[error("{file}: not a .npy file: it does not start with the bytes \\x93NUMPY")]
    NotNpy { file: String },

    #[error("{file}: .npy format version {major}.{minor} is not one klscope reads (1.0, 2.0 or 3.0)")]
    NpyVersion { file: String, major: u8, minor: u8 },

    #[error("{file}: the file ends after {have} bytes, inside its .npy header ({need} bytes)")]
    HeaderCut { file: String, have: usize, need: usize },

    #[error("{file}: the .npy header is not a dictionary as NumPy writes it: {what} at byte {offset}")]
    HeaderSyntax { file: String, what: String, offset: usize },

    #[error("{file}: the .npy header has no '{key}'")]
    HeaderMissing { file: String, key: &'static str },

    #[error("{file}: the .npy header's '{key}' is {found}, not {expected}")]
    HeaderValue { file: String, key: &'static str, found: String, expected: &'static str },

    #[error("{file}: holds {kind} ('{}'), not float32 or float64: save it with arr.astype(np.float64)", quote(descr))]
    Dtype { file: String, kind: String, descr: String },

    #[error(
        "{file}: the dtype '{descr}' is {} with no byte order; NumPy writes {}: save it with np.save",
        float_name(descr),
        byte_orders(descr)
    )]
    DtypeOrder { file: String, descr: String },

    #[error(
        "{file}: holds a structured array (fields {fields}), not float32 or float64 numbers: save one field, e.g. arr[{first}]"
    )]
    Structured { file: String, fields: String, first: String },

    #[error("{file}: the array is {rows}×{columns}; klscope reads one list of numbers: 1-D, 1×N or N×1")]
    Matrix { file: String, rows: u64, columns: u64 },

    #[error(
        "{file}: the array has {dimensions} dimensions (shape {shape}); klscope reads one list of numbers: 1-D, 1×N or N×1"
    )]
    Dimensions { file: String, dimensions: usize, shape: String },

    #[error("{file}: the array has no elements (shape {shape}); a distribution needs at least one outcome")]
    NoElements { file: String, shape: String },

    #[error("{file}: holds {count} values; klscope takes at most {max} outcomes")]
    TooMany { file: String, count: u128, max: usize },

    #[error("{file}: the data holds {have} of the {need} bytes its header promises")]
    DataShort { file: String, have: usize, need: usize },

    #[error("{file}: {extra} bytes follow the {need} bytes of data its header promises")]
    DataLong { file: String, extra: usize, need: usize },

    #[error("{file}: neither a .npy file nor text: byte {offset} is not UTF-8")]
    NotText { file: String, offset: usize },

    #[error("{file}: the file is empty; write one number per line, or one row of numbers separated by commas")]
    EmptyCsv { file: String },

    #[error("{file}:{line}:{column}: '{}' is not a number{hint}", quote(text))]
    NotANumber { file: String, line: usize, column: usize, text: String, hint: &'static str },

    #[error("{file}:{line}:{column}: '{}' is not a finite number", quote(text))]
    NotFinite { file: String, line: usize, column: usize, text: String },

    #[error("{file}:{line}:{column}: a number is missing here")]
    MissingNumber { file: String, line: usize, column: usize },

    #[error("{file}:{line}: the line is empty; write one number on every line")]
    EmptyLine { file: String, line: usize },

    #[error(
        "{file}:{line}: another line follows a row of {row} numbers; write one number per line, or all of them on one row"
    )]
    LineAfterRow { file: String, line: usize, row: usize },

    #[error(
        "{file}:{line}:{column}: a comma, but the lines above hold one number each; write one number per line, or all of them on one row"
    )]
    CommaInColumn { file: String, line: usize, column: usize },

    #[error("{file}: byte {offset} is not UTF-8; a vocabulary is UTF-8 text, one token per line")]
    VocabularyNotText { file: String, offset: usize },

    #[error("{file}: the vocabulary is empty; write one token per line")]
    EmptyVocabulary { file: String },

    #[error("{file}: holds {tokens} lines; a vocabulary has at most {max} tokens, one per outcome")]
    VocabularyTooLong { file: String, tokens: usize, max: usize },

    #[error("{file}:{line}: the line is empty; every token needs a name")]
    EmptyToken { file: String, line: usize },

    #[error("{file}:{line}: '{}' is already on line {first}; tokens must be different", quote(token))]
    DuplicateToken { file: String, line: usize, token: String, first: usize },

    #[error(
        "{vocabulary} has {tokens} tokens but {file} has {values} values: the vocabulary needs one token per value"
    )]
    VocabularyLength { vocabulary: String, tokens: usize, file: String, values: usize },

    #[error("{p_origin} has {p} values but {q_origin} has {q}: P and Q need one value per outcome each")]
    LengthsDiffer { p_origin: String, p: usize, q_origin: String, q: usize },

    #[error("{file}: {}", .source.message(field))]
    Probabilities { file: String, field: &'static str, source: DistributionError },

    #[error("{file}: {source}")]
    Logits { file: String, source: SoftmaxError },

    #[error(
        "{file}: the array has {columns} columns; a batch of encodings has 2·dims: μ for each dimension, then ln σ² for each"
    )]
    EncodingColumns { file: String, columns: usize },

    #[error("{file}: row {row}, column {column} is {value}; μ and ln σ² must be finite numbers")]
    EncodingValue { file: String, row: usize, column: usize, value: f64 },
}

/// "float32" for 'f4', "float64" for 'f8'.
fn float_name(descr: &str) -> &'static str {
    if descr.ends_with('4') { "float32" } else { "float64" }
}

/// "'<f8' or '>f8'": the dtype with each byte order NumPy writes.
fn byte_orders(descr: &str) -> String {
    let code = descr.trim_start_matches(['|', '=']);
    format!("'<{code}' or '>{code}'")
}

impl ModelFileError {
    /// True when the values are fine but do not sum to 1: rescaling would help.
    pub fn is_sum(&self) -> bool {
        matches!(self, ModelFileError::Probabilities { source: DistributionError::SumNotOne { .. }, .. })
    }
}
