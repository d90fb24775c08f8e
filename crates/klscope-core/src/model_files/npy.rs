//! NumPy's .npy format, read from bytes: the magic `\x93NUMPY`, a version, the header's
//! length, the header (a Python dict: dtype, order, shape), then the raw numbers.
//! Hand-written rather than with the `npyz` crate: npyz parses the header with
//! `py_literal` (pest and its derive macro, num-bigint) — much more to build for the web
//! than this file — and its errors are io::Errors without the offsets and byte counts a
//! student needs. Only float32 and float64 vectors are read; everything else is named.

use super::error::ModelFileError;
use super::npy_header::{self, Literal, first_few};
use crate::scenario::MAX_OUTCOMES;

const MAGIC: &[u8] = b"\x93NUMPY";

/// Whether `bytes` start like a .npy file.
pub fn looks_like_npy(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The numbers of a float32 or float64 .npy vector (1-D, 1×N or N×1), as f64.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<f64>, ModelFileError> {
    read(file, bytes, Want::Vector).map(|(_, values)| values)
}

/// A float32 or float64 .npy array of one or two dimensions as (rows, columns) and its
/// numbers row by row (a 1-D array is one row; Fortran order is transposed to rows). At
/// most [`MAX_OUTCOMES`] numbers in all.
pub fn parse_matrix(file: &str, bytes: &[u8]) -> Result<((usize, usize), Vec<f64>), ModelFileError> {
    read(file, bytes, Want::Matrix)
}

/// What shape the caller takes.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Vector,
    Matrix,
}

fn read(file: &str, bytes: &[u8], want: Want) -> Result<((usize, usize), Vec<f64>), ModelFileError> {
    let file = || file.to_string();
    if !looks_like_npy(bytes) {
        return Err(if MAGIC.starts_with(bytes) && !bytes.is_empty() {
            ModelFileError::HeaderCut { file: file(), have: bytes.len(), need: 10 }
        } else {
            ModelFileError::NotNpy { file: file() }
        });
    }
    let cut = |need: usize| ModelFileError::HeaderCut { file: file(), have: bytes.len(), need };
    let (major, minor) = match bytes.get(6..8) {
        Some(&[major, minor]) => (major, minor),
        _ => return Err(cut(10)),
    };
    // Version 1 gives the header's length in 2 bytes, versions 2 and 3 in 4.
    let (length, start): (usize, usize) = match major {
        1 => (bytes.get(8..10).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))).ok_or_else(|| cut(10))?, 10),
        2 | 3 => {
            let length =
                bytes.get(8..12).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok_or_else(|| cut(12))?;
            (usize::try_from(length).unwrap_or(usize::MAX), 12)
        }
        _ => return Err(ModelFileError::NpyVersion { file: file(), major, minor }),
    };
    let end = start.saturating_add(length);
    let header = bytes.get(start..end).ok_or_else(|| cut(end))?;
    // Versions 1 and 2 are Latin-1 (ASCII in practice), version 3 is UTF-8.
    let header: String = match major {
        3 => String::from_utf8_lossy(header).into_owned(),
        _ => header.iter().map(|&b| char::from(b)).collect(),
    };
    let layout = Layout::from_header(file(), &header, start, want)?;
    let data = &bytes[end..];
    let need = layout.count.saturating_mul(layout.width);
    if data.len() < need {
        return Err(ModelFileError::DataShort { file: file(), have: data.len(), need });
    }
    if data.len() > need {
        return Err(ModelFileError::DataLong { file: file(), extra: data.len() - need, need });
    }
    let values = layout.decode(data);
    let (rows, columns) = layout.rows_columns;
    if layout.fortran_order && rows > 1 && columns > 1 {
        // Column by column on disk: transpose to rows.
        let transposed = (0..rows).flat_map(|r| (0..columns).map(move |c| (r, c))).map(|(r, c)| values[c * rows + r]);
        return Ok(((rows, columns), transposed.collect()));
    }
    Ok(((rows, columns), values))
}

/// How the numbers are stored.
struct Layout {
    width: usize,
    little_endian: bool,
    count: usize,
    fortran_order: bool,
    /// A vector is one row.
    rows_columns: (usize, usize),
}

