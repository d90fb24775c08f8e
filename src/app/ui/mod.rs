//! What panels and views share: the theme's named sizes and colours, the cache keyed by
//! revision, and how a concealed number is shown. Imports only the model below it.

mod cache;
pub mod concealment;
pub mod fit_text;
pub mod theme;

pub use cache::Cached;
