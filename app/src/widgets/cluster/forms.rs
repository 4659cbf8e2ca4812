//! The action forms' input, read into engine actions: taints and labels as kubectl spells
//! them, a node pool, and a Deployment built the way `kubectl create deployment` builds one.
//! Bad input is an error sentence naming the field, never a panic.

use sim_core::{
    cluster::{Action, ApiObject, Kind, NodePool, PoolKind},
    manifest::{Object, parse_manifests},
    model::{Quantity, Taint, TaintEffect},
};

const NS: &str = "default";

/// `key=value:Effect` or `key:Effect` to add, `key:Effect-` or `key-` to remove (as
/// `kubectl taint nodes NODE …`).
pub fn taint(node: &str, spec: &str) -> Result<Action, String> {
    let spec = spec.trim();
    if let Some(rest) = spec.strip_suffix('-') {
        let (key, effect) = match rest.split_once(':') {
            Some((k, e)) => (k, Some(effect_of(e, spec)?)),
            None => (rest, None),
        };
        check_key(key, "taint")?;
        return Ok(Action::Untaint { node: node.to_owned(), key: key.to_owned(), effect });
    }
    let (kv, effect) = spec
        .rsplit_once(':')
        .ok_or_else(|| format!("taint {spec:?}: expected key=value:Effect"))?;
    let effect = effect_of(effect, spec)?;
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    check_key(key, "taint")?;
    Ok(Action::Taint {
        node: node.to_owned(),
        taint: Taint { value: value.to_owned(), ..Taint::new(key, effect) },
    })
}

fn effect_of(effect: &str, spec: &str) -> Result<TaintEffect, String> {
    match effect {
        "NoSchedule" => Ok(TaintEffect::NoSchedule),
        "PreferNoSchedule" => Ok(TaintEffect::PreferNoSchedule),
        "NoExecute" => Ok(TaintEffect::NoExecute),
        other => Err(format!(
            "taint {spec:?}: invalid effect {other:?}: must be NoSchedule, PreferNoSchedule or NoExecute"
        )),
    }
}

/// `key=value` (set) or `key-` (remove), as `kubectl label nodes NODE …`.
pub fn label(node: &str, spec: &str) -> Result<Action, String> {
    let spec = spec.trim();
    let (key, value) = match spec.strip_suffix('-') {
        Some(key) => (key, None),
        None => {
            let (k, v) = spec
                .split_once('=')
                .ok_or_else(|| format!("label {spec:?}: expected key=value or key-"))?;
            (k, Some(v.to_owned()))
        }
    };
    check_key(key, "label")?;
    Ok(Action::Label {
        kind: Kind::Node,
        namespace: NS.into(),
        name: node.to_owned(),
        key: key.to_owned(),
        value,
    })
}

fn check_key(key: &str, what: &str) -> Result<(), String> {
    let ok = !key.is_empty()
        && key.len() <= 253
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if ok { Ok(()) } else { Err(format!("{what} key {key:?} is not a valid label key")) }
}

/// The "add nodes" form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolForm {
    /// Pool name (an existing one adds nodes to it).
    pub name: String,
    /// `cpu`, `gpu` or `pi`.
    pub kind: String,
    /// How many nodes.
    pub count: String,
    /// CPU per node (empty: the kind's default).
    pub cpu: String,
    /// Memory per node (empty: the kind's default).
    pub memory: String,
}

/// Most nodes one form submission adds.
pub const MAX_NEW_NODES: u32 = 200;

impl PoolForm {
    /// The action.
    pub fn action(&self) -> Result<Action, String> {
        let name = self.name.trim();
        if name.is_empty()
            || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!(
                "pool name {name:?}: use lower-case letters, digits and '-' (like gpu or big)"
            ));
        }
        let kind = PoolKind::from_name(self.kind.trim())
            .ok_or_else(|| format!("pool kind {:?}: must be cpu, gpu or pi", self.kind))?;
        let count: u32 =
            self.count.trim().parse().ok().filter(|n| (1..=MAX_NEW_NODES).contains(n)).ok_or_else(
                || format!("count {:?}: a number from 1 to {MAX_NEW_NODES}", self.count),
            )?;
        let mut pool = NodePool::new(name, kind, count);
        if !self.cpu.trim().is_empty() {
            let q = quantity(&self.cpu, "cpu")?;
            pool.shape.cpu_millis = q.milli_value();
        }
        if !self.memory.trim().is_empty() {
            pool.shape.memory_bytes = quantity(&self.memory, "memory")?.value();
        }
        if pool.shape.cpu_millis <= 0 || pool.shape.memory_bytes <= 0 {
            return Err("cpu and memory must be more than zero".into());
        }
        Ok(Action::AddNodes(pool))
    }
}

fn quantity(s: &str, what: &str) -> Result<Quantity, String> {
    Quantity::parse(s.trim()).map_err(|e| format!("{what} {:?}: {e}", s.trim()))
}

