//! The notes a view shows instead of itself: it would give away the open question's
//! answer, or the scenario has more outcomes than it takes. Applied by the registry.

use eframe::egui;

use crate::info::family::FamilyMember;
use crate::info::{Measure, Unit};
use crate::lesson::Concealed;
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
pub fn gives_away_ui(ui: &mut egui::Ui, concealed: &Concealed, shows: &[Measure], members: &[FamilyMember]) -> bool {
    let measures = shows.iter().filter(|m| concealed.hides(**m)).map(|m| m.symbol().to_string());
    let members = members.iter().filter(|m| concealed.hides_member(**m)).map(|m| match m {
        FamilyMember::Renyi => "D_α(P||Q)".to_string(),
        other => other.symbol(1.0),
    });
    let hidden: Vec<String> = measures.chain(members).collect();
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

/// Says that numbers this view works out for itself (a code length, a sample's estimate, a
/// loss, an entropy at another temperature), written in `unit`, would give the open number
/// question's answer away, if one of them lies within its tolerance; returns true then.
pub fn near_answer_ui(ui: &mut egui::Ui, concealed: &Concealed, numbers: &[f64], unit: Unit) -> bool {
    if !numbers.iter().any(|x| concealed.hides_number_in(*x, unit)) {
        return false;
    }
    ui.add_space(12.0);
    ui.label(egui::RichText::new(
        "This view would show a number close to the answer of the question. Answer it (or press Reveal) to see it here.",
    ));
    true
}
