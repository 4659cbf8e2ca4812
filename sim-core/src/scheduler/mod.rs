//! kube-scheduler: the scheduling framework, its default plugins, the scheduling queue and the
//! scheduler's own cache of nodes.

pub mod config;
