//! The HTTP server: the browser build as static files, the WebSocket endpoint, the sweep
//! that closes idle rooms, and the orderly stop.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use klscope_core::classroom::MAX_MESSAGE_BYTES;
use tower_http::services::ServeDir;

use crate::address::{qr_text, student_url};
use crate::connection::{self, Server as Shared};
use crate::record::Recorder;
use crate::rooms::Rooms;
use crate::{ClassroomError, Config, SOCKET_PATH};

/// A bound server, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    local: SocketAddr,
    url: String,
    site: PathBuf,
}

/// What happened while the server ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub rooms: usize,
    /// The record and how many answers were written to it.
    pub record: Option<(PathBuf, u64)>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "The classroom server stopped after {} room(s).", self.rooms)?;
        match &self.record {
            Some((path, answers)) => write!(f, " {answers} answer(s) were added to the record {}.", path.display()),
            None => write!(f, " No answers were recorded (start with --record answers.csv to keep them)."),
        }
    }
}

impl Server {
    /// Checks the site and the record, and binds.
    pub async fn bind(config: Config) -> Result<Server, ClassroomError> {
        if !config.site.join("index.html").is_file() {
            return Err(ClassroomError::NoSite(config.site));
        }
        let recorder = config.record.as_deref().map(Recorder::open).transpose()?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| ClassroomError::Bind { bind: config.bind, source })?;
        let local = listener.local_addr().map_err(|source| ClassroomError::Bind { bind: config.bind, source })?;
        let url = student_url(local);
        let rooms = Rooms::new(config.limits, url.clone(), recorder);
        Ok(Server { listener, shared: Arc::new(Shared::new(rooms)), local, url, site: config.site })
    }

    /// The address it listens on (with the port chosen when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The address students open.
    pub fn student_url(&self) -> &str {
        &self.url
    }

    /// Serves until `shutdown` completes, then closes every room and connection.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<Summary, ClassroomError> {
        let shared = self.shared;
        let site = ServeDir::new(&self.site).append_index_html_on_directories(true);
        let app = Router::new().route(SOCKET_PATH, get(upgrade)).fallback_service(site).with_state(shared.clone());
        let sweeper = tokio::spawn(sweep(shared.clone()));
        let stopping = shared.clone();
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(async move {
                shutdown.await;
                stopping.close_everyone("the classroom server is stopping");
            })
            .await;
        sweeper.abort();
        // Upgraded connections are not waited for by the HTTP server: give them a moment
        // to send their close frames.
        let deadline = Instant::now() + Duration::from_secs(3);
        while shared.connections() > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        served.map_err(ClassroomError::Serve)?;
        let record = match &shared.rooms.recorder {
            Some(recorder) => Some((recorder.path().to_path_buf(), recorder.finish()?)),
            None => None,
        };
        Ok(Summary { rooms: shared.rooms.opened(), record })
    }
}

async fn upgrade(socket: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
    // Every room full, and a teacher per room: more sockets than that are not a class.
    let limits = &shared.rooms.limits;
    if shared.connections() >= limits.max_rooms.saturating_mul(limits.max_students.saturating_add(4)) {
        return (StatusCode::SERVICE_UNAVAILABLE, "the classroom server holds as many connections as its rooms allow")
            .into_response();
    }
    socket
        // Frames past this are cut by the socket itself; up to it, the connection reads
        // the frame and closes with its own reason when it is over MAX_MESSAGE_BYTES.
        .max_message_size(8 * MAX_MESSAGE_BYTES)
        .max_frame_size(8 * MAX_MESSAGE_BYTES)
        .read_buffer_size(16 * 1024)
        .write_buffer_size(16 * 1024)
        .on_upgrade(move |socket| connection::run(socket, shared))
}

/// Closes idle rooms, checking a few times per idle period (at least once a minute).
async fn sweep(shared: Arc<Shared>) {
    let every = (shared.rooms.limits.room_idle / 4).clamp(Duration::from_millis(50), Duration::from_secs(60));
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        shared.rooms.expire(Instant::now());
    }
}

/// `klscope classroom`: serves until Ctrl+C, printing the address and its QR code first.
pub fn serve(config: Config) -> Result<Summary, ClassroomError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ClassroomError::Runtime)?;
    runtime.block_on(async {
        let record = config.record.clone();
        let server = Server::bind(config).await?;
        let url = server.student_url().to_string();
        println!("klscope classroom is running. Students open {url} on the same network, or scan:");
        if let Some(qr) = qr_text(&url) {
            println!("{qr}");
        }
        println!("The teacher opens Lessons ▸ Run with the class… and gives the class the room's code.");
        match &record {
            Some(path) => println!("Every answer is added to {}.", path.display()),
            None => println!("Answers are not recorded (start with --record answers.csv to keep them)."),
        }
        println!("Press Ctrl+C to stop.");
        server
            .run(async {
                // If the signal cannot be watched, the server runs until it is killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    })
}
