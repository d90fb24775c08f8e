//! Starting a server on a free port with a throwaway site, and a WebSocket client that
//! reads JSON messages and close frames with a time limit.

use std::path::PathBuf;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use klscope_classroom::{Config, Limits, Server, Summary};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};

/// How long a test waits for a message that should come.
pub const WAIT: Duration = Duration::from_secs(5);

pub const INDEX_HTML: &str = "<!doctype html><title>klscope</title><p>the browser build</p>";

pub struct TestServer {
    pub url: String,
    pub socket_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<Summary, klscope_classroom::ClassroomError>>>,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start(limits: Limits, record: bool) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(site.join("index.html"), INDEX_HTML).unwrap();
        std::fs::write(site.join("app.js"), "console.log('klscope')").unwrap();
        let mut config = Config::new(site);
        config.bind = "127.0.0.1:0".parse().unwrap();
        config.limits = limits;
        config.record = record.then(|| dir.path().join("answers.csv"));
        let server = Server::bind(config).await.unwrap();
        let addr = server.local_addr();
        let url = server.student_url().to_string();
        assert_eq!(url, format!("http://127.0.0.1:{}/", addr.port()));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        TestServer { url, socket_url: format!("ws://{addr}/ws"), stop: Some(stop), task: Some(task), dir }
    }

    pub async fn default() -> TestServer {
        TestServer::start(Limits::default(), false).await
    }

    pub fn record_path(&self) -> PathBuf {
        self.dir.path().join("answers.csv")
    }

    /// A client with small buffers (a phone's page holds one socket; the load test holds
    /// 500 in this process, and the memory it reports should be mostly the server's).
    pub async fn client(&self) -> Client {
        let config = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(0);
        let (ws, _) = connect_async_with_config(&self.socket_url, Some(config), true).await.unwrap();
        Client { ws }
    }

    /// Stops as Ctrl+C would, and gives what the server says when it stops.
    pub async fn stop(&mut self) -> Summary {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), self.task.take().unwrap())
            .await
            .expect("stops in time")
            .unwrap()
            .unwrap()
    }
}

pub struct Client {
    pub ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// How a connection ended.
#[derive(Debug, PartialEq)]
pub struct Closed {
    pub code: u16,
    pub reason: String,
}

impl Client {
    pub async fn send(&mut self, message: Value) {
        self.send_text(message.to_string()).await;
    }

    pub async fn send_text(&mut self, text: String) {
        self.ws.send(Message::Text(text.into())).await.unwrap();
    }

    /// The next message, whatever it is.
    pub async fn next(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(WAIT, self.ws.next()).await.expect("a message in time");
            match frame.expect("the connection is open").expect("a frame") {
                Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                Message::Close(frame) => panic!("closed: {frame:?}"),
                _ => continue,
            }
        }
    }

    /// The next message of `kind`, skipping others.
    pub async fn next_of(&mut self, kind: &str) -> Value {
        loop {
            let message = self.next().await;
            if message["type"] == kind {
                return message;
            }
        }
    }

    /// Reads until a Counts message matches `wanted`.
    pub async fn counts_until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let counts = self.next_of("Counts").await;
            if wanted(&counts) {
                return counts;
            }
        }
    }

    /// Everything that arrives within `ms` milliseconds.
    pub async fn quiet_for(&mut self, ms: u64) -> Vec<Value> {
        let mut got = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
        while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(deadline, self.ws.next()).await {
            if let Message::Text(text) = frame {
                got.push(serde_json::from_str(&text).unwrap());
            }
        }
        got
    }

    /// Reads until the server closes, skipping messages; its code and reason.
    pub async fn closed(&mut self) -> Closed {
        loop {
            let frame = tokio::time::timeout(WAIT, self.ws.next()).await.expect("a close in time");
            match frame {
                Some(Ok(Message::Close(Some(frame)))) => {
                    return Closed { code: u16::from(frame.code), reason: frame.reason.to_string() };
                }
                Some(Ok(Message::Close(None))) | None | Some(Err(_)) => panic!("closed without a reason"),
                Some(Ok(_)) => continue,
            }
        }
    }
}

/// A teacher who opened a room.
pub struct Teacher {
    pub client: Client,
    pub code: String,
    pub token: String,
    pub join_link: String,
}

impl Teacher {
    pub async fn open(server: &TestServer, lesson: &str) -> Teacher {
        let mut client = server.client().await;
        client.send(json!({"type": "CreateRoom", "lesson": lesson})).await;
        let created = client.next_of("RoomCreated").await;
        let code = created["code"].as_str().unwrap().to_string();
        let token = created["token"].as_str().unwrap().to_string();
        let join_link = created["join_link"].as_str().unwrap().to_string();
        Teacher { client, code, token, join_link }
    }

    /// Sends a command that carries the room's code and token.
    pub async fn command(&mut self, kind: &str, mut fields: Value) {
        fields["type"] = json!(kind);
        fields["code"] = json!(self.code);
        fields["token"] = json!(self.token);
        self.client.send(fields).await;
    }

    /// Moves to step `index` with the lesson's own P and Q.
    pub async fn step(&mut self, lesson: &str, index: usize) {
        let lesson = klscope_core::lesson::find_builtin_lesson(lesson).unwrap();
        let scenario = lesson.steps[index].discrete().unwrap();
        self.command("Step", json!({"index": index, "p": scenario.p, "q": scenario.q})).await;
        let now = self.client.next_of("StepNow").await;
        assert_eq!(now["index"], index);
    }
}

/// A student's id as a browser would make it.
pub fn student_id(n: usize) -> String {
    format!("browser-{n:08x}-id")
}

/// Joins `code` as student `n`; their Joined message.
pub async fn join(server: &TestServer, code: &str, n: usize) -> (Client, Value) {
    let mut client = server.client().await;
    client.send(json!({"type": "Join", "code": code, "student": student_id(n)})).await;
    let joined = client.next().await;
    (client, joined)
}
