//! Realistic manifests decode into the model with upstream's defaults applied.

use sim_core::{
    manifest::{Manifest, Object, Severity, parse_manifests},
    model::{
        IntOrString, Quantity, ResourceName, TaintEffect, TolerationOperator,
        pod::{NodeSelectorOperator, ProbeHandler, Protocol, PullPolicy, QosClass, RestartPolicy},
        service::ServiceType,
        workload::DeploymentStrategy,
    },
    scheduler::config::{PluginName, Profile, ResourceSpec, ScoringStrategyType, WeightedPlugin},
};

/// Parses `text`, asserts there is no error, and returns the objects and the warnings.
fn parse(text: &str) -> (Vec<Manifest>, Vec<String>) {
    let parsed = parse_manifests(text);
    let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    let warnings = parsed.warnings().map(ToString::to_string).collect();
    (parsed.manifests, warnings)
}

fn only(text: &str) -> Object {
    let (mut m, _) = parse(text);
    assert_eq!(m.len(), 1, "{m:#?}");
    m.remove(0).object
}

const NGINX_DEPLOYMENT: &str = r#"# A typical web Deployment, as found in tutorials.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: web
  labels:
    app.kubernetes.io/name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
        tier: "frontend"
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 80
        env:
        - name: NGINX_PORT
          value: "80"
        resources:
          requests:
            cpu: 250m
            memory: 64Mi
          limits:
            cpu: "1"
            memory: 128Mi
        readinessProbe:
          httpGet:
            path: /healthz
            port: http
          initialDelaySeconds: 5
        livenessProbe:
          tcpSocket:
            port: 80
        volumeMounts:
        - name: html
          mountPath: /usr/share/nginx/html
      volumes:
      - name: html
        emptyDir: {}
"#;

#[test]
fn nginx_deployment() {
    let (manifests, warnings) = parse(NGINX_DEPLOYMENT);
    assert_eq!(manifests.len(), 1);
    assert_eq!(manifests[0].line, 2, "the document's content starts after the comment");
    let Object::Deployment(d) = &manifests[0].object else { panic!("not a Deployment") };
    assert_eq!(d.metadata.name, "nginx");
    assert_eq!(d.metadata.namespace, "web");
    assert_eq!(d.spec.replicas, 3);
    assert_eq!(d.spec.revision_history_limit, 10);
    assert_eq!(d.spec.progress_deadline_seconds, 600);
    assert_eq!(
        d.spec.strategy,
        DeploymentStrategy::RollingUpdate {
            max_surge: IntOrString::String("25%".into()),
            max_unavailable: IntOrString::String("25%".into()),
        }
    );
    assert_eq!(d.spec.selector.match_labels.get("app"), Some("nginx"));
    assert_eq!(d.spec.template.metadata.labels.get("tier"), Some("frontend"));
    let spec = &d.spec.template.spec;
    assert_eq!(spec.restart_policy, RestartPolicy::Always);
    assert_eq!(spec.termination_grace_period_seconds, 30);
    assert_eq!(spec.scheduler_name, "default-scheduler");
    let c = &spec.containers[0];
    assert_eq!(c.image_pull_policy, PullPolicy::IfNotPresent);
    assert_eq!(c.ports[0].protocol, Protocol::TCP);
    assert_eq!(c.resources.requests.cpu_millis(), 250);
    assert_eq!(
        c.resources.limits.get(&ResourceName::Memory),
        Some(Quantity::from_bytes(128 << 20))
    );
    let probe = c.readiness_probe.as_ref().expect("readiness probe");
    assert_eq!(probe.handler, ProbeHandler::HttpGet { path: "/healthz".into(), port: 80 });
    assert_eq!(
        (probe.initial_delay_seconds, probe.period_seconds, probe.timeout_seconds),
        (5, 10, 1)
    );
    assert_eq!((probe.success_threshold, probe.failure_threshold), (1, 3));
    assert!(c.liveness_probe.is_some());
    assert_eq!(
        warnings,
        [
            "line 26: warning: spec.template.spec.containers[0].env: ignored: environment variables are not simulated",
            "line 44: warning: spec.template.spec.containers[0].volumeMounts: ignored: volumes are not simulated",
            "line 47: warning: spec.template.spec.volumes: ignored: volumes are not simulated",
        ]
    );
}

