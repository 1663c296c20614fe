//! Text for people and for search: sanitising untrusted text, the search normalisation,
//! widths, wrapping, and the bidi + shaping display pipeline. No terminal I/O here.

pub mod display;
pub mod keyboard;
pub mod normalize;
pub mod sanitize;
pub mod shape;

pub use display::width;
