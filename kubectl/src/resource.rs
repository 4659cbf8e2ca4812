//! Resource types the console knows, with kubectl's spellings (plural, singular, short name,
//! kind, `plural.group`), and the `TYPE NAME…` / `TYPE/NAME…` argument forms.

use std::fmt;

/// A resource type the simulator serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    /// `pods` (`po`).
    Pods,
    /// `nodes` (`no`).
    Nodes,
    /// `deployments.apps` (`deploy`).
    Deployments,
    /// `replicasets.apps` (`rs`).
    ReplicaSets,
    /// `services` (`svc`).
    Services,
    /// `endpointslices.discovery.k8s.io`.
    EndpointSlices,
    /// `events` (`ev`).
    Events,
    /// `leases.coordination.k8s.io`.
    Leases,
}

/// Every resource, in `kubectl api-resources` order (core group first, then by group).
pub(crate) const ALL: &[Resource] = &[
    Resource::Events,
    Resource::Nodes,
    Resource::Pods,
    Resource::Services,
    Resource::Deployments,
    Resource::ReplicaSets,
    Resource::Leases,
    Resource::EndpointSlices,
];

/// What `kubectl get all` lists, in its order.
pub(crate) const ALL_CATEGORY: &[Resource] =
    &[Resource::Pods, Resource::Services, Resource::Deployments, Resource::ReplicaSets];

/// Resource types real clusters have that the simulator does not model (plural, short names).
const NOT_SIMULATED: &[(&str, &[&str])] = &[
    ("bindings", &[]),
    ("clusterrolebindings", &[]),
    ("clusterroles", &[]),
    ("componentstatuses", &["cs"]),
    ("configmaps", &["cm", "configmap"]),
    ("controllerrevisions", &[]),
    ("cronjobs", &["cj", "cronjob"]),
    ("csidrivers", &[]),
    ("csinodes", &[]),
    ("customresourcedefinitions", &["crd", "crds"]),
    ("daemonsets", &["ds", "daemonset"]),
    ("endpoints", &["ep"]),
    ("horizontalpodautoscalers", &["hpa"]),
    ("ingressclasses", &[]),
    ("ingresses", &["ing", "ingress"]),
    ("jobs", &["job"]),
    ("limitranges", &["limits"]),
    ("namespaces", &["ns", "namespace"]),
    ("networkpolicies", &["netpol"]),
    ("persistentvolumeclaims", &["pvc"]),
    ("persistentvolumes", &["pv"]),
    ("poddisruptionbudgets", &["pdb"]),
    ("podtemplates", &[]),
    ("priorityclasses", &["pc"]),
    ("replicationcontrollers", &["rc"]),
    ("resourcequotas", &["quota"]),
    ("rolebindings", &[]),
    ("roles", &[]),
    ("runtimeclasses", &[]),
    ("secrets", &["secret"]),
    ("serviceaccounts", &["sa"]),
    ("statefulsets", &["sts", "statefulset"]),
    ("storageclasses", &["sc"]),
    ("volumeattachments", &[]),
];

