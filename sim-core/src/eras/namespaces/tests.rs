use super::*;

const APP: usize = 0;
const SHIPPER: usize = 1;

fn sidecar(options: Options) -> Pod {
    Pod::new(Preset::Sidecar, options, 7)
}

fn row(pod: &Pod, kind: NsKind) -> NsRow {
    pod.table().into_iter().find(|r| r.kind == kind).expect("every kind has a row")
}

fn out(r: &ExecResult) -> String {
    r.lines.join("\n")
}

#[test]
fn a_pod_shares_network_ipc_and_uts_but_not_pid_or_mount() {
    let pod = sidecar(Options::default());
    for kind in [NsKind::Network, NsKind::Ipc, NsKind::Uts] {
        let r = row(&pod, kind);
        assert!(r.all_shared(), "{kind:?}");
        assert!(r.cells.iter().all(|c| c.1 == Scope::Pod), "{kind:?}");
    }
    for kind in [NsKind::Pid, NsKind::Mount] {
        let r = row(&pod, kind);
        assert!(!r.all_shared(), "{kind:?}");
        assert!(r.cells.iter().all(|c| c.1 == Scope::Container), "{kind:?}");
    }
    let user = row(&pod, NsKind::User);
    assert!(user.cells.iter().all(|c| *c == (4_026_531_837, Scope::Node)));
    assert_eq!(pod.hostname(APP), "web");
    assert_eq!(pod.hostname(SHIPPER), "web");
}

#[test]
fn each_container_sees_only_its_own_processes_by_default() {
    let mut pod = sidecar(Options::default());
    let ps = pod.exec(APP, "ps");
    assert_eq!(ps.status, 0);
    assert_eq!(ps.lines[0], "PID   USER     TIME  COMMAND");
    assert!(ps.lines[1].starts_with("    1 65532 "), "{}", ps.lines[1]);
    assert!(ps.lines[1].ends_with("/app/shop --config /app/config.yaml"));
    let text = out(&ps);
    assert!(text.contains("/app/shop worker") && text.ends_with(" ps"));
    assert!(!text.contains("/pause") && !text.contains("shipper"));
    let shipper = out(&pod.exec(SHIPPER, "ps"));
    assert!(shipper.contains("    1 1000 ") && !shipper.contains("/app/shop"));
}

#[test]
fn sharing_the_process_namespace_puts_pause_at_pid_1_for_everyone() {
    let options = Options { share_process_namespace: true, ..Options::default() };
    let mut pod = sidecar(options);
    assert!(row(&pod, NsKind::Pid).all_shared());
    for c in [APP, SHIPPER] {
        let ps = pod.exec(c, "ps");
        assert!(ps.lines[1].starts_with("    1 65535 ") && ps.lines[1].ends_with("/pause"));
        let text = out(&ps);
        assert!(text.contains("/app/shop worker") && text.contains("/usr/bin/shipper"));
    }
    assert_eq!(pod.findings(APP).map(|f| f.saw_processes_of.clone()), Some(vec![SHIPPER]));
    // Through /proc/PID/root the shipper could see the app's files — but it runs as another
    // user without CAP_SYS_PTRACE.
    let app_pid = pod
        .visible_processes(SHIPPER)
        .iter()
        .find(|p| p.owner == Owner::Container(APP))
        .map(|p| p.pid);
    let denied =
        pod.exec(SHIPPER, &format!("cat /proc/{}/root/app/config.yaml", app_pid.unwrap_or(0)));
    assert!(out(&denied).ends_with("Permission denied"), "{denied:?}");
}

#[test]
fn host_network_gives_the_nodes_interfaces_and_hostname() {
    let mut pod = sidecar(Options { host_network: true, ..Options::default() });
    for kind in [NsKind::Network, NsKind::Uts] {
        assert!(row(&pod, kind).cells.iter().all(|c| c.1 == Scope::Node), "{kind:?}");
    }
    assert_eq!(row(&pod, NsKind::Ipc).cells[0].1, Scope::Pod);
    let node = pod.node_name().to_owned();
    assert!(node.starts_with("worker-"));
    assert_eq!(out(&pod.exec(APP, "hostname")), node);
    let ip = out(&pod.exec(SHIPPER, "ip a"));
    assert!(ip.contains("eth0: <") && ip.contains("cni0") && ip.contains(&pod.ip()));
    assert!(pod.ip().starts_with("192.168.10."));
    assert_eq!(out(&pod.exec(APP, "cat /etc/resolv.conf")), "nameserver 192.168.10.1");
}

