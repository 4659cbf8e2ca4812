//! Property tests of the manifest reader and printers.
//!
//! - **Round trip**: for objects in the decoder's normal form (upstream's defaults already
//!   applied, valid values), `decode(to_yaml(x)) == x` and `decode(to_json(x)) == x`.
//! - **Robustness**: arbitrary text and mutated manifests never panic and finish quickly.
//!
//! `PROPTEST_CASES` scales the runs (the robustness properties are the documented substitute
//! for a million-input fuzz run when `cargo fuzz` is unavailable; see `sim-core/fuzz/README.md`).

use proptest::{prelude::*, sample::subsequence};
use sim_core::{
    manifest::{Object, parse_manifests, qos_class, to_json, to_yaml},
    model::{
        IntOrString, LabelSelector, Labels, ObjectMeta, OwnerReference, Pod, PodStatus, Quantity,
        ReplicaSet, ResourceList, ResourceName, Service, Taint, TaintEffect, Toleration,
        TolerationOperator, Uid,
        meta::{LabelSelectorOperator, LabelSelectorRequirement},
        node::{
            ConditionStatus, ContainerImage, Node, NodeAddress, NodeCondition, NodeConditionType,
            NodeSystemInfo,
        },
        pod::{
            Affinity, Container, ContainerPort, NodeAffinity, NodeSelector, NodeSelectorOperator,
            NodeSelectorRequirement, NodeSelectorTerm, PodSpec, PreferredSchedulingTerm, Probe,
            ProbeHandler, Protocol, PullPolicy, ResourceRequirements, RestartPolicy,
            TopologySpreadConstraint, UnsatisfiableConstraintAction,
        },
        service::{ServicePort, ServiceSpec, ServiceType},
        workload::{
            Deployment, DeploymentSpec, DeploymentStrategy, PodTemplateSpec, ReplicaSetSpec,
        },
    },
    scheduler::config::{
        BalancedAllocationArgs, NodeResourcesFitArgs, PluginName, Profile, ResourceSpec,
        ScoringStrategyType, WeightedPlugin,
    },
    time::SimTime,
};
use std::{net::Ipv4Addr, sync::Arc, time::Instant};

// ---- strings ------------------------------------------------------------------------------

/// Strings that read as something else in YAML 1.1 unless the printer quotes them.
const TRICKY: &[&str] = &[
    "y",
    "n",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "null",
    "~",
    "0",
    "1.0",
    "1e3",
    "0x1F",
    "017",
    "08",
    "2026-01-01",
    "1:20",
    ".5",
    "-",
    "123",
];

fn dns_label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]([a-z0-9-]{0,10}[a-z0-9])?",
        prop::sample::select(&["y", "n", "no", "on", "null"][..]).prop_map(String::from),
    ]
}

fn subdomain() -> impl Strategy<Value = String> {
    prop_oneof![dns_label(), (dns_label(), dns_label()).prop_map(|(a, b)| format!("{a}.{b}"))]
}

fn label_key() -> impl Strategy<Value = String> {
    let name = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,8}[A-Za-z0-9])?";
    prop_oneof![
        name.prop_map(String::from),
        (subdomain(), name).prop_map(|(p, n)| format!("{p}/{n}")),
        prop::sample::select(TRICKY)
            .prop_filter("a key", |s| is_label_value(s))
            .prop_map(String::from),
    ]
}

fn label_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z0-9]([-A-Za-z0-9_.]{0,8}[A-Za-z0-9])?",
        prop::sample::select(TRICKY)
            .prop_filter("a label value", |s| is_label_value(s))
            .prop_map(String::from),
    ]
}

fn is_label_value(s: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric();
    s.starts_with(ok) && s.ends_with(ok) && s.chars().all(|c| ok(c) || "-_.".contains(c))
}

fn labels(max: usize) -> impl Strategy<Value = Labels> {
    prop::collection::vec((label_key(), label_value()), 0..=max)
        .prop_map(|v| v.into_iter().collect())
}

/// Any text at all, to exercise every quoting rule of the printer.
fn free_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => prop::sample::select(TRICKY).prop_map(String::from),
        2 => "[ -~\n\t]{0,120}",
        1 => "( ?[a-z:#'\"{}\\[\\],&*!|>%@`-]{1,6} ?){1,30}",
    ]
}

