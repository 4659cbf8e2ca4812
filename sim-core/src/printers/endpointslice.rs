//! `kubectl get endpointslices` (`printEndpointSlice`, `formatDiscoveryPorts`,
//! `formatDiscoveryEndpoints`): at most three ports and addresses, then `+ N more...`.

use super::{duration::human_duration, table::Table};
use crate::{model::EndpointSlice, time::SimTime};

/// Columns of `kubectl get endpointslices` (`-o wide` adds none).
pub const HEADER: &[&str] = &["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"];

const MAX_LISTED: usize = 3;

/// `listWithMoreString`: the first three items, `+ N more...`, or `<unset>` for none.
fn list_with_more(items: Vec<String>) -> String {
    let count = items.len();
    if count > MAX_LISTED {
        return format!("{} + {} more...", items[..MAX_LISTED].join(","), count - MAX_LISTED);
    }
    if count == 0 { "<unset>".into() } else { items.join(",") }
}

/// One row.
pub fn row(e: &EndpointSlice, now: SimTime) -> Vec<String> {
    let ports = e.ports.iter().map(|p| p.port.to_string()).collect();
    let addresses =
        e.endpoints.iter().flat_map(|ep| &ep.addresses).map(|a| a.to_string()).collect();
    vec![
        e.metadata.name.clone(),
        e.address_type.clone(),
        list_with_more(ports),
        list_with_more(addresses),
        human_duration(now.millis_since(e.metadata.creation_timestamp)),
    ]
}

/// `kubectl get endpointslices` as a table.
pub fn table<'a>(items: impl IntoIterator<Item = &'a EndpointSlice>, now: SimTime) -> Table {
    let mut t = Table::new(HEADER);
    t.rows = items.into_iter().map(|e| row(e, now)).collect();
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_three_then_counts_the_rest() {
        assert_eq!(list_with_more(vec![]), "<unset>");
        let four: Vec<String> = (1..=4).map(|i| format!("10.0.0.{i}")).collect();
        assert_eq!(list_with_more(four), "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...");
    }
}
