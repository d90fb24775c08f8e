//! A teacher and three students through a whole built-in lesson over real sockets.

use klscope_core::classroom::WireAnswer;
use klscope_core::info::Report;
use klscope_core::lesson::{Answer, Choice, Prediction, Scene, Step, Task, find_builtin_lesson};
use serde_json::{Value, json};

use crate::common::{Teacher, TestServer, join};

/// A choice as sent.
fn wire(choice: Choice) -> Value {
    serde_json::to_value(WireAnswer::from(choice)).unwrap()
}

/// Three answers to a step (right, wrong, right where the task allows) and whether the
/// lesson's judge calls each right.
fn three_answers(step: &Step) -> Vec<(Value, bool)> {
    let (p, q) = (&step.discrete().unwrap().p, &step.discrete().unwrap().q);
    let report = Report::compute(p, q);
    let d = step.discrete().unwrap();
    let scene = Scene::discrete(&d.labels, p, q, &report, d.unit).at_positions(d.positions.as_deref());
    match &step.task {
        None => Vec::new(),
        Some(Task::Goal(goal)) => [p.clone(), q.clone(), p.iter().rev().copied().collect()]
            .into_iter()
            .map(|own_q| {
                let met = goal.check(&Report::compute(p, &own_q), true).met;
                (json!({"kind": "scene", "p": p, "q": own_q}), met)
            })
            .collect(),
        Some(Task::Predict(Prediction::Estimate { measure, unit, tolerance })) => {
            let truth = measure.value(&scene, *unit);
            [truth + tolerance / 2.0, truth + 2.0 * tolerance, truth - tolerance / 4.0]
                .into_iter()
                .map(|x| (json!({"kind": "number", "value": format!("{x}")}), (x - truth).abs() <= *tolerance))
                .collect()
        }
        Some(Task::Predict(prediction)) => {
            let judged: Vec<(Choice, bool)> = prediction
                .choices(&step.discrete().unwrap().labels)
                .into_iter()
                .map(|c| (c, prediction.judge(Some(Answer::Chose(c)), &scene).correct == Some(true)))
                .collect();
            let right = judged.iter().find(|(_, r)| *r).unwrap().0;
            let wrong = judged.iter().find(|(_, r)| !*r).unwrap().0;
            vec![(wire(right), true), (wire(wrong), false), (wire(right), true)]
        }
    }
}

/// No judgement and no number near an estimate's truth in what a student got before
/// Reveal (P, Q, indices and their own echoed answer aside).
fn assert_nothing_given_away(step: &Step, seen: &[Value]) {
    for message in seen {
        let text = message.to_string();
        assert_ne!(message["type"], "Revealed", "{text}");
        assert!(!text.contains("\"right") && !text.contains("correct"), "a judgement before Reveal: {text}");
        if let Some(Task::Predict(Prediction::Estimate { measure, unit, tolerance })) = &step.task {
            let d = step.discrete().unwrap();
            let truth = measure.value_at(&d.p, &d.q, d.positions.as_deref(), *unit);
            let mut numbers = Vec::new();
            collect_numbers(message, "", &mut numbers);
            assert!(numbers.iter().all(|x| (x - truth).abs() > *tolerance), "near {truth}: {text}");
        }
    }
}

