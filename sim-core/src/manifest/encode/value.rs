//! A JSON-shaped value tree, the form objects take on the wire, and a builder that applies Go's
//! `omitempty` rules.

/// A wire value: what `encoding/json` would produce from a Kubernetes object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object. Printers sort the keys, so the order here does not matter.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// A `kind: List` wrapping `items`, as `kubectl get <many> -o yaml|json` prints them.
    pub fn list(items: Vec<Value>) -> Value {
        Obj::new()
            .put("apiVersion", "v1")
            .put("items", Value::Array(items))
            .put("kind", "List")
            .put("metadata", Obj::new().put("resourceVersion", "").build())
            .build()
    }

    /// Whether this is an empty object or array.
    pub(crate) fn is_empty_collection(&self) -> bool {
        matches!(self, Value::Object(v) if v.is_empty())
            || matches!(self, Value::Array(v) if v.is_empty())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<i32> for Value {
    fn from(i: i32) -> Self {
        Value::Int(i64::from(i))
    }
}

impl From<u32> for Value {
    fn from(i: u32) -> Self {
        Value::Int(i64::from(i))
    }
}

impl From<u64> for Value {
    fn from(i: u64) -> Self {
        Value::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Value::Array(v)
    }
}

/// Builds an object field by field. `put` always writes; the other methods skip the zero value
/// as a Go field tagged `omitempty` would.
#[derive(Debug, Default)]
pub(crate) struct Obj(Vec<(String, Value)>);

impl Obj {
    pub(crate) fn new() -> Self {
        Obj(Vec::new())
    }

    /// Always written (no `omitempty`, or a struct-typed field, which `omitempty` never omits).
    pub(crate) fn put(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.push((key.to_owned(), value.into()));
        self
    }

    /// A string, omitted when empty.
    pub(crate) fn str(self, key: &str, s: &str) -> Self {
        if s.is_empty() { self } else { self.put(key, s) }
    }

    /// An integer, omitted when zero.
    pub(crate) fn int(self, key: &str, i: i64) -> Self {
        if i == 0 { self } else { self.put(key, i) }
    }

    /// A boolean, omitted when false.
    pub(crate) fn flag(self, key: &str, b: bool) -> Self {
        if b { self.put(key, true) } else { self }
    }

    /// A pointer field: omitted when `None`, written (even if zero) when `Some`.
    pub(crate) fn opt(self, key: &str, v: Option<impl Into<Value>>) -> Self {
        match v {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    /// A slice or map, omitted when empty.
    pub(crate) fn coll(self, key: &str, v: Value) -> Self {
        if v.is_empty_collection() { self } else { self.put(key, v) }
    }

    pub(crate) fn build(self) -> Value {
        Value::Object(self.0)
    }
}
