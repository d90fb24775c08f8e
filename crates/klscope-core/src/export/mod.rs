//! What leaves klscope as text or bytes: tables for lessons (Markdown, LaTeX, CSV), a
//! Python script that reproduces the library values, and atomic file writes.

pub mod atomic;
pub mod file_names;
pub mod handout;
pub mod json;
pub mod picture_size;
pub mod python;
pub mod tables;
