//! kubectl (placeholder until its issue lands).
