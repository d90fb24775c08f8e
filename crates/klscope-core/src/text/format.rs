//! Numbers as people read them: on screen (four significant digits), in hover texts
//! (full precision), in the terminal (six decimals), in copied tables and JSON. Infinity
//! is `∞` wherever a person reads it and `"inf"` where a program does; `-0` never shows.

use serde_json::{Value, json};

/// Infinity as a person reads it.
pub const INFINITY: &str = "∞";

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

/// Four significant digits for the screen ("0.5310", "1.000", "0.04150"), "∞" for
/// infinity, "—" for no value.
pub fn sig4(x: f64) -> String {
    if x.is_infinite() {
        return if x > 0.0 { INFINITY.to_string() } else { format!("−{INFINITY}") };
    }
    if x.is_nan() {
        return "—".to_string();
    }
    significant(x, 4)
}

/// A bound on a value 0 lies within, below which the value shows as 0 alone: far below
/// any digit a person reads, and a hundred times the quadrature's own target (1e-11).
pub const NEGLIGIBLE_AROUND_ZERO: f64 = 1e-9;

/// Whether `bound` on `value` is too small to change the four significant digits shown
/// ([`sig4_within`]): under a tenth of a unit in the last digit, or, where 0 lies within
/// the bound (and 0 is shown), under [`NEGLIGIBLE_AROUND_ZERO`]. An infinite value is exact.
pub fn bound_is_negligible(value: f64, bound: f64) -> bool {
    if !value.is_finite() || bound == 0.0 {
        return true;
    }
    if bound.is_nan() || bound < 0.0 || bound.is_infinite() {
        return false;
    }
    if value.abs() <= bound {
        return bound < NEGLIGIBLE_AROUND_ZERO;
    }
    bound < 0.1 * last_digit(value)
}

/// The value of a unit in the last digit `sig4` shows of `x` (finite, non-zero).
fn last_digit(x: f64) -> f64 {
    let magnitude = x.abs().log10().floor() as i32;
    if (-4..6).contains(&magnitude) { 10f64.powi(-(3 - magnitude).max(0)) } else { 10f64.powi(magnitude - 3) }
}

/// A computed value with the bound on its error, for a person: four significant digits
/// alone where the bound cannot change them ("1.623" for 1.62298 ± 4e-14), and with the
/// bound, rounded up to one digit, where it can ("1.623 ± 0.002"). A value the bound puts
/// within reach of 0 shows as 0 ("0" for 3e-16 ± 7e-15, "0 ± 2e-3" for 1e-4 ± 1e-3).
/// ∞ is exact.
pub fn sig4_within(value: f64, bound: f64) -> String {
    if !value.is_finite() {
        return sig4(value);
    }
    let around_zero = bound.is_finite() && value.abs() <= bound;
    let shown = sig4(if around_zero { 0.0 } else { value });
    if bound_is_negligible(value, bound) {
        return shown;
    }
    // Around 0 the truth is within |value| + bound of the 0 shown.
    let reach = if around_zero { value.abs() + bound } else { bound };
    format!("{shown} ± {}", one_digit_up(reach))
}

/// `x` > 0 to one significant digit, rounded up (a bound never shrinks in the showing):
/// 0.0013 → "0.002", 3.2e-14 → "4e-14".
pub fn one_digit_up(x: f64) -> String {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return sig4(x);
    }
    let power = 10f64.powf(x.log10().floor());
    let digit = (x / power * (1.0 - 1e-12)).ceil().max(1.0);
    significant(digit * power, 1)
}

/// A value with its unit, "0.5310 bits" (a value without a unit alone, "0.4000");
/// infinity stands alone as "∞".
pub fn with_unit(x: f64, unit: impl std::fmt::Display) -> String {
    let unit = unit.to_string();
    if x.is_infinite() || unit.is_empty() { sig4(x) } else { format!("{} {unit}", sig4(x)) }
}

