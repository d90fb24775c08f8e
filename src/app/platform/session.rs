//! The session kept between runs: eframe's storage (a file on the desktop, the browser's
//! local storage on the web) holds the app's state as RON.

use crate::app::state::AppState;

/// How often the session is stored while it changes.
pub const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Reads the stored session. Unreadable or inconsistent state gives the defaults and a
/// message saying so, once.
pub fn load_state(storage: Option<&dyn eframe::Storage>) -> (AppState, Option<String>) {
    let Some(text) = storage.and_then(|s| s.get_string(eframe::APP_KEY)) else {
        return (AppState::default(), None);
    };
    match ron::from_str::<AppState>(&text) {
        Ok(mut state) if state.doc.is_consistent() => {
            state.sanitize();
            (state, None)
        }
        _ => (AppState::default(), Some("The saved session could not be read, so klscope started fresh.".to_string())),
    }
}

/// Writes the session.
pub fn store(storage: &mut dyn eframe::Storage, state: &AppState) {
    eframe::set_value(storage, eframe::APP_KEY, state);
}
