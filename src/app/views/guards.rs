//! The notes a view shows instead of itself: it would give away the open question's
//! answer, or the scenario has more outcomes than it takes. Applied by the registry.

use eframe::egui;

use crate::info::Measure;
use crate::lesson::task::Concealed;
use crate::text::thousands;

/// Says that `what` needs fewer outcomes, if it does; returns true then.
pub fn too_many_outcomes_ui(ui: &mut egui::Ui, n: usize, most: usize, what: &str) -> bool {
    if n <= most {
        return false;
    }
    ui.add_space(12.0);
    ui.label(egui::RichText::new(format!(
        "The “{what}” view works on at most {} outcomes; this scenario has {}. \
         The plots, the table, sampling and the libraries work at any size.",
        thousands(most),
        thousands(n)
    )));
    true
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
