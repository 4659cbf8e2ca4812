//! A deterministic, sans-IO simulation of a Kubernetes cluster (and, in `eras`, of the
//! infrastructure eras before and after it).
//!
//! # Contract
//! - **No I/O, no clock, no ambient randomness.** Time is an input ([`time::SimTime`], integer
//!   milliseconds); the only randomness is the seeded [`rng::SimRng`] owned by a simulation.
//! - **Deterministic.** The same seed and the same commands give a byte-identical event log, on
//!   native targets and on `wasm32-unknown-unknown`. Nothing observable depends on `HashMap`
//!   iteration order.
//! - **Bad input is data, not a panic.** Parsers and commands return typed errors naming what is
//!   wrong and where.

pub mod cluster;
pub mod eras;
pub mod manifest;
pub mod model;
pub mod printers;
pub mod rng;
pub mod scheduler;
pub mod share;
pub mod time;
