//! The contract between lessons and the browser app: which widgets exist, which parameters
//! each takes, and how a widget directive in Markdown is validated.
//!
//! `content` validates every directive against this catalogue at build time (an unknown widget
//! or parameter fails the build with file and line); `app` reads the same parameters back from
//! the `data-*` attributes of the pre-rendered placeholder. Keeping both sides on one table
//! means a lesson can never ask for something the app cannot mount.
//!
//! **Invariant:** no dependencies, no I/O; plain data and string checks.

mod catalog;
mod directive;

pub use catalog::{CATALOG, ParamKind, ParamSpec, WidgetSpec, lookup};
pub use directive::{Directive, DirectiveError, check_value, parse_directive};