fn annotations() -> impl Strategy<Value = Labels> {
    prop::collection::vec((label_key(), free_text()), 0..=3).prop_map(|v| v.into_iter().collect())
}

// ---- metadata -----------------------------------------------------------------------------

fn time() -> impl Strategy<Value = SimTime> {
    (0u64..10_000_000).prop_map(SimTime::from_secs)
}

fn object_meta(namespaced: bool) -> impl Strategy<Value = ObjectMeta> {
    (
        subdomain(),
        if namespaced { dns_label().boxed() } else { Just(String::new()).boxed() },
        prop::option::of((1u128.., 1u64..(1 << 53), time(), 0u64..1000)),
        labels(4),
        annotations(),
        prop::collection::vec(owner(), 0..=1),
    )
        .prop_map(|(name, namespace, stored, labels, annotations, owner_references)| {
            let mut m = ObjectMeta {
                name,
                namespace,
                labels,
                annotations,
                owner_references,
                ..Default::default()
            };
            if let Some((uid, rv, created, generation)) = stored {
                m.uid = Uid(uid);
                m.resource_version = rv;
                m.creation_timestamp = created;
                m.generation = generation;
            }
            m
        })
}

fn owner() -> impl Strategy<Value = OwnerReference> {
    (dns_label(), any::<u128>(), any::<bool>(), any::<bool>()).prop_map(
        |(name, uid, controller, block)| OwnerReference {
            api_version: "apps/v1".into(),
            kind: "ReplicaSet".into(),
            name,
            uid: Uid(uid),
            controller,
            block_owner_deletion: block,
        },
    )
}

// ---- pods ---------------------------------------------------------------------------------

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        (0i64..1 << 40).prop_map(Quantity::from_millis),
        (0i64..1 << 20).prop_map(Quantity::from_units),
        (0i64..1 << 40).prop_map(Quantity::from_bytes),
        (0i64..64).prop_map(|g| Quantity::from_bytes(g << 30)),
    ]
}

/// cpu and memory with requests ≤ limits, a request wherever there is a limit (defaulting),
/// and a whole-number GPU count equal in both.
fn resources() -> impl Strategy<Value = ResourceRequirements> {
    let pair = || (prop::option::of(quantity()), prop::option::of(quantity()));
    (pair(), pair(), prop::option::of(0i64..8)).prop_map(|(cpu, mem, gpu)| {
        let mut r = ResourceRequirements::default();
        for (name, (a, b)) in [(ResourceName::Cpu, cpu), (ResourceName::Memory, mem)] {
            match (a, b) {
                (Some(x), Some(y)) => {
                    r.requests.set(name.clone(), x.min(y));
                    r.limits.set(name, x.max(y));
                }
                (Some(x), None) => r.requests.set(name, x),
                (None, Some(y)) => {
                    r.requests.set(name.clone(), y);
                    r.limits.set(name, y);
                }
                (None, None) => {}
            }
        }
        if let Some(n) = gpu {
            let name = ResourceName::Extended("nvidia.com/gpu".into());
            r.requests.set(name.clone(), Quantity::from_units(n));
            r.limits.set(name, Quantity::from_units(n));
        }
        r
    })
}

fn probe(liveness: bool) -> impl Strategy<Value = Probe> {
    let handler = prop_oneof![
        (free_text(), 1i32..=65535).prop_map(|(path, port)| ProbeHandler::HttpGet { path, port }),
        (1i32..=65535).prop_map(|port| ProbeHandler::TcpSocket { port }),
        (1i32..=65535).prop_map(|port| ProbeHandler::Grpc { port }),
        prop::collection::vec(free_text(), 0..3).prop_map(|command| ProbeHandler::Exec { command }),
    ];
    (handler, 0i32..300, 1i32..60, 1i32..60, 1i32..5, 1i32..10).prop_map(
        move |(
            handler,
            initial_delay_seconds,
            period_seconds,
            timeout_seconds,
            success,
            failure_threshold,
        )| Probe {
            handler,
            initial_delay_seconds,
            period_seconds,
            timeout_seconds,
            success_threshold: if liveness { 1 } else { success },
            failure_threshold,
        },
    )
}

