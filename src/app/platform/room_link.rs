//! A classroom in a page's address: `?room=CODE` joins that room as a student, and
//! `?lesson=ID&teach=1` runs the lesson with the class on the server that served the page.

use super::Event;
use crate::app::model::Status;
use crate::classroom::JoinCode;

/// The room asked for by the query part of a page's address (`?room=K7MQ`), or why its
/// code admits no one; nothing when the address names no room.
pub fn join_event(query: &str) -> Option<Event> {
    let code = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(key, _)| key == "room")
        .map(|(_, value)| value.into_owned())?;
    Some(match JoinCode::parse(&code) {
        Ok(code) => Event::JoinRoom { code: code.to_string() },
        Err(e) => Event::Status(Status::error(format!("The link's room '{code}' opens nothing: {e}."))),
    })
}

/// `?lesson=ID&teach=1`: the lesson opens as a room on the server that served the page,
/// as Lessons ▸ Run with the class… and Connect would.
pub fn teach_event(query: &str) -> Option<Event> {
    let teach = form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).find(|(key, _)| key == "teach")?.1;
    matches!(teach.trim(), "" | "1" | "true" | "yes").then_some(Event::TeachRoom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_in_the_address_joins_or_says_why_not() {
        assert!(matches!(join_event("?room=k7mq"), Some(Event::JoinRoom { code }) if code == "K7MQ"));
        assert!(join_event("?lesson=asymmetry").is_none());
        assert!(matches!(teach_event("?lesson=asymmetry&teach=1"), Some(Event::TeachRoom)));
        assert!(teach_event("?lesson=asymmetry&teach=0").is_none() && teach_event("?lesson=asymmetry").is_none());
        let Some(Event::Status(status)) = join_event("?room=O0") else { panic!("a bad code says why") };
        assert!(status.is_error && status.text.contains("'O0'"), "{}", status.text);
    }
}
