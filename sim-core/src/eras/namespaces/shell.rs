//! A few BusyBox commands, answered from the pod model.

use super::{ContainerKind, Image, NsKind, Owner, Pod, Profile, Scope, presets};

/// What a command printed and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecResult {
    /// Output lines.
    pub lines: Vec<String>,
    /// Exit status (0 for success).
    pub status: i32,
}

fn ok(lines: Vec<String>) -> ExecResult {
    ExecResult { lines, status: 0 }
}

fn fail(line: String, status: i32) -> ExecResult {
    ExecResult { lines: vec![line], status }
}

/// Longest command line the shell accepts.
pub const MAX_LINE_BYTES: usize = 200;

/// The commands the simulated shell knows, for `help`.
pub const COMMANDS: [&str; 11] =
    ["cat", "echo", "help", "hostname", "id", "ip a", "ipcs", "ls", "ps", "uname -r", "wget"];

enum Found {
    Dir(Vec<String>),
    File(String),
    Missing,
    Denied,
}

impl Pod {
    /// Runs `line` in container `c`: through `kubectl exec` for a regular container, or at the
    /// prompt of a debug container. An image without a shell cannot run anything.
    pub fn exec(&mut self, c: usize, line: &str) -> ExecResult {
        let Some(container) = self.containers.get(c) else {
            return fail(format!("error: container {c} not found"), 1);
        };
        if !container.image.has_shell {
            let word = line.split_whitespace().next().unwrap_or("sh");
            return fail(
                format!(
                    "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: \"{word}\": executable file not found in $PATH: unknown"
                ),
                1,
            );
        }
        if line.len() > MAX_LINE_BYTES {
            return fail(format!("sh: line longer than {MAX_LINE_BYTES} bytes"), 2);
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some((&cmd, args)) = words.split_first() else { return ok(Vec::new()) };
        match cmd {
            "echo" => return ok(vec![args.join(" ")]),
            "help" => return ok(vec![format!("Commands here: {}", COMMANDS.join(", "))]),
            _ => {}
        }
        // Everything else runs as a new process in the container's PID namespace, which is
        // why a second `ps` shows a higher PID.
        let pid = self.spawn_in(c, line);
        let result = match cmd {
            "ps" => self.ps(c),
            "hostname" => ok(vec![self.hostname(c)]),
            "ip" | "ifconfig" => self.ip_addr(c, args),
            "ls" => self.ls(c, args),
            "cat" => self.cat(c, args),
            "ipcs" => self.ipcs(c, args),
            "wget" => self.wget(c, args),
            "id" => ok(vec![self.id(c)]),
            "uname" => ok(vec![uname(args, &self.hostname(c))]),
            _ => fail(format!("sh: {cmd}: not found"), 127),
        };
        self.exit(c, pid);
        result
    }

    fn spawn_in(&mut self, c: usize, line: &str) -> u32 {
        let Some(ns) = self.containers.get(c).map(|x| x.ns[NsKind::Pid.index()]) else {
            return 0;
        };
        let uid = self.containers.get(c).map_or(0, |x| x.uid);
        self.spawn(ns, uid, line.trim(), Owner::Container(c))
    }

    fn exit(&mut self, c: usize, pid: u32) {
        let Some(inode) = self.ns_of(c, NsKind::Pid).map(|n| n.inode) else { return };
        for s in self.pid_spaces.iter_mut().filter(|s| s.inode == inode) {
            s.processes.retain(|p| p.pid != pid || p.owner != Owner::Container(c));
        }
    }

    fn user_name(image: &Image, uid: u32) -> String {
        match image.users.iter().find(|(u, _)| *u == uid) {
            Some((_, name)) => (*name).to_owned(),
            None => uid.to_string(),
        }
    }

    /// `ps` as container `c` would print it, names resolved through its own `/etc/passwd`.
    pub fn ps_lines(&self, c: usize) -> Vec<String> {
        let Some(image) = self.containers.get(c).map(|x| x.image) else { return Vec::new() };
        let mut lines = vec!["PID   USER     TIME  COMMAND".to_owned()];
        for p in self.visible_processes(c) {
            let user = Self::user_name(image, p.uid);
            lines.push(format!("{:>5} {:<8} {:>5} {}", p.pid, user, p.time, p.command));
        }
        lines
    }

    fn ps(&mut self, c: usize) -> ExecResult {
        let owners: Vec<usize> = self
            .visible_processes(c)
            .iter()
            .filter_map(|p| match p.owner {
                Owner::Container(o) if o != c => Some(o),
                _ => None,
            })
            .collect();
        if let Some(f) = self.findings.get_mut(c) {
            for o in owners {
                if !f.saw_processes_of.contains(&o) {
                    f.saw_processes_of.push(o);
                }
            }
        }
        ok(self.ps_lines(c))
    }

    /// What container `c` sees, as the output of a few commands — without the processes
    /// running those commands would add. Works for images without a shell too: it is the
    /// kernel's view of the container's namespaces.
    pub fn snapshot(&self, c: usize) -> Vec<(&'static str, Vec<String>)> {
        let root = match self.fs(Owner::Container(c), &[]) {
            Found::Dir(entries) => vec![entries.join("  ")],
            _ => Vec::new(),
        };
        vec![
            ("ps", self.ps_lines(c)),
            ("hostname", vec![self.hostname(c)]),
            ("ip a", self.ip_addr(c, &[]).lines),
            ("ls /", root),
            ("ipcs -m", self.ipcs(c, &["-m"]).lines),
            ("ls -l /proc/self/ns", self.ns_links(Owner::Container(c))),
        ]
    }

    fn ip_addr(&self, c: usize, args: &[&str]) -> ExecResult {
        match args.first().copied() {
            None | Some("a" | "addr" | "address") => {}
            Some(other) => return fail(format!("ip: unsupported here: {other} (try: ip a)"), 1),
        }
        let mut lines = Vec::new();
        for i in self.interfaces(c) {
            lines.push(format!("{}: {}: <{}> mtu {}", i.index, i.name, i.flags, i.mtu));
            if let Some(inet) = i.inet {
                let short = i.name.split('@').next().unwrap_or_default().to_owned();
                let scope = if i.index == 1 { "host" } else { "global" };
                lines.push(format!("    inet {inet} scope {scope} {short}"));
            }
        }
        ok(lines)
    }

    fn id(&self, c: usize) -> String {
        let Some(x) = self.containers.get(c) else { return String::new() };
        let name = |uid: u32| match x.image.users.iter().find(|(u, _)| *u == uid) {
            Some((_, n)) => format!("{uid}({n})"),
            None => uid.to_string(),
        };
        let u = name(x.uid);
        format!("uid={u} gid={u} groups={u}")
    }

    fn ipcs(&self, c: usize, args: &[&str]) -> ExecResult {
        let image = match self.containers.get(c) {
            Some(x) => x.image,
            None => return ok(Vec::new()),
        };
        let shm_only = args.contains(&"-m");
        let mut lines = Vec::new();
        if !shm_only {
            lines.push("------ Message Queues --------".to_owned());
            lines.push(
                "key        msqid      owner      perms      used-bytes   messages".to_owned(),
            );
            lines.push(String::new());
        }
        lines.push("------ Shared Memory Segments --------".to_owned());
        lines.push(
            "key        shmid      owner      perms      bytes      nattch     status".to_owned(),
        );
        for (id, s) in self.segments(c) {
            let owner = Self::user_name(image, s.owner);
            lines.push(format!(
                "0x{:08x} {:<10} {:<10} {:<10} {:<10} {:<10}",
                s.key, id, owner, s.perms, s.bytes, s.attached
            ));
        }
        if !shm_only {
            lines.push(String::new());
            lines.push("------ Semaphore Arrays --------".to_owned());
            lines.push("key        semid      owner      perms      nsems".to_owned());
        }
        ok(lines)
    }

    fn ls(&mut self, c: usize, args: &[&str]) -> ExecResult {
        let path = args.iter().find(|a| !a.starts_with('-')).copied().unwrap_or("/");
        match self.lookup(c, path) {
            (Found::Dir(entries), _) => {
                if path_parts(path).get(2) == Some(&"ns") && path_parts(path).len() == 3 {
                    ok(entries)
                } else {
                    ok(vec![entries.join("  ")])
                }
            }
            (Found::File(_), _) => ok(vec![path.to_owned()]),
            (Found::Missing, _) => fail(format!("ls: {path}: No such file or directory"), 1),
            (Found::Denied, _) => fail(format!("ls: {path}: Permission denied"), 1),
        }
    }

    fn cat(&mut self, c: usize, args: &[&str]) -> ExecResult {
        let mut out = ExecResult { lines: Vec::new(), status: 0 };
        if args.is_empty() {
            return fail("cat: no file named (this shell has no standard input)".to_owned(), 1);
        }
        for path in args {
            match self.lookup(c, path) {
                (Found::File(text), owner) => {
                    out.lines.extend(text.lines().map(str::to_owned));
                    if let (Some(o), Some(f)) = (owner, self.findings.get_mut(c))
                        && o != c
                        && !f.read_files_of.contains(&o)
                    {
                        f.read_files_of.push(o);
                    }
                }
                (Found::Dir(_), _) => {
                    out.lines.push("cat: read error: Is a directory".to_owned());
                    out.status = 1;
                }
                (Found::Missing, _) => {
                    out.lines.push(format!("cat: can't open '{path}': No such file or directory"));
                    out.status = 1;
                }
                (Found::Denied, _) => {
                    out.lines.push(format!("cat: can't open '{path}': Permission denied"));
                    out.status = 1;
                }
            }
        }
        out
    }

    fn wget(&self, c: usize, args: &[&str]) -> ExecResult {
        let to_stdout = args.iter().any(|a| matches!(*a, "-O-" | "-qO-" | "-qO" | "-O"));
        let Some(url) = args.iter().rev().find(|a| !a.starts_with('-')) else {
            return fail("wget: missing URL".to_owned(), 1);
        };
        let rest = url.strip_prefix("http://").unwrap_or(url);
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, "/"),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().unwrap_or(0)),
            None => (authority, 80),
        };
        let own_ip = self.ip();
        if !matches!(host, "localhost" | "127.0.0.1") && host != own_ip {
            return fail(format!("wget: bad address '{host}'"), 1);
        }
        let addr = if host == "localhost" { "127.0.0.1" } else { host };
        let Some(listener) = self.listener(c, port) else {
            return fail(
                format!("wget: can't connect to remote host ({addr}): Connection refused"),
                1,
            );
        };
        if listener.path != path {
            return fail("wget: server returned error: HTTP/1.1 404 Not Found".to_owned(), 1);
        }
        if to_stdout {
            ok(vec![listener.body.to_owned()])
        } else {
            let file = path.rsplit('/').next().filter(|f| !f.is_empty()).unwrap_or("index.html");
            ok(vec![
                format!("Connecting to {authority} ({addr}:{port})"),
                format!("saving to '{file}'"),
                format!("'{file}' saved"),
            ])
        }
    }

    /// A listener on `port` in container `c`'s network namespace.
    fn listener(&self, c: usize, port: u16) -> Option<super::Listener> {
        let net = self.ns_of(c, NsKind::Network)?.inode;
        (0..self.containers.len())
            .filter(|i| self.ns_of(*i, NsKind::Network).is_some_and(|n| n.inode == net))
            .filter_map(|i| self.containers.get(i)?.spec?.listens)
            .find(|l| l.port == port)
    }

    fn can_ptrace(&self, viewer: usize, target_uid: u32) -> bool {
        let Some(v) = self.containers.get(viewer) else { return false };
        let has_cap = matches!(v.kind, ContainerKind::Ephemeral { profile: Profile::General, .. });
        v.uid == target_uid || has_cap
    }

    /// Resolves `path` as container `c` sees it; also says whose root file system answered
    /// when the path went through `/proc/PID/root` of another container's process.
    fn lookup(&self, c: usize, path: &str) -> (Found, Option<usize>) {
        let parts = path_parts(path);
        if parts.first() != Some(&"proc") {
            return (self.fs(Owner::Container(c), &parts), None);
        }
        let procs = self.visible_processes(c);
        let Some(pid_part) = parts.get(1) else {
            return (Found::Dir(procs.iter().map(|p| p.pid.to_string()).collect()), None);
        };
        let Some(p) =
            pid_part.parse::<u32>().ok().and_then(|pid| procs.iter().find(|p| p.pid == pid))
        else {
            return (Found::Missing, None);
        };
        let found = match parts.get(2).copied() {
            None => Found::Dir(["cmdline", "ns", "root", "status"].map(str::to_owned).to_vec()),
            Some("cmdline") if parts.len() == 3 => Found::File(p.command.clone()),
            Some("status") if parts.len() == 3 => {
                let name = p.command.split_whitespace().next().unwrap_or_default();
                let name = name.rsplit('/').next().unwrap_or_default();
                Found::File(format!(
                    "Name:\t{name}\nState:\tS (sleeping)\nPid:\t{}\nUid:\t{}",
                    p.pid, p.uid
                ))
            }
            Some("ns") if parts.len() == 3 => Found::Dir(self.ns_links(p.owner)),
            Some("root") => {
                if !self.can_ptrace(c, p.uid) {
                    return (Found::Denied, None);
                }
                let owner = match p.owner {
                    Owner::Container(o) => Some(o),
                    Owner::Pause => None,
                };
                return (self.fs(p.owner, parts.get(3..).unwrap_or_default()), owner);
            }
            _ => Found::Missing,
        };
        (found, None)
    }

    /// A path in the root file system of `owner`'s mount namespace.
    fn fs(&self, owner: Owner, parts: &[&str]) -> Found {
        let (image, mounts, kubelet) = match owner {
            Owner::Pause => (&presets::PAUSE, &[][..], false),
            Owner::Container(i) => match self.containers.get(i) {
                Some(x) => (x.image, x.spec.map_or(&[][..], |s| s.mounts), true),
                None => return Found::Missing,
            },
        };
        let path = format!("/{}", parts.join("/"));
        for (mount, volume) in mounts {
            let Some(vol) = self.spec.volumes.iter().find(|v| v.name == *volume) else { continue };
            if path == *mount {
                return Found::Dir(vol.files.iter().map(|(n, _)| (*n).to_owned()).collect());
            }
            if let Some(name) = path.strip_prefix(mount).and_then(|r| r.strip_prefix('/')) {
                return match vol.files.iter().find(|(n, _)| *n == name) {
                    Some((_, text)) => Found::File((*text).to_owned()),
                    None => Found::Missing,
                };
            }
        }
        if kubelet && let Some(text) = self.kubelet_file(owner, &path) {
            return Found::File(text);
        }
        if let Some((_, text)) = image.files.iter().find(|(p, _)| *p == path) {
            return Found::File((*text).to_owned());
        }
        let mut entries: Vec<String> = Vec::new();
        let prefix = if path == "/" { "/".to_owned() } else { format!("{path}/") };
        let mut paths: Vec<&str> = image.files.iter().map(|(p, _)| *p).collect();
        paths.extend(mounts.iter().map(|(m, _)| *m));
        if kubelet {
            paths.extend(["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"]);
        }
        for p in paths {
            if let Some(next) = p.strip_prefix(&prefix).and_then(|r| r.split('/').next()) {
                entries.push(next.to_owned());
            }
        }
        if path == "/" {
            entries.extend(image.top.iter().map(|t| (*t).to_owned()));
        }
        let is_top = parts.len() == 1 && parts.first().is_some_and(|p| image.top.contains(p));
        if entries.is_empty() && !is_top {
            return Found::Missing;
        }
        entries.sort();
        entries.dedup();
        Found::Dir(entries)
    }

    /// Files the kubelet mounts into every container: hostname, hosts and resolv.conf.
    fn kubelet_file(&self, owner: Owner, path: &str) -> Option<String> {
        let Owner::Container(c) = owner else { return None };
        let node_net = matches!(self.ns_of(c, NsKind::Network).map(|n| n.scope), Some(Scope::Node));
        let host = self.hostname(c);
        match path {
            "/etc/hostname" => Some(host),
            "/etc/hosts" => Some(format!(
                "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n{}\t{host}",
                self.ip()
            )),
            // With hostNetwork, dnsPolicy ClusterFirst falls back to the node's resolver.
            "/etc/resolv.conf" if node_net => Some("nameserver 192.168.10.1".to_owned()),
            "/etc/resolv.conf" => Some(
                "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

fn path_parts(path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts
}

fn uname(args: &[&str], host: &str) -> String {
    match args.first().copied() {
        Some("-r") => super::NODE_KERNEL_RELEASE.to_owned(),
        Some("-a") => format!("Linux {host} {} x86_64 GNU/Linux", super::NODE_KERNEL_RELEASE),
        _ => "Linux".to_owned(),
    }
}
