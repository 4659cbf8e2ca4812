//! The taint eviction controller (`taint-eviction-controller`, formerly the taint manager).
//!
//! For a pod on a node with NoExecute taints: a taint the pod does not tolerate evicts it at
//! once; otherwise it is evicted after the smallest `tolerationSeconds` among the
//! tolerations used (counted from when the controller saw the taints), unless the taints go
//! away first; a toleration without `tolerationSeconds` keeps it forever. Eviction adds the
//! `DisruptionTarget` condition and deletes the pod gracefully.

use super::super::{
    api::Api,
    log::{Component, ObjRef},
    timers::Task,
    watch::TaintKey,
};
use crate::{
    model::{
        EventType, Pod, Taint, TaintEffect, Toleration, Uid,
        node::ConditionStatus,
        pod::{PodCondition, PodConditionType},
    },
    time::SimTime,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const ME: Component = Component::TaintEvictionController;

/// The controller's schedule of pending evictions.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct TaintEvictionController {
    scheduled: BTreeMap<Uid, SimTime>,
}

/// What NoExecute taints mean for a pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No NoExecute taint applies.
    Stay,
    /// Tolerated forever.
    Tolerated,
    /// Evict after this many seconds (0: now).
    EvictAfter(u64),
}

/// `getMinTolerationTime` over the NoExecute taints.
pub fn verdict(taints: &[Taint], tolerations: &[Toleration]) -> Verdict {
    let mut min: Option<u64> = None;
    let mut any = false;
    for t in taints.iter().filter(|t| t.effect == TaintEffect::NoExecute) {
        any = true;
        let used: Vec<&Toleration> = tolerations.iter().filter(|tol| tol.tolerates(t)).collect();
        if used.is_empty() {
            return Verdict::EvictAfter(0);
        }
        for tol in used {
            if let Some(s) = tol.toleration_seconds {
                let s = u64::try_from(s.max(0)).unwrap_or(0);
                min = Some(min.map_or(s, |m| m.min(s)));
            }
        }
    }
    match (any, min) {
        (false, _) => Verdict::Stay,
        (true, None) => Verdict::Tolerated,
        (true, Some(s)) => Verdict::EvictAfter(s),
    }
}

impl TaintEvictionController {
    /// Handles watch deliveries.
    pub(crate) fn handle(&mut self, api: &mut Api, keys: BTreeSet<TaintKey>) {
        for k in keys {
            match k {
                TaintKey::Node(name) => {
                    let pods: Vec<Uid> = api.store.pods_on_node(&name).collect();
                    for uid in pods {
                        self.check(api, uid);
                    }
                }
                TaintKey::Pod(uid) => self.check(api, uid),
            }
        }
    }

    fn check(&mut self, api: &mut Api, uid: Uid) {
        let now = api.now;
        let Some(pod) = api.store.pod(uid) else {
            self.scheduled.remove(&uid);
            return;
        };
        if pod.metadata.deletion_timestamp.is_some() || pod.node_name.is_empty() {
            self.scheduled.remove(&uid);
            return;
        }
        let taints =
            api.store.node(&pod.node_name).map(|n| n.spec.taints.clone()).unwrap_or_default();
        match verdict(&taints, &pod.spec.tolerations) {
            Verdict::Stay | Verdict::Tolerated => {
                if self.scheduled.remove(&uid).is_some() {
                    let name = format!("{}/{}", pod.metadata.namespace, pod.metadata.name);
                    let r = ObjRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
                    api.event(
                        &ME,
                        EventType::Normal,
                        "TaintManagerEviction",
                        r,
                        uid,
                        format!("Cancelling deletion of Pod {name}"),
                    );
                }
            }
            Verdict::EvictAfter(0) => self.evict(api, uid),
            Verdict::EvictAfter(s) => {
                let trigger = now.plus_secs(s);
                if self.scheduled.get(&uid).is_none_or(|t| *t > trigger) {
                    self.scheduled.insert(uid, trigger);
                    api.timers.push(trigger, Task::TaintEvictionCheck(uid));
                }
            }
        }
    }

