//! Bad manifests: each case states every error, with its line, in the API server's words.

use sim_core::manifest::parse_manifests;

/// `(name, manifest, expected errors)`.
type Case = (&'static str, &'static str, &'static [&'static str]);

const DEPLOYMENT_HEAD: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (name, text, want) in cases {
        let parsed = parse_manifests(text);
        let got: Vec<String> = parsed.errors().map(ToString::to_string).collect();
        if got != *want {
            failures.push(format!("{name}:\n  got:  {got:#?}\n  want: {want:#?}"));
        }
        assert!(
            parsed.manifests.is_empty() || want.is_empty(),
            "{name}: an erroneous document yielded an object"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn strict_decoding() {
    check(&[
        (
            "unknown field",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, imagePullPolice: Always}]\n",
            &[
                "line 6: strict decoding error: unknown field \"spec.replica\"",
                "line 11: strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolice\"",
            ],
        ),
        (
            "duplicate field",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers: [{name: c, image: x}]\n",
            &["line 5: strict decoding error: duplicate field \"metadata.name\""],
        ),
        (
            "wrong types",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    version: 1.0\nspec:\n  replicas: three\n  paused: \"false\"\n  selector: [app]\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: {name: web}\n",
            &[
                "line 6: metadata.labels.version: expected string, got number 1.0 (quote it: \"1.0\")",
                "line 8: spec.replicas: expected integer, got string \"three\"",
                "line 9: spec.paused: expected boolean, got string \"false\"",
                "line 10: spec.selector: expected object, got array",
                "line 14: spec.template.spec.containers: expected array, got object",
            ],
        ),
        (
            "yaml 1.1 boolean where a string belongs",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  nodeSelector:\n    gpu: yes\n  containers: [{name: c, image: x}]\n",
            &[
                "line 6: spec.nodeSelector.gpu: expected string, got boolean yes (quote it: \"yes\")",
            ],
        ),
    ]);
}

#[test]
fn kinds_and_versions() {
    check(&[
        (
            "unsupported kind",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n",
            &[
                "line 1: kind \"ConfigMap\" (apiVersion \"v1\") is not supported by this simulator; supported: v1 Node, v1 Pod, v1 Service, apps/v1 Deployment, apps/v1 ReplicaSet, kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration, and v1 List",
            ],
        ),
        (
            "wrong version for a known kind",
            "apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\n",
            &[
                "line 1: no matches for kind \"Deployment\" in version \"v1\" (Deployment is apps/v1)",
            ],
        ),
        (
            "missing apiVersion and kind",
            "metadata: {name: d}\n",
            &["line 1: error validating data: [apiVersion not set, kind not set]"],
        ),
        (
            "not an object",
            "- a\n- b\n",
            &[
                "line 1: expected a Kubernetes object (a mapping with apiVersion and kind), got a sequence",
            ],
        ),
        (
            "old scheduler configuration version",
            "apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n",
            &[
                "line 1: no matches for kind \"KubeSchedulerConfiguration\" in version \"kubescheduler.config.k8s.io/v1beta3\" (KubeSchedulerConfiguration is kubescheduler.config.k8s.io/v1)",
            ],
        ),
    ]);
}

#[test]
fn syntax_errors_carry_the_parser_position() {
    check(&[
        (
            "bad indentation",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n labels: {}\n",
            &[
                "line 5: YAML syntax error: while parsing a block mapping, did not find expected key",
            ],
        ),
        (
            "unterminated quote",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"a\n",
            &[
                "line 4: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream",
            ],
        ),
        (
            "tab indentation",
            "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n",
            &["line 4: YAML syntax error: tabs disallowed within this context (block indentation)"],
        ),
        (
            "bad JSON",
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",,}\n",
            &[
                "line 1: YAML syntax error: while parsing a node, did not find expected node content",
            ],
        ),
    ]);
}

