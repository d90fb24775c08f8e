//! What the platform tells the app ([`Event`]s), sooner or later, after a request, a
//! dropped file or a job: its own file, so that the contract and the jobs both name it.

use std::path::PathBuf;

use crate::app::model::Status;
use crate::app::picture::Picture;
use crate::info::ZeroRule;
use crate::info::density::vae::EncodingBatch;
use crate::lesson::Lesson;
use crate::model_files;
use crate::scenario::link::{self, Shared};
use crate::scenario::{AnyScenario, DensitiesScenario, Scenario};

/// What the platform tells the app, sooner or later, after a request or a dropped file.
#[derive(Debug)]
pub enum Event {
    /// A scenario was read and checked; `file` is where Save writes it back; a share link
    /// also brings the zero rule it was shown with.
    Opened { scenario: Box<Scenario>, file: Option<PathBuf>, from: String, zero_rule: Option<ZeroRule> },
    /// A densities scenario was read and checked: the densities screen shows it.
    OpenedDensities { scenario: Box<DensitiesScenario>, from: String },
    /// The scenario was written to `to`; `file` is the file it now belongs to.
    Saved { file: Option<PathBuf>, to: String },
    /// Numbers from a model's output file (.npy or CSV): the app asks whether they are P
    /// or Q, probabilities or logits.
    ModelOutput { from: String, values: Vec<f64> },
    /// A batch of a VAE encoder's outputs (μ and ln σ² per row), for the densities screen.
    Encodings { from: String, batch: EncodingBatch },
    /// Outcome names from a vocabulary file (.txt, one token per line).
    Vocabulary { from: String, tokens: Vec<String> },
    /// A lesson to walk through from `step` (0-based), asked for by the page's address.
    Lesson { lesson: Box<Lesson>, step: usize },
    /// Presentation mode, asked for by the page's address.
    Present,
    /// A picture a job drew: the app hands it to [`Platform::export`] (`choose`: ask
    /// where).
    ///
    /// [`Platform::export`]: super::Platform::export
    PictureDrawn { picture: Box<Picture>, choose: bool },
    /// A lesson's pictures and handout, drawn by a job: the app hands them to
    /// [`Platform::export_files`].
    LessonFiles { folder: String, files: Vec<(String, Vec<u8>)> },
    /// Something to tell the user: a picture written, an error, a question answered no.
    Status(Status),
    /// The page's address asks to run the lesson with the class (`?teach=1`).
    TeachRoom,
    /// The page's address asks to join a classroom room (`?room=CODE`).
    JoinRoom { code: String },
    /// The classroom server's socket opened, spoke or closed.
    Room(super::room::RoomEvent),
}

impl Event {
    /// The event for a scenario file of either kind, read from `from`.
    pub fn from_any(scenario: AnyScenario, file: Option<PathBuf>, from: String) -> Event {
        match scenario {
            AnyScenario::Discrete(scenario) => {
                Event::Opened { scenario: Box::new(scenario), file, from, zero_rule: None }
            }
            AnyScenario::Densities(scenario) => Event::OpenedDensities { scenario: Box::new(scenario), from },
        }
    }

    /// The event for a share link: its scenario and zero rule, or why it opens nothing.
    pub fn from_link(text: &str) -> Event {
        match link::decode(text) {
            Ok(Shared { scenario, zero_rule }) => Event::Opened {
                scenario: Box::new(scenario),
                file: None,
                from: "the link".to_string(),
                zero_rule: Some(zero_rule),
            },
            Err(e) => Event::Status(Status::error(format!("The link opens nothing: {e}."))),
        }
    }
}

/// Whether a file is a model's output (.npy, .csv) or a vocabulary (.txt) rather than a
/// scenario.
pub fn is_model_file(name: &str) -> bool {
    model_files::is_model_file(name) || name.to_ascii_lowercase().ends_with(".txt")
}

impl Event {
    /// The event for the bytes of a batch of encodings named `name`, or why it is not one.
    pub fn from_encodings_file(name: &str, bytes: &[u8]) -> Event {
        match model_files::read_encodings(name, bytes) {
            Ok(batch) if batch.rows.is_empty() => {
                Event::Status(Status::error(format!("{name} holds no encodings: the array has no rows")))
            }
            Ok(batch) => Event::Encodings { from: name.to_string(), batch },
            Err(e) => Event::Status(Status::error(e.to_string())),
        }
    }

    /// The event for the bytes of a model's output or vocabulary file named `name`.
    pub fn from_model_file(name: &str, bytes: &[u8]) -> Event {
        let result = if name.to_ascii_lowercase().ends_with(".txt") {
            model_files::read_vocabulary(name, bytes).map(|tokens| Event::Vocabulary { from: name.to_string(), tokens })
        } else {
            model_files::read_numbers(name, bytes).map(|values| Event::ModelOutput { from: name.to_string(), values })
        };
        result.unwrap_or_else(|e| Event::Status(Status::error(e.to_string())))
    }
}
