//! Why the server could not start or stopped; one sentence each.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ClassroomError {
    #[error("cannot listen on {bind}: {source}")]
    Bind { bind: std::net::SocketAddr, source: std::io::Error },
    #[error(
        "there is no browser build at {}: build it with web/build.sh, or pass --site with the folder that holds index.html",
        .0.display()
    )]
    NoSite(PathBuf),
    #[error("cannot write the record {}: {source}", path.display())]
    Record { path: PathBuf, source: std::io::Error },
    #[error("{} is not a classroom record (its first line is not \"{}\"): choose another file", .0.display(), crate::RECORD_HEADER)]
    NotARecord(PathBuf),
    #[error("the operating system gave no random bytes: {0}")]
    Random(String),
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}
