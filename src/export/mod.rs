//! What leaves klscope as text or bytes: tables for lessons (Markdown, LaTeX, CSV), a
//! Python script that reproduces the library values, and atomic file writes.

pub mod atomic;
pub mod json;
pub mod python;
pub mod tables;
