//! What panels and views share: the theme's named sizes and colours, the cache keyed by
//! revision, how a concealed number is shown, and whether a picture is for print. Imports only the model below it.

mod cache;
pub mod column;
pub mod concealment;
pub mod fit_text;
pub mod print;
pub mod theme;
pub mod ticks;

pub use cache::Cached;
