//! Forward or reverse: which of the two KL divergences. KL(P||Q) charges Q for missing
//! what P does; KL(Q||P) charges Q for putting mass where P has none. Fitting picks one to
//! minimise; an infinite value is infinite in one of them.

use std::fmt;
use std::str::FromStr;

/// Which KL divergence: forward KL(P||Q) or reverse KL(Q||P).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// KL(P‖Q): Q must cover P (mass-covering, "moment matching").
    #[default]
    Forward,
    /// KL(Q‖P): Q must stay inside P (mode-seeking, "zero-forcing").
    Reverse,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Forward, Direction::Reverse];

    /// "forward" or "reverse", as the command line and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Reverse => "reverse",
        }
    }

    /// The divergence, in the lessons' notation.
    pub fn symbol(self) -> &'static str {
        match self {
            Direction::Forward => "KL(P||Q)",
            Direction::Reverse => "KL(Q||P)",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The direction name was not forward or reverse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown direction '{0}': use forward (KL(P||Q)) or reverse (KL(Q||P))")]
pub struct UnknownDirection(pub String);

impl FromStr for Direction {
    type Err = UnknownDirection;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "forward" | "fwd" => Ok(Direction::Forward),
            "reverse" | "rev" | "backward" => Ok(Direction::Reverse),
            _ => Err(UnknownDirection(s.to_string())),
        }
    }
}