fn collect_numbers(value: &Value, key: &str, out: &mut Vec<f64>) {
    match value {
        _ if matches!(key, "p" | "q" | "index" | "step" | "answer") => {}
        Value::Number(n) => out.extend(n.as_f64()),
        Value::Array(items) => items.iter().for_each(|v| collect_numbers(v, "", out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| collect_numbers(v, k, out)),
        Value::String(s) => {
            out.extend(s.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter_map(|w| w.parse::<f64>().ok()))
        }
        _ => {}
    }
}

#[tokio::test]
async fn a_teacher_and_three_students_go_through_a_whole_lesson() {
    let mut server = TestServer::default().await;
    let lesson_id = "when-kl-blows-up";
    let lesson = find_builtin_lesson(lesson_id).unwrap();
    let mut teacher = Teacher::open(&server, lesson_id).await;
    assert!(teacher.join_link.ends_with(&format!("/?room={}", teacher.code)), "{}", teacher.join_link);
    assert!(!teacher.join_link.contains(&teacher.token), "the token is never in the join link");
    assert!(teacher.token.len() * 4 >= 128, "at least 128 bits");
    let mut students = Vec::new();
    for n in 0..3 {
        let (client, joined) = join(&server, &teacher.code.to_lowercase(), n).await;
        assert_eq!((joined["type"].as_str(), joined["lesson"].as_str()), (Some("Joined"), Some(lesson_id)));
        students.push(client);
    }
    teacher.client.counts_until(|c| c["joined"] == 3 && c["connected"] == 3).await;

    for (index, step) in lesson.steps.iter().enumerate() {
        teacher.step(lesson_id, index).await;
        let mut seen: Vec<Vec<Value>> = vec![Vec::new(); 3];
        for (s, student) in students.iter_mut().enumerate() {
            let now = student.next_of("StepNow").await;
            assert_eq!((now["index"].as_u64(), now["phase"].as_str()), (Some(index as u64), Some("asking")));
            assert_eq!(now["p"], json!(step.discrete().unwrap().p));
            seen[s].push(now);
        }
        let answers = three_answers(step);
        if answers.is_empty() {
            teacher.command("Reveal", json!({})).await;
            let refused = teacher.client.next_of("Error").await;
            assert_eq!(refused["reason"], format!("step {} asks nothing to reveal", index + 1));
            continue;
        }
        for (s, (answer, _)) in answers.iter().enumerate() {
            students[s].send(json!({"type": "Answer", "step": index, "answer": answer})).await;
            let taken = students[s].next_of("AnswerTaken").await;
            assert_eq!(&taken["answer"], answer);
            seen[s].push(taken);
            teacher.client.counts_until(|c| c["answered"] == s + 1).await;
        }
        teacher.command("ShowAnswers", json!({})).await;
        let histogram = teacher.client.next_of("Histogram").await;
        let bars = histogram["bars"].as_array().unwrap();
        assert_eq!(bars.iter().map(|b| b["count"].as_u64().unwrap()).sum::<u64>(), 3, "{histogram}");
        assert!(bars.iter().all(|b| b["right"].is_null()) && histogram["right"].is_null(), "{histogram}");
        for (s, student) in students.iter_mut().enumerate() {
            seen[s].extend(student.quiet_for(100).await);
            assert_nothing_given_away(step, &seen[s]);
        }
        teacher.command("Reveal", json!({})).await;
        let revealed = teacher.client.next_of("Revealed").await;
        assert!(revealed["your_answer"].is_null() && !revealed["right_answer"].as_str().unwrap().is_empty());
        let marked = teacher.client.next_of("Histogram").await;
        let expected_right = answers.iter().filter(|(_, right)| *right).count();
        assert_eq!(marked["right"], expected_right, "{marked}");
        for (s, student) in students.iter_mut().enumerate() {
            let mine = student.next_of("Revealed").await;
            assert_eq!(mine["correct"], answers[s].1, "step {index} student {s}: {mine}");
            assert_eq!(mine["right_answer"], revealed["right_answer"]);
        }
        students[0].send(json!({"type": "Answer", "step": index, "answer": answers[1].0})).await;
        let late = students[0].next_of("Error").await;
        assert_eq!(late["reason"], format!("step {}'s answer is revealed: answers are closed", index + 1));
    }
    teacher.command("Close", json!({})).await;
    for student in &mut students {
        assert_eq!(student.next_of("Closed").await["reason"], "the teacher closed the room");
    }
    let summary = server.stop().await;
    assert_eq!((summary.rooms, summary.record), (1, None));
}
