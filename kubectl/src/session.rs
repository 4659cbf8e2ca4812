//! The console's state between commands: the namespace (`kubectl config set-context --current
//! --namespace=…`), the playground editor's text (`apply -f editor`), and whether the
//! simulated metrics API answers.

/// Console state that outlives one command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The current context's namespace (`default`).
    pub namespace: String,
    /// The YAML in the playground editor, read by `apply -f editor` and `apply -f -`.
    pub editor: String,
    /// Whether `kubectl top` finds a metrics API (a lesson can turn it off to show
    /// `error: Metrics API not available`, what a cluster without metrics-server answers).
    pub metrics_api: bool,
    /// Debug containers created so far; makes their generated names differ.
    pub(crate) debug_count: u64,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            namespace: "default".into(),
            editor: String::new(),
            metrics_api: true,
            debug_count: 0,
        }
    }
}

impl Session {
    /// A session in namespace `default` with an empty editor.
    pub fn new() -> Self {
        Session::default()
    }
}
