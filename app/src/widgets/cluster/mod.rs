//! The cluster playground: a live `sim-core` cluster with a view of its nodes and pods, the
//! control plane at work, a clock the reader controls, explanations, a kubectl console, a
//! YAML editor and challenges the simulation verifies.
//!
//! Pure logic (tested natively) sits in plain modules: [`driver`] (clock, history, replay),
//! [`challenges`], [`presets`] and the text helpers. The browser parts are thin on top.

pub mod activity;
pub mod challenges;
pub mod driver;
pub mod explain;
pub mod fasthash;
pub mod feed;
pub mod forms;
pub mod presets;
pub mod share;
pub mod simplified;
pub mod text;
#[allow(
    unreachable_pub,
    reason = "Leptos' #[component] gives each panel a `pub` props struct; the panels stay private to the widget"
)]
mod ui;
pub mod vm;

pub(crate) use ui::widget;
