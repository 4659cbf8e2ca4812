//! `kubectl expose (deployment NAME | deployment/NAME | pod NAME | rs NAME) [--port=P]
//! [--target-port=T] [--type=NodePort] [--name=N] [--protocol=TCP]`.
//!
//! The Service is built as kubectl builds it (the object's name, labels and map-based
//! selector; ports from `--port` or from the containers) and read back through sim-core's
//! manifest parser for the API server's defaults and validation.

use super::{Command, objects, objects::Obj, parse};
use crate::{
    context::{CmdResult, Ctx, Failure, error},
    flags::{Kind, Spec, long},
    resource::parse_targets,
};
use sim_core::{
    cluster::{Action, ApiObject},
    manifest::{Object, Value, parse_manifests, to_json},
    model::{Labels, PodSpec},
};

const FLAGS: &[Spec] = &[
    long("port", Kind::Str),
    long("target-port", Kind::Str),
    long("type", Kind::Str),
    long("name", Kind::Str),
    long("protocol", Kind::Str),
];

pub(crate) const COMMAND: Command = Command {
    name: "expose",
    summary: "Take a deployment, replica set or pod and expose it as a new Kubernetes service",
    usage: "kubectl expose (TYPE NAME | TYPE/NAME) [--port=port] [--protocol=TCP] [--target-port=number-or-name] [--name=name] [--type=type]",
    flags: FLAGS,
    run,
};

fn run(ctx: &mut Ctx<'_>, args: &[String]) -> CmdResult {
    let Some(flags) = parse(ctx, "expose", COMMAND.usage, FLAGS, args)? else { return Ok(()) };
    if flags.positional.is_empty() {
        return Err(super::usage_error(
            "expose",
            "You must provide one or more resources by argument or filename.",
        ));
    }
    let targets = parse_targets(&flags.positional).map_err(error)?;
    let Some((r, name)) = targets.names.first() else {
        return Err(error("resource(s) were provided, but no name was specified"));
    };
    let ns = ctx.namespace(&flags);
    let Some(obj) = objects::get(ctx.sim.store(), *r, &ns, name) else {
        return Err(objects::not_found(*r, name));
    };
    let (selector, spec) = selector_and_spec(obj)?;
    let ports: Vec<String> = match flags.string("port") {
        Some(p) if !p.is_empty() => vec![p.to_owned()],
        _ => {
            let found: Vec<String> = spec
                .containers
                .iter()
                .flat_map(|c| &c.ports)
                .map(|p| p.container_port.to_string())
                .collect();
            if found.is_empty() {
                return Err(error("couldn't find port via --port flag or introspection"));
            }
            found
        }
    };
    let service_name = flags.string("name").unwrap_or(name).chars().take(63).collect::<String>();
    let value = service_value(&service_name, &ns, &obj.meta().labels, &selector, &ports, &flags)?;
    let parsed = parse_manifests(&to_json(&value));
    if let Some(d) = parsed.errors().next() {
        return Err(format!("The Service \"{service_name}\" is invalid: {}", d.message));
    }
    let Some(Object::Service(svc)) = parsed.manifests.into_iter().next().map(|m| m.object) else {
        return Err(error("could not build the service"));
    };
    ctx.apply(Action::Create(ApiObject::Service(svc))).map_err(|e| e.to_string())?;
    ctx.print(&format!("service/{service_name} exposed"));
    Ok(())
}

/// `MapBasedSelectorForObject` and the pod spec whose ports can be exposed.
fn selector_and_spec<'a>(obj: Obj<'a>) -> Result<(Labels, &'a PodSpec), Failure> {
    let no_convert = || {
        error(
            "couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions to map-based selector format",
        )
    };
    match obj {
        Obj::Pod(p) => {
            if p.metadata.labels.is_empty() {
                return Err(error(
                    "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed",
                ));
            }
            Ok((p.metadata.labels.clone(), &p.spec))
        }
        Obj::Deployment(d) if d.spec.selector.match_expressions.is_empty() => {
            Ok((d.spec.selector.match_labels.clone(), &d.spec.template.spec))
        }
        Obj::ReplicaSet(rs) if rs.spec.selector.match_expressions.is_empty() => {
            Ok((rs.spec.selector.match_labels.clone(), &rs.spec.template.spec))
        }
        Obj::Deployment(_) | Obj::ReplicaSet(_) => Err(no_convert()),
        other => Err(error(format!("cannot expose a {}", other.resource().kind()))),
    }
}

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

fn labels_value(l: &Labels) -> Value {
    Value::Object(l.iter().map(|(k, v)| (k.to_owned(), s(v))).collect())
}

fn service_value(
    name: &str,
    ns: &str,
    labels: &Labels,
    selector: &Labels,
    ports: &[String],
    flags: &crate::flags::Parsed,
) -> Result<Value, Failure> {
    let protocol = flags.string("protocol").unwrap_or("TCP");
    let mut port_values = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let port: i64 =
            p.parse().map_err(|_| error(format!("strconv.Atoi: parsing {p:?}: invalid syntax")))?;
        let target = match flags.string("target-port") {
            Some(t) if !t.is_empty() => match t.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => s(t),
            },
            _ => Value::Int(port),
        };
        let mut fields = vec![
            ("port".to_owned(), Value::Int(port)),
            ("protocol".to_owned(), s(protocol)),
            ("targetPort".to_owned(), target),
        ];
        if ports.len() > 1 {
            fields.push(("name".to_owned(), s(&format!("port-{}", i + 1))));
        }
        port_values.push(Value::Object(fields));
    }
    let mut spec = vec![
        ("selector".to_owned(), labels_value(selector)),
        ("ports".to_owned(), Value::Array(port_values)),
    ];
    if let Some(t) = flags.string("type").filter(|t| !t.is_empty()) {
        spec.push(("type".to_owned(), s(t)));
    }
    let mut meta = vec![("name".to_owned(), s(name)), ("namespace".to_owned(), s(ns))];
    if !labels.is_empty() {
        meta.push(("labels".to_owned(), labels_value(labels)));
    }
    Ok(Value::Object(vec![
        ("apiVersion".to_owned(), s("v1")),
        ("kind".to_owned(), s("Service")),
        ("metadata".to_owned(), Value::Object(meta)),
        ("spec".to_owned(), Value::Object(spec)),
    ]))
}
