"""Untrusted files in (limits, YAML/JSON, schemas, the cache, the one answers checker) and atomic files out."""
