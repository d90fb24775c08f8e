//! Text that came from a file, made safe to print: a terminal obeys escape sequences, a
//! carriage return rewrites the line, bidi overrides reorder what follows, and a token of
//! a megabyte buries the message. Every value a file supplies (a CSV cell, a token, a
//! label, a title) goes through [`quote`] before it reaches stderr or stdout.

use std::borrow::Cow;
use std::fmt::Write;

/// How many characters of a quoted value are shown before "…".
pub const QUOTE_CHARS: usize = 40;

/// Whether `c` would act on a terminal or reorder text instead of showing as itself:
/// control characters (C0 with NUL, CR and ESC, DEL, C1), bidi embeddings, overrides and
/// isolates, direction marks, and the line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every unsafe character written out as an escape (`\n`, `\r`, `\t`, `\0`,
/// else `\u{..}`), nothing cut. For text that may be long but must be whole (a path).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// `text` as a message quotes it: escaped as [`escape`] does and cut to
/// [`QUOTE_CHARS`] characters with "…". The caller adds the quotation marks.
pub fn quote(text: &str) -> String {
    quote_to(text, QUOTE_CHARS)
}

/// [`quote`] with room for `max` characters (counted before escaping).
pub fn quote_to(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4) + 8);
    for (shown, c) in text.chars().enumerate() {
        if shown == max {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    if !is_unsafe(c) {
        out.push(c);
        return;
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        c => {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_written_out() {
        assert_eq!(quote("\u{1b}[2J\u{1b}[31mRED"), "\\u{1b}[2J\\u{1b}[31mRED");
        assert_eq!(quote("a\rb\0c\nd\te"), "a\\rb\\0c\\nd\\te");
        assert_eq!(quote("x\u{202E}txt.exe\u{2066}"), "x\\u{202e}txt.exe\\u{2066}");
        assert_eq!(quote("\u{7f}\u{85}\u{2028}"), "\\u{7f}\\u{85}\\u{2028}");
        assert_eq!(escape("plain é ∞ 猫"), "plain é ∞ 猫");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(1_000_000);
        let shown = quote(&long);
        assert_eq!(shown.chars().count(), QUOTE_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(quote(&"y".repeat(QUOTE_CHARS)), "y".repeat(QUOTE_CHARS));
        assert_eq!(quote_to("abcdef", 3), "abc…");
    }
}
