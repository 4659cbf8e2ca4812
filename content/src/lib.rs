//! content (placeholder until its issue lands).
