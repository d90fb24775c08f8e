//! The information theory, scenario files and presets, without the app or the binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test may panic

mod bounds;
mod coding;
mod densities;
mod densities_files;
mod distribution;
mod family;
mod fit;
mod lessons;
mod libraries;
mod links;
mod measures;
mod parsers;
mod presets;
mod sampling;
mod scenario_files;
mod softmax;
mod vae;
mod variational;
