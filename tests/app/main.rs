//! The app through egui_kittest: its widgets, views, files, picture export and snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test may panic

#[path = "../common/mod.rs"]
mod common;

mod harness;
mod screen_text;

mod classroom;
mod densities;
mod densities_lesson;
mod export;
mod files;
mod fit;
mod layout;
mod leaks;
mod lessons;
mod links;
mod logits;
mod phone;
mod plot_labels;
mod sides;
mod simplex;
mod snapshots;
mod ui;
mod views;
mod vocabulary;
