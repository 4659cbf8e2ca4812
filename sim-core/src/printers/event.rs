//! `kubectl get events [-o wide]` (`printEvent`): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE;
//! wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME. (The `(x3 over 5m)` form belongs to
//! `describe`'s Events section, not to `get events`.)

use super::{duration::human_duration, table::Table};
use crate::{model::Event, time::SimTime};

/// Columns of `kubectl get events`.
pub const HEADER: &[&str] = &["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
/// Columns of `kubectl get events -o wide` (in kubectl's order).
pub const WIDE_HEADER: &[&str] = &[
    "LAST SEEN",
    "TYPE",
    "REASON",
    "OBJECT",
    "SUBOBJECT",
    "SOURCE",
    "MESSAGE",
    "FIRST SEEN",
    "COUNT",
    "NAME",
];

/// OBJECT: `kind/name` with a lower-case kind.
pub fn involved_object(e: &Event) -> String {
    let kind = e.involved_object.kind.to_ascii_lowercase();
    if e.involved_object.name.is_empty() {
        kind
    } else {
        format!("{kind}/{}", e.involved_object.name)
    }
}

/// `formatEventSource`: `component, host` or just the component.
pub fn source(e: &Event) -> String {
    if e.source_host.is_empty() {
        e.source_component.clone()
    } else {
        format!("{}, {}", e.source_component, e.source_host)
    }
}

/// One row.
pub fn row(e: &Event, now: SimTime, wide: bool) -> Vec<String> {
    let last = human_duration(now.millis_since(e.last_timestamp));
    let message = e.message.trim().to_owned();
    if wide {
        vec![
            last,
            e.type_.as_str().to_owned(),
            e.reason.clone(),
            involved_object(e),
            String::new(),
            source(e),
            message,
            human_duration(now.millis_since(e.first_timestamp)),
            e.count.max(1).to_string(),
            e.metadata.name.clone(),
        ]
    } else {
        vec![last, e.type_.as_str().to_owned(), e.reason.clone(), involved_object(e), message]
    }
}

/// `kubectl get events` as a table (events in the order given: the API lists them by name).
pub fn table<'a>(items: impl IntoIterator<Item = &'a Event>, now: SimTime, wide: bool) -> Table {
    let mut t = Table::new(if wide { WIDE_HEADER } else { HEADER });
    t.rows = items.into_iter().map(|e| row(e, now, wide)).collect();
    t
}