fn image() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}(/[a-z]{1,8})?",
        "[a-z]{1,8}:[a-z0-9.]{1,6}",
        "registry\\.local:5000/[a-z]{1,8}:1\\.[0-9]",
        "[a-z]{1,8}@sha256:[0-9a-f]{16}",
        prop::sample::select(TRICKY).prop_map(String::from),
    ]
}

fn container(index: usize) -> impl Strategy<Value = Container> {
    (
        image(),
        prop::sample::select(vec![PullPolicy::Always, PullPolicy::IfNotPresent, PullPolicy::Never]),
        prop::collection::vec(free_text(), 0..3),
        prop::collection::vec(free_text(), 0..3),
        prop::collection::vec(
            (
                1i32..=65535,
                0i32..=65535,
                prop::sample::select(vec![Protocol::TCP, Protocol::UDP, Protocol::SCTP]),
            ),
            0..3,
        ),
        resources(),
        prop::option::of(probe(false)),
        prop::option::of(probe(true)),
        prop::option::of(probe(true)),
    )
        .prop_map(
            move |(image, pull, command, args, ports, resources, readiness, liveness, startup)| {
                Container {
                    name: format!("c{index}"),
                    image,
                    image_pull_policy: pull,
                    command,
                    args,
                    ports: ports
                        .into_iter()
                        .enumerate()
                        .map(|(i, (container_port, host_port, protocol))| ContainerPort {
                            name: format!("p{i}x"),
                            container_port,
                            host_port,
                            host_ip: String::new(),
                            protocol,
                        })
                        .collect(),
                    resources,
                    readiness_probe: readiness,
                    liveness_probe: liveness,
                    startup_probe: startup,
                    restart_policy: None,
                }
            },
        )
}

fn containers() -> impl Strategy<Value = Vec<Container>> {
    (1usize..=3).prop_flat_map(|n| (0..n).map(container).collect::<Vec<_>>())
}

fn toleration() -> impl Strategy<Value = Toleration> {
    let effect = prop::option::of(prop::sample::select(vec![
        TaintEffect::NoSchedule,
        TaintEffect::PreferNoSchedule,
        TaintEffect::NoExecute,
    ]));
    (label_key(), any::<bool>(), label_value(), effect, prop::option::of(0i64..10_000)).prop_map(
        |(key, exists, value, effect, seconds)| Toleration {
            operator: if exists { TolerationOperator::Exists } else { TolerationOperator::Equal },
            value: if exists { String::new() } else { value },
            toleration_seconds: seconds.filter(|_| effect == Some(TaintEffect::NoExecute)),
            key,
            effect,
        },
    )
}

fn node_requirement() -> impl Strategy<Value = NodeSelectorRequirement> {
    use NodeSelectorOperator::*;
    (
        label_key(),
        prop::sample::select(vec![In, NotIn, Exists, DoesNotExist, Gt, Lt]),
        prop::collection::vec(label_value(), 1..3),
        -100i64..100,
    )
        .prop_map(|(key, operator, values, n)| {
            let values = match operator {
                In | NotIn => values,
                Exists | DoesNotExist => Vec::new(),
                Gt | Lt => vec![n.to_string()],
            };
            NodeSelectorRequirement { key, operator, values }
        })
}

fn term() -> impl Strategy<Value = NodeSelectorTerm> {
    prop::collection::vec(node_requirement(), 0..3).prop_map(|match_expressions| NodeSelectorTerm {
        match_expressions,
        match_fields: Vec::new(),
    })
}

fn affinity() -> impl Strategy<Value = Affinity> {
    (
        prop::option::of(prop::collection::vec(term(), 1..3)),
        prop::collection::vec((1i32..=100, term()), 0..3),
    )
        .prop_map(|(required, preferred)| Affinity {
            node_affinity: Some(NodeAffinity {
                required: required.map(|node_selector_terms| NodeSelector { node_selector_terms }),
                preferred: preferred
                    .into_iter()
                    .map(|(weight, preference)| PreferredSchedulingTerm { weight, preference })
                    .collect(),
            }),
        })
}

