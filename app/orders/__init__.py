"""Sales orders through order-to-cash.

models.py (tables and API shapes), events.py (every event type, one constructor each, listeners),
errors.py (refusal codes), queries.py (read-only questions the actions ask), service.py (reading
orders and invoices for the API and pages), selfservice.py (the customer's signed link),
invoice_pdf.py, demo.py (`intake simulate`); and the sub-domains:
rules/ (pure logic: ledger, statuses, transitions, allocation, credit), actions/ (one function per
business fact), kpi/ (KPI definitions, per-order facts and the SQL over them), notify/ (webhooks
and stage alerts) and api/ (the routes).
"""