#[test]
fn containers_talk_over_localhost_and_share_ipc_but_not_files() {
    let mut pod = sidecar(Options::default());
    assert_eq!(out(&pod.exec(SHIPPER, "wget -qO- localhost:8080/healthz")), "ok");
    let refused = pod.exec(SHIPPER, "wget -qO- localhost:9999/");
    assert!(out(&refused).contains("Connection refused") && refused.status == 1);
    let ipcs = out(&pod.exec(SHIPPER, "ipcs -m"));
    assert!(ipcs.contains("0x5eed0001 0          65532"), "{ipcs}");
    let ip_app = out(&pod.exec(APP, "ip a"));
    assert_eq!(ip_app, out(&pod.exec(SHIPPER, "ip a")));
    assert!(ip_app.contains(&format!("inet {}/24", pod.ip())));
    // Own root file systems; the emptyDir volume is the one shared directory.
    assert!(!out(&pod.exec(SHIPPER, "ls /")).contains("app"));
    assert!(out(&pod.exec(APP, "ls /")).contains("app"));
    let via_shipper = pod.exec(SHIPPER, "cat /logs/access.log");
    assert_eq!(out(&via_shipper), out(&pod.exec(APP, "cat /var/log/shop/access.log")));
    assert!(out(&pod.exec(SHIPPER, "cat /app/config.yaml")).contains("No such file"));
    // One kernel: every container reports the node's.
    assert_eq!(out(&pod.exec(APP, "uname -r")), NODE_KERNEL_RELEASE);
}

#[test]
fn a_distroless_container_has_no_shell_and_a_targeted_debugger_finds_it() {
    let mut pod = Pod::new(Preset::DistrolessDebug, Options::default(), 3);
    let exec = pod.exec(APP, "sh");
    assert!(out(&exec).contains("exec: \"sh\": executable file not found in $PATH"));
    let a = pod.attach_debug(Some(APP), Profile::General).expect("attaches");
    assert_eq!(a.command, "kubectl debug -it web --image=busybox:1.37 --target=app");
    assert!(a.output[0].starts_with("Targeting container \"app\"."));
    assert!(a.output[1].starts_with("Defaulting debug container name to debugger-"));
    let d = a.index;
    assert_eq!(
        pod.containers()[d].kind,
        ContainerKind::Ephemeral { target: Some(APP), profile: Profile::General }
    );
    assert_eq!(row(&pod, NsKind::Pid).cells[d].1, Scope::Target);
    assert!(pod.shares(d, APP, NsKind::Pid) && !pod.shares(d, APP, NsKind::Mount));
    let ps = pod.exec(d, "ps");
    assert!(
        ps.lines[1].starts_with("    1 65532 ") && ps.lines[1].ends_with("/app/shop"),
        "{ps:?}"
    );
    assert!(ps.lines.iter().any(|l| l.contains(" root ") && l.ends_with(" sh")));
    let config = pod.exec(d, "cat /proc/1/root/app/config.yaml");
    assert_eq!(config.status, 0, "{config:?}");
    assert!(out(&config).contains("listen: 8080"));
    let f = pod.findings(d).cloned().unwrap_or_default();
    assert_eq!((f.saw_processes_of, f.read_files_of), (vec![APP], vec![APP]));
    // Its own root is busybox; the app's port is reachable over the shared network.
    assert!(out(&pod.exec(d, "ls /")).contains("bin"));
    assert_eq!(out(&pod.exec(d, "wget -qO- localhost:8080/healthz")), "ok");
}

#[test]
fn the_legacy_profile_sees_the_process_but_may_not_read_its_files() {
    let mut pod = Pod::new(Preset::DistrolessDebug, Options::default(), 3);
    let d = pod.attach_debug(Some(APP), Profile::Legacy).expect("attaches").index;
    assert!(out(&pod.exec(d, "ps")).contains("/app/shop"));
    let denied = pod.exec(d, "cat /proc/1/root/app/config.yaml");
    assert_eq!(out(&denied), "cat: can't open '/proc/1/root/app/config.yaml': Permission denied");
    assert!(pod.findings(d).is_some_and(|f| f.read_files_of.is_empty()));
}

