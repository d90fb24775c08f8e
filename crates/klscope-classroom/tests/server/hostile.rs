//! Hostile messages: each gets its one-line reason and changes nothing for anyone else.

use klscope_classroom::Limits;
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio_tungstenite::MaybeTlsStream;
use tokio_tungstenite::tungstenite::Message;

use crate::common::{Client, Closed, Teacher, TestServer, join};
use futures_util::SinkExt;

/// A room on step 1 of "asymmetry" with one student who answered; the others' view.
async fn room_with_an_answer(server: &TestServer) -> (Teacher, Client) {
    let mut teacher = Teacher::open(server, "asymmetry").await;
    let (mut amy, _) = join(server, &teacher.code, 1).await;
    teacher.step("asymmetry", 0).await;
    amy.next_of("StepNow").await;
    amy.send(json!({"type": "Answer", "step": 0, "answer": {"kind": "equal"}})).await;
    amy.next_of("AnswerTaken").await;
    teacher.client.counts_until(|c| c["answered"] == 1).await;
    (teacher, amy)
}

/// The room is as it was (still on step 1, `students` students, one answer) and it still
/// works.
async fn assert_unchanged(server: &TestServer, teacher: &mut Teacher, amy: &mut Client, students: usize) {
    assert!(amy.quiet_for(150).await.is_empty(), "the student heard nothing");
    let (mut probe, joined) = join(server, &teacher.code, 99).await;
    assert_eq!((joined["step"]["index"].as_u64(), joined["step"]["phase"].as_str()), (Some(0), Some("asking")));
    let counts = teacher.client.counts_until(|c| c["joined"] == students + 1).await;
    assert_eq!(counts["answered"], 1, "{counts}");
    amy.send(json!({"type": "Answer", "step": 0, "answer": {"kind": "measure", "measure": "kl_pq"}})).await;
    amy.next_of("AnswerTaken").await;
    assert!(probe.quiet_for(100).await.is_empty(), "one student's answer reaches no other student");
}

#[tokio::test]
async fn a_student_cannot_step_show_reveal_or_close() {
    let server = TestServer::default().await;
    let (mut teacher, mut amy) = room_with_an_answer(&server).await;
    let (mut mallory, _) = join(&server, &teacher.code, 2).await;
    let guesses =
        [String::new(), "00".repeat(32), teacher.token[..63].to_string(), format!("{}0", &teacher.token[..63])];
    for token in guesses.iter().filter(|t| **t != teacher.token) {
        let code = &teacher.code;
        for message in [
            json!({"type": "Step", "code": code, "token": token, "index": 2, "p": [0.5, 0.5], "q": [0.5, 0.5]}),
            json!({"type": "Scene", "code": code, "token": token, "p": [0.5, 0.5], "q": [0.5, 0.5]}),
            json!({"type": "ShowAnswers", "code": code, "token": token}),
            json!({"type": "Reveal", "code": code, "token": token}),
            json!({"type": "Close", "code": code, "token": token}),
        ] {
            mallory.send(message).await;
            let refused = mallory.next().await;
            assert_eq!(refused, json!({"type": "Error", "reason": "no room has that code and teacher token"}));
        }
    }
    // The teacher's token does not open another room's code either.
    mallory.send(json!({"type": "Reveal", "code": "ZZZZZ", "token": teacher.token})).await;
    assert_eq!(mallory.next().await["reason"], "no room has that code and teacher token");
    assert!(teacher.client.quiet_for(100).await.iter().all(|m| m["type"] == "Counts"), "no histogram, no reveal");
    assert_unchanged(&server, &mut teacher, &mut amy, 2).await;
}

