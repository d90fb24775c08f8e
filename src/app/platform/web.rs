//! The browser: scenarios come from the file picker, a dropped file or a share link in the
//! page's address, lessons from the address's query (`address.rs`); saving and pictures are downloads; the session lives in the page's
//! local storage (eframe's storage). What a browser cannot do is not offered.

use eframe::egui;
use image::RgbaImage;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

use super::cpu_render::CpuRenderer;
use super::jobs::{Job, MakeJob, Piece};
use super::{Event, Platform, PlatformError, SaveJob, SavedScenario, address};
use crate::app::command::Command;
use crate::app::model::Status;
use crate::app::model::job::JobProgress;
use crate::app::picture::Picture;
use crate::export::file_names::safe_stem;
use crate::export::handout::Audience;
use crate::scenario::{AnyScenario, link};

/// Events that arrive from the browser's callbacks, between frames.
type Inbox = Rc<RefCell<Vec<Event>>>;

pub struct WebPlatform {
    inbox: Inbox,
    events: Vec<Event>,
    ctx: egui::Context,
    pictures: CpuRenderer,
    /// A long job: a browser has no threads for it, so it does one piece per frame.
    job: Option<(String, Box<dyn Job>, f32)>,
    /// The socket to the classroom server, while a room is open.
    room: Option<super::web_socket::PageSocket>,
}

