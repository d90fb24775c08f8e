//! `--record`: one whole line per answer, the header once, appended across runs; a file
//! that is not a record is refused.

use klscope_classroom::{Config, Limits, RECORD_HEADER, Server};
use klscope_core::info::{Measure, Report};
use klscope_core::lesson::{Answer, Choice, Scene, Task, find_builtin_lesson};
use serde_json::json;

use crate::common::{Teacher, TestServer, student_id};

/// "yes" or "no" as the lesson's judge says for a choice on step 1 of "asymmetry".
fn judged(choice: Choice) -> &'static str {
    let step = &find_builtin_lesson("asymmetry").unwrap().steps[0];
    let Some(Task::Predict(prediction)) = &step.task else { panic!("a prediction") };
    let (p, q) = (&step.discrete().unwrap().p, &step.discrete().unwrap().q);
    let report = Report::compute(p, q);
    let scene = Scene::discrete(&step.discrete().unwrap().labels, p, q, &report, step.discrete().unwrap().unit);
    if prediction.judge(Some(Answer::Chose(choice)), &scene).correct == Some(true) { "yes" } else { "no" }
}

#[tokio::test]
async fn every_answer_is_one_whole_line_of_the_record() {
    let mut server = TestServer::start(Limits::default(), true).await;
    let path = server.record_path();
    let mut teacher = Teacher::open(&server, "asymmetry").await;
    let mut zoe = server.client().await;
    zoe.send(json!({"type": "Join", "code": teacher.code, "student": student_id(1), "nickname": "Zoë, \"3B\""})).await;
    zoe.next_of("Joined").await;
    let mut eve = server.client().await;
    eve.send(json!({"type": "Join", "code": teacher.code, "student": student_id(2), "nickname": "=cmd()"})).await;
    eve.next_of("Joined").await;
    teacher.step("asymmetry", 0).await;
    for (who, answer) in [
        (0, json!({"kind": "equal"})),
        (1, json!({"kind": "measure", "measure": "kl_pq"})),
        (0, json!({"kind": "measure", "measure": "kl_qp"})),
    ] {
        let client = if who == 0 { &mut zoe } else { &mut eve };
        client.send(json!({"type": "Answer", "step": 0, "answer": answer})).await;
        client.next_of("AnswerTaken").await;
    }
    let summary = server.stop().await;
    assert_eq!(summary.record, Some((path.clone(), 3)));
    assert!(summary.to_string().contains(&format!("3 answer(s) were added to the record {}", path.display())));
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], RECORD_HEADER);
    let code = &teacher.code;
    let expected = [
        format!(",{code},1,s1,\"Zoë, \"\"3B\"\"\",They are equal,{}", judged(Choice::Equal)),
        format!(",{code},1,s2,'=cmd(),KL(P||Q),{}", judged(Choice::Measure(Measure::KlPQ.into()))),
        format!(",{code},1,s1,\"Zoë, \"\"3B\"\"\",KL(Q||P),{}", judged(Choice::Measure(Measure::KlQP.into()))),
    ];
    for (line, tail) in lines[1..].iter().zip(&expected) {
        let (time, rest) = line.split_at(24);
        assert!(time.ends_with('Z') && time.as_bytes()[10] == b'T', "an RFC 3339 time: {line}");
        assert_eq!(&format!(",{}", rest.trim_start_matches(',')), tail);
    }
    assert!(text.ends_with('\n'), "the last line is whole");

    // A second run appends below, without a second header.
    let mut config = Config::new(path.parent().unwrap().join("site"));
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.record = Some(path.clone());
    let again = Server::bind(config.clone()).await.unwrap();
    let summary = again.run(async {}).await.unwrap();
    assert_eq!(summary.record, Some((path.clone(), 0)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // A file that is something else is left alone.
    let other = path.with_file_name("notes.csv");
    std::fs::write(&other, "name,grade\n").unwrap();
    config.record = Some(other.clone());
    let refused = Server::bind(config).await.err().unwrap();
    assert!(refused.to_string().contains("is not a classroom record"), "{refused}");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "name,grade\n");
}
