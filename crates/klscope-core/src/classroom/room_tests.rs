//! The room driven through whole built-in lessons by a teacher and three students, with
//! the leak rule checked on everything the students receive before each Reveal.

use super::histogram::right_choice;
use super::*;
use crate::info::Report;
use crate::lesson::{Answer, Prediction, Task, builtin_lessons, find_builtin_lesson};
use serde_json::Value;

fn room(lesson: &str, max_students: usize) -> Room {
    let code = JoinCode::parse("K7MQ").expect("a code");
    Room::new(code, TeacherToken::from_random([7; 32]), find_builtin_lesson(lesson).expect(lesson), max_students)
}

fn id(n: usize) -> StudentId {
    StudentId::parse(&format!("student-{n:04}")).expect("an id")
}

fn to(out: &[Delivery], who: To) -> Vec<&ServerMessage> {
    out.iter().filter(|d| d.to == who).map(|d| &d.message).collect()
}

/// What a student receives: what is sent to them and to all students.
fn student_sees(out: &[Delivery], student: usize) -> Vec<ServerMessage> {
    out.iter().filter(|d| d.to == To::Students || d.to == To::Student(student)).map(|d| d.message.clone()).collect()
}

/// Every number in a message but P, Q, step indices and the student's own answer echoed.
fn numbers(value: &Value, key: &str, found: &mut Vec<f64>) {
    match value {
        Value::Number(n) if !matches!(key, "p" | "q" | "index" | "step") => found.extend(n.as_f64()),
        Value::Array(items) if !matches!(key, "p" | "q") => items.iter().for_each(|v| numbers(v, key, found)),
        Value::Object(map) if key != "answer" => map.iter().for_each(|(k, v)| numbers(v, k, found)),
        Value::String(text) => {
            found.extend(text.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter_map(|w| w.parse::<f64>().ok()))
        }
        _ => {}
    }
}

/// The leak rule for one step: before Reveal no student message holds the right answer's
/// text, a verdict, or any number within the tolerance of an estimate's true value.
fn assert_no_leak(room: &Room, index: usize, p: &[f64], q: &[f64], seen: &[ServerMessage]) {
    let step = &room.lesson().steps[index];
    for message in seen {
        let json = message.to_json();
        assert!(!matches!(message, ServerMessage::Revealed { .. }), "step {index}: revealed early: {json}");
        assert!(!json.contains("correct") && !json.contains("right"), "step {index}: a judgement: {json}");
        if let Some(Task::Predict(Prediction::Estimate { measure, unit, tolerance })) = &step.task {
            let truth = measure.value_at(p, q, step.discrete().and_then(|d| d.positions.as_deref()), *unit);
            let mut found = Vec::new();
            numbers(&serde_json::from_str(&json).expect("json"), "", &mut found);
            for x in found {
                assert!((x - truth).abs() > *tolerance, "step {index}: {x} is within {tolerance} of {truth}: {json}");
            }
        }
    }
}

/// An answer for each of three students: right, wrong and (for estimates) far off.
fn answers_for(room: &Room, index: usize, p: &[f64], q: &[f64]) -> Vec<(WireAnswer, bool)> {
    let step = &room.lesson().steps[index];
    match &step.task {
        None => Vec::new(),
        Some(Task::Goal(_)) => {
            // Q moved onto P (a goal "below" is met), Q as the step set it, and Q all on
            // P's least likely outcome (far from P: a goal "above" may be met).
            let least = (0..p.len()).min_by(|a, b| p[*a].total_cmp(&p[*b])).unwrap_or(0);
            let far: Vec<f64> = (0..p.len()).map(|i| if i == least { 1.0 } else { 0.0 }).collect();
            [p.to_vec(), q.to_vec(), far]
                .into_iter()
                .map(|own_q| {
                    let met = goal_met(room, index, p, &own_q);
                    (WireAnswer::Scene { p: p.to_vec(), q: own_q }, met)
                })
                .collect()
        }
        Some(Task::Predict(Prediction::Estimate { measure, unit, tolerance })) => {
            let truth = measure.value_at(p, q, step.discrete().and_then(|d| d.positions.as_deref()), *unit);
            let number = |x: f64| WireAnswer::Number { value: format!("{x}") };
            vec![
                (number(truth + tolerance / 2.0), true),
                (number(truth + 3.0 * tolerance), false),
                (number(truth - tolerance / 3.0), true),
            ]
        }
        Some(Task::Predict(_)) => {
            let right = right_choice(step, p, q).expect("a right choice");
            let wire = WireAnswer::from;
            let Some(Task::Predict(prediction)) = &step.task else { unreachable!() };
            let wrong = prediction.choices(&step.discrete().unwrap().labels).into_iter().find(|c| {
                let verdict = super::judge::verdict(step, p, q, Some(Answer::Chose(*c)));
                verdict.and_then(|v| v.correct) == Some(false)
            });
            let wrong = wrong.expect("a wrong choice");
            vec![(wire(right), true), (wire(wrong), false), (wire(right), true)]
        }
    }
}

