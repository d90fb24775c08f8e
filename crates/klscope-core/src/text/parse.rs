//! Numbers as people type them: decimals ("0.25", "1e-3") or fractions ("1/3").

/// Why typed text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// What was typed is quoted: it may come from a file or from another machine.
    #[error("'{}' is not a number: write a decimal such as 0.25 or a fraction such as 1/4", super::quote(.0))]
    NotANumber(String),
    #[error("'{}' divides by zero", super::quote(.0))]
    DivideByZero(String),
}

/// Parses a decimal or a fraction `a/b`. "inf" and "NaN" parse (as Rust's parser does)
/// so that the distribution check can reject them with its own, more precise message.
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let text = text.trim();
    let bad = || NumberError::NotANumber(text.to_string());
    match text.split_once('/') {
        Some((top, bottom)) => {
            let top: f64 = top.trim().parse().map_err(|_| bad())?;
            let bottom: f64 = bottom.trim().parse().map_err(|_| bad())?;
            if bottom == 0.0 {
                return Err(NumberError::DivideByZero(text.to_string()));
            }
            Ok(top / bottom)
        }
        None => text.parse().map_err(|_| bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_fractions() {
        assert_eq!(parse_number(" 0.25 "), Ok(0.25));
        assert_eq!(parse_number("1/3"), Ok(1.0 / 3.0));
        assert_eq!(parse_number("1e-3"), Ok(0.001));
        assert_eq!(parse_number("abc"), Err(NumberError::NotANumber("abc".into())));
        assert_eq!(parse_number("1/0"), Err(NumberError::DivideByZero("1/0".into())));
        assert_eq!(parse_number("1/x"), Err(NumberError::NotANumber("1/x".into())));
        assert_eq!(parse_number(""), Err(NumberError::NotANumber("".into())));
    }

    #[test]
    fn what_was_typed_is_quoted_in_the_message() {
        let message = parse_number("\u{1b}[2J1").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("'\\u{1b}[2J1' is not a number"), "{message}");
        let message = parse_number("1/0").err().map(|e| e.to_string());
        assert_eq!(message.as_deref(), Some("'1/0' divides by zero"));
    }
}
