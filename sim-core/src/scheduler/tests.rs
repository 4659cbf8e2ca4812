//! Scheduler tests: table-driven translations of upstream's plugin tests, run through the
//! public API with single-plugin profiles, plus whole-cycle scenarios.

mod cache_events;
mod cli_and_bench;
mod cycle;
mod fused;
mod harness;
mod plugins;
mod preemption;
mod properties;
mod queue_flow;
