//! klscope's core: the information theory, numbers as text, scenario and lesson formats,
//! model-output readers and exports. No egui, no eframe, no window system: the app, the
//! command line, the browser build and the classroom server all stand on this crate.

pub mod classroom;
pub mod export;
pub mod info;
pub mod lesson;
pub mod model_files;
#[cfg(not(target_arch = "wasm32"))]
pub mod read;
pub mod scenario;
pub mod text;
