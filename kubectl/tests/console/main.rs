//! The console's integration tests: golden transcripts of every command against a seeded
//! cluster, exact error messages, determinism and replay, and no-panic properties.

mod determinism;
mod errors;
mod fixture;
mod golden;
mod properties;