fn selector() -> impl Strategy<Value = LabelSelector> {
    use LabelSelectorOperator::*;
    let req = (
        label_key(),
        prop::sample::select(vec![In, NotIn, Exists, DoesNotExist]),
        prop::collection::vec(label_value(), 1..3),
    )
        .prop_map(|(key, operator, values)| LabelSelectorRequirement {
            key,
            values: if matches!(operator, In | NotIn) { values } else { Vec::new() },
            operator,
        });
    (labels(2), prop::collection::vec(req, 0..2)).prop_map(|(match_labels, match_expressions)| {
        LabelSelector { match_labels, match_expressions }
    })
}

fn spread() -> impl Strategy<Value = Vec<TopologySpreadConstraint>> {
    let one = (
        1i32..5,
        label_key(),
        any::<bool>(),
        prop::option::of(selector()),
        prop::option::of(1i32..4),
    )
        .prop_map(|(max_skew, topology_key, hard, label_selector, min_domains)| {
            TopologySpreadConstraint {
                max_skew,
                topology_key,
                when_unsatisfiable: if hard {
                    UnsatisfiableConstraintAction::DoNotSchedule
                } else {
                    UnsatisfiableConstraintAction::ScheduleAnyway
                },
                label_selector,
                min_domains: min_domains.filter(|_| hard),
            }
        });
    prop::collection::vec(one, 0..3).prop_map(|mut v| {
        let mut seen = Vec::new();
        v.retain(|c| {
            let k = (c.topology_key.clone(), c.when_unsatisfiable);
            let fresh = !seen.contains(&k);
            seen.push(k);
            fresh
        });
        v
    })
}

fn pod_spec(restart_any: bool) -> impl Strategy<Value = PodSpec> {
    (
        containers(),
        prop::option::of(container(9)),
        if restart_any {
            prop::sample::select(vec![
                RestartPolicy::Always,
                RestartPolicy::OnFailure,
                RestartPolicy::Never,
            ])
            .boxed()
        } else {
            Just(RestartPolicy::Always).boxed()
        },
        0i64..1000,
        labels(3),
        prop::option::of(affinity()),
        prop::collection::vec(toleration(), 0..3),
        (
            subdomain(),
            prop::sample::select(vec![0, 2_000_000_000, 2_000_001_000]),
            any::<bool>(),
            any::<bool>(),
        ),
        spread(),
        prop::collection::vec(
            (prop::sample::select(vec![ResourceName::Cpu, ResourceName::Memory]), quantity()),
            0..2,
        ),
    )
        .prop_map(
            |(
                containers,
                init,
                restart_policy,
                grace,
                node_selector,
                affinity,
                tolerations,
                (scheduler_name, priority, host_network, share),
                topology_spread_constraints,
                overhead,
            )| {
                PodSpec {
                    init_containers: init
                        .map(|mut c| {
                            c.restart_policy = Some(RestartPolicy::Always);
                            vec![c]
                        })
                        .unwrap_or_default(),
                    containers,
                    restart_policy,
                    termination_grace_period_seconds: grace,
                    node_selector,
                    affinity,
                    tolerations,
                    scheduler_name,
                    priority,
                    host_network,
                    share_process_namespace: share,
                    topology_spread_constraints,
                    overhead: overhead.into_iter().collect::<ResourceList>(),
                    ..PodSpec::default()
                }
            },
        )
}

fn pod() -> impl Strategy<Value = Pod> {
    (object_meta(true), pod_spec(true), prop_oneof![Just(String::new()), subdomain()]).prop_map(
        |(metadata, spec, node_name)| {
            let status = PodStatus { qos_class: qos_class(&spec), ..Default::default() };
            Pod { metadata, spec: Arc::new(spec), node_name, status }
        },
    )
}

/// A pod template whose labels include `selector`'s, and whose metadata holds only what a
/// template's does.
fn template_and_selector() -> impl Strategy<Value = (PodTemplateSpec, LabelSelector)> {
    (labels(3), labels(2), annotations(), pod_spec(false)).prop_filter_map(
        "a non-empty selector",
        |(sel, extra, annotations, spec)| {
            if sel.is_empty() {
                return None;
            }
            let mut all = extra;
            for (k, v) in sel.iter() {
                all.insert(k, v);
            }
            let metadata = ObjectMeta { labels: all, annotations, ..Default::default() };
            Some((
                PodTemplateSpec { metadata, spec: Arc::new(spec) },
                LabelSelector::from_labels(sel),
            ))
        },
    )
}

