//! What a scenario calls its two sides, and which of them it is about.
//!
//! `roles: ("policy", "reference")` names P and Q where the editors, legends, table headers
//! and handouts say who they are (by default "the truth" and "the model"). `focus: P` says
//! the scenario is about P alone: its entropy, its surprises. The app then shows P's
//! editor only, H(P)'s terms p·(−log p) in the contribution plot and the table, and no
//! numbers that need Q. A scenario written without `q` is about P alone.

use serde::{Deserialize, Serialize};

use crate::info::Side;

/// The most characters a side's name may have: it heads an editor.
pub const MAX_ROLE_CHARS: usize = 40;

/// What P and Q stand for in this scenario: P's name, then Q's; none for today's words.
/// Boxed: a scenario travels in the app's messages, which stay small.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Roles(Option<Box<[String; 2]>>);

impl PartialEq for Roles {
    fn eq(&self, other: &Roles) -> bool {
        Side::BOTH.iter().all(|&side| self.of(side) == other.of(side))
    }
}

impl Eq for Roles {}

impl Roles {
    pub fn new(p: impl Into<String>, q: impl Into<String>) -> Roles {
        Roles(Some(Box::new([p.into(), q.into()])))
    }

    /// What `side` stands for: "the truth", "policy", ….
    pub fn of(&self, side: Side) -> &str {
        match &self.0 {
            Some(names) => &names[side.index()],
            None => side.role(),
        }
    }

    /// P's name as Q's and Q's as P's, for when the sides swap.
    pub fn swapped(&self) -> Roles {
        match &self.0 {
            Some(names) => Roles::new(names[1].clone(), names[0].clone()),
            None => Roles::default(),
        }
    }

    /// The two names as a file writes them, unless they are today's words.
    pub fn pair(&self) -> Option<(&str, &str)> {
        (!self.is_default()).then(|| (self.of(Side::P), self.of(Side::Q)))
    }

    /// "P — the truth", "Q — reference": an editor's heading.
    pub fn heading(&self, side: Side) -> String {
        format!("{} — {}", side.name(), self.of(side))
    }

    /// "P (policy)", or plain "P" with the default words: a legend's or a header's name.
    pub fn named(&self, side: Side) -> String {
        if self.is_default() { side.name().to_string() } else { format!("{} ({})", side.name(), self.of(side)) }
    }

    pub fn is_default(&self) -> bool {
        *self == Roles::default()
    }

    /// Why these names cannot head an editor, if they cannot: empty, too long, or holding
    /// control characters.
    pub fn problem(&self) -> Option<String> {
        for side in Side::BOTH {
            let name = self.of(side);
            let which = side.name();
            if name.trim().is_empty() {
                return Some(format!("the name of {which} is empty"));
            }
            let length = name.chars().count();
            if length > MAX_ROLE_CHARS {
                return Some(format!("the name of {which} has {length} characters; at most {MAX_ROLE_CHARS}"));
            }
            if name.chars().any(char::is_control) {
                return Some(format!("the name of {which} holds control characters"));
            }
        }
        None
    }
}

/// Which side a scenario is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Focus {
    /// P against Q: the divergences.
    #[default]
    Both,
    /// P alone: entropy and surprise; Q steps aside.
    P,
}

impl Focus {
    pub fn p_alone(self) -> bool {
        self == Focus::P
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_roles_are_the_truth_and_the_model() {
        let roles = Roles::default();
        assert_eq!(roles.heading(Side::P), "P — the truth");
        assert_eq!(roles.heading(Side::Q), "Q — the model");
        assert_eq!(roles.named(Side::Q), "Q");
        let named = Roles::new("policy", "reference");
        assert_eq!(named.heading(Side::Q), "Q — reference");
        assert_eq!(named.named(Side::P), "P (policy)");
        assert_eq!(named.problem(), None);
        assert_eq!(named.swapped(), Roles::new("reference", "policy"));
        assert_eq!(Roles::new("the truth", "the model"), Roles::default(), "today's words, written out");
        assert_eq!(Roles::new("the truth", "the model").pair(), None);
    }

    #[test]
    fn bad_names_say_which_side_and_why() {
        assert_eq!(Roles::new(" ", "x").problem().as_deref(), Some("the name of P is empty"));
        let long = "x".repeat(MAX_ROLE_CHARS + 1);
        assert!(Roles::new("a", long).problem().is_some_and(|p| p.starts_with("the name of Q has 41")));
        assert!(Roles::new("a\u{7}", "b").problem().is_some_and(|p| p.contains("control")));
    }
}
