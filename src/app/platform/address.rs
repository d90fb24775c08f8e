//! A lesson asked for in a page's address: `?lesson=<built-in id>&step=N&present=1`, so
//! that a teacher can send a link that opens a lesson at a step, projected or not. Read
//! here without the browser, so the rules are tested everywhere; `web.rs` hands over the
//! address. Each problem is one sentence naming the lesson or the step; a problem keeps
//! the page out of presentation mode, so that the sentence is seen.

use super::Event;
use crate::app::model::Status;
use crate::lesson::{builtin_lesson_ids, find_builtin_lesson};

/// The events the query part of a page's address (`?…`, with or without the `?`) asks
/// for: the lesson at its step, presentation mode, and what is wrong with the address.
/// Nothing for an address that names none of `lesson`, `step` and `present`.
pub fn lesson_events(query: &str) -> Vec<Event> {
    let mut lesson_id = None;
    let mut step = None;
    let mut present = None;
    for (key, value) in pairs(query) {
        match key.as_str() {
            "lesson" => lesson_id = Some(value),
            "step" => step = Some(value),
            "present" => present = Some(value),
            _ => {}
        }
    }
    let mut events = Vec::new();
    let mut problem = None;
    match (&lesson_id, &step) {
        (Some(id), _) => match find_builtin_lesson(id) {
            Ok(lesson) => {
                let steps = lesson.steps.len();
                let index = match step.as_deref().map(|s| (s, s.trim().parse::<usize>())) {
                    None => 0,
                    Some((_, Ok(n))) if (1..=steps).contains(&n) => n - 1,
                    Some((text, _)) => {
                        problem = Some(format!(
                            "The link asks for step '{text}' of the lesson '{}', which has steps 1 to {steps}, \
                             so it opens at step 1.",
                            lesson.title
                        ));
                        0
                    }
                };
                events.push(Event::Lesson { lesson: Box::new(lesson), step: index });
            }
            Err(_) => {
                let known = builtin_lesson_ids().collect::<Vec<_>>().join(", ");
                problem = Some(format!(
                    "The link asks for the lesson '{id}', which is not a built-in lesson (they are {known})."
                ));
            }
        },
        (None, Some(text)) => {
            problem = Some(format!("The link asks for step '{text}' but names no lesson (add lesson=<id>)."));
        }
        (None, None) => {}
    }
    let presenting = match present.as_deref().map(str::trim) {
        None | Some("0" | "false" | "no") => false,
        Some("" | "1" | "true" | "yes") => true,
        Some(other) => {
            problem.get_or_insert(format!("The link's present='{other}' is neither 1 nor 0, so it does not present."));
            false
        }
    };
    match problem {
        Some(problem) => events.push(Event::Status(Status::error(problem))),
        None if presenting => events.push(Event::Present),
        None => {}
    }
    events
}

/// The `key=value` pairs of a query, decoded as browsers encode forms (`+` is a space,
/// `%41` is `A`; what cannot be decoded stays as written).
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (lesson id and 0-based step, presenting, the error) of an address.
    fn read(query: &str) -> (Option<(String, usize)>, bool, Option<String>) {
        let (mut lesson, mut present, mut error) = (None, false, None);
        for event in lesson_events(query) {
            match event {
                Event::Lesson { lesson: l, step } => lesson = Some((l.title.clone(), step)),
                Event::Present => present = true,
                Event::Status(status) => {
                    assert!(status.is_error);
                    error = Some(status.text);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        (lesson, present, error)
    }

    #[test]
    fn a_lesson_at_a_step_presented() {
        let title = "When KL blows up".to_string();
        assert_eq!(read("?lesson=when-kl-blows-up"), (Some((title.clone(), 0)), false, None));
        assert_eq!(read("lesson=when-kl-blows-up&step=3&present=1"), (Some((title.clone(), 2)), true, None));
        assert_eq!(read("?present=0&lesson=when%2Dkl-blows-up&step=6"), (Some((title, 5)), false, None));
        assert_eq!(read("?present=1"), (None, true, None), "a scenario can be presented too");
        assert!(lesson_events("").is_empty());
        assert!(lesson_events("?utm_source=mail&x").is_empty(), "other parameters are someone else's");
    }

    #[test]
    fn an_unknown_lesson_opens_nothing_and_says_which() {
        let (lesson, present, error) = read("?lesson=no-such-lesson&present=1");
        assert_eq!((lesson, present), (None, false));
        let error = error.unwrap_or_default();
        assert!(error.contains("'no-such-lesson'") && error.contains("when-kl-blows-up"), "{error}");
        assert_eq!(error.matches(". ").count(), 0, "one sentence: {error}");
    }

    #[test]
    fn a_bad_step_opens_step_one_and_says_so() {
        for step in ["0", "7", "two", "-1", ""] {
            let (lesson, present, error) = read(&format!("?lesson=when-kl-blows-up&step={step}&present=1"));
            assert_eq!(lesson, Some(("When KL blows up".to_string(), 0)));
            assert!(!present, "the error stays visible");
            let error = error.unwrap_or_default();
            assert!(error.contains(&format!("step '{step}'")) && error.contains("steps 1 to 6"), "{error}");
        }
        let (_, _, error) = read("?step=2");
        assert!(error.unwrap_or_default().contains("names no lesson"));
        let (_, present, error) = read("?present=maybe");
        assert!(!present && error.unwrap_or_default().contains("present='maybe'"));
    }

    #[test]
    fn decoding_keeps_what_it_cannot_read() {
        let value = |query: &str| pairs(query).map(|(_, value)| value).next().unwrap_or_default();
        assert_eq!(value("x=a+b%20c%2"), "a b c%2");
        assert_eq!(value("x=%zz%C3%A9"), "%zzé");
    }
}