impl Resource {
    /// Plural name (`pods`).
    pub fn plural(self) -> &'static str {
        match self {
            Resource::Pods => "pods",
            Resource::Nodes => "nodes",
            Resource::Deployments => "deployments",
            Resource::ReplicaSets => "replicasets",
            Resource::Services => "services",
            Resource::EndpointSlices => "endpointslices",
            Resource::Events => "events",
            Resource::Leases => "leases",
        }
    }

    /// Short names.
    pub fn short_names(self) -> &'static [&'static str] {
        match self {
            Resource::Pods => &["po"],
            Resource::Nodes => &["no"],
            Resource::Deployments => &["deploy"],
            Resource::ReplicaSets => &["rs"],
            Resource::Services => &["svc"],
            Resource::Events => &["ev"],
            Resource::EndpointSlices | Resource::Leases => &[],
        }
    }

    /// `kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Resource::Pods => "Pod",
            Resource::Nodes => "Node",
            Resource::Deployments => "Deployment",
            Resource::ReplicaSets => "ReplicaSet",
            Resource::Services => "Service",
            Resource::EndpointSlices => "EndpointSlice",
            Resource::Events => "Event",
            Resource::Leases => "Lease",
        }
    }

    /// API group (empty for core).
    pub fn group(self) -> &'static str {
        match self {
            Resource::Deployments | Resource::ReplicaSets => "apps",
            Resource::EndpointSlices => "discovery.k8s.io",
            Resource::Leases => "coordination.k8s.io",
            _ => "",
        }
    }

    /// `apiVersion`.
    pub fn api_version(self) -> String {
        match self.group() {
            "" => "v1".into(),
            g => format!("{g}/v1"),
        }
    }

    /// Whether objects live in a namespace.
    pub fn namespaced(self) -> bool {
        self != Resource::Nodes
    }

    /// `plural.group` as errors print it (`deployments.apps`, `pods`).
    pub fn qualified(self) -> String {
        match self.group() {
            "" => self.plural().to_owned(),
            g => format!("{}.{g}", self.plural()),
        }
    }

    /// `kind.group` in lower case, as `-o name` and success messages print it
    /// (`deployment.apps`, `pod`).
    pub fn kind_group(self) -> String {
        let kind = self.kind().to_ascii_lowercase();
        match self.group() {
            "" => kind,
            g => format!("{kind}.{g}"),
        }
    }

    /// Resolves a spelling: plural, singular, short name or kind (any case), optionally
    /// followed by `.group` or `.v1.group`.
    pub fn parse(s: &str) -> Result<Resource, ResourceError> {
        let lower = s.to_ascii_lowercase();
        let (base, group) = match lower.split_once('.') {
            Some((b, g)) => (b, Some(g.strip_prefix("v1.").unwrap_or(g))),
            None => (lower.as_str(), None),
        };
        let found = ALL.iter().copied().find(|r| {
            let singular = r.kind().to_ascii_lowercase();
            let name_ok = base == r.plural() || base == singular || r.short_names().contains(&base);
            name_ok && group.is_none_or(|g| g == r.group() || (g == "v1" && r.group().is_empty()))
        });
        if let Some(r) = found {
            return Ok(r);
        }
        let known = NOT_SIMULATED.iter().find(|(plural, shorts)| {
            base == *plural || shorts.contains(&base) || base == plural.trim_end_matches('s')
        });
        match known {
            Some((plural, _)) => Err(ResourceError::NotSimulated((*plural).to_owned())),
            None => Err(ResourceError::Unknown(s.to_owned())),
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.plural())
    }
}

/// A resource type that cannot be served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceError {
    /// Not a Kubernetes resource type at all.
    Unknown(String),
    /// A real resource type outside the simulation.
    NotSimulated(String),
}

impl fmt::Display for ResourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceError::Unknown(s) => {
                write!(f, "the server doesn't have a resource type \"{s}\"")
            }
            ResourceError::NotSimulated(s) => {
                let list: Vec<&str> = ALL.iter().map(|r| r.plural()).collect();
                write!(
                    f,
                    "\"{s}\" exist in real clusters but not in this simulator (simulated resource types: {})",
                    list.join(", ")
                )
            }
        }
    }
}

/// A parsed `TYPE NAME…` or `TYPE/NAME…` argument list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Targets {
    /// Resource types (several for `pods,svc` or `all`).
    pub(crate) types: Vec<Resource>,
    /// `(type, name)` pairs; empty means "every object of `types`".
    pub(crate) names: Vec<(Resource, String)>,
    /// Whether `all` or several types were asked for (names print as `kind/name`).
    pub(crate) multiple_types: bool,
}

/// Why resource arguments are wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TargetError {
    /// A bad resource type.
    Resource(ResourceError),
    /// `TYPE TYPE/NAME`.
    MixedForms,
    /// `TYPE/` with no name, or an empty type.
    Malformed(String),
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::Resource(e) => e.fmt(f),
            TargetError::MixedForms => f.write_str(
                "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
            ),
            TargetError::Malformed(s) => write!(f, "arguments in resource/name form must have a single resource and name: {s:?}"),
        }
    }
}

