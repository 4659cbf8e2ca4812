//! Scenario files: a cluster, manifests and a timeline of actions in one YAML stream.
//!
//! One document has `kind: Scenario` (`apiVersion: kubesim.dev/v1`); every other document is
//! a Kubernetes manifest read by [`crate::manifest::parse_manifests`]. See
//! `sim-core/scenarios/README.md` for the format with examples. Parsing is pure (a `&str`
//! in, data or line-numbered errors out) so the browser app can load scenarios too.

use super::{
    Sim,
    actions::{Action, ApiObject, Kind},
    config::{ClusterConfig, NodePool, PoolKind},
};
use crate::{
    manifest::{Object, parse_manifests},
    model::{Labels, Quantity, Taint, TaintEffect},
    time::SimTime,
};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::fmt;

/// A problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// 1-based line.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

/// What a timeline step does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A fixed action.
    Action(Box<Action>),
    /// Delete the first pod (by name) matching a label selector at that moment.
    DeletePodMatching {
        /// Namespace.
        namespace: String,
        /// `app=web` style selector.
        selector: Labels,
        /// `--force`.
        force: bool,
    },
    /// Crash a container of the first pod matching a selector.
    CrashPodMatching {
        /// Namespace.
        namespace: String,
        /// Selector.
        selector: Labels,
        /// Exit code.
        exit_code: i32,
    },
}

/// One timeline entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    /// When.
    pub at: SimTime,
    /// Its line in the file.
    pub line: u32,
    /// What.
    pub step: Step,
}

/// A parsed scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// `metadata.name`.
    pub name: String,
    /// The cluster to start.
    pub config: ClusterConfig,
    /// Objects applied at time zero, with their lines.
    pub objects: Vec<(u32, ApiObject)>,
    /// Actions, in time order (stable for equal times).
    pub timeline: Vec<TimelineEntry>,
    /// `until`: how long to run.
    pub until: Option<SimTime>,
    /// `seed`.
    pub seed: Option<u64>,
}

/// Parses `30s`, `10m`, `1h30m`, `250ms`, or a bare number of seconds, into milliseconds.
pub fn parse_duration(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<u64>() {
        return secs.checked_mul(1000);
    }
    let mut total: u64 = 0;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(rest.len());
        if digits == 0 {
            return None;
        }
        let value: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let mult = match &rest[..unit_len] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        let ms = value * mult;
        if !ms.is_finite() || !(0.0..=1e15).contains(&ms) {
            return None;
        }
        total = total.checked_add(ms.round() as u64)?;
    }
    Some(total)
}

type Node<'a> = MarkedYaml<'a>;

fn line_of(n: &Node<'_>) -> u32 {
    u32::try_from(n.span.start.line()).unwrap_or(u32::MAX)
}

fn scalar(n: &Node<'_>) -> Option<String> {
    match &n.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        _ => None,
    }
}

fn entries<'a, 'b>(n: &'b Node<'a>) -> Vec<(String, &'b Node<'a>)> {
    match &n.data {
        YamlData::Mapping(m) => m.iter().filter_map(|(k, v)| scalar(k).map(|k| (k, v))).collect(),
        _ => Vec::new(),
    }
}

struct Cx {
    errors: Vec<ScenarioError>,
}

impl Cx {
    fn err(&mut self, line: u32, message: impl Into<String>) {
        self.errors.push(ScenarioError { line, message: message.into() });
    }

    fn string(&mut self, n: &Node<'_>, what: &str) -> String {
        scalar(n).unwrap_or_else(|| {
            self.err(line_of(n), format!("{what}: expected a scalar"));
            String::new()
        })
    }

    fn int(&mut self, n: &Node<'_>, what: &str) -> i64 {
        match &n.data {
            YamlData::Value(Scalar::Integer(i)) => *i,
            _ => {
                self.err(line_of(n), format!("{what}: expected an integer"));
                0
            }
        }
    }

    fn duration(&mut self, n: &Node<'_>, what: &str) -> u64 {
        let s = self.string(n, what);
        parse_duration(&s).unwrap_or_else(|| {
            self.err(
                line_of(n),
                format!("{what}: invalid duration {s:?} (use 30s, 5m, 1h30m, 250ms)"),
            );
            0
        })
    }