impl WebPlatform {
    /// Opens the link in the page's address, if there is one, and listens for the next.
    pub fn new(ctx: &egui::Context) -> Self {
        let platform = WebPlatform {
            inbox: Inbox::default(),
            events: Vec::new(),
            ctx: ctx.clone(),
            pictures: CpuRenderer::default(),
            job: None,
            room: None,
        };
        platform.take_link_from_address();
        let (inbox, ctx) = (platform.inbox.clone(), ctx.clone());
        let on_hash_change = Closure::<dyn FnMut()>::new(move || {
            if let Some(event) = link_in_address() {
                inbox.borrow_mut().push(event);
                ctx.request_repaint();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback("hashchange", on_hash_change.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_hash_change.forget();
        platform
    }

    /// A lesson asked for in the query (`?lesson=…&step=…&present=…`), which stays in the
    /// address so that a reload starts the lesson again, then a share link's scenario.
    fn take_link_from_address(&self) {
        let query = web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default();
        self.inbox.borrow_mut().extend(address::lesson_events(&query));
        self.inbox.borrow_mut().extend(super::room_link::join_event(&query));
        self.inbox.borrow_mut().extend(super::room_link::teach_event(&query));
        if let Some(event) = link_in_address() {
            self.inbox.borrow_mut().push(event);
        }
    }

    fn status(&mut self, status: Status) {
        self.events.push(Event::Status(status));
    }
}

/// The scenario of a share link in the page's address (or why it opens nothing). The link
/// is then taken out of the address, so that a reload keeps the edits made since.
fn link_in_address() -> Option<Event> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    if !hash.contains("s=") {
        return None;
    }
    let event = Event::from_link(&hash);
    let location = window.location();
    if let (Ok(history), Ok(path), Ok(query)) = (window.history(), location.pathname(), location.search()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
    Some(event)
}

/// The largest file opened in the browser: a scenario of a million outcomes is about 40 MB.
const MAX_FILE_BYTES: f64 = 100e6;

/// The scenario in a file's text, or a model's outputs or vocabulary, or why not.
fn scenario_event(name: &str, bytes: Result<Vec<u8>, String>) -> Event {
    if super::is_model_file(name) {
        return match bytes {
            Ok(bytes) => Event::from_model_file(name, &bytes),
            Err(e) => Event::Status(Status::error(format!("cannot read {name}: {e}"))),
        };
    }
    let text = match bytes.map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => return Event::Status(Status::error(format!("{name} is not a text file, so not a scenario"))),
        Err(e) => return Event::Status(Status::error(format!("cannot read {name}: {e}"))),
    };
    match AnyScenario::from_ron(&text, name) {
        Ok(any) => Event::from_any(any, None, name.to_string()),
        Err(e) => Event::Status(Status::error(e.to_string())),
    }
}

/// A batch of VAE encodings from a picked file, or why not.
fn encodings_event(name: &str, bytes: Result<Vec<u8>, String>) -> Event {
    match bytes {
        Ok(bytes) => Event::from_encodings_file(name, &bytes),
        Err(e) => Event::Status(Status::error(format!("cannot read {name}: {e}"))),
    }
}

/// Lets the browser offer `bytes` as a download named `name`.
fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), PlatformError> {
    let failed = |e: wasm_bindgen::JsValue| PlatformError::Browser(format!("the browser refused the download ({e:?})"));
    let missing = |what: &str| PlatformError::Browser(what.to_string());
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| missing("no page to download from"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let anchor: HtmlAnchorElement =
        document.create_element("a").map_err(failed)?.dyn_into().map_err(|_| missing("no link element"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    // Some browsers download only from a link that is in the page, and only while the
    // address still exists: add, click, remove, and let the address go a minute later.
    let body = document.body().ok_or_else(|| missing("no page body"))?;
    body.append_child(&anchor).map_err(failed)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Shows the browser's file picker for scenarios and model files; the chosen file arrives
/// in `inbox`.
fn pick_file(inbox: Inbox, ctx: egui::Context) -> Result<(), PlatformError> {
    pick_file_as(inbox, ctx, ".ron,.npy,.csv,.txt,text/plain", scenario_event)
}

/// Shows the browser's file picker for files matching `accept`; `read` turns the chosen
/// file's name and bytes into the event that arrives in `inbox`.
fn pick_file_as(
    inbox: Inbox,
    ctx: egui::Context,
    accept: &str,
    read: fn(&str, Result<Vec<u8>, String>) -> Event,
) -> Result<(), PlatformError> {
    let missing = |what: &str| PlatformError::Browser(what.to_string());
    let document =
        web_sys::window().and_then(|w| w.document()).ok_or_else(|| missing("no page to pick a file from"))?;
    let input: HtmlInputElement = document
        .create_element("input")
        .map_err(|e| PlatformError::Browser(format!("{e:?}")))?
        .dyn_into()
        .map_err(|_| missing("no file input"))?;
    input.set_type("file");
    input.set_accept(accept);
    let chosen = input.clone();
    let on_change = Closure::once_into_js(move || {
        let Some(file) = chosen.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            let message = format!("{name} is larger than 100 MB, too large for a scenario");
            inbox.borrow_mut().push(Event::Status(Status::error(message)));
            ctx.request_repaint();
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            // The bytes, not the text: a file that is not UTF-8 is named, not repaired.
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            let bytes = buffer.map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec()).map_err(|e| format!("{e:?}"));
            inbox.borrow_mut().push(read(&name, bytes));
            ctx.request_repaint();
        });
    });
    input.set_onchange(Some(on_change.unchecked_ref()));
    input.click();
    Ok(())
}

impl WebPlatform {
    /// One piece of the running job, between two frames; the next frame follows at once.
    fn job_piece(&mut self, ctx: &egui::Context) {
        let Some((_, job, fraction)) = self.job.as_mut() else {
            return;
        };
        match job.next_piece() {
            Piece::Working(f) => *fraction = f,
            Piece::Done(event) => {
                self.job = None;
                self.events.push(event);
            }
        }
        ctx.request_repaint();
    }
}

impl Platform for WebPlatform {
    fn open(&mut self, _near: Option<&std::path::Path>) {
        if let Err(e) = pick_file(self.inbox.clone(), self.ctx.clone()) {
            self.status(Status::error(format!("Cannot open a file here: {e}")));
        }
    }

    fn open_encodings(&mut self) {
        if let Err(e) = pick_file_as(self.inbox.clone(), self.ctx.clone(), ".npy", encodings_event) {
            self.status(Status::error(format!("Cannot open a file here: {e}")));
        }
    }

    fn open_saved(&mut self, _index: usize) {}

    fn open_link(&mut self) {}

    fn link_base(&self) -> String {
        let location = web_sys::window().map(|w| w.location());
        let page = location.and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)));
        page.unwrap_or_else(|| link::DEFAULT_BASE.to_string())
    }

    fn offers(&self, command: &Command) -> bool {
        // A download goes where the browser puts downloads: there is no "as…". A link is
        // opened by pasting it into the address bar.
        !matches!(command, Command::SaveAs | Command::ExportPngAs | Command::OpenSaved(_) | Command::OpenLink)
    }

