//! Numbers as people type them: decimals ("0.25", "1e-3") or fractions ("1/3").

/// Why typed text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("'{0}' is not a number: write a decimal such as 0.25 or a fraction such as 1/4")]
    NotANumber(String),
    #[error("'{0}' divides by zero")]
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

/// `x` with `digits` significant digits ("0.5310" for 4), in scientific notation when it
/// is below 1e-4 or at least 1e6 so that tiny values keep their digits. Finite `x` only.
pub fn significant(x: f64, digits: usize) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let digits = digits.max(1);
    let magnitude = x.abs().log10().floor() as i32;
    if (-4..6).contains(&magnitude) {
        format!("{x:.*}", (digits as i32 - 1 - magnitude).max(0) as usize)
    } else {
        format!("{x:.*e}", digits - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits() {
        assert_eq!(significant(0.531004, 4), "0.5310");
        assert_eq!(significant(0.5310044, 6), "0.531004");
        assert_eq!(significant(12.3456, 4), "12.35");
        assert_eq!(significant(2e-10, 6), "2.00000e-10");
        assert_eq!(significant(0.0, 4), "0");
    }

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
}
