//! Objects print as `kubectl get -o yaml` and `-o json` print them.

use sim_core::{
    manifest::{ToWire, Value, to_json, to_yaml},
    model::{
        EndpointSlice, Event, EventType, IntOrString, Labels, Lease, ObjectMeta, OwnerReference,
        Pod, Quantity, ResourceList, ResourceName, Service, Taint, TaintEffect, Toleration,
        TolerationOperator, Uid,
        node::{
            ConditionStatus, ContainerImage, Node, NodeAddress, NodeCondition, NodeConditionType,
            NodeSystemInfo,
        },
        pod::{
            Container, ContainerPort, ContainerState, ContainerStatus, PodCondition,
            PodConditionType, PodPhase, PodSpec, PullPolicy, QosClass, ResourceRequirements,
        },
        service::{Endpoint, EndpointPort, ObjectReference, ServicePort, ServiceSpec},
        workload::{Deployment, DeploymentCondition, DeploymentSpec, PodTemplateSpec},
    },
    time::SimTime,
};
use std::{net::Ipv4Addr, sync::Arc};

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs.iter().copied().collect()
}

fn stored(namespace: &str, name: &str, uid: u128, rv: u64, created_s: u64) -> ObjectMeta {
    ObjectMeta {
        uid: Uid(uid),
        resource_version: rv,
        creation_timestamp: SimTime::from_secs(created_s),
        ..ObjectMeta::named(namespace, name)
    }
}

