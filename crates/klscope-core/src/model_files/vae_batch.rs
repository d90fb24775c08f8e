//! A batch of VAE encoder outputs from a `.npy` file: a float32 or float64 array of shape
//! (batch, 2·dims), each row μ for the dims latent dimensions then ln σ² for the same
//! dimensions — what `torch.cat([mu, logvar], dim=1).numpy()` saves with `np.save`. A 1-D
//! array of 2·dims numbers is a batch of one. One array rather than two files, so that μ
//! and ln σ² cannot be paired from different batches.

use super::error::ModelFileError;
use super::npy;
use crate::info::density::vae::{Encoding, EncodingBatch};

/// Reads and checks a batch: an even number of columns, every number finite.
pub fn read_encodings(file: &str, bytes: &[u8]) -> Result<EncodingBatch, ModelFileError> {
    let ((rows, columns), values) = npy::parse_matrix(file, bytes)?;
    if !columns.is_multiple_of(2) {
        return Err(ModelFileError::EncodingColumns { file: file.to_string(), columns });
    }
    if let Some(index) = values.iter().position(|v| !v.is_finite()) {
        return Err(ModelFileError::EncodingValue {
            file: file.to_string(),
            row: index / columns,
            column: index % columns,
            value: values[index],
        });
    }
    let dims = columns / 2;
    let rows = values
        .chunks_exact(columns)
        .take(rows)
        .map(|row| Encoding { mu: row[..dims].to_vec(), log_var: row[dims..].to_vec() })
        .collect();
    Ok(EncodingBatch { rows })
}
