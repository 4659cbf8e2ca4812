//! Models of the eras before and after Kubernetes: how stacks are layered, how servers are
//! packed, what a pod's containers see, how long things take to start, and what serverless
//! costs. Every default is a sourced range ([`sourced::Range`]), sampled with the simulation's
//! seeded RNG, so a lesson can show where each number comes from.

pub mod namespaces;
pub mod packing;
pub mod serverless;
pub mod sourced;
pub mod stack;
pub mod startup;
pub mod timeline;
