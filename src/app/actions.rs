//! Carrying out commands: one exhaustive match. The buttons, menus and keys that ask for
//! them live with their panels; files, pictures and the clipboard go through the platform.

use super::command::Command;
use super::edit::{Action, Edit};
use super::panels::lesson_step::LessonAction;
use super::picture::Target;
use super::platform::{Event, SaveJob};
use super::{KlApp, Status};
use crate::export::{python, tables};
use crate::info::{Side, ZeroRule};
use crate::scenario::{self, link};

impl KlApp {
    /// Carries out a command from a button, a menu or a key.
    pub fn run(&mut self, command: Command) {
        // A refused edit's reason stays in the outcome strip until the next command.
        self.panels.editing.strip.message = None;
        if self.state.densities.is_some() && command.edits_discrete() {
            return;
        }
        let state = &mut self.state;
        match command {
            Command::Undo => self.step_history(true),
            Command::Redo => self.step_history(false),
            Command::Uniform => state.doc.get_mut(state.active).make_uniform(),
            Command::CopyPToQ => state.doc.copy_p_to_q(),
            Command::SwapPQ => state.doc.swap(),
            Command::AddOutcome => match state.doc.add_outcome() {
                Ok(index) => state.selected = index,
                Err(e) => self.panels.editing.strip.message = Some(e.to_string()),
            },
            Command::RemoveOutcome => {
                if let Err(e) = state.doc.remove_outcome(state.selected) {
                    self.panels.editing.strip.message = Some(e.to_string());
                }
            }
            Command::Select(index) => state.selected = index,
            Command::SelectPrevious => self.move_selection(-1),
            Command::SelectNext => self.move_selection(1),
            Command::NudgeUp => self.nudge(0.01),
            Command::NudgeDown => self.nudge(-0.01),
            Command::NudgeUpFine => self.nudge(0.001),
            Command::NudgeDownFine => self.nudge(-0.001),
            Command::ToggleTheme => state.theme = state.theme.toggled(),
            Command::Help => self.panels.help.open = !self.panels.help.open,
            Command::OpenBuiltin(index) => self.open_builtin(index),
            Command::OpenBuiltinDensities(index) => {
                if let Some(densities) = scenario::builtin_densities().get(index) {
                    self.state.open_densities(densities.clone());
                }
            }
            Command::OpenSaved(index) => self.platform.open_saved(index),
            Command::Open => self.platform.open(self.state.doc.file.as_deref()),
            Command::OpenLink => self.platform.open_link(),
            Command::Save => self.save(false),
            Command::SaveAs => self.save(true),
            Command::ExportPng => self.export(Target::Window, false),
            Command::ExportPngAs => self.export(Target::Window, true),
            Command::ExportContributions => self.export(Target::Contributions, false),
            Command::ExportSurprise => self.export(Target::Surprise, false),
            Command::CopyMarkdown => {
                let family = self.family_report();
                let (doc, unit) = (&self.state.doc, self.state.unit);
                let text = tables::markdown(&doc.title, &family, unit, &doc.zero_rule);
                self.copy_measures(text, "Measures copied to the clipboard.");
            }
            Command::CopyLatex => {
                let family = self.family_report();
                let (doc, unit) = (&self.state.doc, self.state.unit);
                let text = tables::latex(&doc.title, &family, unit, &doc.zero_rule);
                self.copy_measures(text, "Measures copied to the clipboard.");
            }
            Command::CopyCsv => {
                let a = &self.analysis;
                let positions = state.doc.positions.as_deref();
                let text = tables::outcomes_csv(state.doc.labels(), &a.p, &a.q, positions, state.unit);
                self.copy_measures(text, "The table is on the clipboard as CSV.");
            }
            Command::CopyLink => {
                let scenario = state.doc.to_scenario(state.unit);
                match link::encode(&scenario, state.doc.zero_rule, &self.platform.link_base()) {
                    Ok(text) => self.copy(text, "A link to this scenario is on the clipboard."),
                    Err(e) => self.status = Some(Status::error(format!("No link: {e}."))),
                }
            }
            Command::CopyPython(temperature) => {
                let a = &self.analysis;
                let text = python::python_script(state.doc.labels(), &a.p, &a.q, temperature);
                self.copy(text, "A Python script is on the clipboard.");
            }
            Command::CopyFamilyPython(alpha) => {
                let a = &self.analysis;
                let positions = state.doc.positions.as_deref().filter(|x| x.len() == a.p.len());
                let x =
                    positions.map_or_else(|| crate::info::wasserstein::default_positions(a.p.len()), <[f64]>::to_vec);
                let text = python::family_script(state.doc.labels(), &a.p, &a.q, &x, alpha);
                self.copy_measures(text, "A Python script of every divergence is on the clipboard.");
            }
            Command::CopyDistillationPython { temperature, alpha, label } => {
                let (teacher, student) = (state.doc.logit_values(Side::P), state.doc.logit_values(Side::Q));
                let labels = state.doc.labels();
                let text = python::distillation_script(labels, &teacher, &student, temperature, alpha, label);
                self.copy(text, "A Python script of the distillation loss is on the clipboard.");
            }
            Command::Present => self.presenting = !self.presenting,
            Command::LeavePresentation => self.presenting = false,
            Command::NextStep => self.lesson_action(LessonAction::Next),
            Command::PreviousStep => self.lesson_action(LessonAction::Previous),
            Command::OpenLesson(index) => self.open_builtin_lesson(index),
            Command::ExportLesson => self.export_lesson(),
            Command::RunWithClass => self.run_with_class(),
            Command::JoinClass => self.join_class(None),
        }
        self.after_action();
    }

