//! The registry: every view in tab order, the tabs, and the guards each view's metadata
//! asks for. Adding a view is one file and one line in `Views::new`.

use eframe::egui;

use super::guards::{gives_away_ui, too_many_outcomes_ui};
use super::view::{View, ViewInput};
use super::{coding, distillation, divergences, fit, libraries, plots, sampling, simplex, table, temperature};
use crate::app::edit::Action;
use crate::app::model::state::DEFAULT_VIEW;
use crate::app::ui::fit_text::text_width;

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
                Box::new(plots::PlotsView::default()),
                Box::new(table::TableView::default()),
                Box::new(coding::CodingView::default()),
                Box::new(fit::FitView::default()),
                Box::new(sampling::SamplingView::default()),
                Box::new(libraries::LibrariesView::default()),
                Box::new(temperature::TemperatureView::default()),
                Box::new(distillation::DistillationView::default()),
                Box::new(simplex::SimplexView::default()),
                Box::new(divergences::DivergencesView::default()),
            ],
        }
    }

    /// The id of the view shown first.
    pub fn default_id() -> &'static str {
        DEFAULT_VIEW
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

    /// Draws the view with `id` (or the first), unless its metadata says it must not be
    /// drawn now: it would show a concealed measure, or the scenario has too many outcomes.
    pub fn view_ui(&mut self, ui: &mut egui::Ui, id: &str, input: &ViewInput<'_>) -> Option<Action> {
        let view = self.get_mut(id)?;
        if gives_away_ui(ui, input.concealed, view.reveals(), view.reveals_members()) {
            return None;
        }
        if let Some(most) = view.max_outcomes()
            && too_many_outcomes_ui(ui, input.state.doc.len(), most, view.title())
        {
            return None;
        }
        // A view that needs more height than the window gives scrolls, with its bar in
        // sight: nothing is cut off at 1024×768 without a sign that there is more. (Only
        // vertically: text in an area that scrolls sideways would not wrap.)
        egui::ScrollArea::vertical()
            .id_salt(("view", view.id()))
            .auto_shrink([false, false])
            .show(ui, |ui| view.ui(ui, input))
            .inner
    }

    /// The views as one menu, for a window too narrow for the tabs (a phone).
    pub fn choice_ui(&self, ui: &mut egui::Ui, current: &mut String) {
        let title = self.list.iter().find(|view| view.id() == current).map_or("", |view| view.title());
        ui.horizontal(|ui| {
            ui.label("View:");
            egui::ComboBox::from_id_salt("view choice")
                .selected_text(title)
                .show_ui(ui, |ui| {
                    for view in &self.list {
                        let selected = current == view.id();
                        if ui.selectable_label(selected, view.title()).on_hover_text(view.tooltip()).clicked() {
                            *current = view.id().to_string();
                        }
                    }
                })
                .response
                .accessible_name("view")
                .on_hover_text("Which view of P and Q to show");
        });
    }

    /// The tabs: selecting one changes the view shown (a setting, like the unit). They
    /// stay on one row: where the row is too narrow for them at the body size, their type
    /// shrinks (to four fifths at most) before a tab is wrapped onto a row of its own.
    pub fn tabs_ui(&self, ui: &mut egui::Ui, current: &mut String) {
        ui.horizontal_wrapped(|ui| {
            // Tabs sit closer together than buttons: their highlight tells them apart.
            ui.spacing_mut().item_spacing.x *= 0.5;
            ui.spacing_mut().button_padding.x *= 0.75;
            let font = egui::TextStyle::Button.resolve(ui.style());
            let spacing = ui.spacing();
            let chrome = (spacing.button_padding.x * 2.0 + spacing.item_spacing.x) * self.list.len() as f32;
            let text: f32 = self.list.iter().map(|view| text_width(ui.painter(), view.title(), &font)).sum();
            let shrink = ((ui.available_width() - chrome - 4.0) / text.max(1.0)).clamp(SMALLEST_TABS, 1.0);
            for view in &self.list {
                let selected = current == view.id();
                let title = egui::RichText::new(view.title()).size(font.size * shrink);
                if ui.selectable_label(selected, title).on_hover_text(view.tooltip()).clicked() && !selected {
                    *current = view.id().to_string();
                }
            }
        });
    }
}

/// The smallest the tabs' type gets before they wrap: four fifths of the body size.
const SMALLEST_TABS: f32 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_view_is_the_default_and_ids_are_unique() {
        let views = Views::new();
        let ids: Vec<&str> = views.ids().iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.first().copied(), Some(DEFAULT_VIEW));
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "two views share an id: {ids:?}");
    }
}