fn int_or_percent(max_pct: u32) -> impl Strategy<Value = IntOrString> {
    prop_oneof![
        (0i32..20).prop_map(IntOrString::Int),
        (0..=max_pct).prop_map(|p| IntOrString::String(format!("{p}%")))
    ]
}

fn deployment() -> impl Strategy<Value = Deployment> {
    let strategy = prop_oneof![
        Just(DeploymentStrategy::Recreate),
        (int_or_percent(300), int_or_percent(100))
            .prop_filter("not both zero", |(s, u)| !(is_zero(s) && is_zero(u)))
            .prop_map(|(max_surge, max_unavailable)| DeploymentStrategy::RollingUpdate {
                max_surge,
                max_unavailable
            }),
    ];
    (
        object_meta(true),
        template_and_selector(),
        strategy,
        0i32..50,
        0i32..100,
        0i32..20,
        1i32..1000,
        any::<bool>(),
    )
        .prop_map(
            |(
                metadata,
                (template, selector),
                strategy,
                replicas,
                min_ready,
                history,
                extra_deadline,
                paused,
            )| Deployment {
                metadata,
                spec: DeploymentSpec {
                    replicas,
                    selector,
                    template,
                    strategy,
                    min_ready_seconds: min_ready,
                    revision_history_limit: history,
                    progress_deadline_seconds: min_ready + extra_deadline,
                    paused,
                },
                status: Default::default(),
            },
        )
}

fn is_zero(v: &IntOrString) -> bool {
    matches!(v, IntOrString::Int(0)) || matches!(v, IntOrString::String(s) if s == "0%")
}

fn replica_set() -> impl Strategy<Value = ReplicaSet> {
    (object_meta(true), template_and_selector(), 0i32..50, 0i32..100).prop_map(
        |(metadata, (template, selector), replicas, min_ready_seconds)| ReplicaSet {
            metadata,
            spec: ReplicaSetSpec { replicas, min_ready_seconds, selector, template },
            status: Default::default(),
        },
    )
}

fn service() -> impl Strategy<Value = Service> {
    let kind = prop::sample::select(vec![
        ServiceType::ClusterIP,
        ServiceType::NodePort,
        ServiceType::LoadBalancer,
    ]);
    let port = (
        1i32..=65535,
        prop::sample::select(vec![Protocol::TCP, Protocol::UDP]),
        prop_oneof![
            (1i32..=65535).prop_map(IntOrString::Int),
            "[a-z]{1,6}".prop_map(IntOrString::String)
        ],
        prop::option::of(30000i32..=32767),
    );
    (
        object_meta(true),
        kind,
        prop::option::of(labels(3)),
        prop::collection::vec(port, 1..4),
        0u8..3,
        any::<u32>(),
        any::<bool>(),
    )
        .prop_map(|(mut metadata, type_, selector, ports, ip_kind, ip, affinity)| {
            // Service names are DNS-1035 labels: they start with a letter.
            metadata.name = format!("s{}", metadata.name.replace('.', "-"));
            let external = type_ != ServiceType::ClusterIP;
            let mut seen: Vec<(i32, Protocol)> = Vec::new();
            let ports = ports
                .into_iter()
                .filter(|(p, proto, ..)| {
                    let fresh = !seen.contains(&(*p, *proto));
                    seen.push((*p, *proto));
                    fresh
                })
                .enumerate()
                .map(|(i, (port, protocol, target_port, node_port))| ServicePort {
                    name: format!("port-{i}"),
                    protocol,
                    port,
                    target_port,
                    node_port: node_port.filter(|_| external),
                })
                .collect();
            Service {
                metadata,
                spec: ServiceSpec {
                    type_,
                    selector: selector.filter(|s| !s.is_empty()),
                    ports,
                    cluster_ip: (ip_kind == 1).then(|| Ipv4Addr::from(ip)),
                    headless: ip_kind == 2,
                    session_affinity_client_ip: affinity,
                },
            }
        })
}

