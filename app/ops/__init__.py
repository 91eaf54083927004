"""Operations: readiness, Prometheus metrics, JSON logs and request ids."""