/// The "create Deployment" form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentForm {
    /// Name.
    pub name: String,
    /// Image.
    pub image: String,
    /// Replicas.
    pub replicas: String,
    /// CPU request (may be empty).
    pub cpu: String,
    /// Memory request (may be empty).
    pub memory: String,
}

impl DeploymentForm {
    /// The Deployment `kubectl create deployment NAME --image=IMAGE --replicas=N` would create
    /// (label `app: NAME`, container named after the image), with the requests given.
    pub fn action(&self) -> Result<Action, String> {
        let name = self.name.trim();
        let image = self.image.trim();
        if image.is_empty() || image.chars().any(|c| c.is_whitespace() || c == '"') {
            return Err(format!("image {image:?}: required, without spaces or quotes"));
        }
        if name.chars().any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')) {
            return Err(format!("name {name:?}: use lower-case letters, digits and '-'"));
        }
        let replicas: i32 = self
            .replicas
            .trim()
            .parse()
            .map_err(|_| format!("replicas {:?}: a whole number", self.replicas))?;
        let mut requests = String::new();
        for (key, value) in [("cpu", &self.cpu), ("memory", &self.memory)] {
            if !value.trim().is_empty() {
                quantity(value, key)?;
                requests.push_str(&format!("            {key}: \"{}\"\n", value.trim()));
            }
        }
        let resources = if requests.is_empty() {
            String::new()
        } else {
            format!("        resources:\n          requests:\n{requests}")
        };
        let container = container_name(image);
        let yaml = format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \"{name}\"\n  labels:\n    app: \"{name}\"\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: \"{name}\"\n  template:\n    metadata:\n      labels:\n        app: \"{name}\"\n    spec:\n      containers:\n      - name: \"{container}\"\n        image: \"{image}\"\n{resources}"
        );
        let parsed = parse_manifests(&yaml).into_result().map_err(|errors| {
            errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("; ")
        })?;
        let mut m = parsed.into_iter().next().ok_or("nothing to create")?;
        m.fill_namespace(NS);
        match m.object {
            Object::Deployment(d) => Ok(Action::Create(ApiObject::Deployment(d))),
            _ => Err("not a Deployment".into()),
        }
    }
}

/// kubectl names the container after the image's last path segment, without tag or digest.
pub fn container_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let base = last.split(['@', ':']).next().unwrap_or(last);
    let cleaned: String = base
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() { "app".into() } else { trimmed.to_owned() }
}

/// What the editor's Apply will do: the objects in order, and the parser's warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Each object with the line its document starts on.
    pub objects: Vec<(u32, ApiObject)>,
    /// Warnings as `line N: warning: …`.
    pub warnings: Vec<String>,
}

/// A problem to show at a line of the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

