//! Lessons ▸ Run with the class…, against a real classroom server on 127.0.0.1 (a free
//! port, started in this process) and a real student over WebSocket: the room's code on
//! the projector, the live count (never what was answered), the spread after Show answers,
//! the right answer marked after Reveal, the teacher's step and drags reaching the
//! student; and one sentence when no server answers.

use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use klscope::app::KlApp;
use klscope::app::command::Command;
use klscope::app::edit::Edit;
use klscope::app::model::state::AppState;
use klscope::app::panels::classroom_student::{CODE_FIELD, SERVER_FIELD};
use klscope::app::panels::classroom_teacher::{ADDRESS_FIELD, RIGHT_MARK};
use klscope::info::{Measure, Side, Unit};
use klscope::lesson::find_builtin_lesson;
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use crate::harness::harness_with;
use crate::screen_text::shown_text;
use eframe::egui;

/// How long a test waits for what should come.
const WAIT: Duration = Duration::from_secs(10);

/// A classroom server on its own runtime, stopped when dropped.
struct TestServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    fn start() -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>klscope</p>").unwrap();
        let mut config = klscope_classroom::Config::new(dir.path().to_path_buf());
        config.bind = "127.0.0.1:0".parse().unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let server = runtime.block_on(klscope_classroom::Server::bind(config)).unwrap();
        let addr = server.local_addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let _ = runtime.block_on(server.run(async {
                let _ = stopped.await;
            }));
        });
        TestServer { addr, stop: Some(stop), thread: Some(thread), _dir: dir }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.stop.take().map(|stop| stop.send(()));
        let _ = self.thread.take().map(std::thread::JoinHandle::join);
    }
}

/// A student's browser, as a plain WebSocket client.
struct Student(WebSocket<MaybeTlsStream<TcpStream>>);

impl Student {
    fn connect(addr: SocketAddr) -> Student {
        let (socket, _) = tungstenite::connect(format!("ws://{addr}/ws")).unwrap();
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(WAIT)).unwrap();
        }
        Student(socket)
    }

    fn send(&mut self, message: Value) {
        self.0.send(Message::text(message.to_string())).unwrap();
    }

    /// The next message of `kind`, skipping others.
    fn next_of(&mut self, kind: &str) -> Value {
        loop {
            match self.0.read().expect("a message in time") {
                Message::Text(text) => {
                    let message: Value = serde_json::from_str(&text).unwrap();
                    if message["type"] == kind {
                        return message;
                    }
                }
                Message::Close(frame) => panic!("closed: {frame:?}"),
                _ => {}
            }
        }
    }
}

/// Runs frames until `done` holds (the socket's messages arrive between frames).
fn run_until(harness: &mut Harness<'static, KlApp>, what: &str, done: impl Fn(&Harness<'static, KlApp>) -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done(harness) {
        assert!(Instant::now() < deadline, "{what}; the app shows:\n{}", shown_text(harness));
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run();
}

fn shows(harness: &Harness<'static, KlApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// The app on the first step of "asymmetry" with the room's panel open at `address`.
fn teacher_at(address: &str) -> Harness<'static, KlApp> {
    let mut harness = harness_with(AppState::default());
    harness.state_mut().open_lesson(find_builtin_lesson("asymmetry").unwrap(), 0).unwrap();
    harness.run();
    harness.get_by_label("Lessons").click();
    harness.run();
    harness.get_by_label("Run with the class…").click();
    harness.run();
    let field = harness.get_by_label(ADDRESS_FIELD);
    field.click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label(ADDRESS_FIELD).type_text(address);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Connect").click();
    harness.run();
    harness
}