#[test]
fn gpu_pod_with_tolerations_and_node_selector() {
    let text = r#"
apiVersion: v1
kind: Pod
metadata:
  name: trainer
  labels: {job: train}
spec:
  nodeSelector:
    node.kubernetes.io/pool: gpu
    kubernetes.io/arch: amd64
  tolerations:
  - key: nvidia.com/gpu
    operator: Exists
    effect: NoSchedule
  - key: dedicated
    value: ml
    effect: NoExecute
    tolerationSeconds: 60
  restartPolicy: OnFailure
  containers:
  - name: train
    image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime
    command: ["python", "train.py"]
    resources:
      limits:
        nvidia.com/gpu: 2
        cpu: "8"
        memory: 32Gi
"#;
    let Object::Pod(pod) = only(text) else { panic!("not a Pod") };
    assert_eq!(pod.spec.restart_policy, RestartPolicy::OnFailure);
    assert_eq!(pod.spec.node_selector.get("node.kubernetes.io/pool"), Some("gpu"));
    let t = &pod.spec.tolerations;
    assert_eq!(t.len(), 2);
    assert_eq!(
        (t[0].operator, t[0].effect),
        (TolerationOperator::Exists, Some(TaintEffect::NoSchedule))
    );
    assert_eq!((t[1].operator, t[1].toleration_seconds), (TolerationOperator::Equal, Some(60)));
    let r = &pod.spec.containers[0].resources;
    // Limits only: the API server copies them into requests.
    assert_eq!(r.requests, r.limits);
    let gpu = ResourceName::Extended("nvidia.com/gpu".into());
    assert_eq!(r.requests.get(&gpu), Some(Quantity::from_units(2)));
    assert_eq!(pod.spec.containers[0].command, ["python", "train.py"]);
    assert_eq!(pod.status.qos_class, QosClass::Guaranteed);
    assert_eq!(pod.spec.containers[0].image_pull_policy, PullPolicy::IfNotPresent);
}

#[test]
fn node_port_service() {
    let text = r#"
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: nginx
  ports:
  - name: http
    port: 80
    targetPort: http
    nodePort: 30080
  - name: metrics
    port: 9113
    protocol: TCP
"#;
    let Object::Service(svc) = only(text) else { panic!("not a Service") };
    assert_eq!(svc.spec.type_, ServiceType::NodePort);
    assert_eq!(svc.spec.selector.as_ref().and_then(|s| s.get("app")), Some("nginx"));
    let p = &svc.spec.ports;
    assert_eq!(
        (p[0].port, p[0].node_port, &p[0].target_port),
        (80, Some(30080), &IntOrString::String("http".into()))
    );
    assert_eq!(p[1].target_port, IntOrString::Int(9113), "targetPort defaults to port");
    assert_eq!(p[1].node_port, None, "allocated by the cluster, not the manifest");
    assert!(!svc.spec.headless && svc.spec.cluster_ip.is_none());
}

#[test]
fn node_with_taints_labels_and_images() {
    let text = r#"
apiVersion: v1
kind: Node
metadata:
  name: gpu-1
  labels:
    kubernetes.io/hostname: gpu-1
    kubernetes.io/arch: amd64
    node.kubernetes.io/pool: gpu
    topology.kubernetes.io/zone: zone-a
spec:
  taints:
  - key: nvidia.com/gpu
    value: present
    effect: NoSchedule
status:
  capacity:
    cpu: 16
    memory: 64Gi
    nvidia.com/gpu: 4
  nodeInfo:
    architecture: amd64
    kubeletVersion: v1.34.1
  images:
  - names:
    - docker.io/library/nginx:1.27
    - docker.io/library/nginx@sha256:0123
    sizeBytes: 72080558
"#;
    let Object::Node(node) = only(text) else { panic!("not a Node") };
    assert_eq!(node.metadata.labels.get("topology.kubernetes.io/zone"), Some("zone-a"));
    assert_eq!(node.spec.taints[0].effect, TaintEffect::NoSchedule);
    assert_eq!(node.spec.taints[0].value, "present");
    let s = &node.status;
    assert_eq!(s.capacity.cpu_millis(), 16_000);
    assert_eq!(
        s.allocatable.get(&ResourceName::Pods),
        Some(Quantity::from_units(110)),
        "kubelet's maxPods"
    );
    assert_eq!(s.allocatable, s.capacity, "allocatable defaults to capacity");
    assert_eq!(s.images[0].size_bytes, 72_080_558);
    assert_eq!(s.node_info.kubelet_version, "v1.34.1");
}