fn node() -> impl Strategy<Value = Node> {
    let taint = (
        label_key(),
        label_value(),
        prop::sample::select(vec![
            TaintEffect::NoSchedule,
            TaintEffect::PreferNoSchedule,
            TaintEffect::NoExecute,
        ]),
        prop::option::of(time()),
    )
        .prop_map(|(key, value, effect, time_added)| Taint { key, value, effect, time_added });
    let condition = (
        prop::sample::select(vec![
            NodeConditionType::Ready,
            NodeConditionType::MemoryPressure,
            NodeConditionType::DiskPressure,
        ]),
        prop::sample::select(vec![
            ConditionStatus::True,
            ConditionStatus::False,
            ConditionStatus::Unknown,
        ]),
        time(),
        time(),
        free_text(),
        free_text(),
    )
        .prop_map(|(type_, status, hb, tr, reason, message)| NodeCondition {
            type_,
            status,
            last_heartbeat_time: hb,
            last_transition_time: tr,
            reason,
            message,
        });
    let resources = || {
        (quantity(), quantity(), 0i64..500, prop::option::of(0i64..8)).prop_map(
            |(cpu, mem, pods, gpu)| {
                let mut r = ResourceList::new()
                    .with(ResourceName::Cpu, cpu)
                    .with(ResourceName::Memory, mem)
                    .with(ResourceName::Pods, Quantity::from_units(pods));
                if let Some(g) = gpu {
                    r.set(ResourceName::Extended("nvidia.com/gpu".into()), Quantity::from_units(g));
                }
                r
            },
        )
    };
    (
        object_meta(false),
        prop::collection::vec(taint, 0..3),
        any::<bool>(),
        prop_oneof![Just(String::new()), "10\\.244\\.[0-9]{1,3}\\.0/24"],
        resources(),
        resources(),
        prop::collection::vec(condition, 0..3),
        prop::collection::vec(("[A-Za-z]{1,10}", free_text()), 0..3),
        ("(amd64|arm64)", free_text(), free_text()),
        prop::collection::vec((prop::collection::vec(free_text(), 0..3), 0i64..1 << 40), 0..3),
    )
        .prop_map(
            |(
                metadata,
                taints,
                unschedulable,
                pod_cidr,
                capacity,
                allocatable,
                conditions,
                addresses,
                (arch, os_image, kubelet),
                images,
            )| {
                let mut seen = Vec::new();
                let taints = taints
                    .into_iter()
                    .filter(|t| {
                        let fresh = !seen.contains(&(t.key.clone(), t.effect));
                        seen.push((t.key.clone(), t.effect));
                        fresh
                    })
                    .collect();
                let mut n = Node { metadata, ..Default::default() };
                n.spec.taints = taints;
                n.spec.unschedulable = unschedulable;
                n.spec.pod_cidr = pod_cidr;
                n.status.capacity = capacity;
                n.status.allocatable = allocatable;
                n.status.conditions = conditions;
                n.status.addresses = addresses
                    .into_iter()
                    .map(|(type_, address)| NodeAddress { type_, address })
                    .collect();
                n.status.node_info = NodeSystemInfo {
                    architecture: arch,
                    os_image,
                    kubelet_version: kubelet,
                    ..Default::default()
                };
                n.status.images = images
                    .into_iter()
                    .map(|(names, size_bytes)| ContainerImage { names, size_bytes })
                    .collect();
                n
            },
        )
}