impl Layout {
    /// Reads dtype, order and shape from the header; `start` is its offset in the file.
    fn from_header(file: String, header: &str, start: usize, want: Want) -> Result<Layout, ModelFileError> {
        let entries = npy_header::parse(header).map_err(|e| ModelFileError::HeaderSyntax {
            file: file.clone(),
            what: e.what,
            offset: start + e.offset,
        })?;
        let get = |key: &'static str| {
            entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, value)| value)
                .ok_or_else(|| ModelFileError::HeaderMissing { file: file.clone(), key })
        };
        let wrong = |key, found: &Literal, expected| ModelFileError::HeaderValue {
            file: file.clone(),
            key,
            found: found.describe(),
            expected,
        };
        let (width, little_endian) = match get("descr")? {
            Literal::Text(descr) => dtype(&file, descr)?,
            Literal::Sequence(fields) => {
                let names = first_few(fields.iter().filter_map(|field| match field {
                    Literal::Sequence(parts) => parts.first().map(Literal::describe),
                    _ => None,
                }));
                let first = names.first().cloned().unwrap_or_default();
                return Err(ModelFileError::Structured { file: file.clone(), fields: names.join(", "), first });
            }
            other => return Err(wrong("descr", other, "a dtype such as '<f4'")),
        };
        // For a vector, Fortran and C order lay the numbers out the same way; only a true
        // matrix would be ambiguous, and a matrix is refused below.
        let fortran_order = match get("fortran_order")? {
            Literal::Bool(order) => *order,
            other => return Err(wrong("fortran_order", other, "True or False")),
        };
        let shape = match get("shape")? {
            Literal::Sequence(items) => items
                .iter()
                .map(|item| match item {
                    Literal::Whole(n) => Ok(*n),
                    _ => Err(wrong("shape", get("shape")?, "a tuple of whole numbers")),
                })
                .collect::<Result<Vec<u64>, _>>()?,
            other => return Err(wrong("shape", other, "a tuple of whole numbers")),
        };
        let (count, rows_columns) = match want {
            Want::Vector => {
                let count = vector_length(&file, &shape)?;
                (count, (1, count))
            }
            Want::Matrix => matrix_shape(&file, &shape)?,
        };
        Ok(Layout { width, little_endian, count, fortran_order, rows_columns })
    }

    fn decode(&self, data: &[u8]) -> Vec<f64> {
        // Plain per-element conversion: the compiler vectorises it, 10⁶ floats in ~1 ms.
        match (self.width, self.little_endian) {
            (4, true) => {
                data.chunks_exact(4).map(|b| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))).collect()
            }
            (4, false) => {
                data.chunks_exact(4).map(|b| f64::from(f32::from_be_bytes([b[0], b[1], b[2], b[3]]))).collect()
            }
            (_, true) => data.chunks_exact(8).map(|b| f64::from_le_bytes(eight(b))).collect(),
            (_, false) => data.chunks_exact(8).map(|b| f64::from_be_bytes(eight(b))).collect(),
        }
    }
}

fn eight(b: &[u8]) -> [u8; 8] {
    [b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]
}

/// The width in bytes and byte order of a float32 or float64 dtype, or what it holds.
fn dtype(file: &str, descr: &str) -> Result<(usize, bool), ModelFileError> {
    // '=' (native) never appears in files NumPy writes, but means little-endian on every
    // machine that writes them.
    let (order, code) = match descr.as_bytes().first() {
        Some(b'<' | b'=') => (Some(true), &descr[1..]),
        Some(b'>') => (Some(false), &descr[1..]),
        Some(b'|') => (None, &descr[1..]),
        _ => (None, descr),
    };
    match (order, code) {
        (Some(little), "f4") => return Ok((4, little)),
        (Some(little), "f8") => return Ok((8, little)),
        // The right type with no byte order ('|' is for single bytes): say that, not "not float".
        (None, "f4" | "f8") => {
            return Err(ModelFileError::DtypeOrder { file: file.to_string(), descr: descr.to_string() });
        }
        _ => {}
    }
    // A size as NumPy writes it (1 to 16 bytes, "f8"); anything else is not a size worth
    // multiplying (a huge one would overflow into nonsense such as "float3705032696").
    let bits = code
        .get(1..)
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|bytes| (1..=16).contains(bytes))
        .map(|bytes| bytes * 8);
    let sized = |name: &str| bits.map_or(format!("{name} numbers"), |bits| format!("{name}{bits} numbers"));
    let kind = match code.chars().next() {
        Some('f') => sized("float"),
        Some('i') => sized("int"),
        Some('u') => sized("uint"),
        Some('c') => sized("complex"),
        Some('b') => "booleans".to_string(),
        Some('U' | 'S' | 'a') => "text".to_string(),
        Some('O') => "Python objects".to_string(),
        Some('M' | 'm') => "dates or times".to_string(),
        _ => "an unknown type".to_string(),
    };
    Err(ModelFileError::Dtype { file: file.to_string(), kind, descr: descr.to_string() })
}