    fn quantity(&mut self, n: &Node<'_>, what: &str) -> Quantity {
        let s = self.string(n, what);
        Quantity::parse(&s).unwrap_or_else(|e| {
            self.err(line_of(n), format!("{what}: {e}"));
            Quantity::default()
        })
    }
}

/// Parses a scenario file.
pub fn parse_scenario(text: &str) -> Result<Scenario, Vec<ScenarioError>> {
    let (scenario_lines, manifests_text) = split_scenario_document(text);
    let mut cx = Cx { errors: Vec::new() };
    let mut scenario = Scenario {
        name: String::new(),
        config: ClusterConfig::default(),
        objects: Vec::new(),
        timeline: Vec::new(),
        until: None,
        seed: None,
    };
    match scenario_lines {
        None => cx.err(1, "no `kind: Scenario` document"),
        Some(doc) => match MarkedYaml::load_from_str(&doc) {
            Err(e) => cx.err(
                u32::try_from(e.marker().line()).unwrap_or(1),
                format!("invalid YAML: {}", e.info()),
            ),
            Ok(docs) => {
                let root = docs.iter().find(|d| {
                    entries(d)
                        .iter()
                        .any(|(k, v)| k == "kind" && scalar(v).as_deref() == Some("Scenario"))
                });
                if let Some(root) = root {
                    read_scenario(&mut cx, root, &mut scenario);
                }
            }
        },
    }
    let parsed = parse_manifests(&manifests_text);
    for d in parsed.errors() {
        cx.err(d.line, d.message.clone());
    }
    if let Ok(manifests) = parsed.into_result() {
        for mut m in manifests {
            m.fill_namespace("default");
            let object = match m.object {
                Object::Pod(p) => ApiObject::Pod(p),
                Object::Deployment(d) => ApiObject::Deployment(d),
                Object::ReplicaSet(r) => ApiObject::ReplicaSet(r),
                Object::Service(s) => ApiObject::Service(s),
                Object::Node(n) => ApiObject::Node(n),
                Object::SchedulerConfiguration(p) => {
                    scenario.config.profile = p;
                    continue;
                }
            };
            scenario.objects.push((m.line, object));
        }
    }
    scenario.timeline.sort_by_key(|e| e.at);
    if cx.errors.is_empty() {
        return Ok(scenario);
    }
    // The YAML scanner reports an error at end of input on the line after the last newline;
    // point at a line the reader can see instead.
    let last_line = text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
    let last_line = u32::try_from(last_line).unwrap_or(u32::MAX);
    for e in &mut cx.errors {
        e.line = e.line.clamp(1, last_line);
    }
    Err(cx.errors)
}

/// Returns the Scenario document's text (other lines blanked, so line numbers hold) and the
/// rest of the stream (the Scenario document's lines blanked likewise).
fn split_scenario_document(text: &str) -> (Option<String>, String) {
    let lines: Vec<&str> = text.lines().collect();
    let mut docs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("---") {
            docs.push((start, i));
            start = i + 1;
        }
    }
    docs.push((start, lines.len()));
    let is_scenario = |&(a, b): &(usize, usize)| {
        lines[a..b]
            .iter()
            .any(|l| l.trim_end() == "kind: Scenario" || l.trim_end() == "kind: \"Scenario\"")
    };
    let Some(&(a, b)) = docs.iter().find(|d| is_scenario(d)) else {
        return (None, text.to_owned());
    };
    let mut scenario = String::new();
    let mut rest = String::new();
    for (i, l) in lines.iter().enumerate() {
        let inside = i >= a && i < b;
        scenario.push_str(if inside { l } else { "" });
        scenario.push('\n');
        rest.push_str(if inside { "" } else { l });
        rest.push('\n');
    }
    (Some(scenario), rest)
}