impl From<ResourceError> for TargetError {
    fn from(e: ResourceError) -> Self {
        TargetError::Resource(e)
    }
}

fn parse_types(s: &str) -> Result<(Vec<Resource>, bool), TargetError> {
    let mut types = Vec::new();
    let mut multiple = false;
    for part in s.split(',') {
        if part.is_empty() {
            return Err(TargetError::Malformed(s.to_owned()));
        }
        if part.eq_ignore_ascii_case("all") {
            multiple = true;
            types.extend(ALL_CATEGORY.iter().copied());
        } else {
            types.push(Resource::parse(part)?);
        }
    }
    types.dedup();
    let multiple = multiple || types.len() > 1;
    Ok((types, multiple))
}

/// `ResourceTypeOrNameArgs`: the first argument is a type list and the rest are names, or
/// every argument is `type/name`.
pub(crate) fn parse_targets(args: &[String]) -> Result<Targets, TargetError> {
    let Some(first) = args.first() else {
        return Ok(Targets { types: Vec::new(), names: Vec::new(), multiple_types: false });
    };
    if first.contains('/') {
        let mut names = Vec::new();
        let mut types = Vec::new();
        for a in args {
            let Some((t, n)) = a.split_once('/') else {
                return Err(TargetError::MixedForms);
            };
            if t.is_empty() || n.is_empty() || n.contains('/') || t.contains(',') {
                return Err(TargetError::Malformed(a.clone()));
            }
            let r = Resource::parse(t)?;
            if !types.contains(&r) {
                types.push(r);
            }
            names.push((r, n.to_owned()));
        }
        let multiple_types = types.len() > 1;
        return Ok(Targets { types, names, multiple_types });
    }
    let (types, multiple_types) = parse_types(first)?;
    let mut names = Vec::new();
    for a in &args[1..] {
        if a.contains('/') {
            return Err(TargetError::MixedForms);
        }
        for t in &types {
            names.push((*t, a.clone()));
        }
    }
    Ok(Targets { types, names, multiple_types })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn spellings_resolve_like_the_rest_mapper() {
        for s in ["pods", "pod", "po", "Pod", "PODS", "pods.v1", "pod.v1"] {
            assert_eq!(Resource::parse(s), Ok(Resource::Pods), "{s}");
        }
        for s in ["deploy", "deployment", "deployments.apps", "deployment.v1.apps", "Deployment"] {
            assert_eq!(Resource::parse(s), Ok(Resource::Deployments), "{s}");
        }
        assert_eq!(
            Resource::parse("deployments.batch"),
            Err(ResourceError::Unknown("deployments.batch".into()))
        );
        assert_eq!(Resource::parse("cm"), Err(ResourceError::NotSimulated("configmaps".into())));
        assert_eq!(Resource::parse("secret"), Err(ResourceError::NotSimulated("secrets".into())));
        assert_eq!(
            Resource::parse("foo").map_err(|e| e.to_string()),
            Err("the server doesn't have a resource type \"foo\"".into())
        );
    }

    #[test]
    fn argument_forms() {
        let t = parse_targets(&args("deploy/web pod/x")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.names, [(Resource::Deployments, "web".into()), (Resource::Pods, "x".into())]);
        assert!(t.multiple_types);
        let t = parse_targets(&args("pods,svc web")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.types, [Resource::Pods, Resource::Services]);
        assert_eq!(t.names.len(), 2);
        let t = parse_targets(&args("all")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.types, ALL_CATEGORY);
        assert_eq!(parse_targets(&args("pods web/x")), Err(TargetError::MixedForms));
        assert_eq!(parse_targets(&args("pod/x web")), Err(TargetError::MixedForms));
        assert!(matches!(parse_targets(&args("pod/")), Err(TargetError::Malformed(_))));
    }
}