#[test]
fn a_students_answer_is_counted_live_then_spread_and_marked_on_the_projector() {
    let server = TestServer::start();
    let mut harness = teacher_at(&server.addr.to_string());
    run_until(&mut harness, "the room's code is shown", |h| {
        h.state().classroom().and_then(|c| c.code.clone()).is_some()
    });
    let code = harness.state().classroom().and_then(|c| c.code.clone()).unwrap();
    harness.get_by_label(&code);
    let link = format!("http://{}/?room={code}", server.addr);
    harness.get_by_label(&link);
    harness.get_by_label(&format!("QR code of {link}"));

    let mut student = Student::connect(server.addr);
    student.send(json!({"type": "Join", "code": code, "student": "student-one", "nickname": "Ada"}));
    let joined = student.next_of("Joined");
    assert_eq!(joined["lesson"], "asymmetry");
    assert_eq!(joined["step"]["index"], 0, "the teacher's step reached the room: {joined}");
    run_until(&mut harness, "the count shows the student", |h| shows(h, "joined 1 · answered 0"));
    student.send(json!({"type": "Answer", "step": 0, "answer": {"kind": "measure", "measure": "kl_qp"}}));
    student.next_of("AnswerTaken");
    run_until(&mut harness, "the count shows the answer", |h| shows(h, "joined 1 · answered 1"));
    // What they answered stays off the projector until Show answers.
    assert!(!shows(&harness, "KL(Q||P): 1 answer"), "no spread before Show answers");

    harness.get_by_role_and_label(Role::Button, "Show answers").click();
    run_until(&mut harness, "the spread shows the answer", |h| shows(h, "KL(Q||P): 1 answer"));
    harness.get_by_label("KL(P||Q): 0 answers");
    assert!(!shows(&harness, RIGHT_MARK), "no answer is marked before Reveal");

    harness.get_by_role_and_label(Role::Button, "Reveal to the class").click();
    harness.run();
    let revealed = student.next_of("Revealed");
    assert_eq!(revealed["your_answer"], "KL(Q||P)");
    let right = revealed["right_answer"].as_str().unwrap().to_string();
    run_until(&mut harness, "the right answer is marked", |h| shows(h, &format!("{right}{RIGHT_MARK}")));
    assert_eq!(revealed["correct"], json!(right == "KL(Q||P)"));

    // The teacher's next step reaches the student with the teacher's P and Q.
    harness.get_by_role_and_label(Role::Button, "Next ▶").click();
    harness.run();
    let now = student.next_of("StepNow");
    assert_eq!(now["index"], 1);
    let p: Vec<f64> = serde_json::from_value(now["p"].clone()).unwrap();
    assert_eq!(p, harness.state().state.doc.get(Side::P).probs());
    // The teacher's drag follows.
    let q = vec![0.25, 0.25, 0.25, 0.25];
    harness.state_mut().apply(Edit::SetDistribution { side: Side::Q, values: q.clone() });
    harness.run();
    let scene = student.next_of("Scene");
    assert_eq!(
        (scene["index"].clone(), serde_json::from_value::<Vec<f64>>(scene["q"].clone()).unwrap()),
        (json!(1), q)
    );
}

#[test]
fn a_goal_counts_the_students_who_reached_it_on_their_own_copy() {
    let server = TestServer::start();
    let mut teacher = Student::connect(server.addr);
    teacher.send(json!({"type": "CreateRoom", "lesson": "asymmetry"}));
    let created = teacher.next_of("RoomCreated");
    let (code, token) = (created["code"].as_str().unwrap(), created["token"].as_str().unwrap());
    let goal = &find_builtin_lesson("asymmetry").unwrap().steps[5];
    let scenario = goal.discrete().expect("a discrete step");
    let (p, q) = (scenario.p.clone(), scenario.q.clone());
    teacher.send(json!({"type": "Step", "code": code, "token": token, "index": 5, "p": p, "q": q}));
    teacher.next_of("StepNow");

    let mut harness = harness_with(AppState::default());
    harness.state_mut().run(Command::JoinClass);
    harness.run();
    join(&mut harness, &server.addr.to_string(), code);
    run_until(&mut harness, "the goal is shown", |h| shows(h, "Drag the bars on your own copy"));
    // The teacher's drag does not move a student's own copy on a goal.
    teacher.send(json!({"type": "Scene", "code": code, "token": token, "p": p, "q": p}));
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(harness.state().state.doc.get(Side::Q).probs(), q.as_slice());
    // The student makes Q equal to P: KL(P||Q) = 0, below the goal, with P kept.
    harness.state_mut().apply(Edit::SetDistribution { side: Side::Q, values: p.clone() });
    let counts = loop {
        harness.step();
        let counts = teacher.next_of("Counts");
        if counts["answered"] == 1 {
            break counts;
        }
    };
    assert_eq!(counts["reached"], 1, "{counts}");
}

