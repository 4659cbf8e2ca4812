//! kubectl-style printing of cluster state, one file per resource: the same columns, the same
//! STATUS strings and the same AGE formatting as `kubectl get`.

pub mod duration;
pub mod event;
pub mod pod;
pub mod table;
