//! kubectl-style printing of cluster state, one file per resource: the same columns, the same
//! STATUS strings, the same AGE formatting and the same alignment as `kubectl get`, and the
//! same sections as `kubectl describe` ([`describe`]).
//!
//! Printers are pure functions of objects and the current simulated time; callers choose and
//! order the objects (the API lists them by namespace and name).

pub mod containers;
pub mod deployment;
pub mod describe;
pub mod duration;
pub mod endpointslice;
pub mod event;
pub mod labels;
pub mod lease;
pub mod node;
pub mod pod;
pub mod replicaset;
pub mod resources;
pub mod service;
pub mod table;
pub mod tabwriter;
