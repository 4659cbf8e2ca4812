//! `kubesim` exit codes and error format.

use std::process::Command;

fn kubesim(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kubesim")).args(args).output().expect("run kubesim");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scenario(name: &str) -> String {
    format!("{}/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn temp_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("kubesim-test-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("write temp file");
    path.to_string_lossy().into_owned()
}

#[test]
fn run_prints_the_log_and_the_pod_table() {
    let (code, out, err) = kubesim(&["run", "--seed", "3", &scenario("node-crash.yaml")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("NodeNotReady"), "{out}");
    assert!(out.contains("TaintManagerEviction"), "{out}");
    assert!(out.contains("NAME") && out.contains("NOMINATED NODE"), "{out}");
}

#[test]
fn run_is_deterministic_and_json_lines_parse() {
    let a = kubesim(&["run", "--json", "--until", "2m", &scenario("rolling-update.yaml")]);
    let b = kubesim(&["run", "--json", "--until", "2m", &scenario("rolling-update.yaml")]);
    assert_eq!(a.0, 0, "{}", a.2);
    assert_eq!(a.1, b.1);
    for line in a.1.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("every line is JSON");
        assert!(v.is_object());
    }
}

#[test]
fn bad_input_exits_2_with_file_and_line() {
    let bad =
        "apiVersion: kubesim.dev/v1\nkind: Scenario\ntimeline:\n- at: 10s\n  explode: node-1\n";
    let file = temp_file("bad.yaml", bad);
    let (code, _, err) = kubesim(&["run", &file]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("error: {file}:5: ")), "{err}");

    let manifest_error = "apiVersion: kubesim.dev/v1\nkind: Scenario\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: x\n    image: nginx\n    colour: red\n";
    let file = temp_file("manifest.yaml", manifest_error);
    let (code, _, err) = kubesim(&["run", &file]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("error: {file}:12: ")), "{err}");

    for args in [
        &["run"][..],
        &["frobnicate"],
        &[],
        &["run", "--until", "soon", "x.yaml"],
        &["run", "/no/such/file"],
        &["bench", "--nodes", "-1"],
    ] {
        let (code, _, err) = kubesim(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}

#[test]
fn garbage_never_panics() {
    for (i, text) in [
        "",
        "---\n---\n",
        "kind: Scenario\n: :\n",
        "\u{0}\u{1}binary",
        "kind: Scenario\ntimeline: {a: [}\n",
        "kind: Scenario\ncluster: {nodePools: [{count: -5}]}\n",
    ]
    .iter()
    .enumerate()
    {
        let file = temp_file(&format!("garbage-{i}.yaml"), text);
        let (code, _, err) = kubesim(&["run", &file]);
        assert!(code == 0 || code == 2, "{text:?}: {code} {err}");
        assert!(!err.contains("panicked"), "{text:?}: {err}");
    }
}

#[test]
fn schedule_prints_one_json_line_per_pod() {
    let manifests = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  capacity: {cpu: \"4\", memory: 8Gi, pods: \"110\"}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: 500m}}\n";
    let file = temp_file("schedule.yaml", manifests);
    let (code, out, err) = kubesim(&["schedule", &file]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(v["pod"], "default/p");
    assert_eq!(v["node"], "n1");
}
