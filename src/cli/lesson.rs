//! `klscope lesson`: the built-in lessons (`list`) and checking a lesson file (`check`).

use super::CliError;
use super::args::{Scale, Size, Theme};
use crate::app::model::state::ThemeChoice;
use crate::app::platform::native::launch::{self, Launch};
use crate::app::platform::native::write_files_into;
use crate::lesson::{self, Lesson, Task};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args)]
pub struct LessonArgs {
    #[command(subcommand)]
    command: LessonCommand,
}

#[derive(Subcommand)]
enum LessonCommand {
    /// List the built-in lessons: id, number of steps and title.
    List,
    /// Check a lesson (a built-in id or a .ron file): a one-line summary, or the first error.
    Check(CheckArgs),
    /// Write a picture of every step in presentation mode (and one with the answer where a
    /// step asks something) and handout.html, a page that holds them all.
    Export(ExportArgs),
}

#[derive(Args)]
struct ExportArgs {
    /// A built-in lesson id (see `klscope lesson list`) or a lesson file.
    #[arg(value_name = "ID|FILE.ron")]
    lesson: String,
    /// The folder to write into (made if it does not exist).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Logical size of each picture (default 1024x768, a projector).
    #[arg(long, value_name = "WxH")]
    size: Option<Size>,
    /// Pixels per logical point, e.g. 2 for slides (0.5 to 4; default 1).
    #[arg(long)]
    scale: Option<Scale>,
    /// dark or light (default dark).
    #[arg(long)]
    theme: Option<Theme>,
}

#[derive(Args)]
struct CheckArgs {
    /// A built-in lesson id (see `klscope lesson list`) or a lesson file.
    #[arg(value_name = "ID|FILE.ron")]
    lesson: String,
}

pub fn run(args: &LessonArgs) -> Result<String, CliError> {
    match &args.command {
        LessonCommand::List => Ok(list_text(lesson::builtin_lessons())),
        LessonCommand::Check(check) => Ok(summary(&lesson::resolve_lesson(&check.lesson)?) + "\n"),
        LessonCommand::Export(export) => export_lesson(export),
    }
}

fn export_lesson(args: &ExportArgs) -> Result<String, CliError> {
    let lesson = lesson::resolve_lesson(&args.lesson)?;
    let Size { width, height } = args.size.unwrap_or(Size { width: 1024, height: 768 });
    let scale = args.scale.map_or(1.0, |Scale(scale)| scale);
    let launch = Launch {
        lesson: Some((lesson, 0)),
        present: true,
        theme: Some(args.theme.map_or(ThemeChoice::Dark, |Theme(theme)| theme)),
        ..Launch::default()
    };
    let files =
        launch::lesson_files(launch, (width, height), scale).map_err(|e| CliError::Screenshot(e.to_string()))?;
    std::fs::create_dir_all(&args.out).map_err(|source| CliError::WriteFolder { folder: args.out.clone(), source })?;
    write_files_into(&args.out, &files).map_err(|e| CliError::Screenshot(e.to_string()))?;
    let pictures = files.iter().filter(|(name, _)| name.ends_with(".png")).count();
    Ok(format!("wrote {pictures} pictures and handout.html to {}\n", args.out.display()))
}

/// The table printed by `klscope lesson list`.
pub fn list_text(lessons: &[Lesson]) -> String {
    let width = lessons.iter().map(|l| l.id.len()).max().unwrap_or(0);
    lessons.iter().map(|l| format!("{:<width$}  {} steps  {}\n", l.id, l.steps.len(), l.title)).collect()
}

/// "asymmetry: "KL is not symmetric", 6 steps (2 predictions, 1 goal)".
pub fn summary(lesson: &Lesson) -> String {
    let count = |goal: bool| {
        lesson.steps.iter().filter(|s| matches!(s.task, Some(Task::Goal(_))) == goal && s.task.is_some()).count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}: \"{}\", {} ({}, {})",
        lesson.id,
        lesson.title,
        plural(lesson.steps.len(), "step"),
        plural(count(false), "prediction"),
        plural(count(true), "goal")
    )
}
