//! Numbers as people type and read them: parsing decimals and fractions, significant
//! digits, `∞` on screen and `"inf"` in JSON, no `-0`. One home, used by the app, the
//! tables and the command line, so a number reads the same everywhere. `quote` makes
//! text from a file safe to print.

mod format;
mod parse;
mod quote;
mod thousands;

pub use format::{
    INFINITY, NEGLIGIBLE_AROUND_ZERO, bound_is_negligible, csv_number, fixed6, full, json_number, one_digit_up,
    probability, short_number, sig4, sig4_within, significant, with_unit,
};
pub use parse::{NumberError, parse_number};
pub use quote::{QUOTE_CHARS, escape, is_unsafe, quote, quote_to};
pub use thousands::thousands;
