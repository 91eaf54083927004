"""The clerk's review queue: the documents that could not become orders untouched, their working
data edited field by field, approved into an order, rejected or marked not a PO (service), for
API clients through routes (the pages are app/web/review.py)."""
