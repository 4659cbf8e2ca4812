//! Fixture builders in the style of kube-scheduler's `MakePod()` / `MakeNode()`, for tests and
//! benchmarks across the workspace (the engine itself never uses them).
//!
//! ```
//! use sim_core::scheduler::testing::{NodeBuilder, PodBuilder};
//! let node = NodeBuilder::new("node-1").cpu("4").memory("8Gi").zone("zone-a").build();
//! let pod = PodBuilder::new("web-1").cpu("500m").memory("1Gi").node_selector("disk", "ssd").build();
//! assert_eq!(pod.metadata.namespace, "default");
//! assert_eq!(node.metadata.labels.get("topology.kubernetes.io/zone"), Some("zone-a"));
//! ```
//!
//! Builders panic on malformed quantity literals, as test fixtures should.

use crate::{
    model::{
        Container, LabelSelector, Labels, Node, ObjectMeta, OwnerReference, Pod, PodSpec, Quantity,
        ResourceList, ResourceName, Taint, TaintEffect, Toleration, TolerationOperator, Uid,
        meta::{LABEL_HOSTNAME, LABEL_ZONE},
        node::ContainerImage,
        pod::{
            Affinity, ContainerPort, NodeAffinity, NodeSelector, NodeSelectorOperator,
            NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm,
            TopologySpreadConstraint, UnsatisfiableConstraintAction,
        },
    },
    time::SimTime,
};
use std::sync::Arc;

fn qty(what: &str, s: &str) -> Quantity {
    Quantity::parse(s).unwrap_or_else(|e| panic!("{what}({s:?}): {e}"))
}