#[test]
fn scheduler_configuration_most_allocated() {
    let text = r#"
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 40
podInitialBackoffSeconds: 2
podMaxBackoffSeconds: 20
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      enabled:
      - name: NodeResourcesFit
        weight: 5
      disabled:
      - name: ImageLocality
      - name: NodeResourcesBalancedAllocation
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
        resources:
        - name: cpu
          weight: 1
        - name: memory
        - name: nvidia.com/gpu
          weight: 3
"#;
    let Object::SchedulerConfiguration(p) = only(text) else { panic!("not a configuration") };
    assert_eq!(p.percentage_of_nodes_to_score, Some(40));
    assert_eq!((p.pod_initial_backoff_seconds, p.pod_max_backoff_seconds), (2, 20));
    assert_eq!(p.node_resources_fit.strategy, ScoringStrategyType::MostAllocated);
    assert_eq!(
        p.node_resources_fit.resources,
        [
            ResourceSpec { name: ResourceName::Cpu, weight: 1 },
            ResourceSpec { name: ResourceName::Memory, weight: 1 },
            ResourceSpec { name: ResourceName::Extended("nvidia.com/gpu".into()), weight: 3 },
        ]
    );
    let w = |name, weight| WeightedPlugin { name, weight };
    // A plugin re-enabled at `score` overrides its multiPoint entry and comes first.
    assert_eq!(
        p.score,
        [
            w(PluginName::NodeResourcesFit, 5),
            w(PluginName::TaintToleration, 3),
            w(PluginName::NodeAffinity, 2),
            w(PluginName::PodTopologySpread, 2),
        ]
    );
    assert_eq!(p.filter, Profile::default().filter);
}

#[test]
fn scheduler_configuration_requested_to_capacity_ratio_and_multi_point() {
    let text = r#"
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- percentageOfNodesToScore: 100
  plugins:
    multiPoint:
      enabled:
      - name: TaintToleration
        weight: 10
      disabled:
      - name: PodTopologySpread
    filter:
      disabled:
      - name: "*"
      enabled:
      - name: NodeResourcesFit
  pluginConfig:
  - name: NodeResourcesFit
    args:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: NodeResourcesFitArgs
      ignoredResourceGroups: [example.com]
      scoringStrategy:
        type: RequestedToCapacityRatio
        requestedToCapacityRatio:
          shape:
          - {utilization: 0, score: 0}
          - {utilization: 100, score: 10}
  - name: NodeResourcesBalancedAllocation
    args:
      resources:
      - name: cpu
      - name: nvidia.com/gpu
"#;
    let Object::SchedulerConfiguration(p) = only(text) else { panic!("not a configuration") };
    assert_eq!(p.percentage_of_nodes_to_score, Some(100));
    assert_eq!(p.filter, [PluginName::NodeResourcesFit], "`*` disables every multiPoint filter");
    assert!(p.score.iter().all(|s| s.name != PluginName::PodTopologySpread));
    assert_eq!(p.score[0], WeightedPlugin { name: PluginName::TaintToleration, weight: 10 });
    assert_eq!(
        p.node_resources_fit.strategy,
        ScoringStrategyType::RequestedToCapacityRatio { shape: vec![(0, 0), (100, 10)] }
    );
    assert_eq!(p.node_resources_fit.ignored_resource_groups, ["example.com"]);
    assert_eq!(
        p.balanced_allocation.resources[1].name,
        ResourceName::Extended("nvidia.com/gpu".into())
    );
}

#[test]
fn json_object_and_json_list() {
    let deployment = r#"{
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "api"},
    "spec": {
        "replicas": 2,
        "strategy": {"type": "Recreate"},
        "selector": {"matchLabels": {"app": "api"}},
        "template": {
            "metadata": {"labels": {"app": "api"}},
            "spec": {"containers": [{"name": "api", "image": "example/api:2"}]}
        }
    }
}"#;
    let Object::Deployment(d) = only(deployment) else { panic!("not a Deployment") };
    assert_eq!(d.spec.strategy, DeploymentStrategy::Recreate);
    let list = r#"{
	"apiVersion": "v1",
	"kind": "List",
	"items": [
		{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"},
		 "spec": {"containers": [{"name": "c", "image": "busybox"}]}},
		{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"},
		 "spec": {"ports": [{"port": 53, "protocol": "UDP"}]}}
	]
}"#;
    let (m, _) = parse(list);
    let kinds: Vec<(&str, u32)> = m.iter().map(|m| (m.object.kind(), m.line)).collect();
    assert_eq!(kinds, [("Pod", 5), ("Service", 7)]);
    let Object::Pod(p) = &m[0].object else { panic!() };
    assert_eq!(
        p.spec.containers[0].image_pull_policy,
        PullPolicy::Always,
        "untagged means :latest"
    );
}

#[test]
fn multi_document_streams_skip_empty_documents() {
    let text = "---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: x}]\n...\n---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: [{name: c, image: x}]\n";
    let (m, _) = parse(text);
    let names: Vec<(&str, u32)> = m.iter().map(|m| (m.object.name(), m.line)).collect();
    assert_eq!(names, [("a", 4), ("b", 12)]);
}

