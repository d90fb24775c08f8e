//! Units of information. Everything is computed in nats; a unit is applied for display.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The logarithm base a value is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Unit {
    /// log base 2.
    #[default]
    Bits,
    /// natural log.
    Nats,
    /// log base 10 (also called hartleys or dits).
    Bans,
}

impl Unit {
    pub const ALL: [Unit; 3] = [Unit::Bits, Unit::Nats, Unit::Bans];

    /// Plural name, as shown after a number: "0.53 bits".
    pub fn name(self) -> &'static str {
        match self {
            Unit::Bits => "bits",
            Unit::Nats => "nats",
            Unit::Bans => "bans",
        }
    }

    /// How the logarithm is written in formulas for this unit.
    pub fn log_name(self) -> &'static str {
        match self {
            Unit::Bits => "log₂",
            Unit::Nats => "ln",
            Unit::Bans => "log₁₀",
        }
    }

    /// ln(base): how many nats one unit holds.
    pub fn nats_per_unit(self) -> f64 {
        match self {
            Unit::Bits => std::f64::consts::LN_2,
            Unit::Nats => 1.0,
            Unit::Bans => std::f64::consts::LN_10,
        }
    }

    /// Converts an amount of information from nats to this unit (∞ stays ∞).
    pub fn from_nats(self, nats: f64) -> f64 {
        match self {
            Unit::Nats => nats,
            _ => nats / self.nats_per_unit(),
        }
    }

    /// Converts an amount of information in this unit to nats.
    pub fn to_nats(self, value: f64) -> f64 {
        match self {
            Unit::Nats => value,
            _ => value * self.nats_per_unit(),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The unit name was not one of bits, nats or bans.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit '{0}': use bits, nats or bans")]
pub struct UnknownUnit(pub String);

impl FromStr for Unit {
    type Err = UnknownUnit;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "bits" | "bit" | "b" | "log2" => Ok(Unit::Bits),
            "nats" | "nat" | "ln" => Ok(Unit::Nats),
            "bans" | "ban" | "hartleys" | "hartley" | "dits" | "log10" => Ok(Unit::Bans),
            _ => Err(UnknownUnit(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_is_ln2_nats() {
        assert_eq!(Unit::Bits.from_nats(std::f64::consts::LN_2), 1.0);
        assert_eq!(Unit::Bans.from_nats(std::f64::consts::LN_10), 1.0);
        assert_eq!(Unit::Nats.from_nats(0.25), 0.25);
        assert_eq!(Unit::Bits.from_nats(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn parses_names_and_rejects_others() {
        assert_eq!("Bits".parse::<Unit>(), Ok(Unit::Bits));
        assert_eq!("nats".parse::<Unit>(), Ok(Unit::Nats));
        assert_eq!("bans".parse::<Unit>(), Ok(Unit::Bans));
        let err = "furlongs".parse::<Unit>().unwrap_err();
        assert_eq!(err.to_string(), "unknown unit 'furlongs': use bits, nats or bans");
    }
}
