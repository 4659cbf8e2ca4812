//! Manifests in and out: YAML and JSON (multi-document) to model objects with strict,
//! line-numbered validation, and model objects back to the Kubernetes wire format.
//!
//! # Reading
//! [`parse_manifests`] reads a YAML stream (documents separated by `---`) or JSON (one object,
//! or a `v1` `List` with `items`), and decodes each document by `apiVersion` and `kind`: v1
//! Node, Pod and Service, apps/v1 Deployment and ReplicaSet, and
//! `kubescheduler.config.k8s.io/v1` KubeSchedulerConfiguration (its first profile, resolved into
//! a [`Profile`]). Decoding behaves as `kubectl apply` against an API server does:
//! - **strict**: unknown and duplicate fields are errors (`strict decoding error: unknown field
//!   "spec.replica"`), and YAML is read as go-yaml v2 reads it (`yes` is a boolean, `1.0` a
//!   number: neither is a string);
//! - **defaulting**: Deployment replicas 1 and RollingUpdate 25%/25%, pod restartPolicy Always,
//!   imagePullPolicy from the tag, requests copied from limits, Service targetPort from port,
//!   Node allocatable from capacity, and the rest of upstream's `SetDefaults_*`;
//! - **validation**: the API server's field errors, in its words
//!   (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
//!
//! Every [`Diagnostic`] carries the 1-based line and column and the field path. All the errors
//! of a document are reported (up to [`limits::MAX_ERRORS_PER_DOCUMENT`]); a document with an
//! error yields no object, the others still do. Fields Kubernetes has and the simulator does not
//! model are either accepted with a warning (`env`, `volumes`, `securityContext`: they do not
//! change what the simulation does) or refused (`podAntiAffinity`, `schedulingGates`: ignoring
//! them would make the simulation lie).
//!
//! Input is bounded ([`limits`]): size, documents, nesting, nodes including alias expansion,
//! string length. Nothing in any input makes the parser panic or run long.
//!
//! # Writing
//! [`to_json`] and [`to_yaml`] print any object as `kubectl get -o json` / `-o yaml` do: keys
//! sorted (kubectl prints through a generic map), empty fields omitted as Go's `omitempty` does,
//! JSON indented by four spaces, YAML in go-yaml v2's style (quoting strings that would read
//! back as another type, folding long strings at 80 columns).
//!
//! Namespaces: an object without `metadata.namespace` decodes with an empty namespace, meaning
//! "the request's namespace" (`kubectl apply -n`); [`Manifest::fill_namespace`] sets it.

mod decode;
pub mod diagnostic;
pub mod encode;
pub mod limits;
mod resolve;
mod timestamp;
mod tree;

pub use decode::qos_class;
pub use diagnostic::{Diagnostic, Severity};
pub use encode::{ToWire, Value, to_json, to_yaml};

use crate::{
    model::{Deployment, Node, Pod, ReplicaSet, Service},
    scheduler::config::Profile,
};
use diagnostic::{Pos, Sink};

/// One object read from a manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// The 1-based line where the object's document (or `List` item) starts.
    pub line: u32,
    /// The object.
    pub object: Object,
}

/// The kinds a manifest can hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Object {
    /// `v1` Node.
    Node(Node),
    /// `v1` Pod (`spec.nodeName` in [`Pod::node_name`]).
    Pod(Pod),
    /// `apps/v1` Deployment.
    Deployment(Deployment),
    /// `apps/v1` ReplicaSet.
    ReplicaSet(ReplicaSet),
    /// `v1` Service.
    Service(Service),
    /// `kubescheduler.config.k8s.io/v1` KubeSchedulerConfiguration, as its first profile.
    SchedulerConfiguration(Profile),
}