fn read_scenario(cx: &mut Cx, root: &Node<'_>, s: &mut Scenario) {
    for (key, v) in entries(root) {
        match key.as_str() {
            "apiVersion" => {
                let api = cx.string(v, "apiVersion");
                if api != "kubesim.dev/v1" {
                    cx.err(
                        line_of(v),
                        format!(
                            "apiVersion: unsupported value {api:?}: must be \"kubesim.dev/v1\""
                        ),
                    );
                }
            }
            "kind" => {}
            "metadata" => {
                for (k, m) in entries(v) {
                    match k.as_str() {
                        "name" => s.name = cx.string(m, "metadata.name"),
                        "description" => {}
                        other => cx.err(line_of(m), format!("metadata: unknown field {other:?}")),
                    }
                }
            }
            "seed" => s.seed = u64::try_from(cx.int(v, "seed")).ok(),
            "until" => s.until = Some(SimTime::from_millis(cx.duration(v, "until"))),
            "cluster" => read_cluster(cx, v, &mut s.config),
            "timeline" => match &v.data {
                YamlData::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(e) = read_entry(cx, item, i) {
                            s.timeline.push(e);
                        }
                    }
                }
                _ => cx.err(line_of(v), "timeline: expected a list"),
            },
            other => cx.err(line_of(v), format!("unknown field {other:?}")),
        }
    }
}

fn read_cluster(cx: &mut Cx, v: &Node<'_>, config: &mut ClusterConfig) {
    for (k, n) in entries(v) {
        match k.as_str() {
            "nodePools" => match &n.data {
                YamlData::Sequence(items) => {
                    config.pools =
                        items.iter().enumerate().filter_map(|(i, p)| read_pool(cx, p, i)).collect();
                }
                _ => cx.err(line_of(n), "cluster.nodePools: expected a list"),
            },
            "nodeMonitorGracePeriod" => config.timings.node_monitor_grace_ms = cx.duration(n, &k),
            "defaultTolerationSeconds" => config.timings.default_toleration_seconds = cx.int(n, &k),
            "recordActivity" => {
                config.record_activity = matches!(n.data, YamlData::Value(Scalar::Boolean(true)));
            }
            other => cx.err(line_of(n), format!("cluster: unknown field {other:?}")),
        }
    }
}

fn read_pool(cx: &mut Cx, v: &Node<'_>, i: usize) -> Option<NodePool> {
    let path = format!("cluster.nodePools[{i}]");
    let mut pool = NodePool::new("node", PoolKind::Cpu, 1);
    let mut kind_set = false;
    let fields = entries(v);
    // The kind decides the defaults, so read it first.
    for (k, n) in &fields {
        if k == "kind" {
            let name = cx.string(n, &format!("{path}.kind"));
            match PoolKind::from_name(&name) {
                Some(kind) => {
                    pool.kind = kind;
                    pool.shape = kind.shape();
                    kind_set = true;
                }
                None => cx.err(
                    line_of(n),
                    format!("{path}.kind: unsupported value {name:?}: must be cpu, gpu or pi"),
                ),
            }
        }
    }
    let _ = kind_set;
    for (k, n) in fields {
        let what = format!("{path}.{k}");
        match k.as_str() {
            "kind" => {}
            "name" => {
                pool.name = cx.string(n, &what);
                pool.name_prefix = pool.name.clone();
            }
            "count" => pool.count = u32::try_from(cx.int(n, &what)).unwrap_or(0).min(10_000),
            "zones" => match &n.data {
                YamlData::Sequence(z) => {
                    pool.zones = z.iter().map(|z| cx.string(z, &what)).collect()
                }
                _ => cx.err(line_of(n), format!("{what}: expected a list")),
            },
            "cpu" => pool.shape.cpu_millis = cx.quantity(n, &what).milli_value(),
            "memory" => pool.shape.memory_bytes = cx.quantity(n, &what).value(),
            "gpus" => pool.shape.gpus = cx.int(n, &what),
            "maxPods" => pool.shape.max_pods = cx.int(n, &what),
            "arch" => pool.shape.arch = cx.string(n, &what),
            "pullBandwidth" => {
                pool.shape.pull_bandwidth_bytes_per_sec = cx.quantity(n, &what).value()
            }
            other => cx.err(line_of(n), format!("{path}: unknown field {other:?}")),
        }
    }
    if pool.zones.is_empty() {
        cx.err(line_of(v), format!("{path}.zones: must not be empty"));
    }
    Some(pool)
}

