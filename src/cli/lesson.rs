//! `klscope lesson`: the built-in lessons (`list`) and checking a lesson file (`check`).

use super::CliError;
use super::args::{Scale, Size, Theme};
use crate::app::model::state::ThemeChoice;
use crate::app::platform::native::launch::{self, Launch};
use crate::export::atomic::write_folder_atomically;
use crate::export::picture_size::picture_pixels;
use crate::lesson::{self, Lesson, Task};
use crate::text::{quote, quote_to};
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
    /// step asks something), and two handouts for paper: handout-student.html (no answers,
    /// room to write) and handout-teacher.html (with the answers and why).
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
    // Every argument is checked before the first picture is drawn.
    // The folder, or the nearest of its parents that exists, must be a folder.
    if let Some(existing) = args.out.ancestors().find(|folder| folder.exists())
        && !existing.is_dir()
    {
        return Err(CliError::OutIsFile { folder: existing.to_path_buf() });
    }
    let Size { width, height } = args.size.unwrap_or(Size { width: 1024, height: 768 });
    let scale = args.scale.map_or(1.0, |Scale(scale)| scale);
    picture_pixels(width, height, scale)?;
    let lesson = lesson::resolve_lesson(&args.lesson)?;
    // On a terminal, a bar shows the steps drawn; piped, indicatif draws nothing.
    let bar = indicatif::ProgressBar::new(lesson.steps.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("drawing the pictures {bar:30} step {pos} of {len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let launch = Launch {
        lesson: Some((lesson, 0)),
        present: true,
        theme: Some(args.theme.map_or(ThemeChoice::Dark, |Theme(theme)| theme)),
        ..Launch::default()
    };
    let mut progress = |done: usize, _steps: usize| {
        bar.set_position(done as u64);
        true
    };
    let files = launch::lesson_files(launch, (width, height), scale, &mut progress)
        .map_err(|e| CliError::Screenshot(e.to_string()))?;
    bar.finish_and_clear();
    if let Some(parent) = args.out.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| CliError::WriteFolder { folder: parent.to_path_buf(), source })?;
    }
    // Whole or not at all: a full disk at the seventh picture leaves no half an export.
    write_folder_atomically(&args.out, &files).map_err(|e| CliError::Screenshot(e.to_string()))?;
    let pictures = files.iter().filter(|(name, _)| name.ends_with(".png")).count();
    Ok(format!("wrote {pictures} pictures, handout-student.html and handout-teacher.html to {}\n", args.out.display()))
}

/// The table printed by `klscope lesson list`.
pub fn list_text(lessons: &[Lesson]) -> String {
    let width = lessons.iter().map(|l| l.id.len()).max().unwrap_or(0);
    lessons.iter().map(|l| format!("{:<width$}  {} steps  {}\n", l.id, l.steps.len(), quote_to(&l.title, 80))).collect()
}

/// "asymmetry: "KL is not symmetric", 6 steps (2 predictions, 1 goal)".
pub fn summary(lesson: &Lesson) -> String {
    let count = |goal: bool| {
        lesson.steps.iter().filter(|s| matches!(s.task, Some(Task::Goal(_))) == goal && s.task.is_some()).count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}: \"{}\", {} ({}, {})",
        quote(&lesson.id),
        quote_to(&lesson.title, 80),
        plural(lesson.steps.len(), "step"),
        plural(count(false), "prediction"),
        plural(count(true), "goal")
    )
}
