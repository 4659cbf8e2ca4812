//! `kubectl describe service` (`describeService`, `formatEndpointSlices`).

use super::{PrefixWriter, annotations_multiline, events_section, labels_multiline};
use crate::{
    model::{EndpointSlice, Event, IntOrString, Labels, Service, ServiceType},
    printers::labels::format_labels,
    time::SimTime,
};

/// Describes one Service with its EndpointSlices.
pub fn describe_service(
    s: &Service,
    slices: &[&EndpointSlice],
    events: Option<&[&Event]>,
    now: SimTime,
) -> String {
    let mut w = PrefixWriter::new();
    let (m, spec) = (&s.metadata, &s.spec);
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    labels_multiline(&mut w, "", "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            format_labels(spec.selector.as_ref().unwrap_or(&Labels::new()))
        ),
    );
    w.write(0, &format!("Type:\t{}\n", spec.type_.as_str()));
    let ip = if spec.headless {
        Some("None".to_owned())
    } else {
        spec.cluster_ip.map(|ip| ip.to_string())
    };
    match &ip {
        // The API server defaults these once it has allocated an IP.
        Some(_) => {
            w.write(0, "IP Family Policy:\tSingleStack\n");
            w.write(0, "IP Families:\tIPv4\n");
        }
        None => w.write(0, "IP Families:\t<none>\n"),
    }
    w.write(0, &format!("IP:\t{}\n", ip.clone().unwrap_or_default()));
    w.write(0, &format!("IPs:\t{}\n", ip.unwrap_or_else(|| "<none>".into())));
    for p in &spec.ports {
        let name = if p.name.is_empty() { "<unset>" } else { &p.name };
        let proto = p.protocol.as_str();
        w.write(0, &format!("Port:\t{name}\t{}/{proto}\n", p.port));
        match &p.target_port {
            IntOrString::Int(i) => w.write(0, &format!("TargetPort:\t{i}/{proto}\n")),
            IntOrString::String(t) => w.write(0, &format!("TargetPort:\t{t}/{proto}\n")),
        }
        if let Some(np) = p.node_port.filter(|n| *n != 0) {
            w.write(0, &format!("NodePort:\t{name}\t{np}/{proto}\n"));
        }
        w.write(0, &format!("Endpoints:\t{}\n", endpoints(slices, &p.name)));
    }
    let affinity = if spec.session_affinity_client_ip { "ClientIP" } else { "None" };
    w.write(0, &format!("Session Affinity:\t{affinity}\n"));
    if matches!(spec.type_, ServiceType::NodePort | ServiceType::LoadBalancer) {
        w.write(0, "External Traffic Policy:\tCluster\n");
    }
    w.write(0, "Internal Traffic Policy:\tCluster\n");
    if let Some(events) = events {
        events_section(&mut w, events, now);
    }
    w.finish()
}

/// `formatEndpointSlices` for one port name: ready endpoints as `ip:port`, at most three.
fn endpoints(slices: &[&EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let mut list = Vec::new();
    let mut count = 0;
    for slice in slices {
        if slice.ports.is_empty() {
            for ep in slice.endpoints.iter().filter(|e| e.ready) {
                if let Some(a) = ep.addresses.first() {
                    if list.len() < 3 {
                        list.push(a.to_string());
                    }
                    count += 1;
                }
            }
            continue;
        }
        for port in slice.ports.iter().filter(|p| p.name == port_name) {
            for ep in slice.endpoints.iter().filter(|e| e.ready) {
                if let Some(a) = ep.addresses.first() {
                    if list.len() < 3 {
                        list.push(format!("{a}:{}", port.port));
                    }
                    count += 1;
                }
            }
        }
    }
    let joined = list.join(",");
    if count > 3 { format!("{joined} + {} more...", count - 3) } else { joined }
}
