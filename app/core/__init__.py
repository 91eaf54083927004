"""Plumbing every domain shares: settings, database, clock, errors, who is asking, transactions
with after-commit hooks, gapless numbers, the document store, idempotency records, migrations
and the task queue. Nothing here imports a domain package."""
