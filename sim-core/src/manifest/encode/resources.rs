//! Resource lists on the wire: quantities in their canonical form (`500m`, `1Gi`, `"8"`).

use super::value::Value;
use crate::model::{ResourceList, pod::Protocol};

/// A `ResourceList`.
pub(crate) fn resource_list(r: &ResourceList) -> Value {
    Value::Object(
        r.iter().map(|(n, q)| (n.as_str().to_owned(), Value::String(q.to_string()))).collect(),
    )
}

/// A protocol name.
pub(crate) fn protocol(p: Protocol) -> Value {
    Value::from(p.as_str())
}