fn selector(cx: &mut Cx, n: &Node<'_>, what: &str) -> Labels {
    let s = cx.string(n, what);
    let mut labels = Labels::new();
    for part in s.split(',') {
        match part.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                labels.insert(k.trim(), v.trim());
            }
            _ => cx.err(line_of(n), format!("{what}: expected key=value[,key=value], got {s:?}")),
        }
    }
    labels
}

fn read_entry(cx: &mut Cx, item: &Node<'_>, i: usize) -> Option<TimelineEntry> {
    let line = line_of(item);
    let fields = entries(item);
    let mut at = None;
    let mut namespace = "default".to_owned();
    let mut action: Option<(String, &Node<'_>)> = None;
    for (k, n) in &fields {
        match k.as_str() {
            "at" => at = Some(cx.duration(n, &format!("timeline[{i}].at"))),
            "namespace" => namespace = cx.string(n, "namespace"),
            _ => {
                if action.is_some() {
                    cx.err(
                        line_of(n),
                        format!("timeline[{i}]: one action per entry; {k:?} is a second one"),
                    );
                } else {
                    action = Some((k.clone(), n));
                }
            }
        }
    }
    let Some(at) = at else {
        cx.err(line, format!("timeline[{i}].at: Required value"));
        return None;
    };
    let Some((name, v)) = action else {
        cx.err(line, format!("timeline[{i}]: no action"));
        return None;
    };
    let step = read_action(cx, &name, v, namespace, i)?;
    Some(TimelineEntry { at: SimTime::from_millis(at), line, step })
}

/// Fields of an action's mapping, by name.
struct Args<'a, 'b> {
    fields: Vec<(String, &'b Node<'a>)>,
    node: &'b Node<'a>,
}

impl<'a, 'b> Args<'a, 'b> {
    fn get(&self, key: &str) -> Option<&'b Node<'a>> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    fn required(&self, cx: &mut Cx, key: &str, what: &str) -> Option<&'b Node<'a>> {
        let v = self.get(key);
        if v.is_none() {
            cx.err(line_of(self.node), format!("{what}.{key}: Required value"));
        }
        v
    }
}

fn read_action(cx: &mut Cx, name: &str, v: &Node<'_>, ns: String, i: usize) -> Option<Step> {
    let what = format!("timeline[{i}].{name}");
    let args = Args { fields: entries(v), node: v };
    let node_arg = |cx: &mut Cx| cx.string(v, &what);
    let text = |cx: &mut Cx, key: &str| args.required(cx, key, &what).map(|n| cx.string(n, key));
    let action = match name {
        "crashNode" => Action::CrashNode { node: node_arg(cx) },
        "recoverNode" => Action::RecoverNode { node: node_arg(cx) },
        "partitionNode" => Action::PartitionNode { node: node_arg(cx) },
        "healNode" => Action::HealNode { node: node_arg(cx) },
        "cordon" => Action::Cordon { node: node_arg(cx), unschedulable: true },
        "uncordon" => Action::Cordon { node: node_arg(cx), unschedulable: false },
        "drain" => match scalar(v) {
            Some(node) => Action::Drain { node, force: false },
            None => Action::Drain {
                node: text(cx, "node")?,
                force: args
                    .get("force")
                    .is_some_and(|f| matches!(f.data, YamlData::Value(Scalar::Boolean(true)))),
            },
        },
        "scale" => {
            let (kind, name) = match (args.get("deployment"), args.get("replicaset")) {
                (Some(d), _) => (Kind::Deployment, cx.string(d, "deployment")),
                (None, Some(r)) => (Kind::ReplicaSet, cx.string(r, "replicaset")),
                (None, None) => {
                    cx.err(line_of(v), format!("{what}: name a deployment or a replicaset"));
                    return None;
                }
            };
            let replicas = args.required(cx, "replicas", &what).map(|n| cx.int(n, "replicas"))?;
            Action::Scale {
                kind,
                namespace: ns,
                name,
                replicas: i32::try_from(replicas).unwrap_or(-1),
            }
        }
        "setImage" => Action::SetImage {
            namespace: ns,
            deployment: text(cx, "deployment")?,
            container: text(cx, "container")?,
            image: text(cx, "image")?,
        },
        "rolloutUndo" => match scalar(v) {
            Some(d) => Action::RolloutUndo { namespace: ns, deployment: d, to_revision: None },
            None => Action::RolloutUndo {
                namespace: ns,
                deployment: text(cx, "deployment")?,
                to_revision: args.get("toRevision").map(|n| cx.int(n, "toRevision")),
            },
        },
        "pause" | "resume" => Action::RolloutPause {
            namespace: ns,
            deployment: node_arg(cx),
            paused: name == "pause",
        },
        "restart" => Action::RolloutRestart { namespace: ns, deployment: node_arg(cx) },
        "deletePod" => {
            if let Some(pod) = scalar(v) {
                Action::Delete {
                    kind: Kind::Pod,
                    namespace: ns,
                    name: pod,
                    grace_period_seconds: None,
                    force: false,
                }
            } else {
                let force = args
                    .get("force")
                    .is_some_and(|f| matches!(f.data, YamlData::Value(Scalar::Boolean(true))));
                if let Some(sel) = args.get("selector") {
                    let selector = selector(cx, sel, "selector");
                    return Some(Step::DeletePodMatching { namespace: ns, selector, force });
                }
                Action::Delete {
                    kind: Kind::Pod,
                    namespace: ns,
                    name: text(cx, "name")?,
                    grace_period_seconds: args.get("gracePeriod").map(|n| cx.int(n, "gracePeriod")),
                    force,
                }
            }
        }
        "delete" => {
            let kind = match text(cx, "kind")?.as_str() {
                "Pod" => Kind::Pod,
                "Deployment" => Kind::Deployment,
                "ReplicaSet" => Kind::ReplicaSet,
                "Service" => Kind::Service,
                "Node" => Kind::Node,
                other => {
                    cx.err(line_of(v), format!("{what}.kind: unsupported value {other:?}"));
                    return None;
                }
            };
            Action::Delete {
                kind,
                namespace: ns,
                name: text(cx, "name")?,
                grace_period_seconds: None,
                force: false,
            }
        }
        "crashContainer" => {
            let exit_code = args.get("exitCode").map_or(1, |n| cx.int(n, "exitCode"));
            let exit_code = i32::try_from(exit_code).unwrap_or(1);
            if let Some(sel) = args.get("selector") {
                let selector = selector(cx, sel, "selector");
                return Some(Step::CrashPodMatching { namespace: ns, selector, exit_code });
            }
            Action::CrashContainer {
                namespace: ns,
                pod: text(cx, "pod")?,
                container: args.get("container").map(|n| cx.string(n, "container")),
                exit_code,
            }
        }
        "addNodes" => {
            let pool = read_pool(cx, v, i)?;
            Action::AddNodes(pool)
        }
        "taint" | "untaint" => {
            let node = text(cx, "node")?;
            let key = text(cx, "key")?;
            let effect = match args.get("effect").map(|n| cx.string(n, "effect")).as_deref() {
                Some("NoSchedule") => Some(TaintEffect::NoSchedule),
                Some("PreferNoSchedule") => Some(TaintEffect::PreferNoSchedule),
                Some("NoExecute") => Some(TaintEffect::NoExecute),
                None => None,
                Some(other) => {
                    cx.err(line_of(v), format!("{what}.effect: unsupported value {other:?}"));
                    return None;
                }
            };
            if name == "untaint" {
                Action::Untaint { node, key, effect }
            } else {
                let Some(effect) = effect else {
                    cx.err(line_of(v), format!("{what}.effect: Required value"));
                    return None;
                };
                let value = args.get("value").map(|n| cx.string(n, "value")).unwrap_or_default();
                Action::Taint { node, taint: Taint { value, ..Taint::new(&key, effect) } }
            }
        }
        "label" => Action::Label {
            kind: Kind::Node,
            namespace: ns,
            name: text(cx, "node")?,
            key: text(cx, "key")?,
            value: args.get("value").map(|n| cx.string(n, "value")),
        },
        other => {
            cx.err(line_of(v), format!("timeline[{i}]: unknown action {other:?}"));
            return None;
        }
    };
    Some(Step::Action(Box::new(action)))
}

impl Sim {
    /// Applies a timeline step now; pod selectors resolve against the current pods.
    pub fn apply_step(&mut self, step: &Step) -> Result<super::ActionOutcome, super::ApiError> {
        match step {
            Step::Action(a) => self.apply((**a).clone()),
            Step::DeletePodMatching { namespace, selector, force } => {
                let name = self.first_pod_matching(namespace, selector)?;
                let grace = if *force { Some(0) } else { None };
                self.apply(Action::Delete {
                    kind: Kind::Pod,
                    namespace: namespace.clone(),
                    name,
                    grace_period_seconds: grace,
                    force: *force,
                })
            }
            Step::CrashPodMatching { namespace, selector, exit_code } => {
                let name = self.first_pod_matching(namespace, selector)?;
                self.apply(Action::CrashContainer {
                    namespace: namespace.clone(),
                    pod: name,
                    container: None,
                    exit_code: *exit_code,
                })
            }
        }
    }

    fn first_pod_matching(&self, ns: &str, selector: &Labels) -> Result<String, super::ApiError> {
        self.store()
            .pods_in_namespace(ns)
            .filter(|p| {
                p.metadata.deletion_timestamp.is_none() && selector.is_subset_of(&p.metadata.labels)
            })
            .map(|p| p.metadata.name.clone())
            .next()
            .ok_or_else(|| {
                let sel: Vec<String> = selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
                super::ApiError::Refused(format!("no pods found matching {}", sel.join(",")))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases = [
            ("30s", Some(30_000)),
            ("10m", Some(600_000)),
            ("1h30m", Some(5_400_000)),
            ("250ms", Some(250)),
            ("90", Some(90_000)),
            ("1.5s", Some(1500)),
            ("", None),
            ("5x", None),
            ("m", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_duration(s), want, "{s:?}");
        }
    }

    const EXAMPLE: &str = "apiVersion: kubesim.dev/v1
kind: Scenario
metadata:
  name: crash
cluster:
  nodePools:
  - name: node
    kind: cpu
    count: 3
timeline:
- at: 60s
  crashNode: node-2
- at: 30s
  scale:
    deployment: web
    replicas: 4
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.30
";

    #[test]
    fn reads_cluster_timeline_and_manifests() {
        let s = parse_scenario(EXAMPLE).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(s.name, "crash");
        assert_eq!(s.config.pools[0].count, 3);
        assert_eq!(s.objects.len(), 1);
        assert_eq!(s.objects[0].0, 18, "manifest lines are file lines");
        assert_eq!(s.timeline[0].at, SimTime::from_secs(30), "sorted by time");
        assert_eq!(
            s.timeline[1].step,
            Step::Action(Box::new(Action::CrashNode { node: "node-2".into() }))
        );
    }

    #[test]
    fn errors_carry_file_lines() {
        let bad = EXAMPLE
            .replace("crashNode: node-2", "explodeNode: node-2")
            .replace("image: nginx:1.30", "image: nginx:1.30\n        bogus: 1");
        let errors = parse_scenario(&bad).unwrap_err();
        assert!(
            errors.iter().any(|e| e.line == 12 && e.message.contains("unknown action")),
            "{errors:?}"
        );
        assert!(errors.iter().any(|e| e.line == 33), "{errors:?}");
        assert!(parse_scenario("kind: Deployment").is_err());
        assert!(parse_scenario("kind: Scenario\ntimeline: [").is_err());
    }

    /// Lines as an editor shows them: a final newline starts one more (empty) line.
    fn line_count(text: &str) -> u32 {
        u32::try_from(text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1).unwrap()
    }

    /// Found by the `scenario_run` fuzz target: the scanner put an end-of-input error one line
    /// past the text.
    #[test]
    fn errors_at_end_of_input_point_inside_it() {
        let crash = include_bytes!("../../fuzz/regressions/scenario_run-line-past-end");
        let text = String::from_utf8_lossy(crash);
        let lines = line_count(&text);
        let errors = parse_scenario(&text).unwrap_err();
        assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines), "{errors:?}");
        for text in
            ["kind: Scenario\nname: [", "kind: Scenario\nname: [\n", "kind: Scenario\r\nx: \"a"]
        {
            let last = line_count(text);
            let errors = parse_scenario(text).unwrap_err();
            assert!(errors.iter().all(|e| e.line >= 1 && e.line <= last), "{text:?}: {errors:?}");
        }
    }
}