/// The length of the vector a shape describes: (N,), (1, N) or (N, 1).
fn vector_length(file: &str, shape: &[u64]) -> Result<usize, ModelFileError> {
    let file = || file.to_string();
    let shown = Literal::Sequence(shape.iter().map(|&n| Literal::Whole(n)).collect()).describe();
    if shape.len() != 1 && shape.len() != 2 {
        return Err(ModelFileError::Dimensions { file: file(), dimensions: shape.len(), shape: shown });
    }
    let count: u128 = shape.iter().map(|&n| u128::from(n)).product();
    if count == 0 {
        return Err(ModelFileError::NoElements { file: file(), shape: shown });
    }
    if let &[rows, columns] = shape
        && rows > 1
        && columns > 1
    {
        return Err(ModelFileError::Matrix { file: file(), rows, columns });
    }
    if count > MAX_OUTCOMES as u128 {
        return Err(ModelFileError::TooMany { file: file(), count, max: MAX_OUTCOMES });
    }
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// The rows and columns of a 1-D or 2-D shape, and their product (within the limit).
fn matrix_shape(file: &str, shape: &[u64]) -> Result<(usize, (usize, usize)), ModelFileError> {
    let file = || file.to_string();
    let shown = Literal::Sequence(shape.iter().map(|&n| Literal::Whole(n)).collect()).describe();
    let (rows, columns) = match *shape {
        [n] => (1, n),
        [rows, columns] => (rows, columns),
        _ => return Err(ModelFileError::Dimensions { file: file(), dimensions: shape.len(), shape: shown }),
    };
    let count = u128::from(rows) * u128::from(columns);
    if count == 0 {
        return Err(ModelFileError::NoElements { file: file(), shape: shown });
    }
    if count > MAX_OUTCOMES as u128 {
        return Err(ModelFileError::TooMany { file: file(), count, max: MAX_OUTCOMES });
    }
    let small = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    Ok((small(rows) * small(columns), (small(rows), small(columns))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version-1 .npy file as NumPy writes it: the header padded to a multiple of 64.
    fn npy(header: &str, data: &[u8]) -> Vec<u8> {
        let mut text = header.to_string();
        while !(10 + text.len() + 1).is_multiple_of(64) {
            text.push(' ');
        }
        text.push('\n');
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&[1, 0]);
        bytes.extend_from_slice(&u16::try_from(text.len()).unwrap_or_default().to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    fn message(bytes: &[u8]) -> String {
        parse("x.npy", bytes).map_or_else(|e| e.to_string(), |v| format!("{v:?}"))
    }

    #[test]
    fn float32_and_float64_in_both_byte_orders() {
        let le32: Vec<u8> = [0.25f32, 0.75].iter().flat_map(|v| v.to_le_bytes()).collect();
        let be64: Vec<u8> = [0.1f64, 0.9].iter().flat_map(|v| v.to_be_bytes()).collect();
        let header =
            |descr: &str, shape: &str| format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
        assert_eq!(parse("x", &npy(&header("<f4", "(2,)"), &le32)), Ok(vec![0.25, 0.75]));
        assert_eq!(parse("x", &npy(&header(">f8", "(1, 2)"), &be64)), Ok(vec![0.1, 0.9]));
        assert_eq!(parse("x", &npy(&header(">f8", "(2, 1)"), &be64)), Ok(vec![0.1, 0.9]));
        let fortran = "{'descr': '>f8', 'fortran_order': True, 'shape': (1, 2), }";
        assert_eq!(parse("x", &npy(fortran, &be64)), Ok(vec![0.1, 0.9]), "a vector reads the same in either order");
        let unclear = "{'descr': '>f8', 'fortran_order': 1, 'shape': (2,), }";
        assert_eq!(
            parse("x", &npy(unclear, &be64)).map_err(|e| e.to_string()),
            Err("x: the .npy header's 'fortran_order' is 1, not True or False".to_string())
        );
    }

    #[test]
    fn a_matrix_reads_row_by_row_in_either_order() {
        let c_order: Vec<u8> = [1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0].iter().flat_map(|v| v.to_le_bytes()).collect();
        let header = |order: &str| format!("{{'descr': '<f8', 'fortran_order': {order}, 'shape': (2, 3), }}");
        let read = parse_matrix("x", &npy(&header("False"), &c_order)).unwrap();
        assert_eq!(read, ((2, 3), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
        // The same matrix column by column.
        let f_order: Vec<u8> = [1.0f64, 4.0, 2.0, 5.0, 3.0, 6.0].iter().flat_map(|v| v.to_le_bytes()).collect();
        assert_eq!(parse_matrix("x", &npy(&header("True"), &f_order)).unwrap(), read);
        let vector = "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }";
        assert_eq!(parse_matrix("x", &npy(vector, &c_order)).unwrap().0, (1, 6));
        let cube = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3), }";
        assert!(parse_matrix("x", &npy(cube, &c_order)).unwrap_err().to_string().contains("3 dimensions"));
    }

    #[test]
    fn every_problem_is_named() {
        let h = |descr: &str, shape: &str| {
            npy(&format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}}}"), &[0; 8])
        };
        assert_eq!(message(b"0.5\n0.5\n"), "x.npy: not a .npy file: it does not start with the bytes \\x93NUMPY");
        assert_eq!(message(b"\x93NUM"), "x.npy: the file ends after 4 bytes, inside its .npy header (10 bytes)");
        assert!(
            message(&h("<i8", "(1,)"))
                .ends_with("holds int64 numbers ('<i8'), not float32 or float64: save it with arr.astype(np.float64)")
        );
        assert!(message(&h("<f2", "(4,)")).contains("holds float16 numbers ('<f2')"));
        assert!(message(&h("|b1", "(8,)")).contains("holds booleans ('|b1')"));
        assert_eq!(
            message(&h("|f8", "(1,)")),
            "x.npy: the dtype '|f8' is float64 with no byte order; NumPy writes '<f8' or '>f8': save it with np.save"
        );
        assert!(message(&h("f4", "(1,)")).contains("the dtype 'f4' is float32 with no byte order"));
        assert!(message(&h("<f463129087", "(1,)")).contains("holds float numbers ('<f463129087')"));
        assert!(message(&h("<i99999999999", "(1,)")).contains("holds int numbers ('<i99999999999')"));
        assert_eq!(
            message(&h("<f8", "(2, 3)")),
            "x.npy: the array is 2×3; klscope reads one list of numbers: 1-D, 1×N or N×1"
        );
        assert!(message(&h("<f8", "()")).contains("the array has 0 dimensions (shape ())"));
        assert!(message(&h("<f8", "(0,)")).contains("the array has no elements (shape (0,))"));
        assert_eq!(message(&h("<f8", "(2,)")), "x.npy: the data holds 8 of the 16 bytes its header promises");
        assert_eq!(message(&h("<f4", "(1,)")), "x.npy: 4 bytes follow the 4 bytes of data its header promises");
        assert!(message(&h("<f4", "(2000000,)")).contains("holds 2000000 values; klscope takes at most 1000000"));
        let mut v9 = h("<f8", "(1,)");
        v9[6] = 9;
        assert!(message(&v9).contains("version 9.0"));
        let no_order = npy("{'descr': '<f8', 'shape': (1,)}", &[0; 8]);
        assert_eq!(message(&no_order), "x.npy: the .npy header has no 'fortran_order'");
        let bad_syntax = npy("{'descr': '<f8' 'shape': (1,)}", &[0; 8]);
        assert_eq!(
            message(&bad_syntax),
            "x.npy: the .npy header is not a dictionary as NumPy writes it: expected ',' or '}' but found the start of a string at byte 26"
        );
    }
}
