//! `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (`printEvent`).

use super::{duration::human_duration, table};
use crate::{model::Event, time::SimTime};

/// Prints events in the order given (the API lists them by name).
pub fn get_events<'a>(events: impl IntoIterator<Item = &'a Event>, now: SimTime) -> String {
    let rows: Vec<Vec<String>> = events
        .into_iter()
        .map(|e| {
            let last = human_duration(now.millis_since(e.last_timestamp));
            let seen = if e.count > 1 {
                format!(
                    "{last} (x{} over {})",
                    e.count,
                    human_duration(now.millis_since(e.first_timestamp))
                )
            } else {
                last
            };
            let kind = e.involved_object.kind.to_ascii_lowercase();
            let object = if e.involved_object.name.is_empty() {
                kind
            } else {
                format!("{kind}/{}", e.involved_object.name)
            };
            vec![seen, e.type_.as_str().to_owned(), e.reason.clone(), object, e.message.clone()]
        })
        .collect();
    if rows.is_empty() {
        return "No resources found in default namespace.\n".into();
    }
    table::render(&["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &rows)
}