#[tokio::test]
async fn an_oversized_message_closes_that_connection_only() {
    let server = TestServer::default().await;
    let (mut teacher, mut amy) = room_with_an_answer(&server).await;
    let (mut big, _) = join(&server, &teacher.code, 2).await;
    let padding = "x".repeat(9000);
    big.send_text(format!(r#"{{"type":"Join","code":"{padding}","student":"abcdefgh"}}"#)).await;
    assert_eq!(big.closed().await, Closed { code: 1009, reason: "a message is at most 8192 bytes".into() });
    // Past what the socket reads at all, the socket's own reason.
    let (mut huge, _) = join(&server, &teacher.code, 3).await;
    huge.send_text("x".repeat(100_000)).await;
    let closed = huge.closed().await;
    assert_eq!(closed.code, 1008);
    assert!(closed.reason.starts_with("the connection failed: ") && closed.reason.contains("too long"), "{closed:?}");
    teacher.client.counts_until(|c| c["connected"] == 1).await;
    assert_unchanged(&server, &mut teacher, &mut amy, 3).await;
}

#[tokio::test]
async fn a_flood_of_messages_closes_that_connection_only() {
    let server = TestServer::start(Limits::default(), false).await;
    let (mut teacher, mut amy) = room_with_an_answer(&server).await;
    let (mut flood, _) = join(&server, &teacher.code, 2).await;
    // Answers to another step: refused one by one until the rate closes the connection.
    for _ in 0..200 {
        let answer = json!({"type": "Answer", "step": 5, "answer": {"kind": "equal"}});
        if flood.ws.feed(Message::Text(answer.to_string().into())).await.is_err() {
            break;
        }
    }
    let _ = flood.ws.flush().await;
    assert_eq!(flood.closed().await, Closed { code: 1008, reason: "more than 20 messages a second".into() });
    teacher.client.counts_until(|c| c["connected"] == 1).await;
    assert_unchanged(&server, &mut teacher, &mut amy, 2).await;
}

#[tokio::test]
async fn invalid_json_and_binary_frames_close_that_connection_only() {
    let server = TestServer::default().await;
    let (mut teacher, mut amy) = room_with_an_answer(&server).await;
    let (mut broken, _) = join(&server, &teacher.code, 2).await;
    broken.send_text("{\"type\":\"Answer\",".into()).await;
    let closed = broken.closed().await;
    assert_eq!(closed.code, 1007);
    assert!(closed.reason.starts_with("not a klscope message: ") && !closed.reason.contains('\n'), "{closed:?}");
    let (mut stranger, _) = join(&server, &teacher.code, 3).await;
    stranger.send(json!({"type": "Answer", "step": 0, "answer": {"kind": "equal"}, "admin": true})).await;
    assert!(stranger.closed().await.reason.contains("unknown field `admin`"));
    let (mut binary, _) = join(&server, &teacher.code, 4).await;
    binary.ws.send(Message::Binary(vec![1, 2, 3].into())).await.unwrap();
    assert_eq!(binary.closed().await, Closed { code: 1007, reason: "klscope messages are JSON text".into() });
    teacher.client.counts_until(|c| c["connected"] == 1 && c["joined"] == 4).await;
    assert_unchanged(&server, &mut teacher, &mut amy, 4).await;
}

#[tokio::test]
async fn a_socket_closed_mid_message_changes_nothing_for_others() {
    let server = TestServer::default().await;
    let (mut teacher, mut amy) = room_with_an_answer(&server).await;
    let (mut cut, _) = join(&server, &teacher.code, 2).await;
    teacher.client.counts_until(|c| c["connected"] == 2).await;
    // A masked text frame announcing 100 bytes, of which 10 arrive before the socket goes.
    let MaybeTlsStream::Plain(tcp) = cut.ws.get_mut() else { panic!("plain TCP") };
    let mut frame = vec![0x81, 0x80 | 100, 1, 2, 3, 4];
    frame.extend_from_slice(b"{\"type\":\"A");
    tcp.write_all(&frame).await.unwrap();
    tcp.flush().await.unwrap();
    drop(cut);
    teacher.client.counts_until(|c| c["connected"] == 1).await;
    assert_unchanged(&server, &mut teacher, &mut amy, 2).await;
}

#[tokio::test]
async fn refused_answers_get_their_reason_and_change_nothing() {
    let server = TestServer::default().await;
    let (mut teacher, mut amy) = room_with_an_answer(&server).await;
    let mut nobody = server.client().await;
    nobody.send(json!({"type": "Answer", "step": 0, "answer": {"kind": "equal"}})).await;
    assert_eq!(nobody.next().await["reason"], "join a room before answering");
    let (mut bob, _) = join(&server, &teacher.code, 2).await;
    for (answer, reason) in [
        (json!({"kind": "number", "value": "0.5"}), "this question takes one of its choices"),
        (json!({"kind": "measure", "measure": "js"}), "that is not one of this question's choices"),
        (json!({"kind": "outcome", "index": 1}), "that is not one of this question's choices"),
    ] {
        bob.send(json!({"type": "Answer", "step": 0, "answer": answer})).await;
        assert_eq!(bob.next_of("Error").await["reason"], reason);
    }
    bob.send(json!({"type": "Answer", "step": 3, "answer": {"kind": "equal"}})).await;
    assert_eq!(bob.next_of("Error").await["reason"], "the room is on step 1, not step 4");
    drop(bob);
    teacher.client.counts_until(|c| c["connected"] == 1 && c["answered"] == 1).await;
    assert_unchanged(&server, &mut teacher, &mut amy, 2).await;
}