    /// A scheduled eviction's time came.
    pub(crate) fn fire(&mut self, api: &mut Api, uid: Uid) {
        let now = api.now;
        if self.scheduled.get(&uid).is_none_or(|t| *t > now) {
            return;
        }
        self.scheduled.remove(&uid);
        let still = api.store.pod(uid).is_some_and(|p| {
            let taints =
                api.store.node(&p.node_name).map(|n| n.spec.taints.clone()).unwrap_or_default();
            matches!(verdict(&taints, &p.spec.tolerations), Verdict::EvictAfter(_))
                && p.metadata.deletion_timestamp.is_none()
        });
        if still {
            self.evict(api, uid);
        }
    }

    fn evict(&mut self, api: &mut Api, uid: Uid) {
        self.scheduled.remove(&uid);
        let Some(pod) = api.store.pod(uid) else { return };
        let r = ObjRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
        let name = format!("{}/{}", pod.metadata.namespace, pod.metadata.name);
        api.event(
            &ME,
            EventType::Normal,
            "TaintManagerEviction",
            r,
            uid,
            format!("Marking for deletion Pod {name}"),
        );
        add_disruption_target(
            api,
            &ME,
            uid,
            "DeletionByTaintManager",
            "Taint manager: deleting due to NoExecute taint",
        );
        api.delete_pod(&ME, uid, None);
    }
}

/// Adds `DisruptionTarget=True` with `reason` before a disruption deletes the pod.
pub(crate) fn add_disruption_target(
    api: &mut Api,
    who: &Component,
    uid: Uid,
    reason: &str,
    message: &str,
) {
    let now = api.now;
    let has = api
        .store
        .pod(uid)
        .is_some_and(|p: &Pod| p.status.condition(PodConditionType::DisruptionTarget).is_some());
    if has {
        return;
    }
    api.update_pod(who, uid, "pods/status", |p| {
        p.status.conditions.push(PodCondition {
            type_: PodConditionType::DisruptionTarget,
            status: ConditionStatus::True,
            last_transition_time: now,
            reason: reason.to_owned(),
            message: message.to_owned(),
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TolerationOperator, node::taint_keys};

    fn tol(key: &str, secs: Option<i64>) -> Toleration {
        Toleration {
            key: key.into(),
            operator: TolerationOperator::Exists,
            effect: Some(TaintEffect::NoExecute),
            toleration_seconds: secs,
            ..Default::default()
        }
    }

    #[test]
    fn verdicts() {
        let unreachable = Taint::new(taint_keys::UNREACHABLE, TaintEffect::NoExecute);
        let gpu = Taint::new("gpu", TaintEffect::NoSchedule);
        let defaults =
            [tol(taint_keys::NOT_READY, Some(300)), tol(taint_keys::UNREACHABLE, Some(300))];
        let cases: Vec<(Vec<Taint>, Vec<Toleration>, Verdict)> = vec![
            (vec![], defaults.to_vec(), Verdict::Stay),
            (vec![gpu.clone()], vec![], Verdict::Stay),
            (vec![unreachable.clone()], defaults.to_vec(), Verdict::EvictAfter(300)),
            (vec![unreachable.clone()], vec![], Verdict::EvictAfter(0)),
            (
                vec![unreachable.clone()],
                vec![tol(taint_keys::UNREACHABLE, None)],
                Verdict::Tolerated,
            ),
            (
                vec![unreachable.clone()],
                vec![tol(taint_keys::UNREACHABLE, Some(30)), tol("", Some(600))],
                Verdict::EvictAfter(30),
            ),
        ];
        for (i, (taints, tols, want)) in cases.into_iter().enumerate() {
            assert_eq!(verdict(&taints, &tols), want, "case {i}");
        }
    }
}
