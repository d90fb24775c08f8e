//! `klscope classroom`: arguments refused in one sentence with exit 2, and a real run
//! that serves, then stops on Ctrl+C (SIGINT) saying where the record is.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use crate::common::{bad_input_problems, klscope};

#[test]
fn bad_arguments_exit_2_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().to_str().unwrap();
    for (args, expected) in [
        (vec!["classroom", "--bind", "nonsense"], "--bind: 'nonsense' is not an address and port such as 0.0.0.0:8080"),
        (vec!["classroom", "--max-students", "0"], "--max-students: '0' is not a whole number from 1 to 100000"),
        (vec!["classroom", "--max-rooms", "many"], "--max-rooms: 'many' is not a whole number from 1 to 1000"),
        (vec!["classroom", "--site", site], "there is no browser build at"),
        (vec!["classroom", "--record", "no/such/folder/answers.csv"], "there is no folder no/such/folder"),
    ] {
        let run = klscope(&args);
        let problems = bad_input_problems(&run, expected, 1);
        assert!(problems.is_empty(), "klscope {args:?}: {problems:?}");
    }
}

#[test]
fn the_server_serves_the_site_and_stops_on_ctrl_c_saying_where_the_record_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<p>klscope</p>").unwrap();
    let record = dir.path().join("answers.csv");
    let mut child = Command::new(env!("CARGO_BIN_EXE_klscope"))
        .args(["classroom", "--bind", "127.0.0.1:0", "--site"])
        .arg(dir.path())
        .arg("--record")
        .arg(&record)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("{first}"));
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut tcp = std::net::TcpStream::connect(address).unwrap();
    write!(tcp, "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut page = String::new();
    tcp.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200") && page.ends_with("<p>klscope</p>"), "{page}");
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(status.code(), Some(0), "{first}{rest}");
    assert!(rest.contains(&format!("Every answer is added to {}.", record.display())), "{rest}");
    let last = rest.lines().last().unwrap_or_default();
    let said = format!("0 answer(s) were added to the record {}.", record.display());
    assert!(last.starts_with("The classroom server stopped after 0 room(s).") && last.ends_with(&said), "{last}");
    assert_eq!(std::fs::read_to_string(&record).unwrap(), format!("{}\n", klscope_classroom::RECORD_HEADER));
}
