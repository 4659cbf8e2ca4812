use super::*;

fn spec() -> Arc<PodSpec> {
    Arc::new(PodSpec::default())
}

#[test]
fn backoff_table() {
    let q = SchedulingQueue::new(1000, 10_000);
    let got: Vec<u64> = (0..7).map(|a| q.backoff_ms(a)).collect();
    assert_eq!(got, [0, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    let odd = SchedulingQueue::new(3000, 10_000);
    assert_eq!(odd.backoff_ms(3), 10_000, "6 s would double past the cap");
}

#[test]
fn a_move_request_during_the_cycle_skips_the_unschedulable_pool() {
    let mut q = SchedulingQueue::new(1000, 10_000);
    let uid = Uid(1);
    q.add(uid, 0, spec(), SimTime::ZERO);
    assert_eq!(q.pop(SimTime::ZERO, 1), Some(uid));
    // An event arrives while the pod is being scheduled (cycle 1)...
    q.on_event(SimTime::from_millis(10), 1, |_| true);
    // ...so its failure sends it to backoff rather than the pool.
    q.requeue_failed(uid, 1, SimTime::from_millis(20));
    assert_eq!(q.counts(), QueueCounts { active: 0, backoff: 1, unschedulable: 0, in_flight: 0 });
}

#[test]
fn flush_ticks_are_multiples_of_thirty_seconds() {
    assert_eq!(SchedulingQueue::flush_tick_after(SimTime::ZERO), SimTime::from_secs(330));
    assert_eq!(SchedulingQueue::flush_tick_after(SimTime::from_secs(29)), SimTime::from_secs(330));
    assert_eq!(SchedulingQueue::flush_tick_after(SimTime::from_secs(30)), SimTime::from_secs(360));
}

#[test]
fn updating_a_waiting_pod_retries_it() {
    let mut q = SchedulingQueue::new(1000, 10_000);
    let uid = Uid(7);
    q.add(uid, 0, spec(), SimTime::ZERO);
    q.pop(SimTime::ZERO, 1);
    q.requeue_failed(uid, 1, SimTime::ZERO);
    assert_eq!(q.counts().unschedulable, 1);
    let changed = Arc::new(PodSpec { priority: 0, host_network: true, ..PodSpec::default() });
    q.update(uid, 0, changed, SimTime::from_secs(5));
    assert_eq!(q.counts().active, 1);
}