/// Reads the editor's text as `kubectl apply -f` would: every document must be valid, or
/// nothing is applied and every error is reported at its line.
pub fn manifest_plan(text: &str) -> Result<Plan, Vec<LineError>> {
    if text.trim().is_empty() {
        return Err(vec![LineError {
            line: 1,
            column: 1,
            message: "no objects passed to apply".into(),
        }]);
    }
    let parsed = parse_manifests(text);
    let warnings = parsed.warnings().map(ToString::to_string).collect();
    let mut errors: Vec<LineError> = parsed
        .errors()
        .map(|d| LineError { line: d.line, column: d.column, message: d.message.clone() })
        .collect();
    let mut objects = Vec::new();
    for mut m in parsed.manifests {
        m.fill_namespace(NS);
        let object = match m.object {
            Object::Pod(p) => ApiObject::Pod(p),
            Object::Deployment(d) => ApiObject::Deployment(d),
            Object::ReplicaSet(r) => ApiObject::ReplicaSet(r),
            Object::Service(s) => ApiObject::Service(s),
            Object::Node(n) => ApiObject::Node(n),
            Object::SchedulerConfiguration(_) => {
                errors.push(LineError {
                    line: m.line,
                    column: 1,
                    message: "KubeSchedulerConfiguration: the scheduler's configuration is fixed when the cluster starts (put it in a scenario file)".into(),
                });
                continue;
            }
        };
        objects.push((m.line, object));
    }
    if objects.is_empty() && errors.is_empty() {
        errors.push(LineError { line: 1, column: 1, message: "no objects passed to apply".into() });
    }
    if errors.is_empty() {
        Ok(Plan { objects, warnings })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_manifest_is_refused_with_its_lines() {
        let text =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n";
        let errors = manifest_plan(text).unwrap_err();
        assert_eq!(errors[0].line, 6, "{errors:?}");
        assert!(errors[0].message.contains("unknown field \"spec.replica\""), "{errors:?}");
        let broken = "kind: Pod\nmetadata:\n  name: [unclosed\n";
        let errors = manifest_plan(broken).unwrap_err();
        assert!(errors[0].line >= 3, "{errors:?}");
        assert!(manifest_plan("  \n").is_err());
    }

    #[test]
    fn valid_documents_become_objects_in_the_default_namespace() {
        let text = format!(
            "{}---\n{}",
            crate::widgets::cluster::presets::EXAMPLES[0].text,
            crate::widgets::cluster::presets::EXAMPLES[1].text
        );
        let plan = manifest_plan(&text).expect("valid");
        assert_eq!(plan.objects.len(), 2);
        assert!(
            matches!(&plan.objects[0].1, ApiObject::Deployment(d) if d.metadata.namespace == "default")
        );
        assert!(matches!(&plan.objects[1].1, ApiObject::Service(_)));
    }

    #[test]
    fn taints_as_kubectl_spells_them() {
        let Ok(Action::Taint { node, taint: t }) = taint("node-1", "dedicated=infra:NoSchedule")
        else {
            panic!()
        };
        assert_eq!(
            (node.as_str(), t.key.as_str(), t.value.as_str()),
            ("node-1", "dedicated", "infra")
        );
        assert_eq!(t.effect, TaintEffect::NoSchedule);
        assert!(matches!(taint("n", "gpu:NoExecute"), Ok(Action::Taint { .. })));
        assert!(taint("n", "dedicated=infra").unwrap_err().contains("key=value:Effect"));
        assert!(taint("n", "a=b:Sometimes").unwrap_err().contains("invalid effect"));
        assert!(taint("n", "=b:NoSchedule").is_err());
        assert!(matches!(
            taint("n", "dedicated:NoSchedule-"),
            Ok(Action::Untaint { effect: Some(TaintEffect::NoSchedule), .. })
        ));
        assert!(matches!(taint("n", "dedicated-"), Ok(Action::Untaint { effect: None, .. })));
    }

    #[test]
    fn labels_set_and_remove() {
        assert!(matches!(
            label("node-1", "disk=ssd"),
            Ok(Action::Label { value: Some(v), .. }) if v == "ssd"
        ));
        assert!(matches!(label("node-1", "disk-"), Ok(Action::Label { value: None, .. })));
        assert!(label("node-1", "disk").is_err());
        assert!(label("node-1", "a b=c").is_err());
    }

    #[test]
    fn pools_read_their_shape() {
        let f = PoolForm {
            name: "big".into(),
            kind: "cpu".into(),
            count: "2".into(),
            cpu: "8".into(),
            memory: "32Gi".into(),
        };
        let Ok(Action::AddNodes(p)) = f.action() else { panic!() };
        assert_eq!((p.count, p.shape.cpu_millis, p.shape.memory_bytes), (2, 8000, 32 << 30));
        let bad = |f: PoolForm| f.action().unwrap_err();
        assert!(bad(PoolForm { count: "0".into(), ..f.clone() }).contains("count"));
        assert!(bad(PoolForm { count: "9999".into(), ..f.clone() }).contains("count"));
        assert!(bad(PoolForm { kind: "tpu".into(), ..f.clone() }).contains("kind"));
        assert!(bad(PoolForm { cpu: "lots".into(), ..f.clone() }).contains("cpu"));
        assert!(bad(PoolForm { name: "Big Pool".into(), ..f }).contains("pool name"));
    }

    #[test]
    fn deployments_are_built_like_kubectl_create_deployment() {
        let f = DeploymentForm {
            name: "api".into(),
            image: "registry.example.com/shop/legacy-api:1.1".into(),
            replicas: "3".into(),
            cpu: "250m".into(),
            memory: "".into(),
        };
        let Ok(Action::Create(ApiObject::Deployment(d))) = f.action() else { panic!() };
        assert_eq!(d.metadata.name, "api");
        assert_eq!(d.metadata.namespace, "default");
        assert_eq!(d.spec.replicas, 3);
        let c = &d.spec.template.spec.containers[0];
        assert_eq!(c.name, "legacy-api");
        assert_eq!(c.resources.requests.cpu_millis(), 250);
        let bad = |f: DeploymentForm| f.action().unwrap_err();
        assert!(bad(DeploymentForm { replicas: "-1".into(), ..f.clone() }).contains("replicas"));
        assert!(bad(DeploymentForm { replicas: "x".into(), ..f.clone() }).contains("replicas"));
        assert!(bad(DeploymentForm { image: "a b".into(), ..f.clone() }).contains("image"));
        assert!(bad(DeploymentForm { name: "".into(), ..f.clone() }).contains("name"));
        assert!(bad(DeploymentForm { cpu: "1x".into(), ..f }).contains("cpu"));
    }

    #[test]
    fn container_names_follow_the_image() {
        assert_eq!(container_name("nginx:1.30"), "nginx");
        assert_eq!(container_name("gcr.io/distroless/static-debian12"), "static-debian12");
        assert_eq!(container_name("a/b@sha256:x"), "b");
    }
}
