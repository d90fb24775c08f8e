//! Typed values for the command-line arguments. Each parses with `FromStr` and fails with
//! one plain sentence; clap's derive uses `FromStr` as the value parser, and error.rs puts
//! the flag in front: "--n: '0' is not a whole number from 1 to 1000000".

use crate::app::model::state::ThemeChoice;
use crate::info::distribution::check_labels;
use crate::info::sampling::MAX_SAMPLES;
use crate::info::{DistributionError, Unit};
use crate::text::{NumberError, parse_number};
use clap::Args;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A whole number from `MIN` to `MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whole<const MIN: u64, const MAX: u64>(pub u64);

/// `fit --starts`: how many start points to descend from.
pub type Starts = Whole<1, 1000>;
/// `sample --n`: how many samples to draw.
pub type Samples = Whole<1, { MAX_SAMPLES as u64 }>;
/// `--seed`: any `u64`.
pub type Seed = Whole<0, { u64::MAX }>;
/// `--step`: a lesson's step, counting from 1.
pub type Step = Whole<1, 1000>;
/// `classroom --max-students`: students in one room.
pub type MaxStudents = Whole<1, 100_000>;
/// `classroom --max-rooms`: rooms open at once.
pub type MaxRooms = Whole<1, 1000>;
/// `classroom --idle-minutes`: up to a day.
pub type IdleMinutes = Whole<1, 1440>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a whole number from {min} to {max}")]
pub struct NotWhole {
    text: String,
    min: u64,
    max: u64,
}

impl<const MIN: u64, const MAX: u64> FromStr for Whole<MIN, MAX> {
    type Err = NotWhole;

    fn from_str(text: &str) -> Result<Self, NotWhole> {
        match text.trim().parse::<u64>() {
            Ok(value) if (MIN..=MAX).contains(&value) => Ok(Whole(value)),
            _ => Err(NotWhole { text: text.to_string(), min: MIN, max: MAX }),
        }
    }
}

impl<const MIN: u64, const MAX: u64> Whole<MIN, MAX> {
    /// The number as a count; `MAX` of the counts above fits any `usize`.
    pub fn count(self) -> usize {
        usize::try_from(self.0).unwrap_or(usize::MAX)
    }
}

/// Which item of a comma-separated list is not a number, e.g. "p[1] 'abc' is not a number".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}[{index}] {source}")]
pub struct ListError {
    field: &'static str,
    index: usize,
    source: NumberError,
}

/// Parses "0.9, 0.1" or "1/3,2/3". Signs and non-finite values pass through here: the
/// distribution check judges them later, naming the outcome.
fn numbers(text: &str, field: &'static str) -> Result<Vec<f64>, ListError> {
    text.split(',')
        .enumerate()
        .map(|(index, item)| parse_number(item).map_err(|source| ListError { field, index, source }))
        .collect()
}

/// `--p`: P's values, comma-separated decimals or fractions.
#[derive(Debug, Clone, PartialEq)]
pub struct PValues(pub Vec<f64>);

impl FromStr for PValues {
    type Err = ListError;

    fn from_str(text: &str) -> Result<Self, ListError> {
        numbers(text, "p").map(PValues)
    }
}

/// `--p-density` and `--q-density`: a density spec such as `0.3*normal(-2,0.5)+0.7*laplace(1,2)`.
#[derive(Debug, Clone, PartialEq)]
pub struct DensitySpec(pub crate::info::density::Mixture);

impl FromStr for DensitySpec {
    type Err = crate::info::density::SpecError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        crate::info::density::parse_density(text).map(DensitySpec)
    }
}

/// `--q`: Q's values, comma-separated decimals or fractions.
#[derive(Debug, Clone, PartialEq)]
pub struct QValues(pub Vec<f64>);

impl FromStr for QValues {
    type Err = ListError;

    fn from_str(text: &str) -> Result<Self, ListError> {
        numbers(text, "q").map(QValues)
    }
}

/// `--p-logits`: P as logits z (P = softmax(z / T)), comma-separated.
#[derive(Debug, Clone, PartialEq)]
pub struct PLogits(pub Vec<f64>);

impl FromStr for PLogits {
    type Err = ListError;

    fn from_str(text: &str) -> Result<Self, ListError> {
        numbers(text, "p-logits").map(PLogits)
    }
}

/// `--q-logits`: Q as logits, comma-separated.
#[derive(Debug, Clone, PartialEq)]
pub struct QLogits(pub Vec<f64>);

impl FromStr for QLogits {
    type Err = ListError;

    fn from_str(text: &str) -> Result<Self, ListError> {
        numbers(text, "q-logits").map(QLogits)
    }
}

/// `--p-temperature`, `--q-temperature`: a positive, finite number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Temperature(pub f64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a temperature: write a positive number such as 0.7 or 2")]
pub struct NotATemperature(String);

impl FromStr for Temperature {
    type Err = NotATemperature;

    fn from_str(text: &str) -> Result<Self, NotATemperature> {
        match parse_number(text) {
            Ok(t) if t.is_finite() && t > 0.0 => Ok(Temperature(t)),
            _ => Err(NotATemperature(text.to_string())),
        }
    }
}

/// `compute --alpha`: the order α of Rényi's divergence D_α, a number from 0 to ∞ ("inf").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alpha(pub f64);

impl Default for Alpha {
    fn default() -> Self {
        Alpha(crate::info::renyi::DEFAULT_ALPHA)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an order α: write a number from 0 to inf, such as 0.5, 2 or inf")]
pub struct NotAnAlpha(String);

impl FromStr for Alpha {
    type Err = NotAnAlpha;

    fn from_str(text: &str) -> Result<Self, NotAnAlpha> {
        let trimmed = text.trim();
        if ["inf", "+inf", "infinity", "∞"].iter().any(|name| trimmed.eq_ignore_ascii_case(name)) {
            return Ok(Alpha(f64::INFINITY));
        }
        match parse_number(trimmed) {
            // "inf" is handled above; any other spelling of ∞ that parses is accepted too.
            Ok(alpha) if alpha >= 0.0 => Ok(Alpha(alpha + 0.0)),
            _ => Err(NotAnAlpha(text.to_string())),
        }
    }
}

/// `--labels`: outcome names, comma-separated, none empty and no two the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels(pub Vec<String>);

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", .0.message("labels"))]
pub struct BadLabels(DistributionError);

impl FromStr for Labels {
    type Err = BadLabels;

    fn from_str(text: &str) -> Result<Self, BadLabels> {
        let labels: Vec<String> = text.split(',').map(|l| l.trim().to_string()).collect();
        check_labels(&labels).map_err(BadLabels)?;
        Ok(Labels(labels))
    }
}

/// `--theme`: dark or light.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme(pub ThemeChoice);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown theme '{0}': use dark or light")]
pub struct UnknownTheme(String);

impl FromStr for Theme {
    type Err = UnknownTheme;

    fn from_str(text: &str) -> Result<Self, UnknownTheme> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dark" => Ok(Theme(ThemeChoice::Dark)),
            "light" => Ok(Theme(ThemeChoice::Light)),
            _ => Err(UnknownTheme(text.to_string())),
        }
    }
}

/// `--size`: the picture's logical size, WIDTHxHEIGHT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadSize {
    #[error("'{0}' is not a size: write WIDTHxHEIGHT, e.g. 1280x800")]
    NotASize(String),
    #[error("{0}x{1} is outside 320x240 to 8192x8192")]
    OutOfRange(u32, u32),
}

impl FromStr for Size {
    type Err = BadSize;

    fn from_str(text: &str) -> Result<Self, BadSize> {
        let bad = || BadSize::NotASize(text.to_string());
        let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
        let (width, height): (u32, u32) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
        if !(320..=8192).contains(&width) || !(240..=8192).contains(&height) {
            return Err(BadSize::OutOfRange(width, height));
        }
        Ok(Size { width, height })
    }
}

/// `--scale`: pixels per logical point, 0.5 to 4.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale(pub f32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a scale between 0.5 and 4")]
pub struct BadScale(String);

impl FromStr for Scale {
    type Err = BadScale;

    fn from_str(text: &str) -> Result<Self, BadScale> {
        match text.trim().parse::<f32>() {
            Ok(scale) if (0.5..=4.0).contains(&scale) => Ok(Scale(scale)),
            _ => Err(BadScale(text.to_string())),
        }
    }
}

/// `--screenshot`: where to write the picture; always a PNG, so the name must say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PngPath(pub PathBuf);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' does not end in .png, and the picture is always a PNG")]
pub struct NotPng(String);

impl FromStr for PngPath {
    type Err = NotPng;

    fn from_str(text: &str) -> Result<Self, NotPng> {
        let path = Path::new(text);
        match path.extension() {
            Some(extension) if extension.eq_ignore_ascii_case("png") => Ok(PngPath(path.to_path_buf())),
            _ => Err(NotPng(text.to_string())),
        }
    }
}

/// `--base`: the address of the klscope page that links open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(pub String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a page address: write one starting with http:// or https://, without a #")]
pub struct NotAPage(String);

impl FromStr for BaseUrl {
    type Err = NotAPage;

    fn from_str(text: &str) -> Result<Self, NotAPage> {
        let text = text.trim();
        let web = text.starts_with("http://") || text.starts_with("https://");
        if web && !text.contains('#') && !text.contains(char::is_whitespace) {
            Ok(BaseUrl(text.to_string()))
        } else {
            Err(NotAPage(text.to_string()))
        }
    }
}

/// `classroom --bind`: an address and a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BindAddress(pub std::net::SocketAddr);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an address and port such as 0.0.0.0:8080 or 127.0.0.1:8080")]
pub struct NotAnAddress(String);

impl FromStr for BindAddress {
    type Err = NotAnAddress;

    fn from_str(text: &str) -> Result<Self, NotAnAddress> {
        text.trim().parse().map(BindAddress).map_err(|_| NotAnAddress(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_in_range() {
        assert_eq!("1000000".parse::<Samples>().map(Whole::count), Ok(1_000_000));
        assert_eq!(" 8 ".parse::<Starts>().map(Whole::count), Ok(8));
        assert_eq!("18446744073709551615".parse::<Seed>(), Ok(Whole(u64::MAX)));
        let error = "0".parse::<Samples>().map_err(|e| e.to_string());
        assert_eq!(error, Err("'0' is not a whole number from 1 to 1000000".to_string()));
        assert!(["1001", "-1", "2.5", ""].iter().all(|text| text.parse::<Starts>().is_err()));
    }

    #[test]
    fn lists_name_the_bad_item() {
        assert_eq!("0.9, 1/10".parse::<PValues>(), Ok(PValues(vec![0.9, 0.1])));
        let error = "0.5,abc".parse::<QValues>().map_err(|e| e.to_string());
        assert!(error.is_err_and(|e| e.starts_with("q[1] 'abc' is not a number")));
        let error = "a, a".parse::<Labels>().map_err(|e| e.to_string());
        assert_eq!(error, Err("labels[1] 'a' is used twice: outcome names must be different".to_string()));
    }

    #[test]
    fn pictures_sizes_and_scales() {
        assert_eq!("800×600".parse::<Size>(), Ok(Size { width: 800, height: 600 }));
        assert_eq!("10x10".parse::<Size>(), Err(BadSize::OutOfRange(10, 10)));
        assert!("1280".parse::<Size>().is_err() && "NaN".parse::<Scale>().is_err());
        assert_eq!("2".parse::<Scale>(), Ok(Scale(2.0)));
        assert!("out.PNG".parse::<PngPath>().is_ok() && "dir/x.png".parse::<PngPath>().is_ok());
        assert!(["out.txt", "out", ".png", "png"].iter().all(|text| text.parse::<PngPath>().is_err()));
        assert_eq!("Light".parse::<Theme>(), Ok(Theme(ThemeChoice::Light)));
    }
}

/// `--view`: one of the views under the editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewId(pub String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown view '{name}': the views are {}", crate::lesson::VIEW_IDS.join(", "))]
pub struct UnknownView {
    name: String,
}

impl FromStr for ViewId {
    type Err = UnknownView;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let id = text.trim();
        crate::lesson::VIEW_IDS
            .iter()
            .find(|known| known.eq_ignore_ascii_case(id))
            .map(|known| ViewId(known.to_string()))
            .ok_or_else(|| UnknownView { name: text.to_string() })
    }
}

/// How a command prints: the unit and text or JSON.
#[derive(Args)]
pub struct OutputArgs {
    /// bits, nats or bans (default: the scenario's unit, else bits).
    #[arg(long)]
    pub unit: Option<Unit>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}
