"""Intake: every channel's document stored by SHA-256 first (service), read by the ordered stages of
the pipeline (read, extract, document type, match, validate, decide) into an order (ordering) or
the clerk's review queue (review/). Also the matching and validation of what was read (orderdata,
validation, checks), learned layout hints (hints), the sandboxed child that parses untrusted
files (sandbox), the background tasks (tasks), figures (stats) and `intake eval` (evaluation)."""
