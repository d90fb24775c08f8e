//! The load test (ignored by default; CI runs it explicitly, in release):
//! `cargo test --release -p klscope-classroom --test server -- --ignored --nocapture load::`
//!
//! 500 students in one room answer within 2 s, spread evenly; the teacher's connection
//! notes when each count arrives. Over `ROUNDS` rooms it reports the time from the last
//! answer sent to the teacher's count reaching 500 (median and p99), the time from the
//! k-th answer sent to the count reaching k (median and p99 over every answer), and the
//! memory of the process (server and all 501 clients: an upper bound for the server).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::{Client, Teacher, TestServer, student_id};

const STUDENTS: usize = 500;
const ROUNDS: usize = 12;
const SPREAD: Duration = Duration::from_secs(2);

/// A field of /proc/self/status in MiB (VmRSS now, VmHWM the peak).
fn memory_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status.lines().find_map(|l| {
        l.strip_prefix(field).and_then(|rest| rest.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
    });
    kib.unwrap_or(f64::NAN) / 1024.0
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a load test: run it with --ignored, in release"]
async fn load_five_hundred_students_answer_within_two_seconds() {
    let bounded = tokio::time::timeout(Duration::from_secs(180), run()).await;
    bounded.expect("the load test finishes within 3 minutes");
}

async fn run() {
    let server = TestServer::default().await;
    let before = memory_mib("VmRSS:");
    let mut students: Vec<Client> = Vec::with_capacity(STUDENTS);
    for batch in 0..STUDENTS / 50 {
        let connecting: Vec<_> = (0..50).map(|_| server.client()).collect();
        for client in futures_util::future::join_all(connecting).await {
            students.push(client);
        }
        assert_eq!(students.len(), (batch + 1) * 50);
    }
    let mut last_answer = Vec::new();
    let mut every_answer = Vec::new();
    for round in 0..ROUNDS {
        let mut teacher = Teacher::open(&server, "asymmetry").await;
        // Everyone joins the round's room.
        let joining: Vec<_> = students
            .drain(..)
            .enumerate()
            .map(|(n, mut client)| {
                let code = teacher.code.clone();
                tokio::spawn(async move {
                    client.send(json!({"type": "Join", "code": code, "student": student_id(n)})).await;
                    assert_eq!(client.next_of("Joined").await["type"], "Joined");
                    client
                })
            })
            .collect();
        for handle in joining {
            students.push(handle.await.unwrap());
        }
        teacher.client.counts_until(|c| c["connected"] == STUDENTS).await;
        teacher.step("asymmetry", 0).await;
        // Each answers at its moment within the spread, after seeing the step.
        let start = tokio::time::Instant::now() + Duration::from_millis(200);
        let answering: Vec<_> = students
            .drain(..)
            .enumerate()
            .map(|(n, mut client)| {
                tokio::spawn(async move {
                    client.next_of("StepNow").await;
                    tokio::time::sleep_until(start + SPREAD.mul_f64(n as f64 / STUDENTS as f64)).await;
                    let choice = ["equal", "measure", "measure"][n % 3];
                    let answer = match choice {
                        "equal" => json!({"kind": "equal"}),
                        _ => json!({"kind": "measure", "measure": if n % 2 == 0 { "kl_pq" } else { "kl_qp" }}),
                    };
                    client.send(json!({"type": "Answer", "step": 0, "answer": answer})).await;
                    let sent = Instant::now();
                    client.next_of("AnswerTaken").await;
                    (client, sent)
                })
            })
            .collect();
        // The teacher notes when the count first reaches each k.
        let mut arrived = vec![None; STUDENTS + 1];
        while arrived[STUDENTS].is_none() {
            let counts = teacher.client.next_of("Counts").await;
            let k = counts["answered"].as_u64().unwrap() as usize;
            let now = Instant::now();
            for slot in arrived.iter_mut().take(k + 1) {
                slot.get_or_insert(now);
            }
        }
        let mut sent = Vec::with_capacity(STUDENTS);
        for handle in answering {
            let (client, at) = handle.await.unwrap();
            students.push(client);
            sent.push(at);
        }
        sent.sort();
        let counted = |k: usize| arrived[k].unwrap();
        let last = counted(STUDENTS).saturating_duration_since(sent[STUDENTS - 1]);
        last_answer.push(ms(last));
        every_answer.extend((1..=STUDENTS).map(|k| ms(counted(k).saturating_duration_since(sent[k - 1]))));
        let spread = sent[STUDENTS - 1] - sent[0];
        assert!(spread <= SPREAD + Duration::from_millis(500), "round {round}: answers spread over {spread:?}");
        teacher.command("Close", json!({})).await;
        teacher.client.next_of("Closed").await;
    }
    let now = memory_mib("VmRSS:");
    let peak = memory_mib("VmHWM:");
    last_answer.sort_by(f64::total_cmp);
    every_answer.sort_by(f64::total_cmp);
    let (last_median, last_p99) = (quantile(&last_answer, 0.5), quantile(&last_answer, 0.99));
    let (each_median, each_p99) = (quantile(&every_answer, 0.5), quantile(&every_answer, 0.99));
    println!(
        "classroom load: {STUDENTS} students, {ROUNDS} rooms, answers spread over {SPREAD:?}\n\
         last answer -> teacher's count right: median {last_median:.2} ms, p99 {last_p99:.2} ms (max {:.2} ms)\n\
         k-th answer -> count reaches k: median {each_median:.2} ms, p99 {each_p99:.2} ms over {} answers\n\
         memory of the process (server + {STUDENTS} clients + teacher): {before:.1} MiB before connecting, \
         {now:.1} MiB after, peak {peak:.1} MiB",
        last_answer[last_answer.len() - 1],
        every_answer.len()
    );
    assert!(last_p99 < 100.0, "p99 from the last answer to the count: {last_p99:.1} ms, aimed under 100 ms");
    assert!(peak < 100.0, "peak memory {peak:.1} MiB, aimed under 100 MiB (clients included)");
}
