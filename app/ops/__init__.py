"""Running the service: readiness (health), Prometheus metrics, JSON logs with request and
document ids, request ids (middleware), the Idempotency-Key middleware, rate limits and security
headers."""
