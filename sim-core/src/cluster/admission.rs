//! Admission: what the API server adds to objects on create.
//!
//! - `DefaultTolerationSeconds`: every pod tolerates `node.kubernetes.io/not-ready` and
//!   `node.kubernetes.io/unreachable` (NoExecute) for 300 s unless it already tolerates them.
//! - Defaulting: a container with only a limit gets a request equal to it.
//! - `status.qosClass` (pod-qos.md rules).
//!
//! Admission is idempotent and returns the *same* `Arc<PodSpec>` when nothing changes, so
//! pods created from a template keep sharing one spec.

use crate::model::{
    PodSpec, ResourceName, Taint, TaintEffect, Toleration, TolerationOperator, node::taint_keys,
    pod::QosClass,
};
use std::sync::Arc;

/// Applies spec admission; returns the input `Arc` untouched when already admitted.
pub(crate) fn admit_spec(spec: &Arc<PodSpec>, toleration_seconds: i64) -> Arc<PodSpec> {
    let missing: Vec<&str> = [taint_keys::NOT_READY, taint_keys::UNREACHABLE]
        .into_iter()
        .filter(|key| {
            let taint = Taint::new(key, TaintEffect::NoExecute);
            !spec.tolerations.iter().any(|t| t.tolerates(&taint))
        })
        .collect();
    let needs_requests = spec
        .containers
        .iter()
        .chain(&spec.init_containers)
        .any(|c| c.resources.limits.iter().any(|(n, _)| c.resources.requests.get(n).is_none()));
    if missing.is_empty() && !needs_requests {
        return Arc::clone(spec);
    }
    let mut out = PodSpec::clone(spec);
    for key in missing {
        out.tolerations.push(Toleration {
            key: key.to_owned(),
            operator: TolerationOperator::Exists,
            value: String::new(),
            effect: Some(TaintEffect::NoExecute),
            toleration_seconds: Some(toleration_seconds),
        });
    }
    for c in out.containers.iter_mut().chain(out.init_containers.iter_mut()) {
        let limits: Vec<_> = c.resources.limits.iter().map(|(n, q)| (n.clone(), q)).collect();
        for (name, q) in limits {
            if c.resources.requests.get(&name).is_none() {
                c.resources.requests.set(name, q);
            }
        }
    }
    Arc::new(out)
}

/// `status.qosClass` by the pod-qos.md rules (cpu and memory only).
pub(crate) fn qos_class(spec: &PodSpec) -> QosClass {
    let containers: Vec<_> = spec.containers.iter().chain(&spec.init_containers).collect();
    let cpu_mem = [ResourceName::Cpu, ResourceName::Memory];
    let any_set = containers.iter().any(|c| {
        cpu_mem.iter().any(|r| {
            c.resources.requests.get(r).is_some_and(|q| !q.is_zero())
                || c.resources.limits.get(r).is_some_and(|q| !q.is_zero())
        })
    });
    if !any_set {
        return QosClass::BestEffort;
    }
    let guaranteed = containers.iter().all(|c| {
        cpu_mem.iter().all(|r| match (c.resources.requests.get(r), c.resources.limits.get(r)) {
            (Some(req), Some(lim)) => req == lim && !lim.is_zero(),
            (None, Some(lim)) => !lim.is_zero(),
            _ => false,
        })
    });
    if guaranteed { QosClass::Guaranteed } else { QosClass::Burstable }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, Quantity};

    fn spec_with(requests: &[(ResourceName, &str)], limits: &[(ResourceName, &str)]) -> PodSpec {
        let mut c = Container { name: "c".into(), image: "nginx".into(), ..Default::default() };
        for (n, q) in requests {
            c.resources.requests.set(n.clone(), Quantity::parse(q).unwrap());
        }
        for (n, q) in limits {
            c.resources.limits.set(n.clone(), Quantity::parse(q).unwrap());
        }
        PodSpec { containers: vec![c], ..Default::default() }
    }

    #[test]
    fn adds_two_default_tolerations_once() {
        let spec = Arc::new(spec_with(&[], &[]));
        let admitted = admit_spec(&spec, 300);
        assert_eq!(admitted.tolerations.len(), 2);
        assert!(admitted.tolerations.iter().all(|t| t.toleration_seconds == Some(300)));
        let again = admit_spec(&admitted, 300);
        assert!(Arc::ptr_eq(&again, &admitted), "admission is idempotent and shares the spec");
    }

    #[test]
    fn keeps_a_pod_own_toleration() {
        let mut spec = spec_with(&[], &[]);
        spec.tolerations.push(Toleration {
            key: taint_keys::UNREACHABLE.into(),
            operator: TolerationOperator::Exists,
            effect: Some(TaintEffect::NoExecute),
            toleration_seconds: Some(5),
            ..Default::default()
        });
        let admitted = admit_spec(&Arc::new(spec), 300);
        let unreachable: Vec<_> =
            admitted.tolerations.iter().filter(|t| t.key == taint_keys::UNREACHABLE).collect();
        assert_eq!(unreachable.len(), 1);
        assert_eq!(unreachable[0].toleration_seconds, Some(5));
    }

    #[test]
    fn qos_classes_follow_the_docs() {
        let cases = [
            (spec_with(&[], &[]), QosClass::BestEffort),
            (spec_with(&[(ResourceName::Cpu, "100m")], &[]), QosClass::Burstable),
            (
                spec_with(
                    &[(ResourceName::Cpu, "1"), (ResourceName::Memory, "1Gi")],
                    &[(ResourceName::Cpu, "1"), (ResourceName::Memory, "1Gi")],
                ),
                QosClass::Guaranteed,
            ),
            (
                spec_with(&[], &[(ResourceName::Cpu, "1"), (ResourceName::Memory, "1Gi")]),
                QosClass::Guaranteed,
            ),
            (
                spec_with(&[(ResourceName::Cpu, "500m")], &[(ResourceName::Cpu, "1")]),
                QosClass::Burstable,
            ),
        ];
        for (spec, want) in cases {
            assert_eq!(qos_class(&spec), want, "{spec:?}");
        }
    }
}
