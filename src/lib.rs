//! klscope: see and touch surprise, entropy, cross-entropy, KL and Jensen–Shannon divergence.

pub mod app;
pub mod atomic;
pub mod cli;
pub mod cli_views;
pub mod info;
pub mod number;
pub mod scenario;
pub mod tables;
