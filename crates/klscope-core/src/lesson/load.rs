//! Reading a lesson: RON text to a checked [`Lesson`], every step's scenario resolved.

use super::check::{self, TaskFault};
use super::error::{LessonError, LessonProblem, Place, StepProblem};
use super::format::{LessonFile, ScenarioSource, StepFile};
use super::locate::{Locator, Span};
use super::{Lesson, MAX_LESSON_OUTCOMES, Step, Task, VIEW_IDS};
use crate::info::Measure;
use crate::scenario::{self, AnyScenario, DensitiesScenario, Roles, Scenario};
use ron::extensions::Extensions;
use std::path::Path;

/// Which part of a step a problem is in, to point at it.
enum Spot {
    /// The value of a field of the step.
    Field(&'static str),
    /// A measure's name in the task, else the task.
    Measure(String),
}

/// A step's problem and where it is.
struct Fault {
    problem: StepProblem,
    spot: Spot,
}

impl Fault {
    fn at(field: &'static str) -> impl FnOnce(StepProblem) -> Fault {
        move |problem| Fault { problem, spot: Spot::Field(field) }
    }
}

impl Lesson {
    /// Parses and checks a lesson; `origin` names it in errors (its path, or
    /// `lessons/ID.ron` for a built-in), and its stem is the lesson's id. A step's
    /// `File(..)` scenario is read relative to `base_dir`; without one, such a step is an
    /// error.
    pub fn from_ron(text: &str, origin: &str, base_dir: Option<&Path>) -> Result<Lesson, LessonError> {
        // Editors on Windows may start a UTF-8 file with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
        let locator = Locator::new(text);
        let file: LessonFile = options.from_str(text).map_err(|e| {
            let (line, column) = scenario::skip_blanks(text, e.span.start.line, e.span.start.col);
            let step = locator.step_at(line, column).map(|index| index + 1);
            LessonError::Syntax { origin: origin.to_string(), line, column, step, message: e.code.to_string() }
        })?;
        let place = |span: Option<Span>| Place {
            origin: origin.to_string(),
            line_column: span.map(|span| locator.line_column(span.start)),
        };
        let whole = |field: &str, problem: LessonProblem| LessonError::Lesson {
            place: place(locator.top_field(field)),
            problem,
        };
        if file.title.trim().is_empty() {
            return Err(whole("title", LessonProblem::EmptyTitle));
        }
        if file.steps.is_empty() {
            return Err(whole("steps", LessonProblem::NoSteps));
        }
        let spans = locator.steps();
        let mut steps = Vec::with_capacity(file.steps.len());
        // Every step holds its own copy of its scenario: 2,000 steps of a 50,000-token
        // scenario would be 10⁸ outcomes. The steps share one budget.
        let mut left = MAX_LESSON_OUTCOMES;
        for (index, step) in file.steps.into_iter().enumerate() {
            let resolved = resolve_step(step, base_dir, &mut left).map_err(|fault| {
                let span = spans.get(index);
                let field = |name: &str| span.and_then(|span| locator.step_field(span, name));
                let spot = match &fault.spot {
                    Spot::Field(name) => field(name),
                    Spot::Measure(name) => {
                        let task = field("task");
                        task.as_ref().and_then(|task| locator.string_in(task, name)).or(task)
                    }
                };
                LessonError::Step {
                    place: place(spot.or_else(|| span.cloned())),
                    step: index + 1,
                    problem: fault.problem,
                }
            })?;
            steps.push(resolved);
        }
        let id = Path::new(origin).file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Lesson { id, title: file.title, steps })
    }
}

