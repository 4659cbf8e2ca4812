//! kubectl-style printing of cluster state (tables, `describe`).
