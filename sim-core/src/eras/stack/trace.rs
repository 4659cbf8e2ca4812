//! The reader's click-along trace: click each layer a request passes on its way down, in order.

use super::{Direction, Hop, Io, StackKind, path};

/// What a click on a layer did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Click {
    /// The request entered this layer; `text` says what the layer does with it.
    Entered {
        /// What the layer does.
        text: &'static str,
    },
    /// The request reached the device at the bottom: the way down is complete. For a read the
    /// answer now travels back up ([`Trace::return_hops`]).
    ReachedBottom {
        /// What the device does.
        text: &'static str,
    },
    /// This layer is not on the path; `why` explains.
    NotOnPath {
        /// Why the request skips it.
        why: &'static str,
    },
    /// On the path, but the request has to pass `expected` (a layer index) first.
    NotYet {
        /// The layer the request enters next.
        expected: usize,
    },
    /// The request already passed this layer, or the trace is over.
    Ignored,
}

/// A trace in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    kind: StackKind,
    io: Io,
    hops: Vec<Hop>,
    /// How many of the downward hops the reader has clicked.
    entered: usize,
}

impl Trace {
    /// A fresh trace of `io` through `kind`.
    pub fn new(kind: StackKind, io: Io) -> Self {
        Trace { kind, io, hops: path(kind, io), entered: 0 }
    }

    /// The stack being traced.
    pub fn kind(&self) -> StackKind {
        self.kind
    }

    /// What is being traced.
    pub fn io(&self) -> Io {
        self.io
    }

    fn down(&self) -> impl Iterator<Item = &Hop> {
        self.hops.iter().filter(|h| h.direction == Direction::Down)
    }

    /// Number of layers the reader must click.
    pub fn down_len(&self) -> usize {
        self.down().count()
    }

    /// The downward hops clicked so far.
    pub fn entered(&self) -> impl Iterator<Item = &Hop> {
        self.down().take(self.entered)
    }

    /// Whether the request has reached the device.
    pub fn reached_bottom(&self) -> bool {
        self.entered == self.down_len()
    }

    /// The layer the request enters next, if it has not reached the bottom.
    pub fn expected(&self) -> Option<usize> {
        self.down().nth(self.entered).map(|h| h.layer)
    }

    /// The hops of the way back up (empty for a packet, which leaves the machine).
    pub fn return_hops(&self) -> impl Iterator<Item = &Hop> {
        self.hops.iter().filter(|h| h.direction == Direction::Up)
    }

    /// The reader clicked layer `layer` (an index into the stack's layers).
    pub fn click(&mut self, layer: usize) -> Click {
        let Some(target) = self.kind.stack().layers.get(layer) else { return Click::Ignored };
        if !target.on_path(self.io) {
            return Click::NotOnPath { why: target.skipped_because };
        }
        let Some(expected) = self.expected() else { return Click::Ignored };
        if layer != expected {
            let already = self.entered().any(|h| h.layer == layer);
            return if already { Click::Ignored } else { Click::NotYet { expected } };
        }
        self.entered += 1;
        let text = target.down_text(self.io);
        if self.reached_bottom() { Click::ReachedBottom { text } } else { Click::Entered { text } }
    }
}
