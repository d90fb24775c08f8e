//! klscope: see and touch surprise, entropy, cross-entropy, KL and Jensen–Shannon divergence.
//! The app and the command line; the science and the formats live in `klscope-core`, whose
//! modules are re-exported here so that `klscope::info` and `crate::info` name them.

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(not(target_arch = "wasm32"))]
pub use klscope_core::read;
pub use klscope_core::{classroom, export, info, lesson, model_files, scenario, text};
