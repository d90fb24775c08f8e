//! The real `klscope` binary run as a program: output, exit codes and error text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test may panic

#[path = "../common/mod.rs"]
mod common;

mod bounds;
mod classroom;
mod cli_views;
mod compute;
mod densities;
mod handout_print;
mod lesson;
mod link;
mod logits;
mod model_files;
mod screenshot;
mod usage;