    /// Applies an undoable edit handed over by a view (fitting's "Use as Q", a point
    /// dragged on the simplex). A refused edit says why in the outcome strip.
    pub fn apply(&mut self, edit: Edit) {
        let state = &mut self.state;
        let refused = match edit {
            Edit::SetDistribution { side, values } => {
                // What the user moved is what the arrow keys nudge next.
                state.active = side;
                state.doc.get_mut(side).set_all(&values).err().map(|e| e.message(side.name()))
            }
            Edit::SetAlpha(alpha) if crate::info::renyi::is_order(alpha) => {
                state.alpha = alpha;
                None
            }
            Edit::SetAlpha(alpha) => Some(format!("α = {alpha} is not an order of Rényi's divergence (0 to ∞).")),
        };
        self.panels.editing.strip.message = refused;
        self.after_action();
    }

    /// The report with Rényi at the chosen α and W₁ at the scenario's positions, for the
    /// tables copied out (computed on demand: the live frame needs only the report).
    fn family_report(&self) -> crate::info::family::FamilyReport {
        let a = &self.analysis;
        crate::info::family::FamilyReport::compute(&a.p, &a.q, self.state.alpha, self.state.doc.positions.as_deref())
    }

    /// One step back (`back`) or forward in the history of what is on screen: the
    /// densities' while the densities screen shows, else the discrete document's.
    fn step_history(&mut self, back: bool) {
        let state = &mut self.state;
        match &mut state.densities {
            Some(now) => {
                let to = if back { self.densities_history.undo(now) } else { self.densities_history.redo(now) };
                if let Some(to) = to {
                    now.restore(to);
                }
            }
            None => {
                let to = if back { self.history.undo(&state.doc) } else { self.history.redo(&state.doc) };
                if let Some(to) = to {
                    state.doc = to;
                }
            }
        }
    }

    /// Carries out what a panel or a view asked for.
    pub fn act(&mut self, action: Action) {
        match action {
            Action::Run(command) => self.run(command),
            Action::Apply(edit) => self.apply(edit),
        }
    }

    /// What follows every command and edit: the selection kept in range, and whatever the
    /// platform has to say.
    fn after_action(&mut self) {
        self.state.clamp_selection();
        self.handle_platform_events();
    }

