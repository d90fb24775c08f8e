//! A vocabulary: one token per line, UTF-8; the outcome names for a model's outputs.
//! Tokens are kept as written (a leading space can matter to a tokenizer), but two tokens
//! that differ only in surrounding spaces look the same on screen and count as the same,
//! as outcome names do everywhere in klscope.

use super::error::ModelFileError;
use crate::scenario::MAX_OUTCOMES;
use std::collections::HashMap;

/// The tokens of a vocabulary file, or the line that is wrong.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<String>, ModelFileError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ModelFileError::VocabularyNotText { file: file.to_string(), offset: e.valid_up_to() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One line break at the very end is the end of the last line, not an empty token.
    let text = text.strip_suffix('\n').map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
    if text.is_empty() {
        return Err(ModelFileError::EmptyVocabulary { file: file.to_string() });
    }
    // Counted before anything is stored: a token per outcome, so at most MAX_OUTCOMES.
    let count = text.bytes().filter(|&b| b == b'\n').count() + 1;
    if count > MAX_OUTCOMES {
        return Err(ModelFileError::VocabularyTooLong { file: file.to_string(), tokens: count, max: MAX_OUTCOMES });
    }
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut tokens = Vec::with_capacity(count);
    for (index, line) in text.split('\n').enumerate() {
        let token = line.strip_suffix('\r').unwrap_or(line);
        let line = index + 1;
        if token.trim().is_empty() {
            return Err(ModelFileError::EmptyToken { file: file.to_string(), line });
        }
        if let Some(&first) = first_seen.get(token.trim()) {
            let token = token.to_string();
            return Err(ModelFileError::DuplicateToken { file: file.to_string(), line, token, first });
        }
        first_seen.insert(token.trim(), line);
        tokens.push(token.to_string());
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        parse("v.txt", bytes).map_or_else(|e| e.to_string(), |v| format!("{v:?}"))
    }

    #[test]
    fn tokens_as_written() {
        assert_eq!(parse("v", b"cat\r\n dog\n"), Ok(vec!["cat".to_string(), " dog".to_string()]));
        assert_eq!(parse("v", "\u{feff}é".as_bytes()), Ok(vec!["é".to_string()]));
    }

    #[test]
    fn mistakes_name_the_line() {
        assert_eq!(message(b""), "v.txt: the vocabulary is empty; write one token per line");
        assert_eq!(message(b"a\n\nb\n"), "v.txt:2: the line is empty; every token needs a name");
        assert_eq!(message(b"a\nb\na \n"), "v.txt:3: 'a ' is already on line 1; tokens must be different");
        assert_eq!(message(b"a\n\xff"), "v.txt: byte 2 is not UTF-8; a vocabulary is UTF-8 text, one token per line");
        assert_eq!(message(b"a\n\n"), "v.txt:2: the line is empty; every token needs a name");
        assert_eq!(
            message("x\n".repeat(MAX_OUTCOMES + 1).as_bytes()),
            "v.txt: holds 1000001 lines; a vocabulary has at most 1000000 tokens, one per outcome"
        );
        let hostile = format!("\u{1b}[2J{}\n\u{1b}[2J{} \n", "x".repeat(1000), "x".repeat(1000));
        let shown = format!("\\u{{1b}}[2J{}…", "x".repeat(36));
        assert_eq!(
            message(hostile.as_bytes()),
            format!("v.txt:2: '{shown}' is already on line 1; tokens must be different")
        );
    }
}