#[test]
fn node_affinity_and_topology_spread() {
    let text = r#"
apiVersion: v1
kind: Pod
metadata: {name: spread}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
          - {key: example.com/cores, operator: Gt, values: ["8"]}
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 50
        preference:
          matchExpressions:
          - {key: node.kubernetes.io/pool, operator: NotIn, values: [spot]}
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    minDomains: 2
    labelSelector:
      matchLabels: {app: spread}
  containers: [{name: c, image: "registry.local:5000/app:1.0"}]
"#;
    let Object::Pod(p) = only(text) else { panic!() };
    let na =
        p.spec.affinity.as_ref().and_then(|a| a.node_affinity.as_ref()).expect("node affinity");
    let req = &na.required.as_ref().expect("required").node_selector_terms[0].match_expressions;
    assert_eq!(req[1].operator, NodeSelectorOperator::Gt);
    assert_eq!(na.preferred[0].weight, 50);
    assert_eq!(p.spec.topology_spread_constraints[0].min_domains, Some(2));
    assert_eq!(p.spec.containers[0].image_pull_policy, PullPolicy::IfNotPresent);
}

#[test]
fn anchors_and_merge_keys() {
    let text = r#"
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: rs
  labels: &labels {app: rs, tier: be}
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        extra: "yes"
    spec:
      containers:
      - &c {name: a, image: "busybox:1.36", resources: {requests: {cpu: 10m}}}
      - <<: *c
        name: b
"#;
    let Object::ReplicaSet(rs) = only(text) else { panic!() };
    assert_eq!(rs.spec.replicas, 1);
    assert_eq!(rs.spec.template.metadata.labels.get("extra"), Some("yes"));
    let names: Vec<&str> =
        rs.spec.template.spec.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!(rs.spec.template.spec.containers[1].resources.requests.cpu_millis(), 10);
}

#[test]
fn kubectl_get_output_reapplies_with_only_a_status_warning() {
    // Shaped like `kubectl get pod -o yaml` from a real cluster (timestamps predate the
    // simulation's epoch, so they are clamped with a warning).
    let text = r#"apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2025-06-01T10:00:00Z"
  labels:
    run: web
  name: web
  namespace: default
  resourceVersion: "5231"
  uid: 3e5b1c2a-8d4f-4e6b-9a1c-2b3d4e5f6a7b
spec:
  containers:
  - image: nginx
    imagePullPolicy: Always
    name: web
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: kind-worker
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
status:
  phase: Running
  qosClass: BestEffort
"#;
    let parsed = parse_manifests(text);
    let diags: Vec<String> = parsed.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        diags,
        [
            "line 4: warning: metadata.creationTimestamp: \"2025-06-01T10:00:00Z\" is before the simulation's clock starts (2026-01-01T00:00:00Z); using the start instead",
            "line 35: warning: status: ignored: status is set by the simulated cluster, not by manifests",
        ]
    );
    assert!(parsed.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    let Object::Pod(p) = &parsed.manifests[0].object else { panic!() };
    assert_eq!(p.node_name, "kind-worker");
    assert_eq!(p.metadata.resource_version, 5231);
    assert_eq!(p.metadata.uid.to_string(), "3e5b1c2a-8d4f-4e6b-9a1c-2b3d4e5f6a7b");
}

#[test]
fn yaml_1_1_scalars_and_tags() {
    let text = r#"
apiVersion: v1
kind: Pod
metadata:
  name: scalars
  labels:
    enabled: "yes"
    version: !!str 1.0
    empty:
spec:
  hostNetwork: yes
  terminationGracePeriodSeconds: 0x1E
  containers: [{name: c, image: x}]
"#;
    let Object::Pod(p) = only(text) else { panic!() };
    assert_eq!(p.metadata.labels.get("version"), Some("1.0"));
    assert_eq!(p.metadata.labels.get("empty"), Some(""));
    assert!(p.spec.host_network);
    assert_eq!(p.spec.termination_grace_period_seconds, 30);
}

#[test]
fn namespace_is_filled_from_the_request() {
    let (mut m, _) = parse(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: x}]}\n",
    );
    m[0].fill_namespace("team-a");
    let Object::Pod(p) = &m[0].object else { panic!() };
    assert_eq!(p.metadata.namespace, "team-a");
}

#[test]
fn priority_classes_resolve_to_builtin_values() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  priorityClassName: system-node-critical\n  containers: [{name: c, image: x}]\n";
    let Object::Pod(p) = only(text) else { panic!() };
    assert_eq!(p.spec.priority, 2_000_001_000);
}