    /// Hands the scenario to the platform: to its file or the default place, or (`choose`)
    /// where the user says.
    fn save(&mut self, choose: bool) {
        let doc = &self.state.doc;
        let job = match &self.state.densities {
            // A densities scenario is saved as one, in the unit shown.
            Some(densities) => {
                let scenario = scenario::DensitiesScenario { unit: self.state.unit, ..densities.scenario.clone() };
                SaveJob { scenario: Box::new(scenario::AnyScenario::Densities(scenario)), file: None }
            }
            None => SaveJob {
                scenario: Box::new(scenario::AnyScenario::Discrete(doc.to_scenario(self.state.unit))),
                file: doc.file.clone(),
            },
        };
        self.platform.save(job, choose);
    }

    /// Carries out what the lesson strip or a clicker asked for.
    pub(super) fn lesson_action(&mut self, action: LessonAction) {
        // In a class the teacher moves the lesson: a student's keys do not.
        let student = self.classroom.as_ref().is_some_and(|c| c.is_student());
        if student && matches!(action, LessonAction::Next | LessonAction::Previous) {
            return;
        }
        // In a class, the strip's Reveal reveals to everyone.
        if action == LessonAction::Reveal && self.classroom.as_ref().is_some_and(|c| c.is_running()) {
            self.classroom_act(super::panels::classroom_teacher::ClassroomAction::Reveal);
        }
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        let moved = match action {
            LessonAction::Next => run.step_by(1, &mut self.state).map(|_| ()),
            LessonAction::Previous => run.step_by(-1, &mut self.state).map(|_| ()),
            LessonAction::Reveal => {
                run.reveal();
                Ok(())
            }
            LessonAction::AskAgain => {
                run.ask_again();
                Ok(())
            }
            LessonAction::Answer(answer) => {
                run.answer(answer);
                Ok(())
            }
            LessonAction::Close => {
                self.lesson = None;
                Ok(())
            }
        };
        if let Err(e) = moved {
            self.status = Some(Status::error(e.to_string()));
        }
        self.refresh_analysis();
    }

    /// Tables of the measures go to the clipboard only once no question hides them.
    fn copy_measures(&mut self, text: String, done: &str) {
        if !self.concealed().is_empty() {
            self.status = Some(Status::error(
                "The lesson's question is still open: answer it or press Reveal, then copy.".to_string(),
            ));
            return;
        }
        self.copy(text, done);
    }

    /// Puts `text` on the clipboard at the end of the frame, and says so.
    fn copy(&mut self, text: String, done: &str) {
        self.clipboard = Some(text);
        self.status = Some(Status::info(done.to_string()));
    }

    /// ← and →: moves the selection, staying inside the outcomes.
    fn move_selection(&mut self, step: i64) {
        let last = self.state.doc.len().saturating_sub(1) as i64;
        self.state.selected = (self.state.selected as i64 + step).clamp(0, last) as usize;
    }

    /// ↑ and ↓: nudges the selected outcome of the distribution last touched. A locked
    /// outcome says so in its editor.
    fn nudge(&mut self, by: f64) {
        let (side, index) = (self.state.active, self.state.selected);
        let distribution = self.state.doc.get_mut(side);
        let editor = self.panels.editing.editor_mut(side);
        if distribution.is_locked(index) {
            let label = distribution.label(index).unwrap_or_default();
            editor.message = Some(super::panels::bar_editor::locked_message(side, label));
        } else if let Some(value) = distribution.prob(index) {
            let _ = distribution.set(index, value + by);
            editor.message = None;
        }
    }

    fn open_builtin(&mut self, index: usize) {
        let Some(preset) = scenario::builtin().get(index) else {
            return;
        };
        // Built-ins are checked by a test; still, never crash on one.
        if let Err(e) = self.state.open_scenario(preset) {
            self.status = Some(Status::error(e.message(&preset.id)));
        }
    }

