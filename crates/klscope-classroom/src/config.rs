//! What `klscope classroom` is asked to do, with the defaults it starts from.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the server listens and what it serves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Default 0.0.0.0:8080: students on the same network reach it.
    pub bind: SocketAddr,
    /// The browser build to serve (default `web/dist`).
    pub site: PathBuf,
    /// Appends each answer here when given.
    pub record: Option<PathBuf>,
    pub limits: Limits,
}

/// The bounds every room and connection stays within.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Students in one room (default 500).
    pub max_students: usize,
    /// Rooms on the server (default 20: a school's worth of classes at once).
    pub max_rooms: usize,
    /// A room with no message for this long closes (default 3 hours).
    pub room_idle: Duration,
    /// Messages a connection may send in a burst, and how many a second after it.
    pub burst: u32,
    pub per_second: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_students: 500, max_rooms: 20, room_idle: Duration::from_secs(3 * 3600), burst: 40, per_second: 20 }
    }
}

impl Config {
    /// The defaults, serving `site`.
    pub fn new(site: PathBuf) -> Config {
        Config { bind: SocketAddr::from(([0, 0, 0, 0], 8080)), site, record: None, limits: Limits::default() }
    }
}
