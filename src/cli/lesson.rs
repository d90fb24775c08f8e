//! `klscope lesson`: the built-in lessons (`list`) and checking a lesson file (`check`).

use super::CliError;
use crate::lesson::{self, Lesson, Task};
use clap::{Args, Subcommand};

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
    }
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
