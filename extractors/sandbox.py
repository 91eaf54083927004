"""Run a reader on untrusted bytes in a child process with memory, CPU and time limits.

A hostile file can at worst kill the child: the caller gets a `DocumentError`
with a stable code (`parse_timeout`, `parse_memory`, `parse_crashed`) and goes
on. Children are fresh interpreters (`python -m extractors.sandbox`, never a fork
of a threaded server) that import the readers once, live in their own session
(so a tesseract they started dies with them) and are reused for many documents,
then recycled.

Limits: RLIMIT_AS caps the address space a child may add to what it uses after
start (Python's `MemoryError`, or a crash in C code); RLIMIT_CPU caps the CPU
seconds of one call (SIGXCPU); a wall-clock timeout covers waiting (OCR runs in
tesseract processes whose CPU is their own).
"""
from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from extractors import errors
from extractors.errors import DocumentError

T = TypeVar("T")
PRELOAD = ["extractors.read", "extractors.pages", "extractors.pdf.read", "extractors.ocr.images", "extractors.ocr.read",
           "extractors.pdf.active_content", "extractors.email.message.parse"]


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024  # address space a child may add to its size after start
    cpu_seconds: int = 120  # CPU time of one call in the child itself
    wall_seconds: float = 300.0  # wall-clock time of one call, OCR included
    tasks_per_child: int = 100  # a child is replaced after this many calls
    idle_children: int = 2  # children kept waiting for the next call


class _Child:
    """One child process (its own session and process group) and our ends of its pipes."""

    def __init__(self, limits: Limits):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "extractors.sandbox", str(to_child_r), str(from_child_w), str(limits.memory_mb),
             str(limits.cpu_seconds)],
            pass_fds=(to_child_r, from_child_w), start_new_session=True, env=env, stdin=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.send = Connection(to_child_w, readable=False)
        self.recv = Connection(from_child_r, writable=False)
        self.calls = 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # tesseract too
        self.process.wait()
        self._close()

    def stop(self) -> None:
        try:
            self.send.send(None)  # asks the child to exit
            self.process.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if self.alive():
            self.kill()
        self._close()

    def _close(self) -> None:
        self.send.close()
        self.recv.close()


class Sandbox:
    """A small pool of reusable child processes; thread-safe."""

    def __init__(self, limits: Limits = Limits()):
        self.limits = limits
        self._idle: list[_Child] = []
        self._lock = threading.Lock()

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a child; `fn` must be a module-level function, args picklable."""
        child = self._acquire()
        try:
            child.send.send((fn, args))
        except OSError:  # the idle child died meanwhile: one fresh try
            child.kill()
            child = _Child(self.limits)
            child.send.send((fn, args))
        child.calls += 1
        if not child.recv.poll(self.limits.wall_seconds):
            child.kill()
            raise DocumentError(errors.PARSE_TIMEOUT,
                                f"reading took longer than {self.limits.wall_seconds:g} s and was stopped")
        try:
            kind, payload = child.recv.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            child.kill()
            raise _death(child.process.returncode, self.limits) from None
        if kind == "memory":
            child.kill()  # a child that ran out of memory is not trusted again
            raise DocumentError(errors.PARSE_MEMORY,
                                f"reading needed more than {self.limits.memory_mb} MB and was stopped")
        self._release(child)
        if kind == "ok":
            return payload
        if kind == "document_error":
            raise DocumentError(*payload)
        raise payload  # any other exception, as the child raised it

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for child in idle:
            child.stop()

    def _acquire(self) -> _Child:
        with self._lock:
            while self._idle:
                child = self._idle.pop()
                if child.alive():
                    return child
                child.kill()
        return _Child(self.limits)

    def _release(self, child: _Child) -> None:
        with self._lock:
            if child.calls < self.limits.tasks_per_child and len(self._idle) < self.limits.idle_children:
                self._idle.append(child)
                return
        child.stop()


def _death(exitcode: int | None, limits: Limits) -> DocumentError:
    if exitcode == -signal.SIGXCPU:
        return DocumentError(errors.PARSE_TIMEOUT, f"reading used more than {limits.cpu_seconds} s of CPU")
    if exitcode == -signal.SIGKILL:  # not ours: the kernel's out-of-memory killer
        return DocumentError(errors.PARSE_MEMORY, "reading was killed for using too much memory")
    how = f"signal {signal.Signals(-exitcode).name}" if exitcode and exitcode < 0 else f"exit code {exitcode}"
    return DocumentError(errors.PARSE_CRASHED, f"the reader crashed ({how})")


# --- in the child -------------------------------------------------------------


def _main() -> None:
    """python -m extractors.sandbox READ_FD WRITE_FD MEMORY_MB CPU_SECONDS"""
    read_fd, write_fd, memory_mb, cpu_seconds = (int(a) for a in sys.argv[1:5])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent
    for name in PRELOAD:  # warm before the limits, so they count only what a document costs
        importlib.import_module(name)
    _limit_memory(memory_mb)
    _serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False), cpu_seconds)


def _serve(requests: Connection, conn: Connection, cpu_seconds: int) -> None:
    while True:
        try:
            request = requests.recv()
        except MemoryError:
            conn.send(("memory", None))
            return
        except (EOFError, OSError):
            return
        if request is None:
            return
        fn, args = request
        _limit_cpu(cpu_seconds)
        try:
            reply = ("ok", fn(*args))
        except MemoryError:
            reply = ("memory", None)
        except DocumentError as exc:
            reply = ("document_error", (exc.code, exc.message))
        except Exception as exc:  # handed to the caller as it is
            reply = ("error", _picklable(exc))
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", None))
        if reply[0] == "memory":
            return


def _limit_memory(extra_mb: int) -> None:
    with open("/proc/self/statm") as f:
        size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = size + extra_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _limit_cpu(seconds: int) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (used + seconds, hard))


def _picklable(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # any failure to pickle: the caller gets the message as text
        return RuntimeError(f"{type(exc).__name__}: {exc}")


_shared: dict[Limits, Sandbox] = {}
_shared_lock = threading.Lock()


def shared(limits: Limits) -> Sandbox:
    """The process-wide sandbox for these limits."""
    with _shared_lock:
        if limits not in _shared:
            _shared[limits] = Sandbox(limits)
        return _shared[limits]


if __name__ == "__main__":
    _main()
