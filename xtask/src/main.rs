//! Build tooling.
fn main() {}