fn goal_met(room: &Room, index: usize, p: &[f64], q: &[f64]) -> bool {
    let Some(Task::Goal(goal)) = &room.lesson().steps[index].task else { return false };
    goal.check(&Report::compute(p, q), true).met
}

#[test]
fn three_students_go_through_every_built_in_lesson_and_nothing_leaks_before_reveal() {
    for lesson in builtin_lessons() {
        let mut room = room(&lesson.id, 500);
        let mut students = Vec::new();
        for n in 0..3 {
            let (student, out) =
                room.join(id(n), Nickname::parse(&format!("kid {n}")).expect("a nickname")).expect("room");
            assert_eq!(student, n);
            assert!(matches!(to(&out, To::Student(n))[..], [ServerMessage::Joined { step: None, .. }]));
            students.push(student);
        }
        for (index, step) in lesson.steps.iter().enumerate() {
            // A room carries discrete P and Q only: a densities step is refused in a sentence.
            let Some(discrete) = step.discrete() else {
                let refused = room.step(index, Vec::new(), Vec::new()).err();
                let sentence = super::judge::DENSITIES_REFUSED.to_string();
                assert_eq!(refused, Some(RoomError::Refused(sentence)), "{} step {index}", lesson.id);
                continue;
            };
            let (p, q) = (discrete.p.clone(), discrete.q.clone());
            let mut seen: Vec<Vec<ServerMessage>> = vec![Vec::new(); 3];
            let out = room.step(index, p.clone(), q.clone()).expect("a step");
            for s in &students {
                seen[*s].extend(student_sees(&out, *s));
            }
            let answers = answers_for(&room, index, &p, &q);
            for (s, (wire, _)) in students.iter().zip(&answers) {
                let (out, record) = room.answer(*s, index, wire.clone()).expect("an answer");
                assert_eq!((record.step, record.student), (index, *s));
                for t in &students {
                    let got = student_sees(&out, *t);
                    assert!(t == s || got.is_empty(), "{}: student {t} was sent {s}'s answer: {got:?}", lesson.id);
                    seen[*t].extend(got);
                }
                let counts = to(&out, To::Teacher);
                assert!(matches!(counts[0], ServerMessage::Counts { answered, joined: 3, .. } if *answered == s + 1));
            }
            if step.task.is_none() {
                assert!(room.show_answers().is_err() && room.reveal().is_err(), "{} step {index}", lesson.id);
                continue;
            }
            let shown = room.show_answers().expect("show");
            let ServerMessage::Histogram { bars, right: None, .. } = &shown[0].message else { panic!("{shown:?}") };
            assert_eq!(bars.iter().map(|b| b.count).sum::<usize>(), 3);
            assert!(shown.iter().all(|d| d.to == To::Teacher));
            for s in &students {
                assert_no_leak(&room, index, &p, &q, &seen[*s]);
            }
            let revealed = room.reveal().expect("reveal");
            for (s, (_, right)) in students.iter().zip(&answers) {
                let mine = to(&revealed, To::Student(*s));
                let [ServerMessage::Revealed { correct, your_answer: Some(_), .. }] = mine[..] else {
                    panic!("{mine:?}")
                };
                assert_eq!(*correct, Some(*right), "{} step {index} student {s}", lesson.id);
            }
            let expected_right = answers.iter().filter(|(_, right)| *right).count();
            let histogram =
                to(&revealed, To::Teacher).into_iter().find(|m| matches!(m, ServerMessage::Histogram { .. }));
            let Some(ServerMessage::Histogram { right: Some(right), bars, .. }) = histogram else {
                panic!("{revealed:?}")
            };
            assert_eq!(*right, expected_right, "{} step {index}", lesson.id);
            let marked = bars.iter().filter(|b| b.right == Some(true)).map(|b| b.count).sum::<usize>();
            assert!(marked >= expected_right, "{} step {index}: right answers in marked bars: {bars:?}", lesson.id);
            let late = room.answer(students[0], index, answers[0].0.clone());
            assert_eq!(late.err(), Some(RoomError::Closed(index)));
        }
    }
}

