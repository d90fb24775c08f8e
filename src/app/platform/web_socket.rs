//! The page's socket to the classroom server: the browser's own WebSocket. Its callbacks
//! put [`RoomEvent`]s in the platform's inbox and ask for a frame; the student's id lives in
//! the page's local storage, so that a reload rejoins the room with the answers kept.

use eframe::egui;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::Event;
use super::room::{RoomEvent, new_student_id};

/// Where the student's id is kept in the page's storage.
const STUDENT_KEY: &str = "klscope-classroom-student";

/// A socket's event listener, kept with the event's name so that it can be removed.
type Listener = (&'static str, Closure<dyn FnMut(web_sys::Event)>);

/// One open (or opening) socket, with the callbacks that must live as long as it does.
pub struct PageSocket {
    socket: WebSocket,
    callbacks: Vec<Listener>,
}

impl PageSocket {
    /// Opens a socket to `url`; what happens arrives in `inbox`.
    pub fn connect(url: &str, inbox: Rc<RefCell<Vec<Event>>>, ctx: &egui::Context) -> Result<PageSocket, RoomEvent> {
        let socket = WebSocket::new(url).map_err(|e| RoomEvent::unreachable(url, format!("{e:?}")))?;
        let tell = move |inbox: &Rc<RefCell<Vec<Event>>>, ctx: &egui::Context, event: RoomEvent| {
            inbox.borrow_mut().push(Event::Room(event));
            ctx.request_repaint();
        };
        let mut callbacks = Vec::new();
        let mut on = |name: &'static str, handle: Box<dyn Fn(web_sys::Event) -> Option<RoomEvent>>| {
            let (inbox, ctx) = (inbox.clone(), ctx.clone());
            let callback = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                if let Some(room_event) = handle(event) {
                    tell(&inbox, &ctx, room_event);
                }
            });
            let _ = socket.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
            callbacks.push((name, callback));
        };
        on("open", Box::new(|_| Some(RoomEvent::Open)));
        on(
            "message",
            Box::new(|event| {
                let text = event.dyn_ref::<MessageEvent>()?.data().as_string()?;
                Some(RoomEvent::from_text(&text))
            }),
        );
        let address = url.to_string();
        on(
            "close",
            Box::new(move |event| {
                let close = event.dyn_ref::<CloseEvent>()?;
                // 1006: the connection never opened or broke without a word.
                Some(if close.code() == 1006 {
                    RoomEvent::unreachable(&address, "no connection")
                } else {
                    RoomEvent::closed(&close.reason())
                })
            }),
        );
        Ok(PageSocket { socket, callbacks })
    }

    pub fn send(&self, text: &str) {
        let _ = self.socket.send_with_str(text);
    }
}

impl Drop for PageSocket {
    fn drop(&mut self) {
        // The callbacks go with this value: no event may reach them after it.
        for (name, callback) in &self.callbacks {
            let _ = self.socket.remove_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
        }
        let _ = self.socket.close();
    }
}

/// The classroom server that served this page ("ws://host:port").
pub fn page_server() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" { "wss" } else { "ws" };
    Some(format!("{scheme}://{}", location.host().ok()?))
}

/// This browser's student id: the one kept in the page's storage, or a new one kept there.
pub fn student_id() -> String {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(kept) = storage.as_ref().and_then(|s| s.get_item(STUDENT_KEY).ok().flatten())
        && crate::classroom::StudentId::parse(&kept).is_ok()
    {
        return kept;
    }
    let id = new_student_id(js_sys::Math::random);
    if let Some(storage) = storage {
        let _ = storage.set_item(STUDENT_KEY, &id);
    }
    id
}
