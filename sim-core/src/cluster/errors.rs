//! Typed errors for rejected commands, worded as the API server and kubectl word them.

use std::fmt;

/// Why the API server (or kubectl) rejected a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// `deployments.apps "web" not found`.
    NotFound {
        /// Resource with group (`deployments.apps`, `pods`, `nodes`).
        resource: String,
        /// Object name.
        name: String,
    },
    /// `pods "web" already exists`.
    AlreadyExists {
        /// Resource with group.
        resource: String,
        /// Object name.
        name: String,
    },
    /// `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: …`.
    Invalid {
        /// Kind.
        kind: String,
        /// Object name.
        name: String,
        /// `field: Invalid value: …` text.
        detail: String,
    },
    /// A kubectl-side refusal (`cannot delete Pods that declare no controller …`).
    Refused(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound { resource, name } => {
                write!(f, "Error from server (NotFound): {resource} \"{name}\" not found")
            }
            ApiError::AlreadyExists { resource, name } => {
                write!(f, "Error from server (AlreadyExists): {resource} \"{name}\" already exists")
            }
            ApiError::Invalid { kind, name, detail } => {
                write!(f, "The {kind} \"{name}\" is invalid: {detail}")
            }
            ApiError::Refused(msg) => write!(f, "error: {msg}"),
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// A `NotFound` for `resource` `name`.
    pub fn not_found(resource: &str, name: &str) -> Self {
        ApiError::NotFound { resource: resource.to_owned(), name: name.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_like_kubectl() {
        assert_eq!(
            ApiError::not_found("deployments.apps", "web").to_string(),
            r#"Error from server (NotFound): deployments.apps "web" not found"#
        );
        assert_eq!(
            ApiError::AlreadyExists { resource: "pods".into(), name: "x".into() }.to_string(),
            r#"Error from server (AlreadyExists): pods "x" already exists"#
        );
    }
}
