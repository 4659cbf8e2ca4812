//! `kubectl get deployments [-o wide]` (`printDeployment`).

use super::{containers::layout_containers, duration::human_duration, labels, table::Table};
use crate::{model::Deployment, time::SimTime};

/// Columns of `kubectl get deployments`.
pub const HEADER: &[&str] = &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"];
/// Columns `-o wide` adds.
pub const WIDE: &[&str] = &["CONTAINERS", "IMAGES", "SELECTOR"];

/// One row: READY is `readyReplicas/spec.replicas`.
pub fn row(d: &Deployment, now: SimTime, wide: bool) -> Vec<String> {
    let mut row = vec![
        d.metadata.name.clone(),
        format!("{}/{}", d.status.ready_replicas, d.spec.replicas),
        d.status.updated_replicas.to_string(),
        d.status.available_replicas.to_string(),
        human_duration(now.millis_since(d.metadata.creation_timestamp)),
    ];
    if wide {
        let (names, images) = layout_containers(&d.spec.template.spec.containers);
        row.extend([names, images, labels::format_selector(&d.spec.selector)]);
    }
    row
}

/// `kubectl get deployments` as a table.
pub fn table<'a>(
    items: impl IntoIterator<Item = &'a Deployment>,
    now: SimTime,
    wide: bool,
) -> Table {
    let mut t = Table::new(HEADER);
    if wide {
        t.header.extend(WIDE.iter().map(|h| (*h).to_owned()));
    }
    t.rows = items.into_iter().map(|d| row(d, now, wide)).collect();
    t
}
