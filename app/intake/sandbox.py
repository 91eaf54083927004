"""Parsing untrusted bytes under the limits in Settings (extractors/sandbox.py does the work)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from app.core.config import Settings
from extractors import sandbox

T = TypeVar("T")


def limits(settings: Settings) -> sandbox.Limits:
    return sandbox.Limits(memory_mb=settings.parse_memory_mb, cpu_seconds=settings.parse_cpu_seconds,
                          wall_seconds=settings.parse_timeout, tasks_per_child=settings.parse_tasks_per_child,
                          idle_children=settings.parse_children)


def parse(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` in a limited child process, or here when `parse_mode` is "inline"."""
    if settings.parse_mode == "inline":
        return fn(*args)
    return sandbox.shared(limits(settings)).call(fn, *args)
