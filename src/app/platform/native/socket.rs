//! The desktop's socket to a classroom server: a thread of its own with a blocking
//! tungstenite client. It reads with a short timeout so that it can also send what the app
//! queued; what arrives goes to the app as [`RoomEvent`]s, with a frame asked for each.

use std::io::ErrorKind;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Duration;

use eframe::egui;
use tungstenite::{Message, WebSocket};

use crate::app::platform::room::RoomEvent;

/// How long connecting may take before the room is said to be unreachable.
const CONNECT_WITHIN: Duration = Duration::from_secs(4);

/// How often the thread looks for messages to send while none arrive.
const POLL: Duration = Duration::from_millis(20);

/// One open (or opening) connection. Dropping it closes the connection.
pub struct RoomSocket {
    outgoing: Sender<String>,
    incoming: Receiver<RoomEvent>,
}

impl RoomSocket {
    /// Starts connecting to `url` ("ws://host:port/ws").
    pub fn connect(url: &str, ctx: &egui::Context) -> RoomSocket {
        let (outgoing, to_send) = mpsc::channel();
        let (arrived, incoming) = mpsc::channel();
        let (url, ctx) = (url.to_string(), ctx.clone());
        let report = arrived.clone();
        let started = std::thread::Builder::new().name("classroom socket".into()).spawn(move || {
            let tell = |event: RoomEvent| {
                let _ = arrived.send(event);
                ctx.request_repaint();
            };
            match open(&url) {
                Ok(socket) => {
                    tell(RoomEvent::Open);
                    serve(socket, &to_send, &tell);
                }
                Err(why) => tell(RoomEvent::unreachable(&url, why)),
            }
        });
        if let Err(e) = started {
            let _ = report.send(RoomEvent::Lost(format!("No thread for the classroom connection: {e}.")));
        }
        RoomSocket { outgoing, incoming }
    }

    pub fn send(&self, text: String) {
        let _ = self.outgoing.send(text);
    }

    /// What arrived since the last call.
    pub fn take(&self) -> Vec<RoomEvent> {
        self.incoming.try_iter().collect()
    }
}

/// Connects within [`CONNECT_WITHIN`] and does the WebSocket handshake.
fn open(url: &str) -> Result<WebSocket<TcpStream>, String> {
    let host = url.split_once("://").map_or(url, |(_, rest)| rest).split('/').next().unwrap_or_default();
    if url.starts_with("wss://") {
        return Err("this klscope speaks ws://, not wss://".to_string());
    }
    let address =
        host.to_socket_addrs().map_err(|e| e.to_string())?.next().ok_or_else(|| format!("{host} names no address"))?;
    let stream = TcpStream::connect_timeout(&address, CONNECT_WITHIN).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(CONNECT_WITHIN)).map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let (socket, _) = tungstenite::client::client(url, stream).map_err(|e| match e {
        tungstenite::HandshakeError::Failure(e) => e.to_string(),
        tungstenite::HandshakeError::Interrupted(_) => "no answer to the handshake".to_string(),
    })?;
    socket.get_ref().set_read_timeout(Some(POLL)).map_err(|e| e.to_string())?;
    Ok(socket)
}

/// Sends what the app queued and reads what the server says, until either side closes.
fn serve(mut socket: WebSocket<TcpStream>, to_send: &Receiver<String>, tell: &dyn Fn(RoomEvent)) {
    loop {
        loop {
            match to_send.try_recv() {
                Ok(text) => {
                    if let Err(e) = socket.send(Message::text(text)) {
                        tell(RoomEvent::closed(&e.to_string()));
                        return;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    // The app let go of the room: say goodbye and stop.
                    let _ = socket.close(None);
                    let _ = socket.flush();
                    return;
                }
            }
        }
        match socket.read() {
            Ok(Message::Text(text)) => tell(RoomEvent::from_text(&text)),
            Ok(Message::Close(frame)) => {
                let _ = socket.flush();
                tell(RoomEvent::closed(frame.as_ref().map_or("", |f| f.reason.as_str())));
                return;
            }
            Ok(_) => {}
            Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => {
                tell(RoomEvent::closed(&e.to_string()));
                return;
            }
        }
    }
}
