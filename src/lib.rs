//! klscope: see and touch surprise, entropy, cross-entropy, KL and Jensen–Shannon divergence.

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod export;
pub mod info;
pub mod lesson;
pub mod model_files;
pub mod scenario;
pub mod text;
