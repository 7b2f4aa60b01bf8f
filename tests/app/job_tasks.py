"""Tasks the job-queue tests enqueue (importable by a worker process too)."""

from __future__ import annotations

import threading
import time

from consult.extensions import db
from consult.jobs import progress, set_result

calls: list[tuple] = []
release = threading.Event()
reached = threading.Event()
failures: list[tuple] = []


def record(*args) -> None:
    calls.append(args)
    progress(50, "halfway")
    set_result({"args": list(args)})


def wait_for_release(seconds: float = 30.0) -> None:
    progress(40, "waiting")
    reached.set()
    release.wait(seconds)


def boom(_secret: str) -> None:
    raise ValueError("contact: maija@example.fi")  # a message that must not be recorded


def note_failure(*args, error: str) -> None:
    failures.append((args, error))


boom.on_failure = note_failure  # type: ignore[attr-defined]


def sleep(seconds: float) -> None:
    progress(10, "sleeping")
    time.sleep(seconds)


def count_rows() -> None:
    set_result({"ok": db.session.execute(db.select(1)).scalar()})