#[test]
fn without_a_target_the_debugger_sees_only_itself_unless_pids_are_shared() {
    let mut pod = Pod::new(Preset::DistrolessDebug, Options::default(), 3);
    let d = pod.attach_debug(None, Profile::General).expect("attaches").index;
    let ps = pod.exec(d, "ps");
    assert!(ps.lines[1].starts_with("    1 root ") && ps.lines[1].ends_with(" sh"), "{ps:?}");
    assert!(!out(&ps).contains("/app/shop"));
    assert!(out(&pod.exec(d, "cat /proc/1/root/app/config.yaml")).contains("No such file"));

    let shared = Options { share_process_namespace: true, ..Options::default() };
    let mut pod = Pod::new(Preset::DistrolessDebug, shared, 3);
    let d = pod.attach_debug(None, Profile::General).expect("attaches").index;
    let procs = pod.visible_processes(d);
    assert_eq!(procs[0].command, "/pause");
    // PID 1 is pause now: its root holds only the pause binary.
    assert!(out(&pod.exec(d, "cat /proc/1/root/app/config.yaml")).contains("No such file"));
    let app = procs.iter().find(|p| p.owner == Owner::Container(APP)).map(|p| p.pid).unwrap_or(0);
    assert!(app > 1);
    assert!(out(&pod.exec(d, &format!("cat /proc/{app}/root/app/config.yaml"))).contains("listen"));
    let ns = out(&pod.exec(d, &format!("ls /proc/{app}/ns")));
    assert!(ns.contains("net -> net:[") && ns.lines().count() == 6, "{ns}");
}

#[test]
fn pids_keep_rising_and_the_same_seed_gives_the_same_pod() {
    let mut pod = Pod::new(Preset::DistrolessDebug, Options::default(), 11);
    let d = pod.attach_debug(Some(APP), Profile::General).expect("attaches").index;
    let pid_of_ps = |r: &ExecResult| {
        r.lines.last().and_then(|l| l.split_whitespace().next()).and_then(|p| p.parse::<u32>().ok())
    };
    let first = pid_of_ps(&pod.exec(d, "ps"));
    let second = pid_of_ps(&pod.exec(d, "ps"));
    assert!(first < second, "{first:?} {second:?}");

    let run = |seed| {
        let mut p = Pod::new(Preset::Sidecar, Options::default(), seed);
        let a = p.attach_debug(Some(APP), Profile::General).expect("attaches");
        (a.output, out(&p.exec(a.index, "ps")), p.ip(), p.table())
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn bad_commands_and_requests_are_answered_not_panicked() {
    let mut pod = sidecar(Options::default());
    assert_eq!(pod.attach_debug(Some(9), Profile::General), Err(DebugError::NoSuchContainer(9)));
    for _ in 0..MAX_EPHEMERAL {
        pod.attach_debug(None, Profile::General).expect("under the limit");
    }
    assert_eq!(pod.attach_debug(None, Profile::General), Err(DebugError::TooMany));
    let d = pod.containers().len() - 1;
    assert_eq!(pod.attach_debug(Some(d), Profile::General), Err(DebugError::TooMany));
    assert_eq!(pod.exec(d, "rm -rf /").status, 127);
    assert_eq!(pod.exec(99, "ps").status, 1);
    assert_eq!(pod.exec(d, &"x".repeat(MAX_LINE_BYTES + 1)).status, 2);
    assert_eq!(pod.exec(d, "   ").lines, Vec::<String>::new());
    for weird in [
        "ls /proc/abc",
        "cat /proc/99999/root/x",
        "wget",
        "wget http://example.com/",
        "ip route",
        "cat",
    ] {
        let r = pod.exec(d, weird);
        assert_ne!(r.status, 0, "{weird}");
    }
    assert_eq!(out(&pod.exec(d, "ls ../../..")), out(&pod.exec(d, "ls /")));
}

#[test]
fn a_snapshot_shows_the_view_without_running_anything() {
    let pod = Pod::new(Preset::DistrolessDebug, Options::default(), 3);
    let snap = pod.snapshot(APP);
    let commands: Vec<&str> = snap.iter().map(|(c, _)| *c).collect();
    assert_eq!(commands, ["ps", "hostname", "ip a", "ls /", "ipcs -m", "ls -l /proc/self/ns"]);
    assert_eq!(snap[0].1.len(), 2, "header and /app/shop, no ps of its own");
    assert_eq!(snap[1].1, ["web"]);
    assert!(snap[3].1[0].starts_with("app  dev  etc"));
    assert_eq!(snap[5].1.len(), 6);
    assert_eq!(pod.snapshot(APP), pod.snapshot(APP), "a snapshot changes nothing");
}
