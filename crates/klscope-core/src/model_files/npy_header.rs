//! The header of a .npy file: a Python dictionary literal such as
//! `{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }`. A small parser for the
//! literals NumPy writes (strings, True/False/None, whole numbers, tuples and lists) is
//! all it takes; errors give the byte offset of the offending token.

/// A Python literal as it appears in the header.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Bool(bool),
    None,
    Whole(u64),
    /// A tuple or a list (a structured dtype's `descr` is a list).
    Sequence(Vec<Literal>),
}

impl Literal {
    /// How the literal reads in a message: header text quoted (escaped, cut short), and a
    /// long sequence cut after a few items.
    pub fn describe(&self) -> String {
        match self {
            Literal::Text(text) => format!("'{}'", crate::text::quote(text)),
            Literal::Bool(true) => "True".to_string(),
            Literal::Bool(false) => "False".to_string(),
            Literal::None => "None".to_string(),
            Literal::Whole(n) => n.to_string(),
            Literal::Sequence(items) => {
                let shown = first_few(items.iter().map(Literal::describe));
                if shown.len() == 1 { format!("({},)", shown[0]) } else { format!("({})", shown.join(", ")) }
            }
        }
    }
}

/// The items of a sequence a message shows before "…".
const SHOWN_ITEMS: usize = 6;

/// The first few of `items` for a message, and "…" where there are more: a header may
/// list thousands.
pub fn first_few(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut items = items.into_iter();
    let mut shown: Vec<String> = items.by_ref().take(SHOWN_ITEMS).collect();
    if items.next().is_some() {
        shown.push("…".to_string());
    }
    shown
}

/// What is wrong, and at which byte of the header text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub what: String,
    pub offset: usize,
}

/// The header's entries, in order.
pub fn parse(text: &str) -> Result<Vec<(String, Literal)>, SyntaxError> {
    let mut parser = Parser { bytes: text.as_bytes(), at: 0, token_start: 0, depth: 0 };
    parser.expect(b'{')?;
    let mut entries = Vec::new();
    loop {
        parser.skip_blanks();
        if parser.eat(b'}') {
            break;
        }
        let key = match parser.literal()? {
            Literal::Text(key) => key,
            other => return Err(parser.error_before(format!("the key {} is not a string", other.describe()))),
        };
        parser.expect(b':')?;
        let value = parser.literal()?;
        entries.push((key, value));
        parser.skip_blanks();
        if !parser.eat(b',') {
            parser.expect_end(b'}')?;
            break;
        }
    }
    parser.skip_blanks();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("text after the closing '}'".to_string()));
    }
    Ok(entries)
}