#[test]
fn a_student_who_comes_back_keeps_their_answer_and_may_change_it_until_reveal() {
    let mut room = room("asymmetry", 500);
    let (amy, _) = room.join(id(1), None).expect("join");
    let step = room.lesson().steps[0].clone();
    room.step(0, step.discrete().unwrap().p.clone(), step.discrete().unwrap().q.clone()).expect("step");
    room.answer(amy, 0, WireAnswer::Equal {}).expect("answer");
    assert_eq!(room.leave(amy).len(), 1);
    assert!(room.leave(amy).is_empty(), "leaving twice changes nothing");
    let (again, out) = room.join(id(1), None).expect("rejoin");
    assert_eq!(again, amy);
    let ServerMessage::Joined { answer, step: Some(now), .. } = &out[0].message else { panic!("{out:?}") };
    assert_eq!((answer, now.index), (&Some(WireAnswer::Equal {}), 0));
    let changed = WireAnswer::Measure { measure: "kl_pq".into() };
    room.answer(amy, 0, changed.clone()).expect("a change");
    let ServerMessage::Counts { answered: 1, joined: 1, connected: 1, .. } = room.counts().message else { panic!() };
    room.reveal().expect("reveal");
    let (_, out) = room.join(id(1), None).expect("rejoin after reveal");
    let ServerMessage::Joined { revealed: Some(revealed), answer: Some(kept), .. } = &out[0].message else { panic!() };
    assert_eq!(kept, &changed);
    assert!(matches!(**revealed, ServerMessage::Revealed { your_answer: Some(ref a), .. } if a == "KL(P||Q)"));
}

#[test]
fn a_full_room_refuses_newcomers_but_not_those_already_in() {
    let mut room = room("asymmetry", 2);
    room.join(id(1), None).expect("first");
    room.join(id(2), None).expect("second");
    assert_eq!(room.join(id(3), None).err(), Some(RoomError::Full(2)));
    assert!(room.join(id(2), None).is_ok(), "a known student rejoins a full room");
    assert_eq!(RoomError::Full(2).to_string(), "this room is full: it holds at most 2 students");
}

#[test]
fn answers_to_another_step_or_before_a_step_are_refused_and_change_nothing() {
    let mut room = room("asymmetry", 10);
    let (s, _) = room.join(id(1), None).expect("join");
    assert_eq!(room.answer(s, 0, WireAnswer::Equal {}).err(), Some(RoomError::NoStepYet));
    let step = room.lesson().steps[2].clone();
    room.step(2, step.discrete().unwrap().p.clone(), step.discrete().unwrap().q.clone()).expect("step 3");
    assert_eq!(room.answer(s, 0, WireAnswer::Equal {}).err(), Some(RoomError::NotNow { asked: 0, now: 2 }));
    assert_eq!(room.step(9, vec![], vec![]).err(), Some(RoomError::NoStep { index: 9, steps: 6 }));
    let bad = room.step(2, vec![0.5, 0.5], step.discrete().unwrap().q.clone());
    assert!(matches!(bad, Err(RoomError::Refused(ref why)) if why.starts_with("P: ")), "{bad:?}");
    assert_eq!(room.current_step(), Some(2), "a refused step leaves the room where it was");
    let ServerMessage::Counts { answered: 0, .. } = room.counts().message else { panic!() };
    assert!(room.is_teacher(&"07".repeat(32)) && !room.is_teacher("07"));
}

#[test]
fn a_teacher_who_comes_back_is_told_where_the_room_stands() {
    let mut room = room("asymmetry", 10);
    assert!(matches!(
        room.resume()[..],
        [Delivery { to: To::Teacher, message: ServerMessage::Counts { step: None, .. } }]
    ));
    let (s, _) = room.join(id(1), None).expect("join");
    let step = room.lesson().steps[0].clone();
    room.step(0, step.discrete().unwrap().p.clone(), step.discrete().unwrap().q.clone()).expect("step");
    room.answer(s, 0, WireAnswer::Equal {}).expect("answer");
    let asking = room.resume();
    assert_eq!(asking.len(), 2, "counts and the step, no histogram before Show answers: {asking:?}");
    room.show_answers().expect("show");
    room.reveal().expect("reveal");
    let out = room.resume();
    assert!(out.iter().all(|d| d.to == To::Teacher));
    let kinds: Vec<&str> = out
        .iter()
        .map(|d| match d.message {
            ServerMessage::Counts { .. } => "counts",
            ServerMessage::StepNow(_) => "step",
            ServerMessage::Histogram { right: Some(1), .. } => "marked histogram",
            ServerMessage::Revealed { your_answer: None, .. } => "revealed",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["counts", "step", "marked histogram", "revealed"]);
}
