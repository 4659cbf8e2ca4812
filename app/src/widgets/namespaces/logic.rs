//! The namespace explorer's decisions and wording, tested natively.

use sim_core::eras::namespaces::{ContainerKind, NsKind, Pod, Preset, Scope};

/// The preset a directive names; the sidecar pod when it names none.
pub fn parse_preset(param: Option<&str>) -> Preset {
    param.and_then(Preset::from_id).unwrap_or(Preset::Sidecar)
}

/// One command and its output in the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What the prompt looked like.
    pub prompt: String,
    /// The command typed.
    pub command: String,
    /// What it printed.
    pub lines: Vec<String>,
}

/// Lines of history the console keeps.
pub const TRANSCRIPT_ENTRIES: usize = 30;

/// Appends `entry`, dropping the oldest beyond [`TRANSCRIPT_ENTRIES`].
pub fn push(transcript: &mut Vec<Entry>, entry: Entry) {
    transcript.push(entry);
    let excess = transcript.len().saturating_sub(TRANSCRIPT_ENTRIES);
    transcript.drain(..excess);
}

/// The prompt for container `c`: a debug container's shell, or `kubectl exec` into a regular
/// one.
pub fn prompt(pod: &Pod, c: usize) -> String {
    match pod.containers().get(c) {
        Some(x) if x.is_ephemeral() => format!("{} / #", x.name),
        Some(x) => format!("$ kubectl exec -it {} -c {} --", pod.spec().name, x.name),
        None => "$".to_owned(),
    }
}

/// A namespace kind's name and what it isolates.
pub fn kind_label(kind: NsKind) -> (&'static str, &'static str) {
    match kind {
        NsKind::Network => ("Network", "interfaces, IP address, ports"),
        NsKind::Ipc => ("IPC", "System V IPC, POSIX message queues"),
        NsKind::Uts => ("UTS", "hostname"),
        NsKind::Pid => ("PID", "process IDs"),
        NsKind::Mount => ("Mount", "the root file system"),
        NsKind::User => ("User", "user and group IDs"),
    }
}

/// How a container got a namespace, in words.
pub fn scope_label(scope: Scope) -> &'static str {
    match scope {
        Scope::Node => "the node's",
        Scope::Pod => "the pod's (shared)",
        Scope::Container => "its own",
        Scope::Target => "the target's (joined)",
    }
}

/// Whether the pod state meets the task `task`.
pub fn task_met(task: &str, pod: &Pod) -> bool {
    match task {
        "share-processes" => pod.options().share_process_namespace,
        "debug-distroless" => debug_found_app(pod),
        _ => false,
    }
}

/// Whether some debug container has listed the app's processes and read a file from the
/// app's root file system through `/proc/PID/root`.
pub fn debug_found_app(pod: &Pod) -> bool {
    (0..pod.containers().len()).any(|c| {
        let ephemeral = matches!(
            pod.containers().get(c).map(|x| x.kind),
            Some(ContainerKind::Ephemeral { .. })
        );
        ephemeral
            && pod
                .findings(c)
                .is_some_and(|f| f.saw_processes_of.contains(&0) && f.read_files_of.contains(&0))
    })
}

/// Commands offered as buttons in a debug container.
pub const SUGGESTIONS: [&str; 6] = [
    "ps",
    "ls /proc/1/root/app",
    "cat /proc/1/root/app/config.yaml",
    "wget -qO- localhost:8080/healthz",
    "hostname",
    "ip a",
];

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::eras::namespaces::{Options, Profile};

    #[test]
    fn presets_default_to_the_sidecar() {
        assert_eq!(parse_preset(None), Preset::Sidecar);
        assert_eq!(parse_preset(Some("distroless-debug")), Preset::DistrolessDebug);
        assert_eq!(parse_preset(Some("nonsense")), Preset::Sidecar);
    }

    #[test]
    fn the_transcript_keeps_the_latest_entries() {
        let mut t = Vec::new();
        for i in 0..40 {
            push(
                &mut t,
                Entry { prompt: String::new(), command: i.to_string(), lines: Vec::new() },
            );
        }
        assert_eq!(t.len(), TRANSCRIPT_ENTRIES);
        assert_eq!(t.first().map(|e| e.command.as_str()), Some("10"));
    }

    #[test]
    fn the_debug_task_needs_ps_and_a_file_read_through_proc() {
        let mut pod = Pod::new(Preset::DistrolessDebug, Options::default(), 1);
        assert_eq!(prompt(&pod, 0), "$ kubectl exec -it web -c app --");
        let d = pod.attach_debug(Some(0), Profile::General).expect("attaches").index;
        assert!(prompt(&pod, d).ends_with(" / #"));
        pod.exec(d, "ps");
        assert!(!task_met("debug-distroless", &pod));
        for s in SUGGESTIONS {
            pod.exec(d, s);
        }
        assert!(task_met("debug-distroless", &pod));
        assert!(!task_met("share-processes", &pod));
        let shared = Pod::new(
            Preset::Sidecar,
            Options { share_process_namespace: true, ..Options::default() },
            1,
        );
        assert!(task_met("share-processes", &shared));
    }
}
