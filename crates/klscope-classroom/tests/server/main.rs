//! The classroom server, started for real on 127.0.0.1 (a free port) and driven by real
//! WebSocket clients.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod hostile;
mod lesson;
mod load;
mod record;
mod rooms;
mod site;
