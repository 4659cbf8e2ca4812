//! Bounds on what the parser accepts. Manifests come from a text box in a browser tab, so every
//! size the parser could be made to spend time or memory on is capped, and going over a cap is a
//! diagnostic, never a hang or an abort.

/// The largest input, in bytes: 1 MiB, the order of etcd's 1.5 MiB request limit and far above
/// any hand-written manifest.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// The most YAML documents (`---` separated) or `List` items in one input.
pub const MAX_DOCUMENTS: usize = 5_000;

/// The deepest nesting of mappings and sequences. A Deployment's node-affinity values sit about
/// 13 levels deep; 64 leaves room for anything real and stops stack-hungry inputs early.
pub const MAX_DEPTH: usize = 64;

/// The most YAML nodes (scalars, mappings, sequences) in one input, counting every copy an
/// alias makes, so `&a [*b, *b, ...]` "billion laughs" inputs stop here.
pub const MAX_NODES: usize = 250_000;

/// The longest single string, in bytes: 256 KiB, the API server's cap on all of an object's
/// annotations together.
pub const MAX_STRING_BYTES: usize = 256 * 1024;

/// The most errors reported for one document; further errors are summarised in one line.
pub const MAX_ERRORS_PER_DOCUMENT: usize = 50;

/// The most diagnostics (errors and warnings) reported for one input.
pub const MAX_DIAGNOSTICS: usize = 1_000;

/// How much of an offending value an error message quotes, in characters.
pub const MAX_QUOTED_VALUE_CHARS: usize = 80;
