"""Background work on Huey: SQLite storage by default, Redis to scale out.

Domains declare their tasks here, at import of their `tasks` module: `@task(name)` for work
sent on demand, `@periodic(name, schedule)` for work the worker runs on a clock. The queue is
made once per process by `configure` (again in tests) and every declared task is bound to it,
whenever it was declared. `enqueue(name, ...)` sends work by name.

The document row is the source of truth: a task only says "look at document N". A worker
claims the row atomically before working on it, and a periodic sweep enqueues again whatever
was received but never claimed, or claimed by a worker that died, so a lost task or a crash
loses nothing.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper
from huey.consumer import Consumer

from app.core.config import Settings, get_settings

log = logging.getLogger("intake.worker")


@dataclass(frozen=True)
class TaskSpec:
    name: str
    fn: Callable
    schedule: Callable | None = None  # a huey crontab: run periodically
    retries: int = 0
    retry_delay: int = 0


_lock = threading.Lock()
_huey: Huey | None = None
_settings: Settings | None = None
_specs: dict[str, TaskSpec] = {}
_bound: dict[str, TaskWrapper] = {}


def _declare(spec: TaskSpec) -> None:
    with _lock:
        _specs[spec.name] = spec
        if _huey is not None:
            _bind(_huey, spec)


def task(name: str, *, retries: int = 0, retry_delay: int = 0) -> Callable[[Callable], Callable]:
    """Declare `fn` as the task `name`, sent with `enqueue(name, ...)`; returns `fn` unchanged."""

    def declare(fn: Callable) -> Callable:
        _declare(TaskSpec(name, fn, retries=retries, retry_delay=retry_delay))
        return fn

    return declare


def periodic(name: str, schedule: Callable) -> Callable[[Callable], Callable]:
    """Declare `fn` as a periodic task run by every worker on `schedule` (a huey crontab)."""

    def declare(fn: Callable) -> Callable:
        _declare(TaskSpec(name, fn, schedule=schedule))
        return fn

    return declare


def _bind(huey: Huey, spec: TaskSpec) -> None:
    if spec.schedule is not None:
        _bound[spec.name] = huey.periodic_task(spec.schedule, name=spec.name)(spec.fn)
    else:
        _bound[spec.name] = huey.task(retries=spec.retries, retry_delay=spec.retry_delay, name=spec.name)(spec.fn)


def configure(settings: Settings) -> Huey:
    """Create the queue for these settings (once per process, or again in tests)."""
    global _huey, _settings
    with _lock:
        _settings = settings
        _huey = _make_huey(settings)
        _bound.clear()
        for spec in _specs.values():
            _bind(_huey, spec)
        return _huey


def current_settings() -> Settings:
    return _settings or get_settings()


def queue() -> Huey:
    return _huey or configure(get_settings())


def is_configured() -> bool:
    return _huey is not None


def enqueue(name: str, *args: object) -> None:
    """Send the task `name` (the queue is made from the settings if this process has none yet)."""
    queue()
    _bound[name](*args)


def _make_huey(settings: Settings) -> Huey:
    url = settings.queue_url or ""
    if settings.worker_mode == "immediate":
        return MemoryHuey("intake", immediate=True)
    if url.startswith("redis"):
        return RedisHuey("intake", url=url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    filename = url.removeprefix("sqlite:///") if url.startswith("sqlite") else str(settings.data_dir / "queue.db")
    return SqliteHuey("intake", filename=filename)


class _QuietConsumer(Consumer):
    """A consumer that leaves the host process's signal handlers alone."""

    def _set_signal_handlers(self) -> None:
        pass


class EmbeddedWorker:
    """A Huey consumer running in threads inside the web process; `on_start` runs once it consumes
    (the application factory passes the recovery of orphaned documents)."""

    def __init__(self, settings: Settings, on_start: Callable[[], object] | None = None):
        self.settings = settings
        self.on_start = on_start
        self.consumer = None

    def start(self) -> None:
        huey = queue()
        if isinstance(huey, MemoryHuey) and huey.immediate:
            return
        self.consumer = _QuietConsumer(
            huey, workers=self.settings.worker_threads, worker_type="thread", periodic=True,
            max_delay=1.0)
        self.consumer.start()
        if self.on_start is not None:
            self.on_start()

    def stop(self) -> None:
        if self.consumer is not None:
            self.consumer.stop(graceful=True)
            self.consumer = None


def run_worker(settings: Settings, threads: int, on_start: Callable[[], object] | None = None) -> None:
    """Run a consumer in this process until it is stopped (`intake worker`)."""
    huey = configure(settings)
    if on_start is not None:
        on_start()
    Consumer(huey, workers=threads, worker_type="thread", max_delay=1.0).run()
