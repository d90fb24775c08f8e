//! Everything that touches the operating system or the browser: choosing, reading and
//! writing files, dropped files, the clipboard, turning a drawn picture into pixels, and
//! the stored session. The app asks through [`Platform`] and hears back through
//! [`Event`]s; panels and views never see it. `native` is the desktop; a browser
//! implementation goes beside it.

pub mod address;
mod contract;
pub mod cpu_render;
pub mod error;
mod event;
pub mod jobs;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod pictures_only;
pub mod room;
pub mod room_link;
pub mod session;
#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
mod web_socket;

pub use crate::app::model::saved::SavedScenario;
pub use contract::{Platform, SaveJob};
pub use error::PlatformError;
pub use event::{Event, is_model_file};

/// The platform of the device the app runs on.
#[cfg(not(target_arch = "wasm32"))]
pub fn for_this_device(_cc: &eframe::CreationContext<'_>) -> Box<dyn Platform> {
    Box::new(native::NativePlatform::for_this_user())
}

/// The platform of the device the app runs on.
#[cfg(target_arch = "wasm32")]
pub fn for_this_device(cc: &eframe::CreationContext<'_>) -> Box<dyn Platform> {
    Box::new(web::WebPlatform::new(&cc.egui_ctx))
}