fn profile() -> impl Strategy<Value = Profile> {
    let filters: Vec<PluginName> = PluginName::ALL.into_iter().filter(|p| p.filters()).collect();
    let scorers: Vec<PluginName> =
        PluginName::ALL.into_iter().filter(|p| p.default_score_weight().is_some()).collect();
    let n_scorers = scorers.len();
    let resource = (
        prop::sample::select(vec!["cpu", "memory", "nvidia.com/gpu", "ephemeral-storage"]),
        1i64..=100,
    )
        .prop_map(|(n, weight)| ResourceSpec { name: ResourceName::from_name(n), weight });
    let shape = prop::collection::btree_map(0i64..=100, 0i64..=10, 1..5)
        .prop_map(|m| m.into_iter().collect::<Vec<_>>());
    let strategy = prop_oneof![
        Just(ScoringStrategyType::LeastAllocated),
        Just(ScoringStrategyType::MostAllocated),
        shape.prop_map(|shape| ScoringStrategyType::RequestedToCapacityRatio { shape }),
    ];
    (
        subdomain(),
        prop::option::of(0u32..=100),
        subsequence(filters.clone(), 0..=filters.len()).prop_shuffle(),
        subsequence(scorers, 0..=n_scorers).prop_shuffle(),
        prop::collection::vec(1u32..=100, n_scorers),
        any::<bool>(),
        (
            strategy,
            prop::collection::vec(resource.clone(), 1..4),
            prop::collection::vec(resource, 1..3),
        ),
        (prop::collection::vec(label_key(), 0..2), prop::collection::vec("[a-z]{1,6}\\.com", 0..2)),
        (1u32..100, 0u32..100),
    )
        .prop_map(
            |(
                scheduler_name,
                pct,
                filter,
                score,
                weights,
                preemption,
                (strategy, fit_resources, balanced),
                (ignored, groups),
                (initial, extra),
            )| Profile {
                scheduler_name,
                percentage_of_nodes_to_score: pct,
                filter,
                score: score
                    .into_iter()
                    .zip(weights)
                    .map(|(name, weight)| WeightedPlugin { name, weight })
                    .collect(),
                post_filter: if preemption {
                    vec![PluginName::DefaultPreemption]
                } else {
                    Vec::new()
                },
                node_resources_fit: NodeResourcesFitArgs {
                    strategy,
                    resources: fit_resources,
                    ignored_resources: ignored,
                    ignored_resource_groups: groups,
                },
                balanced_allocation: BalancedAllocationArgs { resources: balanced },
                pod_initial_backoff_seconds: initial,
                pod_max_backoff_seconds: initial + extra,
            },
        )
}

fn object() -> impl Strategy<Value = Object> {
    prop_oneof![
        pod().prop_map(Object::Pod),
        deployment().prop_map(Object::Deployment),
        replica_set().prop_map(Object::ReplicaSet),
        service().prop_map(Object::Service),
        node().prop_map(Object::Node),
        profile().prop_map(Object::SchedulerConfiguration),
    ]
}

// ---- properties ---------------------------------------------------------------------------

/// Decodes `text`, expecting one object, no errors, and no warning but the one about `status`.
fn decode_one(text: &str) -> Result<Object, TestCaseError> {
    let parsed = parse_manifests(text);
    let unexpected: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || d.path != "status")
        .map(ToString::to_string)
        .collect();
    prop_assert!(unexpected.is_empty(), "diagnostics {unexpected:#?}\nfor:\n{text}");
    prop_assert_eq!(parsed.manifests.len(), 1);
    parsed
        .manifests
        .into_iter()
        .next()
        .map(|m| m.object)
        .ok_or_else(|| TestCaseError::fail("no object"))
}

/// Runs `test` over the strategy `make` builds, on a thread with a large stack: generating these deeply nested
/// objects takes more stack than a test thread has in debug builds.
fn run_big_stack<S, F>(make: F, default_cases: u32, test: fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy + 'static,
    F: FnOnce() -> S + Send + 'static,
{
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || {
        let config = ProptestConfig { cases: cases(default_cases), ..ProptestConfig::default() };
        let outcome = proptest::test_runner::TestRunner::new(config).run(&make(), test);
        outcome.map_err(|e| e.to_string())
    });
    let outcome =
        worker.expect("spawn a test thread").join().expect("the property thread panicked");
    if let Err(e) = outcome {
        panic!("{e}");
    }
}

/// `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

#[test]
fn yaml_round_trips() {
    run_big_stack(object, 256, |x| {
        let text = to_yaml(&x);
        prop_assert_eq!(&decode_one(&text)?, &x, "through:\n{}", text);
        Ok(())
    });
}

#[test]
fn json_round_trips() {
    run_big_stack(object, 256, |x| {
        let text = to_json(&x);
        prop_assert_eq!(&decode_one(&text)?, &x, "through:\n{}", text);
        Ok(())
    });
}

// ---- robustness ---------------------------------------------------------------------------

/// What a parse may take at most, generous for debug builds on a loaded machine. A real
/// pathology (quadratic or worse) blows through it by orders of magnitude.
const PARSE_BUDGET_MS: u128 = 2_000;

