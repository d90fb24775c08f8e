//! How numbers are written on screen.

/// Four significant digits ("0.5310", "1.000", "0.04150"), "∞" for infinity, scientific
/// notation for very small or large values.
pub fn sig4(x: f64) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "∞".to_string() } else { "−∞".to_string() };
    }
    if x.is_nan() {
        return "—".to_string();
    }
    crate::number::significant(x, 4)
}

/// A value with its unit, "0.5310 bits"; infinity stands alone as "∞".
pub fn with_unit(x: f64, unit: impl std::fmt::Display) -> String {
    if x.is_infinite() { sig4(x) } else { format!("{} {unit}", sig4(x)) }
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
    if x.is_infinite() { "∞".to_string() } else { format!("{x}") }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn probabilities_are_short() {
        assert_eq!(probability(0.9), "0.9");
        assert_eq!(probability(1.0 / 3.0), "0.3333");
        assert_eq!(probability(0.0), "0");
        assert_eq!(probability(1.0), "1");
        assert_eq!(probability(5e-7), "5.00e-7");
    }
}
