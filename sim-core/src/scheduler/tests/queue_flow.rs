//! The scheduling queue through the public API: backoff timing, the unschedulable pool, cluster
//! events, the 5-minute flush, priority order, binding failures.

use super::harness::*;
use crate::{
    model::{Pod, TaintEffect},
    rng::SimRng,
    scheduler::{
        Outcome, QueueCounts, Scheduler,
        config::Profile,
        testing::{NodeBuilder, PodBuilder},
    },
    time::SimTime,
};

fn t(ms: u64) -> SimTime {
    SimTime::from_millis(ms)
}

fn counts(s: &Scheduler) -> (usize, usize, usize, usize) {
    let QueueCounts { active, backoff, unschedulable, in_flight } = s.pending_counts();
    (active, backoff, unschedulable, in_flight)
}

/// Pops and schedules `pod` at `now`, returning the outcome.
fn cycle(s: &mut Scheduler, pod: &Pod, now: SimTime) -> Outcome {
    assert_eq!(s.pop(now), Some(pod.metadata.uid), "expected {} to be popped", pod.metadata.name);
    s.schedule_one(pod, now, &mut SimRng::new(1)).outcome
}

#[test]
fn backoff_doubles_from_one_second_to_ten() {
    // No nodes: the failure belongs to no plugin, so the pod always backs off.
    let mut s = Scheduler::new(Profile::default());
    let pod = PodBuilder::new("p").build();
    s.add_pod(&pod, t(0));
    let mut now = t(0);
    let mut waits = Vec::new();
    for _ in 0..6 {
        assert_eq!(cycle(&mut s, &pod, now), Outcome::Unschedulable);
        assert_eq!(counts(&s), (0, 1, 0, 0));
        let due = s.next_timeout().unwrap();
        waits.push(due.millis_since(now));
        assert_eq!(s.pop(t(due.as_millis() - 1)), None, "still backing off 1 ms early");
        s.handle_timeout(due);
        assert_eq!(counts(&s), (1, 0, 0, 0));
        now = due;
    }
    assert_eq!(waits, [1000, 2000, 4000, 8000, 10_000, 10_000]);
}

#[test]
fn unschedulable_pods_wait_for_a_helpful_event() {
    let mut s = cluster(
        Profile::default(),
        &[NodeBuilder::new("small").cpu("1").memory("1Gi").build()],
        &[],
    );
    let pod = PodBuilder::new("p").cpu("2").build();
    s.add_pod(&pod, t(0));
    assert_eq!(cycle(&mut s, &pod, t(0)), Outcome::Unschedulable);
    assert_eq!(counts(&s), (0, 0, 1, 0));
    // A node that cannot fit the pod either does not move it...
    s.add_node(&NodeBuilder::new("also-small").cpu("1").memory("1Gi").build(), t(100));
    assert_eq!(counts(&s), (0, 0, 1, 0));
    // ...nor does a tainted update of an unrelated node.
    s.update_node(
        &NodeBuilder::new("small")
            .cpu("1")
            .memory("1Gi")
            .taint("x", "", TaintEffect::NoSchedule)
            .build(),
        t(200),
    );
    assert_eq!(counts(&s), (0, 0, 1, 0));
    // A node with room does; the 1 s backoff (from t=0) has not completed at t=500.
    s.add_node(&NodeBuilder::new("big").cpu("4").memory("4Gi").build(), t(500));
    assert_eq!(counts(&s), (0, 1, 0, 0));
    assert_eq!(s.next_timeout(), Some(t(1000)));
    s.handle_timeout(t(1000));
    assert_eq!(cycle(&mut s, &pod, t(1000)), Outcome::Scheduled);
    assert_eq!(counts(&s), (0, 0, 0, 1), "assumed, waiting for its binding");
    s.binding_finished(pod.metadata.uid, true, t(1100));
    assert_eq!(counts(&s), (0, 0, 0, 0));
}