fn parse_bounded(text: &str) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let parsed = parse_manifests(text);
    let elapsed = start.elapsed().as_millis();
    prop_assert!(elapsed < PARSE_BUDGET_MS, "took {elapsed} ms on {} bytes", text.len());
    // Whatever happened, every diagnostic points inside the input.
    // YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32 + 1;
    for d in &parsed.diagnostics {
        prop_assert!(d.line >= 1 && d.line <= lines, "{d} outside {lines} lines");
    }
    Ok(())
}

const SEEDS: &[&str] = &[
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources:\n          requests: {cpu: 100m, memory: 64Mi}\n        ports: [{containerPort: 80, name: http}]\n        readinessProbe: {httpGet: {path: /, port: http}}\n",
    "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: http, nodePort: 30080}\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels: &l {a: b}\nspec:\n  taints: [{key: k, effect: NoSchedule}]\nstatus:\n  capacity: {cpu: 4, memory: 8Gi}\n",
    "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"x\"}]}}]}\n",
    "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- plugins:\n    multiPoint: {disabled: [{name: '*'}]}\n    score: {enabled: [{name: NodeResourcesFit, weight: 5}]}\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n        requestedToCapacityRatio: {shape: [{utilization: 0, score: 0}]}\n",
];

/// Pieces of YAML syntax that, inserted anywhere, stress the parser and the decoder.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!x ",
    "'",
    "\"",
    "\\",
    "#",
    "\t",
    "\n",
    "\n  ",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">-\n",
    "~",
    "null",
    "yes",
    "1e999",
    "0x",
    "%YAML 1.2\n",
    "\u{feff}",
    "\r\n",
    "  ",
    "apiVersion: v1\n",
    "kind: Pod\n",
    "spec:\n",
    "\u{0}",
];

fn mutated() -> impl Strategy<Value = String> {
    let edit = prop_oneof![
        (any::<prop::sample::Index>(), prop::sample::select(TOKENS))
            .prop_map(|(i, t)| Edit::Insert(i, t.to_string())),
        (any::<prop::sample::Index>(), 1usize..20).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<prop::sample::Index>().prop_map(Edit::DuplicateLine),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
        (any::<prop::sample::Index>(), any::<char>())
            .prop_map(|(i, c)| Edit::Insert(i, c.to_string())),
    ];
    (prop::sample::select(SEEDS), prop::collection::vec(edit, 1..8)).prop_map(|(seed, edits)| {
        let mut text = seed.to_string();
        for e in edits {
            e.apply(&mut text);
        }
        text
    })
}

#[derive(Clone, Debug)]
enum Edit {
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    DuplicateLine(prop::sample::Index),
    Truncate(prop::sample::Index),
}

impl Edit {
    fn apply(self, text: &mut String) {
        let boundary = |text: &str, i: &prop::sample::Index| {
            let mut at = i.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        match self {
            Edit::Insert(i, s) => {
                let at = boundary(text, &i);
                text.insert_str(at, &s);
            }
            Edit::Delete(i, n) => {
                let at = boundary(text, &i);
                let mut end = (at + n).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
            Edit::DuplicateLine(i) => {
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let k = i.index(lines.len());
                    let mut out: Vec<&str> = lines.clone();
                    out.insert(k, lines[k]);
                    *text = out.join("\n");
                }
            }
            Edit::Truncate(i) => {
                let at = boundary(text, &i);
                text.truncate(at);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        parse_bounded(&text)?;
    }

    #[test]
    fn yaml_like_text_never_panics(text in "([ -~]|\n|\t){0,400}") {
        parse_bounded(&text)?;
    }

    #[test]
    fn mutated_manifests_never_panic(text in mutated()) {
        parse_bounded(&text)?;
    }

}

#[test]
fn mutated_printed_objects_never_panic() {
    let make = || {
        let edits = prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(TOKENS)),
            1..6,
        );
        (object(), edits)
    };
    run_big_stack(make, 512, |(x, edits)| {
        let mut text = to_yaml(&x);
        for (i, t) in edits {
            Edit::Insert(i, t.to_string()).apply(&mut text);
        }
        parse_bounded(&text)
    });
}