#[test]
fn metadata_and_labels() {
    check(&[
        (
            "missing name",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {app: a}\nspec:\n  containers: [{name: c, image: x}]\n",
            &["line 4: metadata.name: Required value: name or generateName is required"],
        ),
        (
            "invalid names and labels",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\n  labels:\n    -bad: ok\n    good: bad value\nspec:\n  ports: [{port: 80}]\n",
            &[
                "line 4: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "line 6: metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "line 7: metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ],
        ),
        (
            "namespace on a node",
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  namespace: default\n",
            &["line 5: metadata.namespace: Forbidden: not allowed on this type"],
        ),
        (
            "bad timestamp and uid",
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  uid: abc\n  creationTimestamp: yesterday\n",
            &[
                "line 5: metadata.uid: Invalid value: \"abc\": must be a UUID such as \"0b5e7a8c-3f1d-4c2a-9e6b-1d2f3a4b5c6d\"",
                "line 6: metadata.creationTimestamp: Invalid value: \"yesterday\": must be an RFC 3339 time such as \"2026-01-01T00:00:00Z\"",
            ],
        ),
    ]);
}

#[test]
fn containers_and_resources() {
    check(&[
        (
            "quantity syntax (the brief's example)",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        resources:\n          requests:\n            cpu: 1x\n",
            &[
                "line 15: spec.template.spec.containers[0].resources.requests.cpu: Invalid value: \"1x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ],
        ),
        (
            "requests above limits, negative, GPU rules",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    resources:\n      requests:\n        cpu: \"2\"\n        memory: -1Mi\n        nvidia.com/gpu: 1\n        example.com/dongle: 500m\n      limits:\n        cpu: \"1\"\n        example.com/dongle: 500m\n",
            &[
                "line 10: spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "line 11: spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0",
                "line 12: spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
                "line 13: spec.containers[0].resources.requests[example.com/dongle]: Invalid value: \"500m\": must be an integer",
                "line 16: spec.containers[0].resources.limits[example.com/dongle]: Invalid value: \"500m\": must be an integer",
            ],
        ),
        (
            "names, images, ports",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: Web\n    ports:\n    - containerPort: 70000\n      name: http-port-too-long\n    - name: x\n  - name: Web\n    image: nginx\n",
            &[
                "line 6: spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "line 6: spec.containers[0].image: Required value",
                "line 8: spec.containers[0].ports[0].name: Invalid value: \"http-port-too-long\": must be no more than 15 bytes",
                "line 8: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "line 10: spec.containers[0].ports[1].containerPort: Required value",
                "line 11: spec.containers[1].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "line 11: spec.containers[1].name: Duplicate value: \"Web\"",
            ],
        ),
        (
            "probes",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    livenessProbe:\n      successThreshold: 2\n      exec: {command: [true]}\n      tcpSocket: {port: 80}\n    readinessProbe:\n      httpGet: {port: metrics}\n",
            &[
                "line 9: spec.containers[0].livenessProbe: Forbidden: may not specify more than 1 handler type",
                "line 9: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
                "line 10: spec.containers[0].livenessProbe.exec.command[0]: expected string, got boolean true (quote it: \"true\")",
                "line 13: spec.containers[0].readinessProbe.httpGet.port: not supported by this simulator: named port \"metrics\" must be one of this container's ports",
            ],
        ),
        (
            "a null container",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  -\n",
            &[
                "line 6: spec.containers[0].name: Required value",
                "line 6: spec.containers[0].image: Required value",
            ],
        ),
        (
            "no containers",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Sometimes\n",
            &[
                "line 5: spec.containers: Required value",
                "line 5: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            ],
        ),
    ]);
}

#[test]
fn scheduling_fields() {
    check(&[
        (
            "inter-pod affinity is refused",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution: []\n  containers: [{name: c, image: x}]\n",
            &[
                "line 6: spec.affinity.podAntiAffinity: not supported by this simulator: inter-pod affinity is not simulated (the InterPodAffinity plugin is absent); use nodeAffinity or topologySpreadConstraints",
            ],
        ),
        (
            "node affinity operators",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: a, operator: In}\n          - {key: b, operator: Exists, values: [x]}\n          - {key: c, operator: Gt, values: [ten]}\n          - {key: d, operator: Near, values: [x]}\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 0\n        preference: {}\n  containers: [{name: c, image: x}]\n",
            &[
                "line 10: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "line 11: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "line 12: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values[0]: Invalid value: \"ten\": must be an integer",
                "line 13: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[3].operator: Invalid value: \"Near\": not a valid selector operator",
                "line 15: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
            ],
        ),
        (
            "tolerations",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  tolerations:\n  - operator: Equal\n    value: x\n  - key: a\n    operator: Exists\n    value: b\n  - key: c\n    effect: NoSchedule\n    tolerationSeconds: 5\n  - key: d\n    effect: NoSchedul\n  containers: [{name: c, image: x}]\n",
            &[
                "line 6: spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "line 8: spec.tolerations[1].value: Invalid value: \"b\": value must be empty when `operator` is 'Exists'",
                "line 11: spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
                "line 15: spec.tolerations[3].effect: Unsupported value: \"NoSchedul\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            ],
        ),
        (
            "topology spread",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 0\n    topologyKey: zone\n    whenUnsatisfiable: ScheduleAnyway\n    minDomains: 2\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: ScheduleAnyway\n    matchLabelKeys: [pod-template-hash]\n  containers: [{name: c, image: x}]\n",
            &[
                "line 6: spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
                "line 6: spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule",
                "line 10: spec.topologySpreadConstraints[1]: Duplicate value: {\"zone\", \"ScheduleAnyway\"}",
                "line 13: spec.topologySpreadConstraints[1].matchLabelKeys: not supported by this simulator: matchLabelKeys; list the labels in labelSelector instead",
            ],
        ),
        (
            "priority without a class",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priority: 1000\n  priorityClassName: high\n  schedulingGates: [{name: wait}]\n  containers: [{name: c, image: x}]\n",
            &[
                "line 5: spec.priority: Forbidden: the integer value of priority (1000) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name",
                "line 6: spec.priorityClassName: not supported by this simulator: no PriorityClass named \"high\"; only the built-in system-cluster-critical and system-node-critical exist here",
                "line 7: spec.schedulingGates: not supported by this simulator: scheduling gates (pods would wait for them forever)",
            ],
        ),
    ]);
}

#[test]
fn workloads() {
    check(&[
        (
            "selector and template",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      restartPolicy: OnFailure\n      containers: [{name: web, image: nginx}]\n",
            &[
                "line 6: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "line 11: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`",
                "line 13: spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
            ],
        ),
        (
            "missing selector",
            "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: x}]}\n",
            &["line 6: spec.selector: Required value"],
        ),
        (
            "rolling update limits",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  minReadySeconds: 700\n  selector: {matchLabels: {app: web}}\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0%\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n",
            &[
                "line 6: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
                "line 11: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0",
            ],
        ),
        (
            "bad percentages and recreate with rolling parameters",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  strategy:\n    type: Recreate\n    rollingUpdate: {maxSurge: 1}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web2\nspec:\n  selector: {matchLabels: {app: web}}\n  strategy:\n    rollingUpdate: {maxSurge: 2.5%, maxUnavailable: 150%}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n",
            &[
                "line 9: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
                "line 21: spec.strategy.rollingUpdate.maxSurge: Invalid value: \"2.5%\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "line 21: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
            ],
        ),
    ]);
}

#[test]
fn services_and_nodes() {
    check(&[
        (
            "service ports",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n  - port: 80\n    nodePort: 30080\n  - port: 0\n    name: b\n    targetPort: 99999\n",
            &[
                "line 6: spec.ports[0].name: Required value",
                "line 7: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
                "line 8: spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "line 10: spec.ports[1].targetPort: Invalid value: 99999: must be between 1 and 65535, inclusive",
            ],
        ),
        (
            "node port range and ExternalName",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  externalTrafficPolicy: Local\n  ports:\n  - port: 80\n    nodePort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: example.com\n",
            &[
                "line 6: spec.externalTrafficPolicy: not supported by this simulator: traffic policy Local; traffic is spread over every endpoint",
                "line 9: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767",
                "line 15: spec.ports: Required value",
                "line 15: spec.type: not supported by this simulator: ExternalName Services (cluster DNS is not simulated)",
                "line 16: spec.externalName: not supported by this simulator: ExternalName Services",
            ],
        ),
        (
            "taints",
            "apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\nspec:\n  taints:\n  - key: a\n  - key: b\n    effect: NoExecute\n  - key: b\n    effect: NoExecute\n    timeAdded: now\nstatus:\n  capacity: {cpu: -2}\n",
            &[
                "line 6: spec.taints[0].effect: Required value",
                "line 9: spec.taints[2]: Duplicate value: \"b\":NoExecute",
                "line 11: spec.taints[2].timeAdded: Invalid value: \"now\": must be an RFC 3339 time such as \"2026-01-01T00:00:00Z\"",
                "line 13: status.capacity[cpu]: Invalid value: \"-2\": must be greater than or equal to 0",
            ],
        ),
    ]);
}

#[test]
fn scheduler_configuration() {
    check(&[
        (
            "plugins and args",
            "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 101\npodInitialBackoffSeconds: 0\nprofiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeResourceFit\n      - name: NodeUnschedulable\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocatd\n        resources:\n        - {name: cpu, weight: 200}\n  - name: NodeResourcesFit\n  - name: Coscheduling\n",
            &[
                "line 3: percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]",
                "line 4: podInitialBackoffSeconds: Invalid value: 0: must be greater than 0",
                "line 9: profiles[0].plugins.score.enabled[0].name: Invalid value: \"NodeResourceFit\": plugin \"NodeResourceFit\" does not exist",
                "line 10: profiles[0].plugins.score.enabled[1]: Invalid value: \"NodeUnschedulable\": plugin \"NodeUnschedulable\" does not extend score plugin",
                "line 15: profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: \"MostAllocatd\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"",
                "line 17: profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 200: resource weight of cpu not in valid range (0, 100]",
                "line 18: profiles[0].pluginConfig[1].name: Duplicate value: \"NodeResourcesFit\"",
                "line 19: profiles[0].pluginConfig[2].name: Invalid value: \"Coscheduling\": no such plugin",
            ],
        ),
        (
            "shape",
            "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n        requestedToCapacityRatio:\n          shape:\n          - {utilization: 50, score: 11}\n          - {utilization: 40, score: 0}\n",
            &[
                "line 11: profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio.shape[0].score: Invalid value: 11: not in valid range [0, 10]",
                "line 12: profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio.shape[1].utilization: Invalid value: 40: Utilization values must be sorted in increasing order",
            ],
        ),
        (
            "extenders and queue sort",
            "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nextenders: [{urlPrefix: http://x}]\nprofiles:\n- plugins:\n    queueSort:\n      disabled: [{name: \"*\"}]\n",
            &[
                "line 3: extenders: not supported by this simulator: scheduler extenders",
                "line 6: profiles[0].plugins.queueSort: not supported by this simulator: a queue sort other than PrioritySort",
            ],
        ),
    ]);
}

#[test]
fn limits_are_errors_not_hangs() {
    let big = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    x: \"{}\"\n",
        "y".repeat(1 << 20)
    );
    let parsed = parse_manifests(&big);
    let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [format!(
            "line 1: input too large: {} bytes; at most 1048576 bytes are accepted",
            big.len()
        )]
    );

    let deep = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
    let errors: Vec<String> = parse_manifests(&deep).errors().map(ToString::to_string).collect();
    assert_eq!(errors, ["line 1: nesting too deep: at most 64 levels"]);

    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    let errors: Vec<String> = parse_manifests(&laughs).errors().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        ["line 6: input too large: more than 250000 YAML nodes (counting alias expansions)"]
    );

    let many = "apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\n---\n".repeat(5_001);
    let parsed = parse_manifests(&many);
    assert_eq!(parsed.manifests.len(), 5_000);
    let errors: Vec<String> = parsed.errors().map(ToString::to_string).collect();
    assert_eq!(errors, ["line 20001: too many documents: at most 5000 are accepted in one input"]);

    let mut pod = String::from(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: x}]\n  nodeSelector:\n",
    );
    for i in 0..60 {
        pod.push_str(&format!("    k{i}: -bad\n"));
    }
    let errors: Vec<String> = parse_manifests(&pod).errors().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 51);
    assert_eq!(
        errors[50],
        "line 58: too many errors in this document; only the first 50 are shown"
    );
}

#[test]
fn one_bad_document_does_not_hide_the_good_ones() {
    let text = format!(
        "{DEPLOYMENT_HEAD}spec: {{}}\n---\napiVersion: v1\nkind: Node\nmetadata: {{name: node-1}}\n"
    );
    let parsed = parse_manifests(&text);
    assert!(parsed.has_errors());
    assert_eq!(parsed.manifests.len(), 1);
    assert_eq!(parsed.manifests[0].object.kind(), "Node");
    assert_eq!(parsed.manifests[0].line, 7);
}
