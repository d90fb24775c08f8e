//! Rooms over real sockets: a student who comes back keeps their answer, a full room, too
//! many rooms, an idle room closing.

use std::time::Duration;

use klscope_classroom::Limits;
use serde_json::json;

use crate::common::{Teacher, TestServer, join, student_id};

#[tokio::test]
async fn a_student_who_reconnects_keeps_their_answer() {
    let server = TestServer::default().await;
    let mut teacher = Teacher::open(&server, "asymmetry").await;
    let (mut amy, _) = join(&server, &teacher.code, 1).await;
    teacher.step("asymmetry", 0).await;
    amy.next_of("StepNow").await;
    let answer = json!({"kind": "measure", "measure": "kl_qp"});
    amy.send(json!({"type": "Answer", "step": 0, "answer": answer})).await;
    amy.next_of("AnswerTaken").await;
    teacher.client.counts_until(|c| c["answered"] == 1).await;
    drop(amy);
    teacher.client.counts_until(|c| c["connected"] == 0).await;
    let (mut again, joined) = join(&server, &teacher.code, 1).await;
    assert_eq!(joined["type"], "Joined");
    assert_eq!(joined["answer"], answer, "{joined}");
    assert_eq!(joined["step"]["index"], 0);
    let counts = teacher.client.counts_until(|c| c["connected"] == 1).await;
    assert_eq!((counts["joined"].as_u64(), counts["answered"].as_u64()), (Some(1), Some(1)), "still one student");
    // A second page with the same id takes the seat; the first is told why it closes.
    let (_second, _) = join(&server, &teacher.code, 1).await;
    assert_eq!(again.closed().await.reason, "you joined this room from another page");
}

#[tokio::test]
async fn a_full_room_refuses_the_next_student_and_no_one_else_notices() {
    let limits = Limits { max_students: 2, ..Limits::default() };
    let server = TestServer::start(limits, false).await;
    let mut teacher = Teacher::open(&server, "asymmetry").await;
    let (mut first, _) = join(&server, &teacher.code, 1).await;
    let (_second, _) = join(&server, &teacher.code, 2).await;
    teacher.client.counts_until(|c| c["joined"] == 2).await;
    let (_third, refused) = join(&server, &teacher.code, 3).await;
    assert_eq!(refused, json!({"type": "Error", "reason": "this room is full: it holds at most 2 students"}));
    assert!(first.quiet_for(100).await.is_empty(), "the others hear nothing of it");
    assert!(teacher.client.quiet_for(100).await.is_empty(), "the count does not move");
}

#[tokio::test]
async fn the_server_holds_at_most_max_rooms_and_unknown_codes_are_refused() {
    let limits = Limits { max_rooms: 1, ..Limits::default() };
    let server = TestServer::start(limits, false).await;
    let teacher = Teacher::open(&server, "asymmetry").await;
    let mut other = server.client().await;
    other.send(json!({"type": "CreateRoom", "lesson": "asymmetry"})).await;
    let refused = other.next().await;
    assert_eq!(
        refused["reason"],
        "this server holds at most 1 rooms: close one, or start it with a larger --max-rooms"
    );
    other.send(json!({"type": "CreateRoom", "lesson": "no-such-lesson"})).await;
    assert!(other.next().await["reason"].as_str().unwrap().contains("no-such-lesson"));
    let unknown = if teacher.code == "ZZZZ" { "YYYY" } else { "ZZZZ" };
    other.send(json!({"type": "Join", "code": unknown, "student": student_id(1)})).await;
    assert_eq!(other.next().await["reason"], format!("there is no room {unknown}: check the code on the projector"));
    other.send(json!({"type": "Join", "code": "0O1I", "student": student_id(1)})).await;
    assert_eq!(other.next().await["reason"], "a join code is 4 to 6 letters and digits");
    other.send(json!({"type": "Join", "code": teacher.code, "student": "x"})).await;
    assert_eq!(other.next().await["reason"], "a student id is 8 to 64 letters, digits, '-' or '_'");
    other
        .send(json!({"type": "Join", "code": teacher.code, "student": student_id(1), "nickname": "a".repeat(25)}))
        .await;
    assert_eq!(other.next().await["reason"], "a nickname is at most 24 printable characters");
}

