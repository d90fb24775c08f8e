//! Numbers as text: one number per line (what `np.savetxt(f, v)` writes), or one row
//! separated by commas (`np.savetxt(f, v[None], delimiter=",")`). A byte-order mark,
//! CRLF line ends, spaces around numbers and blank lines at the end are fine; anything
//! else is named with `file:line:column`.

use super::error::ModelFileError;
use crate::scenario::MAX_OUTCOMES;

/// The numbers in `text`. NaN and +∞ are refused here, where the line is known; −∞ passes
/// (as a logit it means probability 0; as a probability the distribution check names it).
pub fn parse(file: &str, text: &str) -> Result<Vec<f64>, ModelFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Blank lines at the end are a trailing newline or two, not missing numbers. Cut them
    // off before looking at lines, so that 200,000,000 of them cost nothing.
    let text = text.trim_end();
    if text.is_empty() {
        return Err(ModelFileError::EmptyCsv { file: file.to_string() });
    }
    // Lines are taken one at a time and never stored: only the numbers are kept.
    let mut lines = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
    let first = lines.next().unwrap_or_default();
    if first.contains(',') {
        if lines.next().is_some() {
            let row = first.split(',').count();
            return Err(ModelFileError::LineAfterRow { file: file.to_string(), line: 2, row });
        }
        let mut values = Vec::with_capacity((first.len() / 4).min(MAX_OUTCOMES));
        let mut offset = 0;
        let mut items = first.split(',');
        for item in items.by_ref() {
            if values.len() == MAX_OUTCOMES {
                let count = values.len() + 1 + items.count();
                return Err(too_many(file, count));
            }
            values.push(number(file, 1, first, offset, item)?);
            offset += item.len() + 1;
        }
        return Ok(values);
    }
    let mut values = Vec::new();
    for (index, line) in std::iter::once(first).chain(lines.by_ref()).enumerate() {
        if let Some(comma) = line.find(',') {
            let column = column(line, comma);
            return Err(ModelFileError::CommaInColumn { file: file.to_string(), line: index + 1, column });
        }
        if line.trim().is_empty() {
            return Err(ModelFileError::EmptyLine { file: file.to_string(), line: index + 1 });
        }
        if values.len() == MAX_OUTCOMES {
            return Err(too_many(file, index + 1 + lines.count()));
        }
        values.push(number(file, index + 1, line, 0, line)?);
    }
    Ok(values)
}

/// More numbers than a scenario may have outcomes; `count` was counted, not stored.
fn too_many(file: &str, count: usize) -> ModelFileError {
    ModelFileError::TooMany { file: file.to_string(), count: count as u128, max: MAX_OUTCOMES }
}

/// The number in `item`, which starts at byte `offset` of `line` (line number `number`).
fn number(file: &str, line_number: usize, line: &str, offset: usize, item: &str) -> Result<f64, ModelFileError> {
    let text = item.trim();
    let start = offset + (item.len() - item.trim_start().len());
    let at = |text: &str| (file.to_string(), line_number, column(line, start), text.to_string());
    if text.is_empty() {
        let (file, line, column, _) = at(text);
        return Err(ModelFileError::MissingNumber { file, line, column });
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_nan() || value == f64::INFINITY => {
            let (file, line, column, text) = at(text);
            Err(ModelFileError::NotFinite { file, line, column, text })
        }
        Ok(value) => Ok(value),
        Err(_) => {
            // np.savetxt separates a row with spaces unless told delimiter=",".
            let hint = if text.contains(char::is_whitespace) { "; separate numbers with commas" } else { "" };
            let (file, line, column, text) = at(text);
            Err(ModelFileError::NotANumber { file, line, column, text, hint })
        }
    }
}

/// The 1-based column (in characters) of byte `offset` of `line`.
fn column(line: &str, offset: usize) -> usize {
    line.get(..offset).map_or(offset, |before| before.chars().count()) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        parse("x.csv", text).map_or_else(|e| e.to_string(), |v| format!("{v:?}"))
    }

    #[test]
    fn columns_rows_and_what_is_tolerated() {
        assert_eq!(parse("x", "0.25\n0.75\n"), Ok(vec![0.25, 0.75]));
        assert_eq!(parse("x", "\u{feff} 0.25 \r\n7.5e-1\r\n\r\n"), Ok(vec![0.25, 0.75]));
        assert_eq!(parse("x", "0.25, 0.75\n"), Ok(vec![0.25, 0.75]));
        assert_eq!(parse("x", "1\n-inf\n"), Ok(vec![1.0, f64::NEG_INFINITY]));
        assert_eq!(parse("x", "-3"), Ok(vec![-3.0]));
    }

    #[test]
    fn every_problem_is_named_with_line_and_column() {
        assert!(message("").starts_with("x.csv: the file is empty"));
        assert!(message(" \n\r\n").starts_with("x.csv: the file is empty"));
        assert_eq!(message("0.5\n  abc\n"), "x.csv:2:3: 'abc' is not a number");
        assert_eq!(message("0.5\n0.2 0.3\n"), "x.csv:2:1: '0.2 0.3' is not a number; separate numbers with commas");
        assert_eq!(message("0.5,nan"), "x.csv:1:5: 'nan' is not a finite number");
        assert_eq!(message("0.5\ninf\n"), "x.csv:2:1: 'inf' is not a finite number");
        assert_eq!(message("0.5,,0.5"), "x.csv:1:5: a number is missing here");
        assert_eq!(message("0.5\n\n0.5"), "x.csv:2: the line is empty; write one number on every line");
        assert!(message("0.5,0.5\n1\n").starts_with("x.csv:2: another line follows a row of 2 numbers"));
        assert!(message("0.5\n0.2,0.3\n").starts_with("x.csv:2:4: a comma, but the lines above hold one number each"));
        // Columns count characters: an ideographic space is one.
        assert_eq!(message("1,\u{3000}x"), "x.csv:1:4: 'x' is not a number");
        assert_eq!(
            message(&"0\n".repeat(MAX_OUTCOMES + 2)),
            "x.csv: holds 1000002 values; klscope takes at most 1000000 outcomes"
        );
        assert_eq!(
            message(&"0,".repeat(MAX_OUTCOMES + 2)),
            "x.csv: holds 1000003 values; klscope takes at most 1000000 outcomes"
        );
        // Blank lines cost nothing, however many.
        assert!(message(&"\n".repeat(10_000_000)).starts_with("x.csv: the file is empty"));
    }
}