/// `left` is what remains of the lesson's outcome budget; the step's scenario takes its share.
fn resolve_step(step: StepFile, base_dir: Option<&Path>, left: &mut usize) -> Result<Step, Fault> {
    if !VIEW_IDS.contains(&step.view.as_str()) {
        let problem = StepProblem::UnknownView { view: step.view, known: VIEW_IDS.join(", ") };
        return Err(Fault { problem, spot: Spot::Field("view") });
    }
    if step.say.trim().is_empty() {
        return Err(Fault { problem: StepProblem::EmptySay, spot: Spot::Field("say") });
    }
    let mut scenario = scenario_of(step.scenario, base_dir).map_err(Fault::at("scenario"))?;
    if let AnyScenario::Discrete(discrete) = &mut scenario {
        if let Some((p, q)) = step.roles {
            let roles = Roles::new(p, q);
            if let Some(why) = roles.problem() {
                return Err(Fault { problem: StepProblem::Roles(why), spot: Spot::Field("roles") });
            }
            discrete.roles = roles;
        }
        if let Some(focus) = step.focus {
            discrete.focus = focus;
        }
    } else if step.roles.is_some() || step.focus.is_some() {
        let why = "a densities step shows P and Q as curves: `roles` and `focus` are for discrete steps".to_string();
        let field = if step.roles.is_some() { "roles" } else { "focus" };
        return Err(Fault { problem: StepProblem::Roles(why), spot: Spot::Field(field) });
    }
    // Densities hold a few components, not outcomes: they take nothing from the budget.
    let outcomes = match &scenario {
        AnyScenario::Discrete(s) => s.labels.len(),
        AnyScenario::Densities(_) => 0,
    };
    if outcomes > *left {
        let problem = StepProblem::OverBudget { outcomes, left: *left, max: MAX_LESSON_OUTCOMES };
        return Err(Fault { problem, spot: Spot::Field("scenario") });
    }
    *left -= outcomes;
    let task = match step.task {
        None => None,
        Some(task) => Some(check::task(task, &scenario).map_err(|TaskFault { problem, measure }| Fault {
            problem,
            spot: measure.map_or(Spot::Field("task"), Spot::Measure),
        })?),
    };
    let p_alone = matches!(&scenario, AnyScenario::Discrete(s) if s.focus.p_alone());
    if p_alone && let Some(asked) = task.iter().flat_map(Task::asks).find(|a| *a != Measure::EntropyP.into()) {
        let problem = StepProblem::FocusWithoutQ { measure: asked.symbol() };
        return Err(Fault { problem, spot: Spot::Measure(asked.symbol()) });
    }
    Ok(Step { scenario, view: step.view, text: step.say, task })
}

fn scenario_of(source: ScenarioSource, base_dir: Option<&Path>) -> Result<AnyScenario, StepProblem> {
    let boxed = |e| StepProblem::Scenario(Box::new(e));
    let origin = |id: &str| match id.trim() {
        "" => "the inline scenario".to_string(),
        id => format!("the inline scenario '{}'", crate::text::quote(id)),
    };
    match source {
        ScenarioSource::Builtin(id) => scenario::find_builtin_any(&id).map_err(boxed),
        ScenarioSource::File(file) => scenario_file(file, base_dir),
        ScenarioSource::Inline(file) => {
            let origin = origin(&file.id);
            Scenario::from_file(*file, &origin).map(AnyScenario::Discrete).map_err(boxed)
        }
        ScenarioSource::InlineDensities(file) => {
            let origin = origin(&file.id);
            DensitiesScenario::from_file(*file, &origin).map(AnyScenario::Densities).map_err(boxed)
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn scenario_file(file: String, base_dir: Option<&Path>) -> Result<AnyScenario, StepProblem> {
    let Some(folder) = base_dir else {
        return Err(StepProblem::NoFolder { file });
    };
    let path = inside(folder, &file).ok_or(StepProblem::OutsideFolder { file })?;
    scenario::load_any(&path).map_err(|e| StepProblem::Scenario(Box::new(e)))
}

/// `file` (as a step writes it) within `folder`, or `None` when it would lead out of it:
/// an absolute path, a `..` that climbs above the folder, or a link inside the folder
/// that points outside. Never read before this is known, so an error cannot show a
/// line of a file the lesson had no business reading.
#[cfg(not(target_arch = "wasm32"))]
fn inside(folder: &Path, file: &str) -> Option<std::path::PathBuf> {
    use std::path::Component;
    let relative = Path::new(file);
    let mut depth = 0usize;
    for component in relative.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => depth = depth.checked_sub(1)?,
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let path = folder.join(relative);
    // A missing file is reported by the reader, naming it.
    if let (Ok(real_folder), Ok(real)) = (folder.canonicalize(), path.canonicalize())
        && !real.starts_with(&real_folder)
    {
        return None;
    }
    Some(path)
}

/// The browser reads no files behind the page's back.
#[cfg(target_arch = "wasm32")]
fn scenario_file(file: String, _base_dir: Option<&Path>) -> Result<AnyScenario, StepProblem> {
    Err(StepProblem::NoFolder { file })
}

/// Reads and checks a lesson file; its `File(..)` scenarios are read from its folder.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(path: &Path) -> Result<Lesson, LessonError> {
    let bytes = crate::read::read_file(path, crate::read::FileKind::Lesson).map_err(LessonError::File)?;
    let text = String::from_utf8(bytes).map_err(|_| LessonError::NotText { path: path.to_path_buf() })?;
    Lesson::from_ron(&text, &path.display().to_string(), path.parent())
}
