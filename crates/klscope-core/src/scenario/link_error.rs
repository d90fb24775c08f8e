//! Why a share link opens nothing: its own file, so that `ScenarioError` can carry it
//! without the error type and the link decoder importing each other.

/// The longest link accepted, in characters (browsers and chat programs cut longer ones).
pub const MAX_LINK_CHARS: usize = 100_000;
/// The most outcomes a link may carry.
pub const MAX_LINK_OUTCOMES: usize = 1000;
/// Why a link opens nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LinkError {
    #[error("this link has no scenario in it: it should end in #s= followed by the scenario")]
    NoScenario,
    #[error("this link is too long ({0} characters; a link holds at most {MAX_LINK_CHARS})")]
    TooLong(usize),
    #[error("this link is damaged: its scenario has characters a link never contains (was it cut or changed?)")]
    NotBase64,
    #[error("this link is damaged: its scenario is not text (was it cut or changed?)")]
    NotText,
    #[error("this link is damaged or cut short: {0}")]
    Damaged(String),
    #[error("this link was made by a newer klscope (link version {0}); this one reads version 1")]
    Version(u32),
    #[error("this link has {0} outcomes; a link holds at most {MAX_LINK_OUTCOMES} (share a scenario file instead)")]
    TooManyOutcomes(usize),
    #[error("{0}")]
    Invalid(String),
}
