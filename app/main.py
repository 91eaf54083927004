"""The application factory: every domain's routers, the middleware and the worker, wired here;
heavy things start in the lifespan, not at import."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import tasks  # noqa: F401 - declares every background task (the embedded worker runs them)
from app.accounts.audit import AuditTrail
from app.accounts.auth import authenticate
from app.accounts.routes import router as accounts_router
from app.catalog.routes import router as catalog_router
from app.core import queue
from app.core.config import Settings, get_settings
from app.core.errors import install_handlers
from app.email.routes import router as email_router
from app.intake.review.routes import router as review_router
from app.intake.routes import router as documents_router
from app.intake.tasks import recover
from app.ops import health
from app.ops import logs as ops_logs
from app.ops import metrics as ops_metrics
from app.ops import middleware as ops_middleware
from app.ops.idempotency import Idempotency
from app.ops.ratelimit import RateLimit
from app.ops.security_headers import SecurityHeaders
from app.orders.api import ROUTERS as ORDERS_ROUTERS
from app.orders.api import VISIBILITY_ROUTERS
from app.web import errors as web_errors
from app.web.routes import router as web_router

DESCRIPTION = """Order Intake turns purchase orders arriving by upload, email, scan or API
into tracked sales orders. Every error answers `{"error": {"code", "message", "details"}}`
with a stable `code`."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        ops_logs.setup_logging()  # after uvicorn configured its loggers: all JSON lines
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        queue.configure(settings)
        embedded = None
        if settings.worker_mode == "embedded":  # the only worker: anything left in processing is orphaned
            embedded = queue.EmbeddedWorker(settings, on_start=lambda: recover(settings, all_processing=True))
            embedded.start()
        try:
            yield
        finally:
            if embedded:
                embedded.stop()

    app = FastAPI(title="Order Intake", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.authenticate = authenticate  # how a request's credentials become its principal
    install_handlers(app)
    web_errors.install(app)  # people get pages, programs JSON
    for router in (documents_router, review_router, catalog_router, *ORDERS_ROUTERS, email_router, web_router,
                   *VISIBILITY_ROUTERS, health.router, accounts_router):
        app.include_router(router)
    app.add_middleware(Idempotency, settings=settings)  # inner to outer: idempotency, limits, headers, request id
    app.add_middleware(RateLimit, settings=settings)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AuditTrail)  # after routing: the principal and route are known
    app.add_middleware(ops_middleware.RequestContext)
    ops_metrics.instrument_pipeline()

    @app.get("/healthz", tags=["ops"], summary="The process is up")
    def healthz() -> dict:
        return {"status": "ok"}

    return app
