//! The information theory, scenario files and presets, without the app or the binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test may panic

mod coding;
mod distribution;
mod family;
mod fit;
mod lessons;
mod libraries;
mod links;
mod measures;
mod presets;
mod sampling;
mod scenario_files;
mod softmax;