#[test]
fn deleting_a_running_pod_requeues_pods_that_lacked_resources() {
    let running = PodBuilder::new("r").cpu("1500m").on_node("n").build();
    let mut s = cluster(
        Profile::default(),
        &[NodeBuilder::new("n").cpu("2").memory("2Gi").build()],
        std::slice::from_ref(&running),
    );
    let pod = PodBuilder::new("p").cpu("1").build();
    s.add_pod(&pod, t(0));
    assert_eq!(cycle(&mut s, &pod, t(0)), Outcome::Unschedulable);
    assert_eq!(counts(&s), (0, 0, 1, 0));
    s.remove_pod(&running, t(5000));
    assert_eq!(counts(&s), (1, 0, 0, 0));
    assert_eq!(cycle(&mut s, &pod, t(5000)), Outcome::Scheduled);
}

#[test]
fn untouched_unschedulable_pods_are_flushed_after_five_minutes_on_a_30s_tick() {
    let mut s =
        cluster(Profile::default(), &[NodeBuilder::new("n").cpu("1").memory("1Gi").build()], &[]);
    let pod = PodBuilder::new("p").cpu("2").build();
    s.add_pod(&pod, t(0));
    assert_eq!(cycle(&mut s, &pod, t(12_000)), Outcome::Unschedulable);
    // In the pool since t=12 s: more than 5 min at 312.001 s; the next 30 s tick is 330 s.
    assert_eq!(s.next_timeout(), Some(t(330_000)));
    s.handle_timeout(t(329_999));
    assert_eq!(counts(&s), (0, 0, 1, 0));
    s.handle_timeout(t(330_000));
    assert_eq!(counts(&s), (1, 0, 0, 0));
}

#[test]
fn active_queue_orders_by_priority_then_age() {
    let mut s =
        cluster(Profile::default(), &[NodeBuilder::new("n").cpu("8").memory("8Gi").build()], &[]);
    let low_old = PodBuilder::new("low-old").build();
    let high = PodBuilder::new("high").priority(1000).build();
    let low_new = PodBuilder::new("low-new").build();
    s.add_pod(&low_old, t(1));
    s.add_pod(&high, t(2));
    s.add_pod(&low_new, t(3));
    let order: Vec<_> = std::iter::from_fn(|| s.pop(t(10))).collect();
    assert_eq!(order, [high.metadata.uid, low_old.metadata.uid, low_new.metadata.uid]);
}

#[test]
fn failed_binding_forgets_the_assumption_and_backs_off() {
    let mut s =
        cluster(Profile::default(), &[NodeBuilder::new("n").cpu("1").memory("1Gi").build()], &[]);
    let pod = PodBuilder::new("p").cpu("800m").build();
    s.add_pod(&pod, t(0));
    assert_eq!(cycle(&mut s, &pod, t(0)), Outcome::Scheduled);
    // While assumed, the node is full for anyone else.
    let other = PodBuilder::new("o").cpu("800m").build();
    assert_eq!(
        s.clone().schedule_one(&other, t(1), &mut SimRng::new(1)).outcome,
        Outcome::Unschedulable
    );
    s.binding_finished(pod.metadata.uid, false, t(50));
    assert_eq!(counts(&s), (0, 1, 0, 0));
    assert_eq!(s.next_timeout(), Some(t(1050)));
    assert_eq!(s.schedule_one(&other, t(60), &mut SimRng::new(1)).outcome, Outcome::Scheduled);
}

#[test]
fn observed_binding_confirms_and_deletion_frees() {
    let mut s =
        cluster(Profile::default(), &[NodeBuilder::new("n").cpu("1").memory("1Gi").build()], &[]);
    let pending = PodBuilder::new("p").cpu("800m").build();
    s.add_pod(&pending, t(0));
    assert_eq!(cycle(&mut s, &pending, t(0)), Outcome::Scheduled);
    let mut bound = pending.clone();
    bound.node_name = "n".into();
    s.update_pod(&pending, &bound, t(10));
    s.binding_finished(pending.metadata.uid, true, t(10));
    s.cache.check_invariants().unwrap();
    assert_eq!(s.cache.hot[0].req_cpu, 800, "counted once");
    let mut done = bound.clone();
    done.status.phase = crate::model::PodPhase::Succeeded;
    s.update_pod(&bound, &done, t(20));
    assert_eq!(s.cache.hot[0].req_cpu, 0, "finished pods free their requests");
}
