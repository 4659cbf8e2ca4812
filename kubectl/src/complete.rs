//! Tab completion: command names, resource types and short names, object names from the
//! simulation for the type being typed (and `deployment/NAME` forms), flags per command and
//! flag values (namespaces, output formats, Service types, containers, images).

use crate::{
    SUPPORTED, Session,
    commands::{self, objects},
    flags::Kind,
    resource::{ALL, Resource},
    tokenize::{Word, scan},
};
use sim_core::{cluster::Sim, cluster::images::CATALOG};

/// What can replace the word under the cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the replaced text starts (it ends at the cursor).
    pub replace_from: usize,
    /// Full replacements, sorted, each starting with the typed text.
    pub candidates: Vec<String>,
    /// The longest prefix every candidate shares (the typed text when there are none).
    pub common_prefix: String,
}

/// Completes the word that ends at `cursor` (a byte offset, clamped to the line).
pub fn complete(sim: &Sim, session: &Session, line: &str, cursor: usize) -> Completion {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let head = &line[..cursor];
    let s = scan(head);
    let mut words = s.words;
    let current = if s.open_word {
        words.pop().unwrap_or(Word { text: String::new(), start: cursor })
    } else {
        Word { text: String::new(), start: cursor }
    };
    let (replace_from, candidates) = candidates(sim, session, &words, &current);
    let typed_tail = line.get(replace_from..cursor).unwrap_or("");
    let mut candidates: Vec<String> =
        candidates.into_iter().filter(|c| c.starts_with(prefix_text(&current))).collect();
    candidates.sort();
    candidates.dedup();
    let common_prefix = common_prefix(&candidates).unwrap_or_else(|| typed_tail.to_owned());
    Completion { replace_from, candidates, common_prefix }
}

/// The unquoted text the candidates must extend (after a `--flag=`, just the value part).
fn prefix_text(current: &Word) -> &str {
    match current.text.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") => value,
        _ => &current.text,
    }
}

fn common_prefix(c: &[String]) -> Option<String> {
    let first = c.first()?;
    let mut len = first.len();
    for other in &c[1..] {
        len = first
            .char_indices()
            .zip(other.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, ch), _)| i + ch.len_utf8())
            .min(len);
    }
    Some(first[..len].to_owned())
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn candidates(
    sim: &Sim,
    session: &Session,
    before: &[Word],
    current: &Word,
) -> (usize, Vec<String>) {
    let mut words: Vec<&str> = before.iter().map(|w| w.text.as_str()).collect();
    if matches!(words.first(), Some(&("kubectl" | "k"))) {
        words.remove(0);
    }
    let Some((&name, args)) = words.split_first() else {
        let mut c = strs(SUPPORTED);
        if before.is_empty() {
            c.push("kubectl".into());
        }
        return (current.start, c);
    };
    let Some(cmd) = commands::find(name) else { return (current.start, Vec::new()) };
    let specs: Vec<crate::flags::Spec> =
        cmd.flags.iter().chain(commands::GLOBAL).copied().collect();
    let ns = namespace_of(args).unwrap_or_else(|| session.namespace.clone());
    let ctx = Lookup { sim, ns: &ns };
    // `--flag=value`: complete the value after '='.
    if let Some((flag, _)) = current.text.split_once('=').filter(|(f, _)| f.starts_with("--")) {
        let from = current.start + flag.len() + 1;
        return (from, ctx.flag_values(flag.trim_start_matches('-'), args));
    }
    if current.text.starts_with('-') {
        let mut c = Vec::new();
        for s in &specs {
            c.push(if s.kind == Kind::Bool {
                format!("--{}", s.name)
            } else {
                format!("--{}=", s.name)
            });
            if let Some(ch) = s.short {
                c.push(format!("-{ch}"));
            }
        }
        return (current.start, c);
    }
    // The previous word is a flag waiting for its value.
    if let Some(prev) = args.last() {
        let flag = prev.trim_start_matches('-');
        let spec = if prev.starts_with("--") {
            specs.iter().find(|s| s.name == flag)
        } else if prev.len() == 2 && prev.starts_with('-') {
            specs.iter().find(|s| s.short.is_some_and(|c| prev.ends_with(c)))
        } else {
            None
        };
        if let Some(spec) = spec.filter(|s| s.kind != Kind::Bool) {
            return (current.start, ctx.flag_values(spec.name, args));
        }
    }
    let positional = positional(args, &specs);
    (current.start, ctx.positional(name, &positional, &current.text))
}

/// The `-n` value among the words typed so far.
fn namespace_of(args: &[&str]) -> Option<String> {
    let mut it = args.iter().peekable();
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--namespace=") {
            return Some(v.to_owned());
        }
        if *a == "-n" || *a == "--namespace" {
            return it.peek().map(|v| (**v).to_owned());
        }
        if let Some(v) = a.strip_prefix("-n").filter(|v| !v.is_empty()) {
            return Some(v.to_owned());
        }
    }
    None
}

/// The positional words (flags and their values removed).
fn positional<'a>(args: &[&'a str], specs: &[crate::flags::Spec]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        if a.starts_with('-') && a.len() > 1 {
            let takes_value = !a.contains('=')
                && specs.iter().any(|s| {
                    s.kind != Kind::Bool
                        && (a.strip_prefix("--") == Some(s.name)
                            || (a.len() == 2 && s.short.is_some_and(|c| a.ends_with(c))))
                });
            if takes_value {
                i += 1;
            }
        } else {
            out.push(*a);
        }
    }
    out
}

struct Lookup<'a> {
    sim: &'a Sim,
    ns: &'a str,
}

