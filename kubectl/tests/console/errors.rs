//! Exact error messages: kubectl's wording, on stderr, exit code 1, nothing on stdout.

use crate::fixture::cluster_at;
use kubectl::{Session, execute};

const SUPPORTED_LIST: &str = "get, describe, apply, create, delete, scale, set, rollout, expose, label, taint, cordon, uncordon, drain, logs, debug, top, api-resources, config, version, help";

#[test]
fn error_table() {
    let not_supported = |c: &str| {
        format!(
            "error: \"kubectl {c}\" is not supported by this simulator (supported: {SUPPORTED_LIST})"
        )
    };
    let cases: Vec<(&str, String)> = vec![
        ("kubectl get pods nope", "Error from server (NotFound): pods \"nope\" not found".into()),
        ("kubectl get deploy/nope", "Error from server (NotFound): deployments.apps \"nope\" not found".into()),
        ("kubectl get node nope", "Error from server (NotFound): nodes \"nope\" not found".into()),
        ("kubectl describe svc nope", "Error from server (NotFound): services \"nope\" not found".into()),
        ("kubectl get foo", "error: the server doesn't have a resource type \"foo\"".into()),
        ("kubectl get pods --bogus", "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.".into()),
        ("kubectl get pods -z", "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.".into()),
        ("kubectl get pods -n", "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.".into()),
        ("kubectl scale deploy/web --replicas=x", "error: invalid argument \"x\" for \"--replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl scale --help' for usage.".into()),
        ("kubectl scale deploy/web", "error: required flag(s) \"replicas\" not set".into()),
        ("kubectl scale deploy/nope --replicas=2", "Error from server (NotFound): deployments.apps \"nope\" not found".into()),
        ("kubectl scale deploy/web --replicas=-1", "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0".into()),
        ("kubectl get pods -o wat", "error: unable to match a printer suitable for the output format \"wat\", allowed formats are: json,name,wide,yaml".into()),
        ("kubectl get pods web -l app=web", "error: name cannot be provided when a selector is specified".into()),
        ("kubectl get pods web -A", "error: a resource cannot be retrieved by name across all namespaces".into()),
        ("kubectl get pods deploy/web", "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into()),
        ("kubectl get pods -l 'app in (a'", "error: unable to parse requirement: found '', expected: ',' or ')'".into()),
        ("kubectl get 'pods", "error: unexpected end of line while looking for the matching `'`".into()),
        ("kubectl exec -it x -- sh", not_supported("exec")),
        ("kubectl port-forward svc/web 8080:80", not_supported("port-forward")),
        ("kubectl explain pods", not_supported("explain")),
        ("kubectl create namespace x", not_supported("create namespace")),
        ("kubectl rollout status deployment/nope", "Error from server (NotFound): deployments.apps \"nope\" not found".into()),
        ("kubectl rollout undo deployment/web", "error: no rollout history found for deployment \"web\"".into()),
        ("kubectl rollout resume deployment/web", "error: deployments.apps \"web\" is not paused".into()),
        ("kubectl set image deployment/web nope=nginx", "error: unable to find container named \"nope\"".into()),
        ("kubectl set image deployment/web", "error: at least one image update is required".into()),
        ("kubectl delete pod nope", "Error from server (NotFound): pods \"nope\" not found".into()),
        ("kubectl delete pods", "error: resource(s) were provided, but no name was specified".into()),
        ("kubectl delete pod x --force --grace-period=5", "error: --force and --grace-period greater than 0 cannot be specified together".into()),
        ("kubectl delete configmap x", "error: \"configmaps\" exist in real clusters but not in this simulator (simulated resource types: events, nodes, pods, services, deployments, replicasets, leases, endpointslices)".into()),
        ("kubectl cordon nope", "Error from server (NotFound): nodes \"nope\" not found".into()),
        ("kubectl taint nodes node-1 k=v:Sometimes", "error: invalid taint effect: Sometimes, unsupported taint effect".into()),
        ("kubectl taint nodes node-1 k=v", "error: invalid taint spec: k=v, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".into()),
        ("kubectl taint nodes node-1 k:NoSchedule k:NoSchedule", "error: duplicated taints with the same key and effect: k:NoSchedule".into()),
        ("kubectl taint nodes node-1 gone:NoSchedule-", "error: taint \"gone:NoSchedule\" not found".into()),
        ("kubectl taint nodes nope k=v:NoSchedule", "Error from server (NotFound): nodes \"nope\" not found".into()),
        ("kubectl label pods toolbox role=other", "error: 'role' already has a value (debug), and --overwrite is false".into()),
        ("kubectl label pods toolbox a=b a-", "error: can not both modify and remove a label in the same command".into()),
        ("kubectl label pods toolbox", "error: at least one label update is required".into()),
        ("kubectl expose deployment worker", "error: couldn't find port via --port flag or introspection".into()),
        ("kubectl expose deployment nope --port=80", "Error from server (NotFound): deployments.apps \"nope\" not found".into()),
        ("kubectl logs nope", "Error from server (NotFound): pods \"nope\" not found".into()),
        ("kubectl logs toolbox -c nope", "error: container nope is not valid for pod toolbox".into()),
        ("kubectl debug toolbox --image=busybox --target=nope", "The Pod \"toolbox\" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"".into()),
        ("kubectl top pod nope", "Error from server (NotFound): podmetrics.metrics.k8s.io \"default/nope\" not found".into()),
        ("kubectl create deployment web --image=nginx", "Error from server (AlreadyExists): deployments.apps \"web\" already exists".into()),
        ("kubectl create deployment x", "error: required flag(s) \"image\" not set".into()),
        ("kubectl apply -f editor", "error: no objects passed to apply".into()),
        ("kubectl apply -f /tmp/x.yaml", "error: the path \"/tmp/x.yaml\" does not exist (this console reads manifests from the playground editor: use -f editor)".into()),
        ("kubectl config use-context prod", "error: no context exists with the name: \"prod\"".into()),
        ("kubectl get pods --dry-run=client", "error: flag --dry-run is a kubectl flag this simulator does not support\nSee 'kubectl get --help' for usage.".into()),
    ];
    let mut sim = cluster_at(30);
    let mut session = Session::default();
    for (line, want) in cases {
        let out = execute(&mut sim, &mut session, line);
        assert_eq!(out.stderr, format!("{want}\n"), "{line}");
        assert_eq!(out.exit_code, 1, "{line}");
        assert_eq!(out.stdout, "", "{line}");
    }
}

#[test]
fn typos_get_a_suggestion() {
    let mut sim = cluster_at(0);
    let out = execute(&mut sim, &mut Session::default(), "kubectl desribe pod x");
    assert!(out.stderr.ends_with("\n\nDid you mean this?\n\tdescribe\n"), "{}", out.stderr);
}

#[test]
fn empty_lines_do_nothing() {
    let mut sim = cluster_at(0);
    for line in ["", "   ", "# just a comment"] {
        let out = execute(&mut sim, &mut Session::default(), line);
        assert_eq!(out, kubectl::Output::default(), "{line:?}");
    }
}
