//! `kubectl get leases` (`printLease`): NAME, HOLDER, AGE.

use super::{duration::human_duration, table::Table};
use crate::{model::Lease, time::SimTime};

/// Columns of `kubectl get leases`.
pub const HEADER: &[&str] = &["NAME", "HOLDER", "AGE"];

/// One row.
pub fn row(l: &Lease, now: SimTime) -> Vec<String> {
    vec![
        l.metadata.name.clone(),
        l.holder_identity.clone(),
        human_duration(now.millis_since(l.metadata.creation_timestamp)),
    ]
}

/// `kubectl get leases` as a table.
pub fn table<'a>(items: impl IntoIterator<Item = &'a Lease>, now: SimTime) -> Table {
    let mut t = Table::new(HEADER);
    t.rows = items.into_iter().map(|l| row(l, now)).collect();
    t
}
