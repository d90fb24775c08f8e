//! klscope: see and touch surprise, entropy, cross-entropy, KL and Jensen–Shannon divergence.

pub mod app;
pub mod cli;
pub mod export;
pub mod info;
pub mod scenario;
pub mod text;
