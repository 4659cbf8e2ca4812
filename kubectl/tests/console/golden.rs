//! Golden transcripts of every command against the seeded fixture cluster.

use crate::fixture::{cluster_at, transcript};
use kubectl::Session;

fn run(at_secs: u64, lines: &[&str]) -> String {
    let mut sim = cluster_at(at_secs);
    transcript(&mut sim, &mut Session::default(), lines)
}

#[test]
fn get() {
    insta::assert_snapshot!(run(
        240,
        &[
            "kubectl get pods",
            "kubectl get pods -o wide",
            "kubectl get nodes -o wide",
            "kubectl get deployments -o wide",
            "kubectl get rs -o wide",
            "kubectl get svc -o wide",
            "kubectl get endpointslices",
            "kubectl get all",
            "kubectl get po,svc -A --show-labels",
            "kubectl get nodes -L kubernetes.io/arch,disk",
            "kubectl get pods -l 'app=web,tier!=db' -o name",
            "kubectl get pods -l '!app'",
            "kubectl get pods -l 'app in (worker)' --no-headers",
            "kubectl get deploy/web svc/web",
            "kubectl get pod toolbox web-nope",
            "kubectl get leases -n kube-node-lease",
            "kubectl get pods -n kube-system",
            "kubectl get nodes -l disk=ssd",
        ]
    ));
}

#[test]
fn get_events() {
    insta::assert_snapshot!(run(240, &["kubectl get events", "kubectl get ev -o wide"]));
}

#[test]
fn get_structured() {
    insta::assert_snapshot!(run(
        240,
        &[
            "kubectl get svc web -o yaml",
            "kubectl get pod toolbox -o json",
            "kubectl get deploy -o yaml",
            "kubectl get pods -l app=none -o yaml",
            "kubectl get node node-1 -o yaml",
        ]
    ));
}

#[test]
fn describe() {
    insta::assert_snapshot!(run(
        240,
        &[
            "kubectl describe pod toolbox",
            "kubectl describe pods worker",
            "kubectl describe deployment web",
            "kubectl describe svc web",
            "kubectl describe node node-2",
            "kubectl describe no/node-3",
        ]
    ));
}

#[test]
fn changes() {
    insta::assert_snapshot!(run(
        60,
        &[
            "kubectl create deployment shop --image=nginx:1.30 --replicas=2 --port=80",
            "kubectl expose deployment shop --port=80 --type=NodePort",
            "@advance 30",
            "kubectl get deploy,svc,endpointslices",
            "kubectl scale deployment/shop --replicas=4",
            "kubectl label pods toolbox env=dev",
            "kubectl label pods toolbox env=prod --overwrite",
            "kubectl label pod/toolbox env-",
            "kubectl label node node-1 disk=ssd",
            "kubectl taint nodes node-1 dedicated=infra:NoSchedule",
            "kubectl taint nodes node-1 dedicated=batch:NoSchedule --overwrite",
            "kubectl taint node/node-1 dedicated-",
            "kubectl cordon node-2",
            "kubectl get nodes",
            "kubectl uncordon node-2",
            "kubectl drain node-1",
            "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data --force",
            "@advance 45",
            "kubectl get pods -o wide",
            "kubectl delete pod web-nope",
            "kubectl delete deployment worker",
            "kubectl delete pods -l app=shop",
            "kubectl delete pod toolbox --force --grace-period=0",
            "kubectl delete svc shop",
            "@advance 60",
            "kubectl get all",
        ]
    ));
}

#[test]
fn rollouts() {
    insta::assert_snapshot!(run(
        60,
        &[
            "kubectl set image deployment/web web=nginx:latest",
            "kubectl rollout status deployment/web",
            "@advance 2",
            "kubectl rollout status deployment/web",
            "kubectl get rs",
            "@advance 60",
            "kubectl rollout status deploy web",
            "kubectl rollout history deployment/web",
            "kubectl rollout history deployment/web --revision=1",
            "kubectl rollout undo deployment/web --to-revision=9",
            "kubectl rollout undo deployment/web",
            "kubectl rollout pause deployment/web",
            "kubectl rollout pause deployment/web",
            "kubectl rollout resume deployment/web",
            "kubectl rollout resume deployment/web",
            "kubectl rollout restart deployment/web",
            "@advance 60",
            "kubectl rollout history deployment/web",
            "kubectl describe deployment web",
        ]
    ));
}

#[test]
fn apply_from_the_editor() {
    insta::assert_snapshot!(run(
        60,
        &[
            "@editor shop.yaml",
            "kubectl apply -f editor",
            "kubectl apply -f -",
            "kubectl create -f editor",
            "@editor typo.yaml",
            "kubectl apply -f editor",
            "@editor broken.yaml",
            "kubectl apply -f editor",
            "@editor other-namespace.yaml",
            "kubectl apply -f editor -n default",
            "kubectl apply -f editor",
            "kubectl get pods -n team-a",
            "kubectl apply -f deploy.yaml",
            "kubectl apply",
        ]
    ));
}

#[test]
fn logs_top_debug() {
    insta::assert_snapshot!(run(
        240,
        &[
            "kubectl logs toolbox",
            "kubectl logs deploy/worker",
            "kubectl logs worker-5b968c9964-46jxp --previous --tail=2",
            "kubectl logs toolbox -p",
            "kubectl logs toolbox -c nope",
            "kubectl logs deploy/web",
            "kubectl logs web-c547f6f8b-hz97q",
            "kubectl top nodes",
            "kubectl top pods --sort-by=cpu",
            "kubectl top pod toolbox --containers",
            "kubectl top pod worker-5b968c9964-46jxp",
            "kubectl debug toolbox -it --image=busybox:1.37 --target=shell",
            "kubectl debug toolbox -it --image=busybox:1.37",
            "kubectl debug toolbox -t --image=busybox",
            "kubectl debug toolbox",
        ]
    ));
}

#[test]
fn session_and_info() {
    insta::assert_snapshot!(run(
        10,
        &[
            "kubectl version",
            "kubectl version --client",
            "kubectl api-resources",
            "kubectl config current-context",
            "kubectl config get-contexts",
            "kubectl config set-context --current --namespace=kube-node-lease",
            "kubectl get leases",
            "kubectl config view",
            "kubectl -n default get deploy",
            "kubectl config set-context --current --namespace=default",
            "kubectl config use-context prod",
            "kubectl help",
            "kubectl help scale",
            "kubectl get --help",
            "kubectl rollout",
            "kubectl",
        ]
    ));
}

#[test]
fn metrics_api_off() {
    let mut sim = cluster_at(60);
    let mut session = Session::default();
    session.metrics_api = false;
    insta::assert_snapshot!(transcript(&mut sim, &mut session, &["kubectl top nodes"]));
}
