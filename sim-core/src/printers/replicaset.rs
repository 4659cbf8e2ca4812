//! `kubectl get replicasets [-o wide]` (`printReplicaSet`).

use super::{containers::layout_containers, duration::human_duration, labels, table::Table};
use crate::{model::ReplicaSet, time::SimTime};

/// Columns of `kubectl get replicasets`.
pub const HEADER: &[&str] = &["NAME", "DESIRED", "CURRENT", "READY", "AGE"];
/// Columns `-o wide` adds.
pub const WIDE: &[&str] = &["CONTAINERS", "IMAGES", "SELECTOR"];

/// One row: DESIRED is `spec.replicas`, CURRENT `status.replicas`.
pub fn row(rs: &ReplicaSet, now: SimTime, wide: bool) -> Vec<String> {
    let mut row = vec![
        rs.metadata.name.clone(),
        rs.spec.replicas.to_string(),
        rs.status.replicas.to_string(),
        rs.status.ready_replicas.to_string(),
        human_duration(now.millis_since(rs.metadata.creation_timestamp)),
    ];
    if wide {
        let (names, images) = layout_containers(&rs.spec.template.spec.containers);
        row.extend([names, images, labels::format_selector(&rs.spec.selector)]);
    }
    row
}

/// `kubectl get replicasets` as a table.
pub fn table<'a>(
    items: impl IntoIterator<Item = &'a ReplicaSet>,
    now: SimTime,
    wide: bool,
) -> Table {
    let mut t = Table::new(HEADER);
    if wide {
        t.header.extend(WIDE.iter().map(|h| (*h).to_owned()));
    }
    t.rows = items.into_iter().map(|rs| row(rs, now, wide)).collect();
    t
}
