//! widget-spec (placeholder until its issue lands).
