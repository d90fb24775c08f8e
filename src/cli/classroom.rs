//! `klscope classroom`: the classroom server on this machine. It serves the browser build
//! and a room per lesson, prints the address students open (and its QR code), and runs
//! until Ctrl+C, then says where the record is.

use super::CliError;
use super::args::{BindAddress, IdleMinutes, MaxRooms, MaxStudents};
use clap::Args;
use klscope_classroom::{Config, Limits};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args)]
pub struct ClassroomArgs {
    /// Where to listen (default 0.0.0.0:8080, so that students on the same network reach
    /// it; 127.0.0.1:8080 for this machine only).
    #[arg(long, value_name = "ADDRESS:PORT")]
    bind: Option<BindAddress>,
    /// The browser build to serve (default web/dist, as web/build.sh writes it).
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// Append every answer (time, room, step, anonymous student, nickname, answer, right)
    /// to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    record: Option<PathBuf>,
    /// The most students in one room (default 500).
    #[arg(long, value_name = "N")]
    max_students: Option<MaxStudents>,
    /// The most rooms open at once (default 20).
    #[arg(long, value_name = "N")]
    max_rooms: Option<MaxRooms>,
    /// Minutes without a message after which a room closes (default 180).
    #[arg(long, value_name = "MINUTES")]
    idle_minutes: Option<IdleMinutes>,
}

pub fn run(args: &ClassroomArgs) -> Result<String, CliError> {
    let config = config(args)?;
    let summary = klscope_classroom::serve(config).map_err(CliError::Classroom)?;
    Ok(format!("{summary}\n"))
}

/// The server's configuration; a record in a folder that does not exist is refused
/// before anything starts.
fn config(args: &ClassroomArgs) -> Result<Config, CliError> {
    let mut config = Config::new(args.site.clone().unwrap_or_else(|| PathBuf::from("web/dist")));
    if let Some(bind) = args.bind {
        config.bind = bind.0;
    }
    if let Some(record) = &args.record {
        let folder = record.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        if !folder.is_dir() {
            return Err(CliError::NoFolder { file: record.clone(), folder: folder.to_path_buf() });
        }
        config.record = Some(record.clone());
    }
    let defaults = Limits::default();
    config.limits = Limits {
        max_students: args.max_students.map_or(defaults.max_students, MaxStudents::count),
        max_rooms: args.max_rooms.map_or(defaults.max_rooms, MaxRooms::count),
        room_idle: args.idle_minutes.map_or(defaults.room_idle, |m| Duration::from_secs(m.0 * 60)),
        ..defaults
    };
    Ok(config)
}
