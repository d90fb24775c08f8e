//! The session kept between runs: eframe's storage (a file on the desktop, the browser's
//! local storage on the web) holds the app's state as RON.

use crate::app::model::state::AppState;

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

/// The most outcomes a stored session keeps: a browser's storage holds about 5 MB, and
/// writing a vocabulary every few seconds would stall every frame that does it.
pub const MAX_STORED_OUTCOMES: usize = 10_000;

/// Writes the session. A larger document is not kept (its file is opened again
/// instead); the settings are.
pub fn store(storage: &mut dyn eframe::Storage, state: &AppState) {
    eframe::set_value(storage, eframe::APP_KEY, &storable(state));
}

/// What is stored of `state`.
pub fn storable(state: &AppState) -> std::borrow::Cow<'_, AppState> {
    if state.doc.len() <= MAX_STORED_OUTCOMES {
        return std::borrow::Cow::Borrowed(state);
    }
    let settings = AppState { doc: Default::default(), selected: 0, ..state.clone() };
    std::borrow::Cow::Owned(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn a_vocabulary_is_not_stored_but_the_settings_are() {
        let n = MAX_STORED_OUTCOMES + 1;
        let scenario = Scenario {
            id: "big".into(),
            title: "Big".into(),
            description: String::new(),
            unit: crate::info::Unit::Nats,
            labels: (0..n).map(|i| format!("t{i}")).collect(),
            p: vec![1.0 / n as f64; n],
            q: vec![1.0 / n as f64; n],
            logits: Default::default(),
            positions: None,
            roles: Default::default(),
            focus: Default::default(),
        };
        let mut state = AppState::default();
        assert!(state.open_scenario(&scenario).is_ok());
        state.view = "table".into();
        let stored = storable(&state);
        assert_eq!(stored.doc, AppState::default().doc);
        assert_eq!((stored.unit, stored.view.as_str()), (crate::info::Unit::Nats, "table"));
        state.doc = AppState::default().doc;
        assert!(matches!(storable(&state), std::borrow::Cow::Borrowed(_)), "small documents are stored as they are");
    }
}