fn web_spec() -> PodSpec {
    PodSpec {
        containers: vec![Container {
            name: "web".into(),
            image: "nginx:1.27".into(),
            image_pull_policy: PullPolicy::IfNotPresent,
            ports: vec![ContainerPort {
                container_port: 80,
                name: "http".into(),
                ..Default::default()
            }],
            resources: ResourceRequirements {
                requests: ResourceList::new()
                    .with(ResourceName::Cpu, Quantity::from_millis(250))
                    .with(ResourceName::Memory, Quantity::from_bytes(64 << 20)),
                limits: ResourceList::new()
                    .with(ResourceName::Memory, Quantity::from_bytes(128 << 20)),
            },
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn running_pod() -> Pod {
    let mut metadata = stored(
        "default",
        "web-7d4b9c6f5d-x2k8p",
        0x1111_2222_3333_4444_5555_6666_7777_8888,
        1234,
        12,
    );
    metadata.generate_name = "web-7d4b9c6f5d-".into();
    metadata.labels = labels(&[("app", "web"), ("pod-template-hash", "7d4b9c6f5d")]);
    metadata.owner_references = vec![OwnerReference {
        api_version: "apps/v1".into(),
        kind: "ReplicaSet".into(),
        name: "web-7d4b9c6f5d".into(),
        uid: Uid(0xaaaa_bbbb_cccc_dddd_eeee_ffff_0000_1111),
        controller: true,
        block_owner_deletion: true,
    }];
    let mut spec = web_spec();
    spec.tolerations = vec![Toleration {
        key: "node.kubernetes.io/not-ready".into(),
        operator: TolerationOperator::Exists,
        value: String::new(),
        effect: Some(TaintEffect::NoExecute),
        toleration_seconds: Some(300),
    }];
    let cond = |t, s| PodCondition {
        type_: t,
        status: s,
        last_transition_time: SimTime::from_secs(14),
        reason: String::new(),
        message: String::new(),
    };
    Pod {
        metadata,
        spec: Arc::new(spec),
        node_name: "node-2".into(),
        status: sim_core::model::PodStatus {
            phase: PodPhase::Running,
            conditions: vec![
                cond(PodConditionType::PodReadyToStartContainers, ConditionStatus::True),
                cond(PodConditionType::Ready, ConditionStatus::True),
                cond(PodConditionType::PodScheduled, ConditionStatus::True),
            ],
            host_ip: Some(Ipv4Addr::new(172, 18, 0, 3)),
            pod_ip: Some(Ipv4Addr::new(10, 244, 2, 7)),
            start_time: Some(SimTime::from_secs(12)),
            container_statuses: vec![ContainerStatus {
                name: "web".into(),
                image: "docker.io/library/nginx:1.27".into(),
                image_id: "docker.io/library/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac".into(),
                container_id: "containerd://0f2f5b3c".into(),
                ready: true,
                started: true,
                restart_count: 0,
                state: ContainerState::Running { started_at: SimTime::from_secs(13) },
                last_state: None,
            }],
            qos_class: QosClass::Burstable,
            ..Default::default()
        },
    }
}

fn deployment() -> Deployment {
    let mut metadata = stored("default", "web", 0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10, 2001, 5);
    metadata.generation = 2;
    metadata.annotations = labels(&[("deployment.kubernetes.io/revision", "2")]);
    let app = labels(&[("app", "web")]);
    let cond = |t: &str, reason: &str, message: &str| DeploymentCondition {
        type_: t.into(),
        status: ConditionStatus::True,
        last_update_time: SimTime::from_secs(40),
        last_transition_time: SimTime::from_secs(20),
        reason: reason.into(),
        message: message.into(),
    };
    Deployment {
        metadata,
        spec: DeploymentSpec {
            replicas: 3,
            selector: sim_core::model::LabelSelector::from_labels(app.clone()),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: app, ..Default::default() },
                spec: Arc::new(web_spec()),
            },
            ..Default::default()
        },
        status: sim_core::model::workload::DeploymentStatus {
            observed_generation: 2,
            replicas: 3,
            updated_replicas: 3,
            ready_replicas: 3,
            available_replicas: 3,
            unavailable_replicas: 0,
            conditions: vec![
                cond(
                    "Available",
                    "MinimumReplicasAvailable",
                    "Deployment has minimum availability.",
                ),
                cond(
                    "Progressing",
                    "NewReplicaSetAvailable",
                    "ReplicaSet \"web-7d4b9c6f5d\" has successfully progressed.",
                ),
            ],
        },
    }
}

fn node() -> Node {
    let mut metadata = stored("", "node-2", 0xfeed, 77, 0);
    metadata.labels = labels(&[
        ("kubernetes.io/arch", "arm64"),
        ("kubernetes.io/hostname", "node-2"),
        ("kubernetes.io/os", "linux"),
        ("node.kubernetes.io/pool", "arm"),
    ]);
    let resources = ResourceList::new()
        .with(ResourceName::Cpu, Quantity::from_units(4))
        .with(ResourceName::Memory, Quantity::from_bytes(16 << 30))
        .with(ResourceName::Pods, Quantity::from_units(110));
    let mut n = Node { metadata, ..Default::default() };
    n.spec.pod_cidr = "10.244.2.0/24".into();
    n.spec.taints = vec![Taint {
        time_added: Some(SimTime::from_secs(90)),
        ..Taint::new("node.kubernetes.io/unreachable", TaintEffect::NoExecute)
    }];
    n.status.capacity = resources.clone();
    n.status.allocatable = resources;
    n.status.conditions = vec![NodeCondition {
        type_: NodeConditionType::Ready,
        status: ConditionStatus::Unknown,
        last_heartbeat_time: SimTime::from_secs(30),
        last_transition_time: SimTime::from_secs(90),
        reason: "NodeStatusUnknown".into(),
        message: "Kubelet stopped posting node status.".into(),
    }];
    n.status.addresses = vec![
        NodeAddress { type_: "InternalIP".into(), address: "172.18.0.3".into() },
        NodeAddress { type_: "Hostname".into(), address: "node-2".into() },
    ];
    n.status.node_info = NodeSystemInfo {
        architecture: "arm64".into(),
        operating_system: "linux".into(),
        os_image: "Debian GNU/Linux 12 (bookworm)".into(),
        kernel_version: "6.8.0".into(),
        kubelet_version: "v1.34.1".into(),
        container_runtime_version: "containerd://2.1.4".into(),
    };
    n.status.images = vec![ContainerImage {
        names: vec!["docker.io/library/nginx:1.27".into()],
        size_bytes: 72_080_558,
    }];
    n
}

fn service() -> Service {
    Service {
        metadata: stored("default", "web", 0x5e, 300, 3),
        spec: ServiceSpec {
            type_: sim_core::model::ServiceType::NodePort,
            selector: Some(labels(&[("app", "web")])),
            ports: vec![ServicePort {
                name: "http".into(),
                protocol: Default::default(),
                port: 80,
                target_port: IntOrString::String("http".into()),
                node_port: Some(31080),
            }],
            cluster_ip: Some(Ipv4Addr::new(10, 96, 14, 2)),
            headless: false,
            session_affinity_client_ip: false,
        },
    }
}

#[test]
fn pod_yaml_and_json() {
    insta::assert_snapshot!("pod_yaml", to_yaml(&running_pod()));
    insta::assert_snapshot!("pod_json", to_json(&running_pod()));
}

#[test]
fn deployment_yaml() {
    insta::assert_snapshot!("deployment_yaml", to_yaml(&deployment()));
}

#[test]
fn node_yaml() {
    insta::assert_snapshot!("node_yaml", to_yaml(&node()));
}

#[test]
fn service_yaml() {
    insta::assert_snapshot!("service_yaml", to_yaml(&service()));
}

#[test]
fn endpoint_slice_event_and_lease_yaml() {
    let slice = EndpointSlice {
        metadata: ObjectMeta {
            labels: labels(&[
                ("kubernetes.io/service-name", "web"),
                ("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"),
            ]),
            generate_name: "web-".into(),
            ..stored("default", "web-abcde", 0x51, 310, 20)
        },
        address_type: "IPv4".into(),
        endpoints: vec![Endpoint {
            addresses: vec![Ipv4Addr::new(10, 244, 2, 7)],
            ready: true,
            serving: true,
            terminating: false,
            node_name: "node-2".into(),
            target_ref: ObjectReference {
                kind: "Pod".into(),
                namespace: "default".into(),
                name: "web-7d4b9c6f5d-x2k8p".into(),
                uid: Uid(0x1111_2222_3333_4444_5555_6666_7777_8888),
            },
        }],
        ports: vec![EndpointPort { name: "http".into(), port: 80, protocol: Default::default() }],
    };
    insta::assert_snapshot!("endpointslice_yaml", to_yaml(&slice));
    let event = Event {
        metadata: stored("default", "web-7d4b9c6f5d-x2k8p.18a1b2c3d4e5f601", 0xe1, 1240, 12),
        involved_object: ObjectReference { kind: "Pod".into(), namespace: "default".into(), name: "web-7d4b9c6f5d-x2k8p".into(), uid: Uid(0x1111_2222_3333_4444_5555_6666_7777_8888) },
        reason: "FailedScheduling".into(),
        message: "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.".into(),
        type_: EventType::Warning,
        source_component: "default-scheduler".into(),
        source_host: String::new(),
        first_timestamp: SimTime::from_secs(12),
        last_timestamp: SimTime::from_secs(72),
        count: 4,
    };
    insta::assert_snapshot!("event_yaml", to_yaml(&event));
    let lease = Lease {
        metadata: stored("kube-node-lease", "node-2", 0x1ea5e, 400, 0),
        holder_identity: "node-2".into(),
        lease_duration_seconds: 40,
        renew_time: SimTime::from_millis(80_250),
    };
    insta::assert_snapshot!("lease_yaml", to_yaml(&lease));
}

#[test]
fn default_scheduler_profile_yaml() {
    insta::assert_snapshot!(
        "profile_yaml",
        to_yaml(&sim_core::scheduler::config::Profile::default())
    );
}

#[test]
fn lists_print_like_kubectl_get_many() {
    let list = Value::list(vec![service().to_wire()]);
    insta::assert_snapshot!("list_json", list.to_json_string());
}

#[test]
fn long_messages_fold_at_80_columns_and_json_escapes_html() {
    let mut pod = running_pod();
    pod.status.message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container web was using 700Mi, request is 64Mi, has larger consumption of memory.".into();
    let yaml = to_yaml(&pod);
    let message: Vec<&str> =
        yaml.lines().skip_while(|l| !l.starts_with("  message:")).take(3).collect();
    assert_eq!(
        message,
        [
            "  message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available:",
            "    52Mi. Container web was using 700Mi, request is 64Mi, has larger consumption of",
            "    memory.'",
        ]
    );
    pod.metadata.annotations = labels(&[("note", "a<b && c>d")]);
    assert!(to_json(&pod).contains(r#""note": "a\u003cb \u0026\u0026 c\u003ed""#));
}