/// A probability for a bar or a field: up to 4 decimals, trailing zeros dropped.
pub fn probability(x: f64) -> String {
    if x != 0.0 && x < 1e-4 {
        return format!("{x:.2e}");
    }
    let text = format!("{x:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() { "0".to_string() } else { text.to_string() }
}

/// Full precision, for hover texts.
pub fn full(x: f64) -> String {
    if x.is_infinite() { INFINITY.to_string() } else { format!("{x}") }
}

/// A probability written briefly: up to 4 significant digits, no trailing zeros.
pub fn short_number(x: f64) -> String {
    if x != 0.0 && (x.abs() < 1e-4 || x.abs() >= 1e6) {
        return format!("{x:.3e}");
    }
    let digits = 4 - 1 - (x.abs().max(1e-300).log10().floor() as i32);
    let text = format!("{:.*}", digits.clamp(0, 12) as usize, x);
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

/// Six decimals for the terminal's tables, or "∞".
pub fn fixed6(x: f64) -> String {
    if x.is_infinite() { INFINITY.to_string() } else { format!("{x:.6}") }
}

/// A number for JSON: full precision, or the string "inf" (JSON has no infinity).
pub fn json_number(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { json!("inf") }
}

/// A number for CSV: full precision, "inf" or "-inf" (what spreadsheets and pandas read).
pub fn csv_number(x: f64) -> String {
    if x.is_infinite() { if x > 0.0 { "inf".to_string() } else { "-inf".to_string() } } else { format!("{x}") }
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
        assert_eq!(significant(-0.0, 4), "0", "no negative zero");
    }

    #[test]
    fn four_significant_digits() {
        assert_eq!(sig4(0.531004), "0.5310");
        assert_eq!(sig4(1.0), "1.000");
        assert_eq!(sig4(0.0415037), "0.04150");
        assert_eq!(sig4(12.3456), "12.35");
        assert_eq!(sig4(f64::INFINITY), "∞");
        assert_eq!(sig4(0.0), "0");
        assert_eq!(sig4(1.5e-7), "1.500e-7");
        assert_eq!(with_unit(0.5, "bits"), "0.5000 bits");
        assert_eq!(with_unit(f64::INFINITY, "bits"), "∞");
    }

    #[test]
    fn a_bound_shows_only_where_it_reaches_the_digits_shown() {
        // Far below the last digit: the digits alone.
        assert_eq!(sig4_within(1.62298, 4e-14), "1.623");
        assert_eq!(sig4_within(-0.28394, 4e-14), "-0.2839");
        assert_eq!(sig4_within(2.047, 0.0), "2.047");
        assert!(bound_is_negligible(1.62298, 4e-14));
        // Reaching the last digit (0.001 for 1.623): written, rounded up.
        assert_eq!(sig4_within(1.62298, 0.0013), "1.623 ± 0.002");
        assert_eq!(sig4_within(1.62298, 2e-4), "1.623 ± 0.0002");
        assert!(!bound_is_negligible(1.62298, 2e-4));
        assert!(bound_is_negligible(1.62298, 9e-5));
        // The last digit of 12345.6 is a unit, of 1.5e-7 is 1e-10.
        assert_eq!(sig4_within(12_345.6, 0.05), "12346");
        assert_eq!(sig4_within(12_345.6, 0.2), "12346 ± 0.2");
        assert_eq!(sig4_within(1.5e-7, 5e-12), "1.500e-7");
        assert_eq!(sig4_within(1.5e-7, 5e-11), "1.500e-7 ± 5e-11");
        // A large bound always shows.
        assert_eq!(sig4_within(0.5, 0.3), "0.5000 ± 0.3");
        assert_eq!(sig4_within(0.5, f64::INFINITY), "0.5000 ± ∞");
        // Around 0: 0 alone for a negligible bound, else 0 with all the truth's reach.
        assert_eq!(sig4_within(0.0, 7e-15), "0");
        assert_eq!(sig4_within(3e-16, 1e-12), "0");
        assert_eq!(sig4_within(-3e-16, 1e-12), "0");
        assert_eq!(sig4_within(1e-4, 1e-3), "0 ± 0.002");
        // ∞ is exact.
        assert_eq!(sig4_within(f64::INFINITY, 0.0), "∞");
        assert!(bound_is_negligible(f64::INFINITY, 1.0));
        assert_eq!(one_digit_up(1.4e-13), "2e-13");
        assert_eq!(one_digit_up(0.3), "0.3");
    }

    #[test]
    fn probabilities_are_short() {
        assert_eq!(probability(0.9), "0.9");
        assert_eq!(probability(1.0 / 3.0), "0.3333");
        assert_eq!(probability(0.0), "0");
        assert_eq!(probability(1.0), "1");
        assert_eq!(probability(5e-7), "5.00e-7");
        assert_eq!(short_number(0.1), "0.1");
        assert_eq!(short_number(1.0 / 3.0), "0.3333");
    }

    #[test]
    fn programs_read_inf() {
        assert_eq!(json_number(f64::INFINITY), json!("inf"));
        assert_eq!(json_number(0.5), json!(0.5));
        assert_eq!(csv_number(f64::NEG_INFINITY), "-inf");
        assert_eq!(fixed6(f64::INFINITY), "∞");
        assert_eq!(fixed6(0.5), "0.500000");
    }
}
