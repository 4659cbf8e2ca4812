use super::*;
use crate::widgets::cluster::{
    driver::{Chunks, Command, Driver},
    presets,
};
use sim_core::cluster::{Action, Kind, Progress};

fn run(d: &mut Driver, secs: u64) {
    while d.advance(SimTime::from_secs(secs), &mut Chunks(1000)) != Progress::Reached {}
}

#[test]
fn the_stream_lists_kubernetes_events_in_kubectl_words() {
    let mut d = Driver::load(presets::find("deployment"), None).expect("loads");
    run(&mut d, 30);
    let lines = event_lines(d.sim().events_since(0), 0);
    assert!(lines.iter().any(|l| l.reason == "ScalingReplicaSet" && l.object == "deployment/web"));
    let scheduled = lines.iter().find(|l| l.reason == "Scheduled").expect("Scheduled");
    assert!(scheduled.message.starts_with("Successfully assigned default/web-"));
    assert!(scheduled.text().contains("Normal  Scheduled"), "{}", scheduled.text());
    assert!(lines.windows(2).all(|w| w[0].index < w[1].index && w[0].time <= w[1].time));
}

#[test]
fn announcements_cover_not_ready_evictions_and_rollouts() {
    let mut d = Driver::load(presets::find("deployment"), None).expect("loads");
    let mut a = Announcer::default();
    a.reset(d.sim());
    run(&mut d, 5);
    let first = a.announce(d.sim());
    run(&mut d, 60);
    let said = [first, a.announce(d.sim())].into_iter().flatten().collect::<Vec<_>>().join(" ");
    assert!(said.contains("Deployment web rolled out: 3 of 3 available."), "{said}");

    d.perform(Command::Action(Box::new(Action::CrashNode { node: "node-1".into() })));
    run(&mut d, 120);
    let said = a.announce(d.sim()).unwrap_or_default();
    assert!(said.contains("Node node-1 is NotReady"), "{said}");
    run(&mut d, 480);
    let said = a.announce(d.sim()).unwrap_or_default();
    assert!(said.contains("evicted"), "{said}");

    d.perform(Command::Action(Box::new(Action::Scale {
        kind: Kind::Deployment,
        namespace: "default".into(),
        name: "web".into(),
        replicas: 3,
    })));
    assert_eq!(a.announce(d.sim()), None, "nothing new");
}

#[test]
fn a_rewind_resets_without_announcing_the_past_again() {
    let mut d = Driver::load(presets::find("deployment"), None).expect("loads");
    let mut a = Announcer::default();
    a.reset(d.sim());
    run(&mut d, 60);
    a.announce(d.sim());
    d.rewind(SimTime::from_secs(10));
    assert_eq!(a.announce(d.sim()), None);
}