    /// Draws a picture of `target` as large as the window (times the chosen density) and
    /// hands it to the platform to write.
    fn export(&mut self, target: Target, choose: bool) {
        // 1× is as many pixels as the window shows (zoom and screen density included).
        let scale = f32::from(self.state.export_scale) * self.screen.pixels_per_point;
        // Laid out here, turned into pixels off the frame where the platform can.
        match self.lay_out_picture(self.screen.size, scale, target) {
            Ok(drawn) => {
                let ctx = self.live_ctx.clone().unwrap_or_default();
                self.platform.export_drawn(&ctx, drawn, choose);
            }
            Err(e) => self.status = Some(Status::error(format!("Export failed: {e}"))),
        }
    }

    /// Acts on what the platform reports; returns true if anything arrived.
    pub fn handle_platform_events(&mut self) -> bool {
        let events = self.platform.take_events();
        let any = !events.is_empty();
        for event in events {
            self.status = Some(match event {
                Event::Opened { scenario, file, from, zero_rule } => match self.state.open_scenario(&scenario) {
                    Ok(()) => {
                        self.state.doc.file = file;
                        if let Some(rule) = zero_rule {
                            self.state.doc.zero_rule = rule;
                        }
                        Status::info(format!("Opened {from}"))
                    }
                    Err(e) => Status::error(format!("{from}: {}", e.message("the scenario"))),
                },
                Event::OpenedDensities { scenario, from } => {
                    self.state.open_densities(*scenario);
                    Status::info(format!("Opened {from}"))
                }
                Event::Saved { file, to } => {
                    if self.state.densities.is_none() {
                        self.state.doc.file = file;
                    }
                    let note = if self.state.doc.zero_rule == ZeroRule::Exact {
                        ""
                    } else {
                        " (the zero rule is a setting of the app, not part of the file)"
                    };
                    Status::info(format!("Saved to {to}{note}"))
                }
                Event::ModelOutput { from, values } => {
                    let note = format!("Choose how to use {from}.");
                    self.panels.model_output.ask(from, values);
                    Status::info(note)
                }
                Event::Vocabulary { from, tokens } => self.use_vocabulary(&from, tokens),
                Event::Encodings { from, batch } => {
                    let rows = batch.rows.len();
                    self.panels.densities.vae.use_batch(from.clone(), batch);
                    Status::info(format!("Opened {from}: a batch of {rows} encodings"))
                }
                Event::Lesson { lesson, step } => {
                    let title = lesson.title.clone();
                    match self.open_lesson(*lesson, step) {
                        Ok(()) => Status::info(format!("Opened the lesson '{title}' at step {}", step + 1)),
                        Err(e) => Status::error(format!("The lesson '{title}' cannot open: {e}.")),
                    }
                }
                Event::PictureDrawn { picture, choose } => {
                    self.platform.export(*picture, choose);
                    Status::info("Writing the picture…".to_string())
                }
                Event::LessonFiles { folder, files } => {
                    self.platform.export_files(&folder, files);
                    Status::info("Writing the lesson's pictures…".to_string())
                }
                Event::Present => {
                    self.presenting = true;
                    Status::info("Presenting: Esc leaves".to_string())
                }
                Event::Status(status) => status,
                Event::TeachRoom => {
                    self.run_with_class();
                    if self.classroom.is_none() {
                        continue;
                    }
                    self.classroom_act(super::panels::classroom_teacher::ClassroomAction::Connect);
                    Status::info("Making a room for the class…".to_string())
                }
                Event::JoinRoom { code } => {
                    self.join_class(Some(code.clone()));
                    Status::info(format!("Joining room {code}…"))
                }
                Event::Room(event) => match self.room_event(event) {
                    Some(status) => status,
                    None => continue,
                },
            });
        }
        // What is read between frames (the page's `state()`) must match the new scenario.
        self.refresh_analysis();
        any
    }
}
