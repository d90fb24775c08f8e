//! A lesson in progress: which step is shown, and per step what the student answered and
//! whether the answer is out. Moving to a step opens its scenario and its view.

use crate::info::{Report, Side};
use crate::lesson::{Answer, Concealed, GoalStatus, Lesson, Scene, Step, Task, Verdict};
use crate::scenario::AnyScenario;

use super::errors::LessonRunError;
use super::state::AppState;

/// One step's progress.
#[derive(Debug, Clone, Default, PartialEq)]
struct Progress {
    answer: Option<Answer>,
    /// Answered, or the teacher pressed Reveal.
    revealed: bool,
    /// The number being typed for an estimate.
    typed: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LessonRun {
    pub lesson: Lesson,
    step: usize,
    progress: Vec<Progress>,
}

impl LessonRun {
    /// Starts `lesson` at `step` (0-based, clamped) and opens that step in `state`.
    pub fn start(lesson: Lesson, step: usize, state: &mut AppState) -> Result<LessonRun, LessonRunError> {
        let progress = vec![Progress::default(); lesson.steps.len()];
        let mut run = LessonRun { lesson, step: 0, progress };
        run.go_to(step, state)?;
        Ok(run)
    }

    /// The step shown, 0-based.
    pub fn step_index(&self) -> usize {
        self.step
    }

    pub fn step(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    pub fn len(&self) -> usize {
        self.lesson.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lesson.steps.is_empty()
    }

    /// Shows step `index` (clamped to the lesson): its scenario and its view. The step's
    /// scenario always starts as the author wrote it.
    pub fn go_to(&mut self, index: usize, state: &mut AppState) -> Result<(), LessonRunError> {
        let index = index.min(self.len().saturating_sub(1));
        let title = || self.lesson.title.clone();
        let Some(step) = self.lesson.steps.get(index) else {
            return Err(LessonRunError::NoSteps { title: title() });
        };
        match &step.scenario {
            AnyScenario::Discrete(scenario) => {
                state.open_scenario(scenario).map_err(|error| LessonRunError::Scenario {
                    step: index + 1,
                    title: title(),
                    error,
                })?;
            }
            AnyScenario::Densities(densities) => state.open_densities(densities.clone()),
        }
        state.view = step.view.clone();
        self.step = index;
        Ok(())
    }

    /// Moves by `delta` steps; false when already at that end.
    pub fn step_by(&mut self, delta: isize, state: &mut AppState) -> Result<bool, LessonRunError> {
        let target = self.step as isize + delta;
        if target < 0 || target >= self.len() as isize {
            return Ok(false);
        }
        self.go_to(target as usize, state)?;
        Ok(true)
    }

    pub fn task(&self) -> Option<&Task> {
        self.step().and_then(|step| step.task.as_ref())
    }

    /// True while the step asks a question that is not answered or revealed yet.
    pub fn is_pending(&self) -> bool {
        matches!(self.task(), Some(Task::Predict(_))) && self.current().is_some_and(|p| !p.revealed)
    }

    /// What must stay hidden now, for P and Q as they stand in `now` (worked out again
    /// each time: the student may drag while the question is open).
    pub fn concealed(&self, now: &Scene<'_>) -> Concealed {
        match self.task() {
            Some(Task::Predict(prediction)) if self.is_pending() => prediction.conceals(now),
            _ => Concealed::default(),
        }
    }

    /// The shown step's progress (there is one per step).
    fn current(&self) -> Option<&Progress> {
        self.progress.get(self.step)
    }

    fn current_mut(&mut self) -> Option<&mut Progress> {
        self.progress.get_mut(self.step)
    }

    /// The student commits to an answer: it is judged and shown at once.
    pub fn answer(&mut self, answer: Answer) {
        if let Some(progress) = self.current_mut()
            && !progress.revealed
        {
            progress.answer = Some(answer);
            progress.revealed = true;
        }
    }

    /// The teacher shows the answer without one from the student.
    pub fn reveal(&mut self) {
        if let Some(progress) = self.current_mut() {
            progress.revealed = true;
        }
    }

    /// Asks the current question again (the answer hidden again).
    pub fn ask_again(&mut self) {
        if let Some(progress) = self.current_mut() {
            *progress = Progress::default();
        }
    }

    pub fn typed_mut(&mut self) -> Option<&mut String> {
        self.current_mut().map(|progress| &mut progress.typed)
    }

    /// The verdict on the current prediction once it is out.
    pub fn verdict(&self, scene: &Scene<'_>) -> Option<Verdict> {
        match self.task() {
            Some(Task::Predict(prediction)) => {
                let progress = self.current().filter(|p| p.revealed)?;
                Some(prediction.judge(progress.answer, scene))
            }
            _ => None,
        }
    }

    /// Where the student stands against the current goal, if the step has one.
    pub fn goal_status(&self, state: &AppState, report: &Report) -> Option<GoalStatus> {
        let Some(Task::Goal(goal)) = self.task() else {
            return None;
        };
        let kept = goal.keep.is_none_or(|side| self.side_as_set(side, state));
        Some(goal.check(report, kept))
    }

    /// Whether `side` is still as the step set it.
    fn side_as_set(&self, side: Side, state: &AppState) -> bool {
        let Some(step) = self.step() else {
            return true;
        };
        // A densities step has no goal (the lesson's checks refuse one).
        let Some(scenario) = step.discrete() else {
            return true;
        };
        let set = match side {
            Side::P => &scenario.p,
            Side::Q => &scenario.q,
        };
        let now = state.doc.get(side).probs();
        now.len() == set.len() && now.iter().zip(set).all(|(a, b)| (a - b).abs() <= 1e-12)
    }
}