impl Lookup<'_> {
    fn names(&self, r: Resource) -> Vec<String> {
        let scope = r.namespaced().then_some(self.ns);
        objects::list(self.sim.store(), r, scope).iter().map(|o| o.meta().name.clone()).collect()
    }

    fn slash_names(&self, type_word: &str, r: Resource) -> Vec<String> {
        self.names(r).into_iter().map(|n| format!("{type_word}/{n}")).collect()
    }

    fn type_words(&self, with_all: bool) -> Vec<String> {
        let mut c: Vec<String> = ALL
            .iter()
            .flat_map(|r| std::iter::once(r.plural()).chain(r.short_names().iter().copied()))
            .map(str::to_owned)
            .collect();
        if with_all {
            c.push("all".into());
        }
        c
    }

    /// Object names for `TYPE/partial`, else resource types.
    fn type_or_slash(&self, current: &str, with_all: bool) -> Vec<String> {
        match current.split_once('/') {
            Some((t, _)) => Resource::parse(t).map(|r| self.slash_names(t, r)).unwrap_or_default(),
            None => self.type_words(with_all),
        }
    }

    fn flag_values(&self, flag: &str, args: &[&str]) -> Vec<String> {
        match flag {
            "namespace" => objects::namespaces(self.sim.store()),
            "output" => strs(&["json", "name", "wide", "yaml"]),
            "type" => strs(&["ClusterIP", "LoadBalancer", "NodePort"]),
            "sort-by" => strs(&["cpu", "memory"]),
            "filename" => strs(&["-", "editor"]),
            "image" => CATALOG
                .iter()
                .map(|i| {
                    i.reference.strip_prefix("docker.io/library/").unwrap_or(i.reference).to_owned()
                })
                .collect(),
            "container" | "target" => {
                let pod = args.iter().find(|a| !a.starts_with('-')).copied().unwrap_or("");
                let pod = pod.strip_prefix("pod/").unwrap_or(pod);
                self.sim
                    .store()
                    .pod_by_name(self.ns, pod)
                    .map(|p| p.spec.containers.iter().map(|c| c.name.clone()).collect())
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    fn positional(&self, cmd: &str, pos: &[&str], current: &str) -> Vec<String> {
        let n = pos.len();
        let deployments = |s: &Self| {
            let mut c = s.slash_names("deployment", Resource::Deployments);
            c.push("deployment".into());
            c
        };
        match (cmd, n) {
            ("get" | "describe" | "delete" | "label" | "expose" | "scale", 0) => {
                if current.contains('/') {
                    self.type_or_slash(current, false)
                } else if cmd == "scale" || cmd == "expose" {
                    let mut c = deployments(self);
                    c.extend(strs(&["replicaset", "rs", "deploy"]));
                    c
                } else {
                    self.type_words(cmd == "get")
                }
            }
            ("get" | "describe" | "delete" | "label" | "expose" | "scale", _) => {
                match pos.first().filter(|t| !t.contains('/')).and_then(|t| t.split(',').next()) {
                    Some(t) => Resource::parse(t).map(|r| self.names(r)).unwrap_or_default(),
                    None => Vec::new(),
                }
            }
            ("rollout", 0) => strs(commands::rollout_subcommands()),
            ("rollout", 1) => deployments(self),
            ("rollout", 2)
                if pos.get(1).is_some_and(|t| Resource::parse(t) == Ok(Resource::Deployments)) =>
            {
                self.names(Resource::Deployments)
            }
            ("set", 0) => strs(&["image"]),
            ("set", 1) => deployments(self),
            ("set", _) => {
                let name = pos
                    .get(1)
                    .map(|t| t.trim_start_matches("deployment/").trim_start_matches("deploy/"));
                self.sim
                    .store()
                    .deployment(self.ns, name.unwrap_or(""))
                    .map(|d| {
                        d.spec
                            .template
                            .spec
                            .containers
                            .iter()
                            .map(|c| format!("{}=", c.name))
                            .collect()
                    })
                    .unwrap_or_default()
            }
            ("cordon" | "uncordon" | "drain", _) => self.names(Resource::Nodes),
            ("taint", 0) => {
                let mut c = self.slash_names("node", Resource::Nodes);
                c.push("nodes".into());
                c
            }
            ("taint", 1) if !pos[0].contains('/') => self.names(Resource::Nodes),
            ("taint", _) => {
                let node = pos.iter().find_map(|p| p.strip_prefix("node/")).or(pos.get(1).copied());
                self.sim
                    .store()
                    .node(node.unwrap_or(""))
                    .map(|n| {
                        n.spec
                            .taints
                            .iter()
                            .map(|t| format!("{}:{}-", t.key, t.effect.as_str()))
                            .collect()
                    })
                    .unwrap_or_default()
            }
            ("logs" | "debug", 0) => {
                let mut c = self.names(Resource::Pods);
                if cmd == "logs" {
                    c.extend(self.slash_names("deployment", Resource::Deployments));
                }
                c
            }
            ("top", 0) => strs(&["node", "pod"]),
            ("top", 1) => match pos[0] {
                "node" | "nodes" | "no" => self.names(Resource::Nodes),
                _ => self.names(Resource::Pods),
            },
            ("create", 0) => strs(&["deployment"]),
            ("config", 0) => {
                strs(&["current-context", "get-contexts", "set-context", "use-context", "view"])
            }
            ("config", 1) if pos[0] == "use-context" || pos[0] == "set-context" => {
                strs(&["playground"])
            }
            ("help", 0) => strs(SUPPORTED),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
