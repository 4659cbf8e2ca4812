//! The EndpointSlice controller (`pkg/controller/endpointslice`).
//!
//! For each Service with a selector: one endpoint per selected pod that has an IP and is
//! not terminal, with `ready` (Ready and not terminating), `serving` (Ready) and
//! `terminating`; at most 100 endpoints per slice (`--max-endpoints-per-slice`).
//!
//! Simplified packing: existing endpoints stay in their slice, new ones fill the first slice
//! with room, and a new slice is created only when all are full; empty slices are deleted
//! except one placeholder. Upstream's reconciler follows the same "update in place, prefer
//! one new slice" goals with more elaborate bookkeeping.

use super::super::{
    api::Api,
    log::{Component, ObjRef, Verb},
    store::NsName,
};
use crate::model::{
    EndpointSlice, ObjectMeta, OwnerReference, Pod, PodPhase, Service, Uid,
    service::{
        ENDPOINTSLICE_CONTROLLER, Endpoint, EndpointPort, LABEL_MANAGED_BY, LABEL_SERVICE_NAME,
        ObjectReference,
    },
    workload::IntOrString,
};
use std::collections::{BTreeMap, BTreeSet};

/// `--max-endpoints-per-slice` default.
pub const MAX_ENDPOINTS_PER_SLICE: usize = 100;

const ME: Component = Component::EndpointSliceController;

/// Reconciles the Services in `keys`.
pub(crate) fn sync(api: &mut Api, keys: BTreeSet<NsName>) {
    for k in keys {
        let Some(svc) = api.store.service(&k.0, &k.1).cloned() else { continue };
        if svc.spec.selector.as_ref().is_none_or(|s| s.is_empty()) {
            continue;
        }
        api.synced(&ME, ObjRef::new("Service", &k.0, &k.1));
        reconcile(api, &svc);
    }
}

fn endpoint_for(p: &Pod) -> Option<Endpoint> {
    let ip = p.status.pod_ip?;
    if matches!(p.status.phase, PodPhase::Succeeded | PodPhase::Failed) {
        return None;
    }
    let ready = p.status.is_ready();
    let terminating = p.metadata.deletion_timestamp.is_some();
    Some(Endpoint {
        addresses: vec![ip],
        ready: ready && !terminating,
        serving: ready,
        terminating,
        node_name: p.node_name.clone(),
        target_ref: ObjectReference {
            kind: "Pod".into(),
            namespace: p.metadata.namespace.clone(),
            name: p.metadata.name.clone(),
            uid: p.metadata.uid,
        },
    })
}

fn ports_for(svc: &Service, sample: Option<&Pod>) -> Vec<EndpointPort> {
    svc.spec
        .ports
        .iter()
        .map(|sp| {
            let port = match &sp.target_port {
                IntOrString::Int(p) => *p,
                IntOrString::String(name) => sample
                    .and_then(|p| {
                        p.spec.containers.iter().flat_map(|c| &c.ports).find(|cp| cp.name == *name)
                    })
                    .map_or(sp.port, |cp| cp.container_port),
            };
            EndpointPort { name: sp.name.clone(), port, protocol: sp.protocol }
        })
        .collect()
}

fn reconcile(api: &mut Api, svc: &Service) {
    let (ns, name) = (svc.metadata.namespace.clone(), svc.metadata.name.clone());
    let Some(selector) = svc.spec.selector.clone() else { return };
    let mut desired: BTreeMap<Uid, Endpoint> = BTreeMap::new();
    let mut sample = None;
    for p in api.store.pods_in_namespace(&ns) {
        if selector.is_subset_of(&p.metadata.labels)
            && let Some(e) = endpoint_for(p)
        {
            sample.get_or_insert(p.metadata.uid);
            desired.insert(p.metadata.uid, e);
        }
    }
    let ports = ports_for(svc, sample.and_then(|u| api.store.pod(u)));
    let existing: Vec<EndpointSlice> = api.store.endpoint_slices_for(&ns, &name).cloned().collect();
    let mut placed: BTreeSet<Uid> = BTreeSet::new();
    let mut slices: Vec<(EndpointSlice, bool)> = Vec::new();
    for mut s in existing {
        let before = s.clone();
        s.endpoints.retain_mut(|e| match desired.get(&e.target_ref.uid) {
            Some(d) if placed.insert(e.target_ref.uid) => {
                *e = d.clone();
                true
            }
            _ => false,
        });
        s.ports = ports.clone();
        let changed = s != before;
        slices.push((s, changed));
    }
    for (uid, e) in desired {
        if placed.contains(&uid) {
            continue;
        }
        match slices.iter_mut().find(|(s, _)| s.endpoints.len() < MAX_ENDPOINTS_PER_SLICE) {
            Some((s, changed)) => {
                s.endpoints.push(e);
                *changed = true;
            }
            None => {
                let mut s = new_slice(api, svc, ports.clone());
                s.endpoints.push(e);
                slices.push((s, true));
            }
        }
    }
    let any_endpoints = slices.iter().any(|(s, _)| !s.endpoints.is_empty());
    if !any_endpoints && slices.is_empty() {
        slices.push((new_slice(api, svc, ports), true));
    }
    // Empty slices go, except one placeholder when the Service has no endpoints at all.
    let mut placeholder_kept = any_endpoints;
    for (s, changed) in slices {
        let exists = api.store.endpoint_slices.contains_key(&(ns.clone(), s.metadata.name.clone()));
        if s.endpoints.is_empty() {
            if placeholder_kept {
                if exists {
                    api.delete_endpoint_slice(&ME, &ns, &s.metadata.name);
                }
                continue;
            }
            placeholder_kept = true;
        }
        if changed || !exists {
            let verb = if exists { Verb::Update } else { Verb::Create };
            api.put_endpoint_slice(&ME, verb, s);
        }
    }
}

fn new_slice(api: &mut Api, svc: &Service, ports: Vec<EndpointPort>) -> EndpointSlice {
    let mut name = api.generate_name(&format!("{}-", svc.metadata.name));
    while api.store.endpoint_slices.contains_key(&(svc.metadata.namespace.clone(), name.clone())) {
        name = api.generate_name(&format!("{}-", svc.metadata.name));
    }
    let mut meta = ObjectMeta::named(&svc.metadata.namespace, &name);
    meta.generate_name = format!("{}-", svc.metadata.name);
    meta.labels.insert(LABEL_SERVICE_NAME, svc.metadata.name.clone());
    meta.labels.insert(LABEL_MANAGED_BY, ENDPOINTSLICE_CONTROLLER);
    meta.owner_references.push(OwnerReference {
        api_version: "v1".into(),
        kind: "Service".into(),
        name: svc.metadata.name.clone(),
        uid: svc.metadata.uid,
        controller: true,
        block_owner_deletion: true,
    });
    EndpointSlice { metadata: meta, address_type: "IPv4".into(), endpoints: Vec::new(), ports }
}