/// Deeper nesting than NumPy ever writes is refused rather than recursed into.
const MAX_DEPTH: usize = 16;

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Where the last literal started, for errors about it as a whole.
    token_start: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: String) -> SyntaxError {
        SyntaxError { what, offset: self.at }
    }

    /// An error at the token just read: back up to where it started.
    fn error_before(&self, what: String) -> SyntaxError {
        SyntaxError { what, offset: self.token_start }
    }

    fn skip_blanks(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_blanks();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), SyntaxError> {
        if self.eat(byte) {
            Ok(())
        } else {
            let found = self.found();
            Err(self.error(format!("expected '{}' but found {found}", char::from(byte))))
        }
    }

    /// After an item: a comma or the closing bracket.
    fn expect_end(&mut self, close: u8) -> Result<(), SyntaxError> {
        if self.eat(close) {
            Ok(())
        } else {
            let found = self.found();
            Err(self.error(format!("expected ',' or '{}' but found {found}", char::from(close))))
        }
    }

    fn found(&self) -> String {
        match self.bytes.get(self.at) {
            None => "the end of the header".to_string(),
            Some(b'\'' | b'"') => "the start of a string".to_string(),
            Some(&b) if b.is_ascii_graphic() => format!("'{}'", char::from(b)),
            Some(&b) => format!("the byte 0x{b:02x}"),
        }
    }

    fn literal(&mut self) -> Result<Literal, SyntaxError> {
        self.skip_blanks();
        self.token_start = self.at;
        match self.bytes.get(self.at) {
            Some(&quote @ (b'\'' | b'"')) => self.text(quote),
            Some(&open @ (b'(' | b'[')) => self.sequence(if open == b'(' { b')' } else { b']' }),
            Some(b) if b.is_ascii_digit() => self.whole(),
            Some(b) if b.is_ascii_alphabetic() => self.word(),
            _ => {
                let found = self.found();
                Err(self.error(format!("expected a value but found {found}")))
            }
        }
    }

    fn text(&mut self, quote: u8) -> Result<Literal, SyntaxError> {
        let start = self.at + 1;
        let length = self.bytes[start..].iter().position(|&b| b == quote || b == b'\\');
        match length.map(|n| (n, self.bytes[start + n])) {
            Some((n, b)) if b == quote => {
                self.at = start + n + 1;
                Ok(Literal::Text(String::from_utf8_lossy(&self.bytes[start..start + n]).into_owned()))
            }
            // NumPy never escapes anything in a header: refuse rather than guess.
            Some((n, _)) => {
                self.at = start + n;
                Err(self.error("a backslash inside a string".to_string()))
            }
            None => Err(self.error("a string that never ends".to_string())),
        }
    }

    fn whole(&mut self) -> Result<Literal, SyntaxError> {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        // Python 2 wrote longs as 10L.
        if self.bytes.get(self.at) == Some(&b'L') {
            self.at += 1;
        }
        let digits = String::from_utf8_lossy(&self.bytes[start..self.at]);
        digits.trim_end_matches('L').parse().map(Literal::Whole).map_err(|_| SyntaxError {
            what: format!("the number {} is too large", crate::text::quote(&digits)),
            offset: start,
        })
    }

    fn word(&mut self) -> Result<Literal, SyntaxError> {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
            self.at += 1;
        }
        match &self.bytes[start..self.at] {
            b"True" => Ok(Literal::Bool(true)),
            b"False" => Ok(Literal::Bool(false)),
            b"None" => Ok(Literal::None),
            other => Err(SyntaxError {
                what: format!("'{}' is not a value NumPy writes", crate::text::quote(&String::from_utf8_lossy(other))),
                offset: start,
            }),
        }
    }

    fn sequence(&mut self, close: u8) -> Result<Literal, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("values nested too deeply".to_string()));
        }
        self.depth += 1;
        self.at += 1;
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                break;
            }
            items.push(self.literal()?);
            if !self.eat(b',') {
                self.expect_end(close)?;
                break;
            }
        }
        self.depth -= 1;
        Ok(Literal::Sequence(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_headers_parse() {
        let entries = parse("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }          \n");
        assert_eq!(
            entries,
            Ok(vec![
                ("descr".to_string(), Literal::Text("<f4".to_string())),
                ("fortran_order".to_string(), Literal::Bool(false)),
                ("shape".to_string(), Literal::Sequence(vec![Literal::Whole(10)])),
            ])
        );
        let structured = parse("{'descr': [('a', '<f4')], 'shape': (1, 3L)}");
        assert!(structured.is_ok_and(|e| e[1].1 == Literal::Sequence(vec![Literal::Whole(1), Literal::Whole(3)])));
    }

    #[test]
    fn mistakes_give_the_offset() {
        let error = |text: &str| parse(text).err().map(|e| (e.what, e.offset));
        assert_eq!(error("{'a': 1"), Some(("expected ',' or '}' but found the end of the header".to_string(), 7)));
        assert_eq!(error("{'a': maybe}"), Some(("'maybe' is not a value NumPy writes".to_string(), 6)));
        assert_eq!(error("{'a': 'x}"), Some(("a string that never ends".to_string(), 6)));
        assert_eq!(error("{1: 2}"), Some(("the key 1 is not a string".to_string(), 1)));
        assert_eq!(error("{} x"), Some(("text after the closing '}'".to_string(), 3)));
        assert_eq!(error(&"[".repeat(100)), Some(("expected '{' but found '['".to_string(), 0)));
        let deep = format!("{{'a': {}", "(".repeat(100));
        assert!(error(&deep).is_some_and(|(what, _)| what.contains("nested too deeply")));
    }
}
