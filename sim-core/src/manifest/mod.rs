//! Manifests in and out: YAML and JSON (multi-document) to model objects with strict,
//! line-numbered validation, and model objects back to the Kubernetes wire format.
