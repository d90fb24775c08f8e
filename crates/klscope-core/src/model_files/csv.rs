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
    let lines: Vec<&str> = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).collect();
    // Blank lines at the end are a trailing newline or two, not missing numbers.
    let used = lines.iter().rposition(|line| !line.trim().is_empty()).map_or(0, |last| last + 1);
    let lines = &lines[..used];
    let Some(first) = lines.first() else {
        return Err(ModelFileError::EmptyCsv { file: file.to_string() });
    };
    if first.contains(',') {
        if lines.len() > 1 {
            let row = first.split(',').count();
            return Err(ModelFileError::LineAfterRow { file: file.to_string(), line: 2, row });
        }
        let mut values = Vec::with_capacity(first.len() / 4);
        let mut offset = 0;
        for item in first.split(',') {
            values.push(number(file, 1, first, offset, item)?);
            offset += item.len() + 1;
        }
        return within_limit(file, values);
    }
    let mut values = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        if let Some(comma) = line.find(',') {
            let column = column(line, comma);
            return Err(ModelFileError::CommaInColumn { file: file.to_string(), line: index + 1, column });
        }
        if line.trim().is_empty() {
            return Err(ModelFileError::EmptyLine { file: file.to_string(), line: index + 1 });
        }
        values.push(number(file, index + 1, line, 0, line)?);
        if values.len() > MAX_OUTCOMES {
            return within_limit(file, values);
        }
    }
    Ok(values)
}

fn within_limit(file: &str, values: Vec<f64>) -> Result<Vec<f64>, ModelFileError> {
    if values.len() > MAX_OUTCOMES {
        let count = values.len() as u128;
        return Err(ModelFileError::TooMany { file: file.to_string(), count, max: MAX_OUTCOMES });
    }
    Ok(values)
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
        assert!(message(&"0\n".repeat(MAX_OUTCOMES + 1)).contains("klscope takes at most 1000000 outcomes"));
    }
}