#[test]
fn an_unreachable_server_is_said_in_one_sentence_and_the_lesson_goes_on() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut harness = teacher_at(&format!("127.0.0.1:{port}"));
    let said = format!("The classroom server at ws://127.0.0.1:{port}/ws cannot be reached");
    run_until(&mut harness, "the failure is said", |h| shows(h, &said));
    let sentence =
        harness.query_all_by_label_contains(&said).next().and_then(|n| n.accesskit_node().label()).unwrap_or_default();
    assert_eq!(sentence.matches(". ").count(), 0, "one sentence: {sentence}");
    // The lesson still works without the room.
    harness.get_by_role_and_label(Role::Button, "They are equal").click();
    harness.run();
    harness.get_by_label("(you said They are equal)");
}

#[test]
fn a_typed_address_that_is_no_address_says_so() {
    let mut harness = teacher_at("not an address");
    run_until(&mut harness, "the address is refused", |h| {
        shows(h, "'not an address' is not a classroom address such as 127.0.0.1:8080")
    });
}

#[test]
fn a_student_joins_by_code_answers_on_their_screen_and_sees_the_verdict_only_after_reveal() {
    let server = TestServer::start();
    let mut teacher = Student::connect(server.addr);
    teacher.send(json!({"type": "CreateRoom", "lesson": "asymmetry"}));
    let created = teacher.next_of("RoomCreated");
    let (code, token) = (created["code"].as_str().unwrap(), created["token"].as_str().unwrap());
    let step = &find_builtin_lesson("asymmetry").unwrap().steps[0];
    // The teacher's P and Q differ from the step's: the student's screen shows the teacher's.
    let (p, q) = (vec![0.1, 0.2, 0.3, 0.4], step.discrete().expect("a discrete step").q.clone());
    teacher.send(json!({"type": "Step", "code": code, "token": token, "index": 0, "p": p, "q": q}));
    teacher.next_of("StepNow");

    let mut harness = harness_with(AppState::default());
    harness.get_by_label("Lessons").click();
    harness.run();
    harness.get_by_label("Join a class…").click();
    harness.run();
    join(&mut harness, &server.addr.to_string(), &code.to_lowercase());
    run_until(&mut harness, "the student sees the question", |h| shows(h, "Which is larger"));
    assert_eq!(harness.state().state.doc.get(Side::P).probs(), p.as_slice());
    let report = harness.state().report().clone();
    let bits = |m: Measure| m.value(&report, Unit::Bits);
    let hidden = [bits(Measure::KlPQ), bits(Measure::KlQP)].map(klscope::text::sig4);
    let summary = harness.state().summary().to_string();
    for number in &hidden {
        assert!(!shown_text(&harness).contains(number.as_str()), "{number} is shown before Reveal");
        assert!(!summary.contains(number.as_str()), "{number} is in the summary before Reveal");
    }
    // Next and Back are the teacher's: a student's keys do not move the room.
    harness.key_press(egui::Key::PageDown);
    harness.run();
    assert_eq!(harness.state().lesson().map(|run| run.step_index()), Some(0));

    harness.get_by_role_and_label(Role::Button, "KL(Q||P)").click();
    harness.run();
    let counts = loop {
        let counts = teacher.next_of("Counts");
        if counts["answered"] == 1 {
            break counts;
        }
    };
    assert_eq!(counts["joined"], 1);
    run_until(&mut harness, "the answer is taken", |h| shows(h, "Your answer: KL(Q||P)"));
    // Changed before Reveal: the room keeps the last.
    harness.get_by_role_and_label(Role::Button, "KL(P||Q)").click();
    run_until(&mut harness, "the answer is changed", |h| shows(h, "Your answer: KL(P||Q)"));

    teacher.send(json!({"type": "Reveal", "code": code, "token": token}));
    let revealed = teacher.next_of("Revealed");
    let right = revealed["right_answer"].as_str().unwrap().to_string();
    run_until(&mut harness, "the verdict shows", |h| shows(h, "(you said KL(P||Q))"));
    assert!(shows(&harness, &right));
    harness.get_by_label(if right == "KL(P||Q)" { "Right!" } else { "Not quite." });
    assert!(shows(&harness, "Why: "));
    assert!(shown_text(&harness).contains(hidden[0].as_str()), "the numbers show once revealed: {hidden:?}");
}

/// Types the server's address and the room's code into the open Join form, then joins.
fn join(harness: &mut Harness<'_, KlApp>, server: &str, code: &str) {
    for (field, text) in [(SERVER_FIELD, server), (CODE_FIELD, code)] {
        harness.get_by_label(field).click();
        harness.run();
        harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
        harness.get_by_label(field).type_text(text);
        harness.run();
    }
    harness.get_by_role_and_label(Role::Button, "Join").click();
}