    fn save(&mut self, job: SaveJob, _choose: bool) {
        let name = format!("{}.ron", safe_stem(job.scenario.id()));
        let result = match &*job.scenario {
            AnyScenario::Discrete(s) => s.validate(&name).and_then(|()| s.to_ron()),
            AnyScenario::Densities(s) => s.to_ron(),
        }
        .map_err(|e| e.to_string());
        match result.and_then(|text| download(&name, text.as_bytes(), "text/plain").map_err(|e| e.to_string())) {
            Ok(()) => self.events.push(Event::Saved { file: None, to: format!("{name} (a download)") }),
            Err(e) => self.status(Status::error(format!("Not saved: {e}"))),
        }
    }

    fn export(&mut self, picture: Picture, _choose: bool) {
        let status = match download(&picture.name, &picture.png, "image/png") {
            Ok(()) => {
                Status::info(format!("Downloaded {} ({}×{} pixels)", picture.name, picture.width, picture.height))
            }
            Err(e) => Status::error(format!("Export failed: {e}")),
        };
        self.status(status);
    }

    /// Each handout holds every picture it needs: two downloads, the students' and the
    /// teacher's, are the whole lesson on paper.
    fn export_files(&mut self, folder: &str, files: Vec<(String, Vec<u8>)>) {
        let stem = safe_stem(folder);
        let mut names = Vec::new();
        let mut result = Ok(());
        for audience in [Audience::Student, Audience::Teacher] {
            let file = audience.file_name();
            let name = format!("{stem}-{file}");
            let handout = files.iter().find(|(made, _)| made == file);
            result = handout
                .ok_or_else(|| format!("no {file} was made"))
                .and_then(|(_, bytes)| download(&name, bytes, "text/html").map_err(|e| e.to_string()));
            if result.is_err() {
                break;
            }
            names.push(name);
        }
        let status = match result {
            Ok(()) => Status::info(format!("Downloaded {}: the lesson's handouts, to print", names.join(" and "))),
            Err(e) => Status::error(format!("Export failed: {e}")),
        };
        self.status(status);
    }

    fn render(&mut self, ctx: &egui::Context, output: egui::FullOutput) -> Result<RgbaImage, PlatformError> {
        self.pictures.render(ctx, output).map_err(PlatformError::Render)
    }

    fn ui(&mut self, ctx: &egui::Context) {
        self.job_piece(ctx);
        // A browser reads a dropped file only asynchronously: it arrives in the inbox.
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(file) = dropped.first().cloned() {
            let (inbox, ctx) = (self.inbox.clone(), ctx.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.path().display().to_string();
                let bytes = file.bytes_async().await;
                inbox.borrow_mut().push(scenario_event(&name, bytes));
                ctx.request_repaint();
            });
        }
        self.events.append(&mut self.inbox.borrow_mut());
    }

    fn report(&mut self, status: Status) {
        self.status(status);
    }

    fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    fn start_job(&mut self, ctx: &egui::Context, what: String, make: MakeJob) {
        if self.job.is_some() {
            self.status(Status::info("Another job is still running: wait for it, or cancel it.".to_string()));
            return;
        }
        self.job = Some((what, make(), 0.0));
        ctx.request_repaint();
    }

    fn job_progress(&self) -> Option<JobProgress> {
        self.job.as_ref().map(|(what, _, fraction)| JobProgress { what: what.clone(), fraction: *fraction })
    }

    fn cancel_job(&mut self) {
        if let Some((what, _, _)) = self.job.take() {
            self.status(super::jobs::cancelled(&what));
        }
    }

    fn saved_scenarios(&self) -> &[SavedScenario] {
        &[]
    }

    fn room_connect(&mut self, ctx: &egui::Context, url: &str) {
        self.room = None;
        match super::web_socket::PageSocket::connect(url, self.inbox.clone(), ctx) {
            Ok(socket) => self.room = Some(socket),
            Err(event) => self.events.push(Event::Room(event)),
        }
    }

    fn room_send(&mut self, message: &crate::classroom::ClientMessage) {
        if let (Some(room), Ok(text)) = (&self.room, serde_json::to_string(message)) {
            room.send(&text);
        }
    }

    fn room_close(&mut self) {
        self.room = None;
    }

    fn classroom_address(&self) -> String {
        super::web_socket::page_server().unwrap_or_else(|| "127.0.0.1:8080".to_string())
    }

    fn student_id(&mut self) -> String {
        super::web_socket::student_id()
    }
}
