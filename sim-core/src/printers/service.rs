//! `kubectl get services [-o wide]` (`printService`, `getServiceExternalIP`,
//! `makePortString`).

use super::{duration::human_duration, labels, table::Table};
use crate::{
    model::{Labels, Service, ServiceType, service::ServicePort},
    time::SimTime,
};

/// Columns of `kubectl get services`.
pub const HEADER: &[&str] = &["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"];
/// Columns `-o wide` adds.
pub const WIDE: &[&str] = &["SELECTOR"];

/// CLUSTER-IP: the allocated IP, `None` for a headless Service, `<none>` before allocation.
pub fn cluster_ip(s: &Service) -> String {
    if s.spec.headless {
        return "None".into();
    }
    s.spec.cluster_ip.map_or_else(|| "<none>".to_owned(), |ip| ip.to_string())
}

/// EXTERNAL-IP: `<none>` for ClusterIP and NodePort Services; `<pending>` for a LoadBalancer,
/// since the simulated cluster has no cloud load balancer to fill `status.loadBalancer`.
pub fn external_ip(s: &Service) -> String {
    match s.spec.type_ {
        ServiceType::ClusterIP | ServiceType::NodePort => "<none>".into(),
        ServiceType::LoadBalancer => "<pending>".into(),
    }
}

/// PORT(S): `80/TCP`, `80:30080/TCP`, comma-separated; `<none>` without ports.
pub fn ports(ports: &[ServicePort]) -> String {
    if ports.is_empty() {
        return "<none>".into();
    }
    ports
        .iter()
        .map(|p| match p.node_port {
            Some(np) if np > 0 => format!("{}:{np}/{}", p.port, p.protocol.as_str()),
            _ => format!("{}/{}", p.port, p.protocol.as_str()),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// One row.
pub fn row(s: &Service, now: SimTime, wide: bool) -> Vec<String> {
    let mut row = vec![
        s.metadata.name.clone(),
        s.spec.type_.as_str().to_owned(),
        cluster_ip(s),
        external_ip(s),
        ports(&s.spec.ports),
        human_duration(now.millis_since(s.metadata.creation_timestamp)),
    ];
    if wide {
        row.push(labels::format_labels(s.spec.selector.as_ref().unwrap_or(&Labels::new())));
    }
    row
}

/// `kubectl get services` as a table.
pub fn table<'a>(items: impl IntoIterator<Item = &'a Service>, now: SimTime, wide: bool) -> Table {
    let mut t = Table::new(HEADER);
    if wide {
        t.header.extend(WIDE.iter().map(|h| (*h).to_owned()));
    }
    t.rows = items.into_iter().map(|s| row(s, now, wide)).collect();
    t
}
