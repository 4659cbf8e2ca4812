//! `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P] [-- COMMAND…]` and
//! `kubectl create -f editor`.
//!
//! The Deployment is built as kubectl builds it (labels and selector `app=NAME`, one container
//! per image named after the image) and then read back through sim-core's manifest parser, so
//! it gets exactly the defaults and validation an applied manifest gets.

use super::{Command, apply, parse};
use crate::{
    context::{CmdResult, Ctx, error},
    flags::{Kind, Spec, long, short},
};
use sim_core::{
    cluster::{Action, ApiObject},
    manifest::{Object, Value, parse_manifests, to_json},
};

const FLAGS: &[Spec] = &[
    short("filename", 'f', Kind::List),
    long("image", Kind::List),
    short("replicas", 'r', Kind::Int(32)),
    long("port", Kind::Int(32)),
];

pub(crate) const COMMAND: Command = Command {
    name: "create",
    summary: "Create a resource from the editor or a Deployment from an image",
    usage: "kubectl create deployment NAME --image=image [--replicas=N] [--port=P] [-- COMMAND [args...]]\n  kubectl create -f editor",
    flags: FLAGS,
    run,
};

/// The alphabet of `utilrand.String`.
const SUFFIX_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "create", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    let files = flags.list("filename");
    if !files.is_empty() {
        let explicit_ns = flags.string("namespace").map(str::to_owned);
        for f in &files {
            apply::from_editor(ctx, f, explicit_ns.as_deref(), &flags, apply::Mode::Create)?;
        }
        return Ok(());
    }
    match flags.positional.first().map(String::as_str) {
        Some("deployment" | "deploy") => deployment(ctx, &flags),
        Some(other) => Err(super::not_supported(&format!("create {other}"))),
        None => Err(super::usage_error("create", "must specify one of -f and -k")),
    }
}

fn deployment(ctx: &mut Ctx<'_>, flags: &crate::flags::Parsed) -> CmdResult {
    let path = "create deployment";
    let Some(name) = flags.positional.get(1) else {
        return Err(super::usage_error(path, "exactly one NAME is required, got 0"));
    };
    let images = flags.list("image");
    if images.is_empty() {
        return Err(error("required flag(s) \"image\" not set"));
    }
    let command: Vec<String> = flags.positional[2..].to_vec();
    if images.len() > 1 && !command.is_empty() {
        return Err(error("cannot specify multiple --image options and command"));
    }
    let replicas = flags.int("replicas").unwrap_or(1);
    let port = flags.int("port").unwrap_or(-1);
    let ns = ctx.namespace(flags);
    let salt = ctx.sim.log_len() as u64;
    let manifest = deployment_value(name, &ns, &images, replicas, port, &command, salt);
    let parsed = parse_manifests(&to_json(&manifest));
    if let Some(d) = parsed.errors().next() {
        return Err(error(format!(
            "failed to create deployment: Deployment.apps \"{name}\" is invalid: {}",
            d.message
        )));
    }
    let Some(Object::Deployment(d)) = parsed.manifests.into_iter().next().map(|m| m.object) else {
        return Err(error("failed to create deployment"));
    };
    let out = ctx.apply(Action::Create(ApiObject::Deployment(d))).map_err(|e| e.to_string())?;
    ctx.print(&out.message);
    Ok(())
}

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn obj(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The Deployment `kubectl create deployment` sends.
fn deployment_value(
    name: &str,
    ns: &str,
    images: &[String],
    replicas: i64,
    port: i64,
    command: &[String],
    salt: u64,
) -> Value {
    let labels = || obj(vec![("app", s(name))]);
    let containers: Vec<Value> = images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let mut c = vec![
                ("name", s(&container_name(image, salt.wrapping_add(i as u64)))),
                ("image", s(image)),
            ];
            if !command.is_empty() {
                c.push(("command", Value::Array(command.iter().map(|w| s(w)).collect())));
            }
            if i == 0 && port >= 0 {
                c.push((
                    "ports",
                    Value::Array(vec![obj(vec![("containerPort", Value::Int(port))])]),
                ));
            }
            obj(c)
        })
        .collect();
    obj(vec![
        ("apiVersion", s("apps/v1")),
        ("kind", s("Deployment")),
        ("metadata", obj(vec![("name", s(name)), ("namespace", s(ns)), ("labels", labels())])),
        (
            "spec",
            obj(vec![
                ("replicas", Value::Int(replicas)),
                ("selector", obj(vec![("matchLabels", labels())])),
                (
                    "template",
                    obj(vec![
                        ("metadata", obj(vec![("labels", labels())])),
                        ("spec", obj(vec![("containers", Value::Array(containers))])),
                    ]),
                ),
            ]),
        ),
    ])
}

/// kubectl's container name: the image's last path segment without tag or digest; with `_`
/// or `.` replaced by `-` and a five-letter suffix (deterministic here, random in kubectl).
pub(crate) fn container_name(image: &str, salt: u64) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let name = last.split(':').next().unwrap_or(last);
    let name = name.split('@').next().unwrap_or(name);
    if !name.contains(['_', '.']) {
        return name.to_owned();
    }
    format!("{}-{}", name.replace(['_', '.'], "-"), suffix(name, salt))
}

/// Five characters of kubectl's random-name alphabet, derived from `seed_text` and `salt`.
pub(crate) fn suffix(seed_text: &str, salt: u64) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for b in seed_text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..5)
        .map(|i| {
            let k = (h >> (i * 12)) as usize % SUFFIX_ALPHABET.len();
            char::from(SUFFIX_ALPHABET[k])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_follow_kubectl() {
        assert_eq!(container_name("nginx:1.30", 0), "nginx");
        assert_eq!(container_name("registry.example.com/shop/legacy-api:1.0", 0), "legacy-api");
        assert_eq!(container_name("busybox@sha256:abc", 0), "busybox");
        let odd = container_name("my_app:1", 7);
        assert!(odd.starts_with("my-app-") && odd.len() == "my-app-".len() + 5, "{odd}");
        assert_eq!(odd, container_name("my_app:1", 7), "deterministic");
    }
}