/// A uid derived from a name, so fixtures are stable without an RNG.
pub fn uid_for(namespace: &str, name: &str) -> Uid {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in namespace.bytes().chain([b'/']).chain(name.bytes()) {
        h = (h ^ u128::from(b)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
    }
    Uid(h | 1)
}

/// Builds a [`Node`]: allocatable = capacity, `pods: 110`, hostname label set.
#[derive(Clone, Debug)]
pub struct NodeBuilder {
    node: Node,
}

impl NodeBuilder {
    /// A node called `name` with 110 pods allocatable and nothing else.
    pub fn new(name: &str) -> Self {
        let mut node = Node { metadata: ObjectMeta::named("", name), ..Default::default() };
        node.metadata.uid = uid_for("", name);
        node.metadata.labels.insert(LABEL_HOSTNAME, name);
        let b = NodeBuilder { node };
        b.resource("pods", "110")
    }

    /// Sets capacity and allocatable of a resource.
    #[must_use]
    pub fn resource(mut self, name: &str, amount: &str) -> Self {
        let q = qty("NodeBuilder::resource", amount);
        let n = ResourceName::from_name(name);
        self.node.status.capacity.set(n.clone(), q);
        self.node.status.allocatable.set(n, q);
        self
    }

    /// `cpu`.
    #[must_use]
    pub fn cpu(self, amount: &str) -> Self {
        self.resource("cpu", amount)
    }

    /// `memory`.
    #[must_use]
    pub fn memory(self, amount: &str) -> Self {
        self.resource("memory", amount)
    }

    /// `pods`.
    #[must_use]
    pub fn pods(self, amount: u32) -> Self {
        self.resource("pods", &amount.to_string())
    }

    /// A label.
    #[must_use]
    pub fn label(mut self, key: &str, value: &str) -> Self {
        self.node.metadata.labels.insert(key, value);
        self
    }

    /// `topology.kubernetes.io/zone`.
    #[must_use]
    pub fn zone(self, zone: &str) -> Self {
        self.label(LABEL_ZONE, zone)
    }

    /// A taint.
    #[must_use]
    pub fn taint(mut self, key: &str, value: &str, effect: TaintEffect) -> Self {
        self.node.spec.taints.push(Taint {
            key: key.into(),
            value: value.into(),
            effect,
            time_added: None,
        });
        self
    }

    /// `spec.unschedulable: true` (cordoned).
    #[must_use]
    pub fn unschedulable(mut self) -> Self {
        self.node.spec.unschedulable = true;
        self
    }

    /// An image in the node's cache.
    #[must_use]
    pub fn image(mut self, name: &str, size_bytes: i64) -> Self {
        self.node.status.images.push(ContainerImage { names: vec![name.to_owned()], size_bytes });
        self
    }

    /// The node.
    pub fn build(self) -> Node {
        self.node
    }
}

/// Builds a pending [`Pod`] in `default` with one container `app` (image `nginx:1.27`).
#[derive(Clone, Debug)]
pub struct PodBuilder {
    pod: Pod,
    spec: PodSpec,
}

impl PodBuilder {
    /// A pod called `name` in namespace `default`.
    pub fn new(name: &str) -> Self {
        let mut meta = ObjectMeta::named("default", name);
        meta.uid = uid_for("default", name);
        let spec = PodSpec {
            containers: vec![Container {
                name: "app".into(),
                image: "nginx:1.27".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        PodBuilder { pod: Pod { metadata: meta, ..Default::default() }, spec }
    }

    /// The namespace (recomputes the uid).
    #[must_use]
    pub fn namespace(mut self, ns: &str) -> Self {
        self.pod.metadata.namespace = ns.to_owned();
        self.pod.metadata.uid = uid_for(ns, &self.pod.metadata.name);
        self
    }

    /// An explicit uid.
    #[must_use]
    pub fn uid(mut self, uid: u128) -> Self {
        self.pod.metadata.uid = Uid(uid);
        self
    }

    fn first_container(&mut self) -> &mut Container {
        if self.spec.containers.is_empty() {
            self.spec.containers.push(Container { name: "app".into(), ..Default::default() });
        }
        let last = self.spec.containers.len() - 1;
        &mut self.spec.containers[last]
    }

    /// A request on the last container.
    #[must_use]
    pub fn request(mut self, name: &str, amount: &str) -> Self {
        let q = qty("PodBuilder::request", amount);
        self.first_container().resources.requests.set(ResourceName::from_name(name), q);
        self
    }

    /// A cpu request.
    #[must_use]
    pub fn cpu(self, amount: &str) -> Self {
        self.request("cpu", amount)
    }

    /// A memory request.
    #[must_use]
    pub fn memory(self, amount: &str) -> Self {
        self.request("memory", amount)
    }

    /// Replaces the last container's image.
    #[must_use]
    pub fn image(mut self, image: &str) -> Self {
        self.first_container().image = image.to_owned();
        self
    }

    /// Adds another app container.
    #[must_use]
    pub fn container(mut self, name: &str, image: &str, requests: &[(&str, &str)]) -> Self {
        self.spec.containers.push(container(name, image, requests));
        self
    }

    /// Adds an init container (`sidecar`: `restartPolicy: Always`).
    #[must_use]
    pub fn init_container(
        mut self,
        name: &str,
        image: &str,
        requests: &[(&str, &str)],
        sidecar: bool,
    ) -> Self {
        let mut c = container(name, image, requests);
        if sidecar {
            c.restart_policy = Some(crate::model::pod::RestartPolicy::Always);
        }
        self.spec.init_containers.push(c);
        self
    }

    /// No containers at all.
    #[must_use]
    pub fn no_containers(mut self) -> Self {
        self.spec.containers.clear();
        self
    }

    /// `spec.overhead`.
    #[must_use]
    pub fn overhead(mut self, name: &str, amount: &str) -> Self {
        self.spec.overhead.set(ResourceName::from_name(name), qty("PodBuilder::overhead", amount));
        self
    }

    /// A label.
    #[must_use]
    pub fn label(mut self, key: &str, value: &str) -> Self {
        self.pod.metadata.labels.insert(key, value);
        self
    }

    /// A `spec.nodeSelector` entry.
    #[must_use]
    pub fn node_selector(mut self, key: &str, value: &str) -> Self {
        self.spec.node_selector.insert(key, value);
        self
    }

    /// A toleration.
    #[must_use]
    pub fn toleration(mut self, t: Toleration) -> Self {
        self.spec.tolerations.push(t);
        self
    }

    /// Tolerates `key` (any value) with `effect` (`None`: all effects).
    #[must_use]
    pub fn tolerate(self, key: &str, effect: Option<TaintEffect>) -> Self {
        self.toleration(Toleration {
            key: key.into(),
            operator: TolerationOperator::Exists,
            value: String::new(),
            effect,
            toleration_seconds: None,
        })
    }

    fn node_affinity(&mut self) -> &mut NodeAffinity {
        let aff = self.spec.affinity.get_or_insert_with(Affinity::default);
        aff.node_affinity.get_or_insert_with(NodeAffinity::default)
    }

    /// Adds a required `nodeSelectorTerm` with one expression (terms are ORed).
    #[must_use]
    pub fn required_term(mut self, key: &str, op: NodeSelectorOperator, values: &[&str]) -> Self {
        let req = self.node_affinity().required.get_or_insert_with(NodeSelector::default);
        req.node_selector_terms.push(NodeSelectorTerm {
            match_expressions: vec![requirement(key, op, values)],
            match_fields: Vec::new(),
        });
        self
    }

    /// Adds a required term with `matchFields` `metadata.name In [names]`.
    #[must_use]
    pub fn required_node_names(mut self, names: &[&str]) -> Self {
        let req = self.node_affinity().required.get_or_insert_with(NodeSelector::default);
        req.node_selector_terms.push(NodeSelectorTerm {
            match_expressions: Vec::new(),
            match_fields: vec![requirement("metadata.name", NodeSelectorOperator::In, names)],
        });
        self
    }

    /// Adds a preferred term with one expression.
    #[must_use]
    pub fn preferred_term(
        mut self,
        weight: i32,
        key: &str,
        op: NodeSelectorOperator,
        values: &[&str],
    ) -> Self {
        self.node_affinity().preferred.push(PreferredSchedulingTerm {
            weight,
            preference: NodeSelectorTerm {
                match_expressions: vec![requirement(key, op, values)],
                match_fields: Vec::new(),
            },
        });
        self
    }

    /// A container port with `hostPort` (TCP, any address).
    #[must_use]
    pub fn host_port(mut self, port: i32) -> Self {
        self.first_container().ports.push(ContainerPort {
            container_port: port,
            host_port: port,
            ..Default::default()
        });
        self
    }

    /// `spec.priority`.
    #[must_use]
    pub fn priority(mut self, p: i32) -> Self {
        self.spec.priority = p;
        self
    }

    /// Controlled by the ReplicaSet `name` (`apps/v1`).
    #[must_use]
    pub fn owned_by_replica_set(mut self, name: &str) -> Self {
        self.pod.metadata.owner_references.push(OwnerReference {
            api_version: "apps/v1".into(),
            kind: "ReplicaSet".into(),
            name: name.into(),
            uid: uid_for(&self.pod.metadata.namespace, name),
            controller: true,
            block_owner_deletion: true,
        });
        self
    }

    /// A topology spread constraint selecting pods with `selector` labels.
    #[must_use]
    pub fn spread(
        mut self,
        max_skew: i32,
        key: &str,
        when: UnsatisfiableConstraintAction,
        selector: &[(&str, &str)],
    ) -> Self {
        let labels: Labels = selector.iter().copied().collect();
        self.spec.topology_spread_constraints.push(TopologySpreadConstraint {
            max_skew,
            topology_key: key.into(),
            when_unsatisfiable: when,
            label_selector: Some(LabelSelector::from_labels(labels)),
            min_domains: None,
        });
        self
    }

    /// Bound to `node` (`spec.nodeName`), and Running since `start`.
    #[must_use]
    pub fn on_node(mut self, node: &str) -> Self {
        self.pod.node_name = node.to_owned();
        self
    }

    /// `status.startTime`.
    #[must_use]
    pub fn started_at(mut self, t: SimTime) -> Self {
        self.pod.status.start_time = Some(t);
        self
    }

    /// `status.nominatedNodeName`.
    #[must_use]
    pub fn nominated(mut self, node: &str) -> Self {
        self.pod.status.nominated_node_name = node.to_owned();
        self
    }

    /// `spec.schedulerName`.
    #[must_use]
    pub fn scheduler_name(mut self, name: &str) -> Self {
        self.spec.scheduler_name = name.to_owned();
        self
    }

    /// The pod.
    pub fn build(mut self) -> Pod {
        self.pod.spec = Arc::new(self.spec);
        self.pod
    }
}

fn container(name: &str, image: &str, requests: &[(&str, &str)]) -> Container {
    let mut c = Container { name: name.into(), image: image.into(), ..Default::default() };
    c.resources.requests = requests
        .iter()
        .map(|(n, q)| (ResourceName::from_name(n), qty("container request", q)))
        .collect::<ResourceList>();
    c
}

fn requirement(key: &str, op: NodeSelectorOperator, values: &[&str]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.into(),
        operator: op,
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}
