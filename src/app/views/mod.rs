//! The views under the editors. Each is one file implementing [`View`]; the registry in
//! [`Views::new`] lists them, and the tabs, the frame benchmark and the tests iterate it.
//! Adding a view is one file and one line there.

mod cache;
mod coding;
mod contributions;
mod distillation;
mod fit;
mod libraries;
mod plots;
mod sampling;
mod simplex;
mod surprise;
mod table;
mod temperature;

pub use cache::Cached;
pub use distillation::shown_loss;
pub use simplex::geometry::Triangle as SimplexLayout;
pub use simplex::layout as simplex_layout;

use eframe::egui;

use super::Mode;
use super::analysis::Analysis;
use super::commands::Command;
use super::state::AppState;
use crate::info::Measure;
use crate::lesson::task::Concealed;

/// The most outcomes the views that work outcome by outcome (codes, fitting) take on:
/// beyond it they would hold up every frame, and a code table of a vocabulary says little.
pub const MAX_DETAILED_OUTCOMES: usize = 10_000;

/// Says that `what` needs fewer outcomes, if it does; returns true then.
pub fn too_many_outcomes_ui(ui: &mut egui::Ui, n: usize, what: &str) -> bool {
    if n <= MAX_DETAILED_OUTCOMES {
        return false;
    }
    ui.add_space(12.0);
    ui.label(egui::RichText::new(format!(
        "{what} works on at most {MAX_DETAILED_OUTCOMES} outcomes; this scenario has {}. \
         The plots, the table, sampling and the libraries work at any size.",
        crate::app::panels::vocabulary_bars::thousands(n)
    )));
    true
}

/// What every view reads: the state, the measures, and whether this is the live window
/// or a picture being drawn for export (no animation, no hover).
pub struct ViewInput<'a> {
    pub state: &'a AppState,
    pub analysis: &'a Analysis,
    pub mode: Mode,
    /// What a pending lesson question hides.
    pub concealed: &'a Concealed,
}

/// Says that this view would give away the answer to the open question, if it would;
/// returns true then (the view draws nothing else).
pub fn gives_away_ui(ui: &mut egui::Ui, concealed: &Concealed, shows: &[Measure]) -> bool {
    let hidden: Vec<&str> = shows.iter().filter(|m| concealed.hides(**m)).map(|m| m.symbol()).collect();
    if hidden.is_empty() {
        return false;
    }
    ui.add_space(12.0);
    ui.label(egui::RichText::new(format!(
        "This view would show {}, which the question asks about. Answer it (or press Reveal) to see it here.",
        hidden.join(" and ")
    )));
    true
}

/// One view under the editors.
pub trait View {
    /// A stable name, kept in the stored session: "plots", "table", ….
    fn id(&self) -> &'static str;
    /// The tab's text.
    fn title(&self) -> &'static str;
    /// What the view shows, in one sentence (the tab's hover text).
    fn tooltip(&self) -> &'static str;
    /// Draws the view into the space there is; returns what the user asked for.
    fn ui(&mut self, ui: &mut egui::Ui, input: &ViewInput<'_>) -> Option<Command>;
}

/// Every view, in tab order.
pub struct Views {
    list: Vec<Box<dyn View>>,
}

impl Default for Views {
    fn default() -> Self {
        Self::new()
    }
}

impl Views {
    /// The registry: one line per view.
    pub fn new() -> Self {
        Views {
            list: vec![
                Box::new(plots::PlotsView),
                Box::new(table::TableView::default()),
                Box::new(coding::CodingView::default()),
                Box::new(fit::FitView::default()),
                Box::new(sampling::SamplingView::default()),
                Box::new(libraries::LibrariesView::default()),
                Box::new(temperature::TemperatureView::default()),
                Box::new(distillation::DistillationView::default()),
                Box::new(simplex::SimplexView::default()),
            ],
        }
    }

    /// The id of the view shown first.
    pub fn default_id() -> &'static str {
        plots::PlotsView.id()
    }

    /// Every view's (id, title), in tab order.
    pub fn ids(&self) -> Vec<(&'static str, &'static str)> {
        self.list.iter().map(|view| (view.id(), view.title())).collect()
    }

    /// The view with `id`, or the first one if no view has it (a stored session from
    /// another version).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut (dyn View + 'static)> {
        let index = self.list.iter().position(|view| view.id() == id).unwrap_or(0);
        self.list.get_mut(index).map(|view| view.as_mut())
    }

    /// The tabs: selecting one changes the view shown (a setting, like the unit).
    pub fn tabs_ui(&self, ui: &mut egui::Ui, current: &mut String) {
        // Wrapped: at 1024 points every tab stays in sight, on two rows if need be.
        ui.horizontal_wrapped(|ui| {
            for view in &self.list {
                let selected = current == view.id();
                if ui.selectable_label(selected, view.title()).on_hover_text(view.tooltip()).clicked() && !selected {
                    *current = view.id().to_string();
                }
            }
        });
    }
}
