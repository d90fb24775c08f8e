//! What a view is: the trait every view implements, what it declares (the measures it
//! shows, the most outcomes it takes), and what it reads each frame.

use eframe::egui;

use crate::app::edit::Action;
use crate::app::model::Mode;
use crate::app::model::analysis::Analysis;
use crate::app::model::state::AppState;
use crate::info::Measure;
use crate::info::family::FamilyMember;
use crate::lesson::Concealed;

/// What every view reads: the state, the measures, and whether this is the live window
/// or a picture being drawn for export (no animation, no hover).
pub struct ViewInput<'a> {
    pub state: &'a AppState,
    pub analysis: &'a Analysis,
    pub mode: Mode,
    /// What a pending lesson question hides.
    pub concealed: &'a Concealed,
}

/// One view under the editors. Its metadata has defaults, and the registry applies the
/// guards they imply once, before `ui` is called (as egui's demos declare theirs).
pub trait View {
    /// A stable name, kept in the stored session: "plots", "table", ….
    fn id(&self) -> &'static str;
    /// The tab's text.
    fn title(&self) -> &'static str;
    /// What the view shows, in one sentence (the tab's hover text).
    fn tooltip(&self) -> &'static str;
    /// The measures whose values the view cannot draw without showing: while a pending
    /// question conceals one of them, the registry says so instead of drawing the view.
    /// Views that hide a concealed number in place (plots, table) declare none.
    fn reveals(&self) -> &'static [Measure] {
        &[]
    }
    /// Like [`View::reveals`], for the members of KL's family that are not measures
    /// (Rényi's D_α, W₁).
    fn reveals_members(&self) -> &'static [FamilyMember] {
        &[]
    }
    /// The most outcomes the view works on; `None` for any number.
    fn max_outcomes(&self) -> Option<usize> {
        None
    }
    /// Draws the view into the space there is; returns what the user asked for.
    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Action>;
}
