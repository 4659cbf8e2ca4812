//! Site search: the index the build writes, fetched the first time the reader uses the box,
//! and ranked in Rust as they type.

pub mod index;
mod widget;

pub use widget::mount;