impl Object {
    /// The `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Node(_) => "Node",
            Object::Pod(_) => "Pod",
            Object::Deployment(_) => "Deployment",
            Object::ReplicaSet(_) => "ReplicaSet",
            Object::Service(_) => "Service",
            Object::SchedulerConfiguration(_) => "KubeSchedulerConfiguration",
        }
    }

    /// `metadata.name` (the scheduler name for a scheduler configuration).
    pub fn name(&self) -> &str {
        match self {
            Object::Node(o) => &o.metadata.name,
            Object::Pod(o) => &o.metadata.name,
            Object::Deployment(o) => &o.metadata.name,
            Object::ReplicaSet(o) => &o.metadata.name,
            Object::Service(o) => &o.metadata.name,
            Object::SchedulerConfiguration(p) => &p.scheduler_name,
        }
    }
}

impl Manifest {
    /// Sets the namespace of a namespaced object that names none, as the API server does with
    /// the request's namespace.
    pub fn fill_namespace(&mut self, namespace: &str) {
        let meta = match &mut self.object {
            Object::Pod(o) => &mut o.metadata,
            Object::Deployment(o) => &mut o.metadata,
            Object::ReplicaSet(o) => &mut o.metadata,
            Object::Service(o) => &mut o.metadata,
            Object::Node(_) | Object::SchedulerConfiguration(_) => return,
        };
        if meta.namespace.is_empty() {
            meta.namespace = namespace.to_owned();
        }
    }
}

/// What [`parse_manifests`] found: the objects that decoded cleanly, and every diagnostic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Objects from documents without errors, in input order.
    pub manifests: Vec<Manifest>,
    /// Errors and warnings in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    /// All the objects if there is no error, else the errors (warnings dropped): the
    /// all-or-nothing view a command-line tool wants.
    pub fn into_result(self) -> Result<Vec<Manifest>, Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self.diagnostics.into_iter().filter(Diagnostic::is_error).collect())
        } else {
            Ok(self.manifests)
        }
    }
}

/// Reads every object in `text` (YAML or JSON); see the module documentation.
pub fn parse_manifests(text: &str) -> Parsed {
    let mut sink = Sink::default();
    let mut manifests = Vec::new();
    if text.len() > limits::MAX_INPUT_BYTES {
        sink.error(
            Pos { line: 1, col: 1 },
            String::new(),
            format!(
                "input too large: {} bytes; at most {} bytes are accepted",
                text.len(),
                limits::MAX_INPUT_BYTES
            ),
        );
        return Parsed { manifests, diagnostics: sink.into_vec() };
    }
    let loaded = tree::load(text);
    let mut budget = limits::MAX_DOCUMENTS;
    for doc in &loaded.documents {
        let mut cx = decode::cx::Cx { sink: &mut sink };
        cx.sink.start_document();
        for (pos, path) in &doc.duplicates {
            let message =
                format!("strict decoding error: duplicate field {}", diagnostic::quote(path));
            cx.sink.error(*pos, path.clone(), message);
        }
        let Some(root) = doc.root.as_ref().filter(|r| !r.is_null()) else { continue };
        if budget == 0 {
            break;
        }
        budget -= 1;
        let before = manifests.len();
        let errors_before = cx.sink.document_errors();
        decode::document(&mut cx, root, &mut manifests, &mut budget);
        // Duplicate keys make the whole document invalid, as strict decoding does.
        if errors_before > 0 {
            manifests.truncate(before);
        }
    }
    if let Some(e) = loaded.error {
        sink.start_document();
        sink.error(e.pos, e.path, e.message);
    }
    let mut diagnostics = sink.into_vec();
    // The YAML scanner can place an end-of-input error one line past the text; an editor needs
    // a line that exists. (YAML breaks lines at `\n`, `\r\n` and a lone `\r`.)
    let last_line = u32::try_from(text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1)
        .unwrap_or(u32::MAX);
    for d in &mut diagnostics {
        if d.line > last_line {
            d.line = last_line;
            d.column = 1;
        }
    }
    // Decoders check some rules after reading a whole object; present everything in reading
    // order, as an editor lists it.
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Parsed { manifests, diagnostics }
}
