//! Where things are in a lesson's text, for errors found after ron has read it (ron 0.12
//! keeps no positions once a value is read). A small scanner that knows RON's brackets,
//! strings, characters and comments: enough to find the steps of `steps: [..]` and the
//! fields of each. It runs on text ron accepted (to place a lesson's own errors) and on
//! text ron refused (to say which step a syntax error is in): when it is lost it says so
//! (None) and the error goes without a position. Every scan moves forward, so it ends.

/// A byte range of the text.
pub type Span = std::ops::Range<usize>;

/// The lesson text, to find steps and fields in.
pub struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator { text }
    }

    /// Where the value of the top-level field `name` is.
    pub fn top_field(&self, name: &str) -> Option<Span> {
        let root = self.skip_blanks(self.skip_attributes(0)?)?;
        self.fields(root)?.into_iter().find(|(field, _)| field == name).map(|(_, span)| span)
    }

    /// Where each step is, in order.
    pub fn steps(&self) -> Vec<Span> {
        self.top_field("steps").and_then(|list| self.items(list.start)).unwrap_or_default()
    }

    /// The index of the step that holds `line:column` (1-based, as ron reports them), its
    /// closing bracket included, when the steps can be found up to there.
    pub fn step_at(&self, line: usize, column: usize) -> Option<usize> {
        let start_of_line: usize = self.text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
        let offset = self
            .text
            .get(start_of_line..)?
            .char_indices()
            .nth(column.checked_sub(1)?)
            .map(|(i, _)| start_of_line + i)?;
        self.steps().iter().position(|span| span.start <= offset && offset <= span.end)
    }

    /// Where the value of field `name` of the step at `step` is.
    pub fn step_field(&self, step: &Span, name: &str) -> Option<Span> {
        self.fields(step.start)?.into_iter().find(|(field, _)| field == name).map(|(_, span)| span)
    }

    /// Where `"needle"` (a string literal) first appears inside `within`.
    pub fn string_in(&self, within: &Span, needle: &str) -> Option<Span> {
        let quoted = format!("{needle:?}");
        let found = self.text.get(within.clone())?.find(&quoted)?;
        Some(within.start + found..within.start + found + quoted.len())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line = 1 + before.matches('\n').count();
        let column = 1 + before.chars().rev().take_while(|&c| c != '\n').count();
        (line, column)
    }

    /// The fields of the struct whose value starts at `at` (`Name(a: .., b: ..)` or
    /// `(a: .., b: ..)`), as (name, span of the value).
    fn fields(&self, at: usize) -> Option<Vec<(String, Span)>> {
        let bytes = self.text.as_bytes();
        let mut i = self.skip_identifier(at);
        i = self.skip_blanks(i)?;
        if bytes.get(i) != Some(&b'(') {
            return None;
        }
        i += 1;
        let mut fields = Vec::new();
        loop {
            i = self.skip_blanks(i)?;
            if bytes.get(i) == Some(&b')') {
                return Some(fields);
            }
            let name_end = self.skip_identifier(i);
            let name = self.text.get(i..name_end)?.to_string();
            i = self.skip_blanks(name_end)?;
            if name.is_empty() || bytes.get(i) != Some(&b':') {
                return None;
            }
            let start = self.skip_blanks(i + 1)?;
            let end = self.skip_value(start).filter(|&end| end > start)?;
            fields.push((name, start..end));
            i = self.skip_blanks(end)?;
            if bytes.get(i) == Some(&b',') {
                i += 1;
            }
        }
    }

    /// The items of the list whose `[` is at `at`.
    fn items(&self, at: usize) -> Option<Vec<Span>> {
        let bytes = self.text.as_bytes();
        if bytes.get(at) != Some(&b'[') {
            return None;
        }
        let mut i = at + 1;
        let mut items = Vec::new();
        loop {
            i = self.skip_blanks(i)?;
            if bytes.get(i) == Some(&b']') {
                return Some(items);
            }
            // An empty item is a stray closing bracket (text ron refused): the scan is
            // lost, and stepping past nothing would loop for ever.
            let end = self.skip_value(i).filter(|&end| end > i)?;
            items.push(i..end);
            i = self.skip_blanks(end)?;
            if bytes.get(i) == Some(&b',') {
                i += 1;
            }
        }
    }

    /// The end of the value starting at `at`: up to a `,` or a closing bracket outside any
    /// bracket of its own, with trailing blanks left out.
    fn skip_value(&self, at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let (mut i, mut depth, mut end) = (at, 0usize, at);
        while let Some(&b) = bytes.get(i) {
            match b {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => return Some(end),
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return Some(end),
                b'"' => i = self.skip_string(i)? - 1,
                b'r' if self.is_raw_string(i) => i = self.skip_raw_string(i)? - 1,
                b'\'' => i = self.skip_char(i)? - 1,
                b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                    i = self.skip_blanks(i)?;
                    continue;
                }
                _ if b.is_ascii_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            i += 1;
            end = i;
        }
        None
    }

    /// Past blanks and comments (`//` to the end of the line, `/* */` nested).
    fn skip_blanks(&self, at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = at;
        loop {
            match (bytes.get(i), bytes.get(i + 1)) {
                (Some(b), _) if b.is_ascii_whitespace() => i += 1,
                (Some(b'/'), Some(b'/')) => {
                    i = self.text.get(i..)?.find('\n').map_or(bytes.len(), |n| i + n);
                }
                (Some(b'/'), Some(b'*')) => {
                    let mut depth = 0usize;
                    loop {
                        match (bytes.get(i), bytes.get(i + 1)) {
                            (Some(b'/'), Some(b'*')) => (depth, i) = (depth + 1, i + 2),
                            (Some(b'*'), Some(b'/')) => {
                                (depth, i) = (depth - 1, i + 2);
                                if depth == 0 {
                                    break;
                                }
                            }
                            (Some(_), _) => i += 1,
                            (None, _) => return None,
                        }
                    }
                }
                _ => return Some(i),
            }
        }
    }

    /// Past `#![enable(..)]` attributes at the start of the file.
    fn skip_attributes(&self, at: usize) -> Option<usize> {
        let mut i = self.skip_blanks(at)?;
        while self.text.get(i..)?.starts_with("#!") {
            let open = i + self.text.get(i..)?.find('[')?;
            // The attribute's value, then blanks or comments, then its `]`.
            let close = self.skip_blanks(self.skip_value(open + 1)?)?;
            if self.text.as_bytes().get(close) != Some(&b']') {
                return None;
            }
            i = self.skip_blanks(close + 1)?;
        }
        Some(i)
    }

    fn skip_identifier(&self, at: usize) -> usize {
        let rest = self.text.get(at..).unwrap_or_default();
        let length = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        at + length
    }

    /// Past a string starting at `at` (its opening quote).
    fn skip_string(&self, at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = at + 1;
        loop {
            match bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    }

    /// Past a raw string `r#".."#` starting at `at` (its `r`).
    fn skip_raw_string(&self, at: usize) -> Option<usize> {
        let rest = self.text.get(at + 1..)?;
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let close = format!("\"{}", "#".repeat(hashes));
        let body = at + 1 + hashes + 1;
        self.text.get(body..)?.find(&close).map(|n| body + n + close.len())
    }

    /// Past a character literal starting at `at` (its opening quote). Searching bytes for
    /// the closing quote is safe: a quote is never part of a longer UTF-8 character.
    fn skip_char(&self, at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let from = if bytes.get(at + 1) == Some(&b'\\') { at + 3 } else { at + 2 };
        let close = bytes.get(from..)?.iter().position(|&b| b == b'\'')?;
        Some(from + close + 1)
    }

    /// Whether a raw string `r".."` or `r#".."#` starts at `at` (not an identifier's `r`).
    fn is_raw_string(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        let after_identifier = at > 0 && bytes.get(at - 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        let rest = self.text.get(at + 1..).unwrap_or_default();
        !after_identifier && rest.trim_start_matches('#').starts_with('"')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// A lesson
Lesson(
    title: "A (tricky) title, with \"quotes\"",
    steps: [
        Step(scenario: Builtin("a"), view: "plots", say: "One, two.", /* a ( comment */),
        Step(
            scenario: Inline((id: "x", title: "y", labels: ['a', ','], p: [1.0, 0.0], q: [0.5, 0.5])),
            view: "table",
            say: r#"raw ) text"#,
            task: Predict(Larger("KL(P||Q)", "KL(Q||P)")),
        ),
    ],
)
"##;

    #[test]
    fn finds_steps_and_their_fields() {
        let locator = Locator::new(TEXT);
        let steps = locator.steps();
        assert_eq!(steps.len(), 2);
        assert_eq!(locator.line_column(steps[0].start), (5, 9));
        assert_eq!(locator.line_column(steps[1].start), (6, 9));
        let view = locator.step_field(&steps[1], "view").map(|span| locator.line_column(span.start));
        assert_eq!(view, Some((8, 19)));
        let task = locator.step_field(&steps[1], "task").unwrap();
        assert_eq!(&TEXT[task.clone()], r#"Predict(Larger("KL(P||Q)", "KL(Q||P)"))"#);
        let measure = locator.string_in(&task, "KL(Q||P)").map(|span| locator.line_column(span.start));
        assert_eq!(measure, Some((10, 46)));
        let title = locator.top_field("title").map(|span| locator.line_column(span.start));
        assert_eq!(title, Some((3, 12)));
    }

    #[test]
    fn an_attribute_with_blanks_or_a_comment_before_its_bracket_is_passed() {
        for attribute in
            ["#![enable(implicit_some)]", "#![enable(implicit_some) ]", "#![enable(implicit_some) /* x */ ]"]
        {
            let text = format!("{attribute}\n{TEXT}");
            assert_eq!(Locator::new(&text).steps().len(), 2, "{attribute}");
        }
    }

    #[test]
    fn a_stray_closing_bracket_in_the_list_ends_the_search() {
        // A step that lost its `(` leaves its `)` at the list's own depth: every
        // step then ends where it starts, and the scan must stop, not loop.
        let text = "Lesson(title: \"t\", steps: [Step view: \"plots\", say: \"s\", ), Step(view: \"a\")])";
        let locator = Locator::new(text);
        assert!(locator.steps().is_empty());
        assert_eq!(locator.step_at(1, 40), None);
        for text in ["Lesson(steps: [a, }, b])", "Lesson(steps: [a, ) ])", "Lesson(steps: [a), b: (c: d, ]) ])"] {
            assert!(Locator::new(text).steps().is_empty(), "{text:?}");
        }
    }

    #[test]
    fn lost_is_none_not_a_panic() {
        for text in ["", "Lesson(", "Lesson(steps: [Step(", "(steps: \"unclosed", "#![enable(", "x: y"] {
            assert!(Locator::new(text).steps().is_empty(), "{text:?}");
        }
    }
}
