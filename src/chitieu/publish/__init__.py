"""Immutable snapshots per period, their manifests, verification, and the `published` schema."""