#[tokio::test]
async fn an_idle_room_closes_and_says_so() {
    let limits = Limits { room_idle: Duration::from_millis(300), ..Limits::default() };
    let server = TestServer::start(limits, false).await;
    let mut teacher = Teacher::open(&server, "asymmetry").await;
    let (mut student, _) = join(&server, &teacher.code, 1).await;
    let closed = student.next_of("Closed").await;
    assert_eq!(closed["reason"], "the room closed after 300 milliseconds without a message");
    teacher.client.next_of("Closed").await;
    student.send(json!({"type": "Join", "code": teacher.code, "student": student_id(1)})).await;
    assert!(student.next().await["reason"].as_str().unwrap().starts_with("there is no room"));
}

#[tokio::test]
async fn a_teacher_whose_page_reloads_resumes_the_room_with_the_token() {
    let server = TestServer::default().await;
    let mut teacher = Teacher::open(&server, "asymmetry").await;
    let (mut amy, _) = join(&server, &teacher.code, 1).await;
    teacher.step("asymmetry", 0).await;
    amy.next_of("StepNow").await;
    let (code, token) = (teacher.code.clone(), teacher.token.clone());
    drop(teacher);
    let mut again = server.client().await;
    again.send(json!({"type": "Resume", "code": code, "token": "ab".repeat(32)})).await;
    assert_eq!(again.next().await["reason"], "no room has that code and teacher token");
    again.send(json!({"type": "Resume", "code": code, "token": token})).await;
    let counts = again.next_of("Counts").await;
    assert_eq!((counts["joined"].as_u64(), counts["answered"].as_u64()), (Some(1), Some(0)));
    assert_eq!(again.next_of("StepNow").await["index"], 0);
    amy.send(json!({"type": "Answer", "step": 0, "answer": {"kind": "equal"}})).await;
    again.counts_until(|c| c["answered"] == 1).await;
}

#[tokio::test]
async fn connections_past_what_the_rooms_hold_are_refused_at_the_door() {
    let limits = Limits { max_rooms: 1, max_students: 1, ..Limits::default() };
    let server = TestServer::start(limits, false).await;
    let mut open = Vec::new();
    for _ in 0..5 {
        open.push(server.client().await);
    }
    let refused = tokio_tungstenite::connect_async(&server.socket_url).await;
    let Err(tokio_tungstenite::tungstenite::Error::Http(response)) = refused else { panic!("{refused:?}") };
    assert_eq!(response.status(), 503);
    drop(open.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(tokio_tungstenite::connect_async(&server.socket_url).await.is_ok(), "a freed place is taken again");
}

#[tokio::test]
async fn the_teachers_drags_reach_every_student_and_bad_numbers_are_refused() {
    let server = TestServer::default().await;
    let mut teacher = Teacher::open(&server, "when-kl-blows-up").await;
    let (mut amy, _) = join(&server, &teacher.code, 1).await;
    let (mut bob, _) = join(&server, &teacher.code, 2).await;
    teacher.command("Scene", json!({"p": [0.5, 0.5], "q": [0.5, 0.5]})).await;
    assert_eq!(teacher.client.next_of("Error").await["reason"], "the teacher has not started a step yet");
    teacher.step("when-kl-blows-up", 0).await;
    let p = [0.4, 0.4, 0.2];
    teacher.command("Scene", json!({"p": p, "q": [0.3, 0.3, 0.4]})).await;
    for student in [&mut amy, &mut bob] {
        let scene = student.next_of("Scene").await;
        assert_eq!((scene["index"].as_u64(), &scene["q"]), (Some(0), &json!([0.3, 0.3, 0.4])));
    }
    for (q, reason) in [(json!([0.5, 0.5, 0.5]), "Q: "), (json!([0.5, 0.5]), "Q: "), (json!([-0.5, 1.0, 0.5]), "Q: ")] {
        teacher.command("Scene", json!({"p": p, "q": q})).await;
        let refused = teacher.client.next_of("Error").await;
        assert!(refused["reason"].as_str().unwrap().starts_with(reason), "{q}: {refused}");
    }
    assert!(amy.quiet_for(100).await.is_empty(), "a refused scene reaches no one");
}
