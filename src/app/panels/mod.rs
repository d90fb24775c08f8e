//! The panels around the views: the top bar, the bar editors and the outcome strip, the
//! measures with the identity view and the lesson text, and the help window. Each panel
//! that remembers something between frames owns that state.

pub mod bar_editor;
pub mod bar_layout;
pub mod bar_state;
pub mod classroom_student;
pub mod classroom_teacher;
pub mod densities;
pub mod editing;
pub mod help;
pub mod identity;
pub mod job;
pub mod lesson_step;
pub mod logit_editor;
pub mod measures;
pub mod model_output;
pub mod outcome_strip;
pub mod scenario_text;
pub mod top_bar;
pub mod value_field;
pub mod vocabulary_bars;

/// The panels' state that lives only while the app runs.
#[derive(Default)]
pub struct Panels {
    pub editing: editing::EditingPanel,
    pub densities: densities::DensitiesScreen,
    pub help: help::HelpWindow,
    pub model_output: model_output::ModelOutputQuestion,
}
