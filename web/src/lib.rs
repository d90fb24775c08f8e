//! klscope in the browser. `index.html` creates a [`WebHandle`] and starts it on the
//! page's canvas; the handle's other methods let a lesson page that embeds klscope (and
//! the browser test) read the numbers and where the bars are. A scenario is opened with a
//! share link in the page's address. Built for wasm32 only.
#![cfg(target_arch = "wasm32")]

use klscope::app::KlApp;
use klscope::info::Side;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// The running app on one canvas.
#[wasm_bindgen]
pub struct WebHandle {
    runner: eframe::WebRunner,
}

#[wasm_bindgen]
impl WebHandle {
    #[wasm_bindgen(constructor)]
    #[expect(clippy::new_without_default, reason = "a JavaScript constructor")]
    pub fn new() -> Self {
        // Panics go to the console with their message, and `panic_message` returns it.
        eframe::WebLogger::init(log::LevelFilter::Warn).ok();
        WebHandle { runner: eframe::WebRunner::new() }
    }

    /// Starts klscope on the canvas with id `canvas_id`.
    pub async fn start(&self, canvas_id: &str) -> Result<(), JsValue> {
        let canvas = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(canvas_id))
            .ok_or_else(|| JsValue::from_str(&format!("no element with id '{canvas_id}'")))?
            .dyn_into::<web_sys::HtmlCanvasElement>()
            .map_err(|_| JsValue::from_str(&format!("'{canvas_id}' is not a canvas")))?;
        let options = eframe::WebOptions::default();
        self.runner.start(canvas, options, Box::new(|cc| Ok(Box::new(KlApp::new(cc))))).await
    }

    /// The scenario, every measure (in the unit shown), the zero rule and the last
    /// message, as a JSON string; `undefined` before the app runs or after a panic.
    pub fn state(&self) -> Option<String> {
        self.runner.app_mut::<KlApp>().map(|app| app.summary().to_string())
    }

    /// Where bar `index` of `side` ("P" or "Q") was drawn, in CSS pixels of the canvas:
    /// `[centre x, y at probability 0, y at probability 1]` (y is linear in between; the
    /// bars may end below 1 when every probability is small).
    pub fn bar(&self, side: &str, index: usize) -> Option<Vec<f32>> {
        let side = match side {
            "P" | "p" => Side::P,
            "Q" | "q" => Side::Q,
            _ => return None,
        };
        let app = self.runner.app_mut::<KlApp>()?;
        let layout = app.bar_layout(side)?;
        (index < layout.n).then(|| vec![layout.center_x(index), layout.y_of(0.0), layout.y_of(1.0)])
    }

    /// Where the lesson strip's button `label` (a choice such as "KL(P||Q)", "Reveal",
    /// "Next ▶") was drawn, in CSS pixels of the canvas: `[centre x, centre y]`; `undefined`
    /// when no lesson is open or the strip shows no such button.
    pub fn lesson_button(&self, label: &str) -> Option<Vec<f32>> {
        let rect = self.runner.app_mut::<KlApp>()?.lesson_button(label)?;
        Some(vec![rect.center().x, rect.center().y])
    }

    /// The rectangle of the lesson strip's button `label`, in CSS pixels of the canvas:
    /// `[left, top, right, bottom]`; `undefined` as for `lesson_button`.
    pub fn lesson_button_rect(&self, label: &str) -> Option<Vec<f32>> {
        let rect = self.runner.app_mut::<KlApp>()?.lesson_button(label)?;
        Some(vec![rect.left(), rect.top(), rect.right(), rect.bottom()])
    }

    /// Where the simplex view puts the distribution `(a, b, c)` of three outcomes, in CSS
    /// pixels of the canvas: `[x, y]`; `undefined` unless that view shows a triangle.
    pub fn simplex_point(&self, a: f64, b: f64, c: f64) -> Option<Vec<f32>> {
        let triangle = self.runner.app_mut::<KlApp>()?.simplex_triangle()?;
        let point = triangle.to_screen([a, b, c]);
        Some(vec![point.x, point.y])
    }

    /// Every text painted in the last frame, one per line; `undefined` on the first call,
    /// which starts noting them (from the next frame on).
    pub fn painted_text(&self) -> Option<String> {
        self.runner.app_mut::<KlApp>()?.painted_text()
    }

    /// Dismisses the message under the top bar.
    pub fn clear_status(&self) {
        if let Some(mut app) = self.runner.app_mut::<KlApp>() {
            app.status = None;
        }
    }

    /// The CPU time of the previous frame, in milliseconds.
    pub fn frame_ms(&self) -> Option<f32> {
        let app = self.runner.app_mut::<KlApp>()?;
        app.previous_frame_seconds().map(|seconds| seconds * 1000.0)
    }

    /// The panic message, if klscope has crashed.
    pub fn panic_message(&self) -> Option<String> {
        self.runner.panic_summary().map(|summary| summary.message())
    }
}
