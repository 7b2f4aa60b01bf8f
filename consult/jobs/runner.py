"""Running a job: claim its row, heartbeat while it runs, record the outcome.

Liveness is a heartbeat on the job row, never a pid or a host name: a job ``running``
whose heartbeat is older than ``JOBS_STALE_AFTER`` seconds belongs to a dead worker and
is sent again (up to ``JOBS_MAX_ATTEMPTS`` runs in all) or marked failed.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import import_module
from typing import Any, overload

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context

from consult.extensions import db, rowcount
from consult.jobs.models import BackgroundJob
from consult.utils import utcnow

log = logging.getLogger(__name__)

JOBS = BackgroundJob.__table__


@dataclass(frozen=True)
class _Current:
    job_id: str
    attempt: int
    engine: sa.Engine


_current: contextvars.ContextVar[_Current | None] = contextvars.ContextVar(
    "consult_current_job", default=None
)


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
@overload
def aware(value: datetime | None) -> datetime | None: ...


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without a zone; they are UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def import_task(task: str):
    module, _, name = task.partition(":")
    return getattr(import_module(module), name)


def _mine(job_id: str, attempt: int) -> sa.ColumnElement[bool]:
    """The job's row, as long as this run still holds it."""
    return (JOBS.c.id == job_id) & (JOBS.c.attempts == attempt) & (JOBS.c.status == "running")


def _write(engine: sa.Engine, where: sa.ColumnElement[bool], **values: Any) -> int:
    """A short transaction of its own, so any process sees it at once (best effort)."""
    try:
        with engine.begin() as conn:
            return rowcount(conn.execute(sa.update(JOBS).where(where).values(**values)))
    except sa.exc.OperationalError:  # e.g. SQLite busy while the task holds its write lock
        log.debug("job row update skipped: database busy")
        return 0


def progress(percent: int, stage: str = "") -> None:
    """Inside a task: record progress (0-100) and a short stage name; a no-op outside a job."""
    current = _current.get()
    if current is None:
        return
    _write(
        current.engine,
        _mine(current.job_id, current.attempt),
        progress=max(0, min(100, int(percent))),
        stage=stage[:40],
        heartbeat_at=utcnow(),
    )


def set_result(result: dict[str, Any]) -> None:
    """Inside a task: store a JSON-ready result for whoever polls the job."""
    current = _current.get()
    if current is None:
        return
    _write(current.engine, _mine(current.job_id, current.attempt), result=result)


class _Heartbeat(threading.Thread):
    def __init__(self, engine: sa.Engine, job_id: str, attempt: int, interval: float) -> None:
        super().__init__(name=f"consult-heartbeat-{job_id[:8]}", daemon=True)
        self.engine, self.job_id, self.attempt, self.interval = engine, job_id, attempt, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            _write(self.engine, _mine(self.job_id, self.attempt), heartbeat_at=utcnow())

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def describe_error(exc: BaseException) -> str:
    """What failed and where, without the message (messages may quote personal data)."""
    if type(exc).__name__ == "JobTimeoutException":
        return "timeout: the job ran longer than it was allowed"
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = frame.filename.replace(os.sep, "/")
        for package in ("/consult/", "/analysis/"):
            if package in path:
                where = f" at {path[path.rindex(package) + 1 :]}:{frame.lineno}"
                break
        if where:
            break
    return f"{type(exc).__name__}{where}"


_worker_app: Flask | None = None


def _app_for_worker() -> Flask:
    global _worker_app
    if _worker_app is None:
        from consult import create_app

        _worker_app = create_app()
    return _worker_app


def run_job(job_id: str, app: Flask | None = None) -> None:
    """Run one job by id (the RQ entry point); its own app context and session."""
    if app is None:
        app = current_app._get_current_object() if has_app_context() else _app_for_worker()  # type: ignore[attr-defined]
    with app.app_context():
        try:
            _run(app, job_id)
        finally:
            db.session.remove()


def _claim(app: Flask, job_id: str) -> BackgroundJob | None:
    row = db.session.get(BackgroundJob, job_id)
    if row is None:
        log.warning("job %s: no such job (its transaction was rolled back?)", job_id)
        return None
    if row.status not in ("queued", "running"):
        return None
    cutoff = utcnow() - timedelta(seconds=app.config["JOBS_STALE_AFTER"])
    heartbeat = aware(row.heartbeat_at)
    if row.status == "running" and heartbeat is not None and heartbeat >= cutoff:
        log.info("job %s is already running elsewhere; not run twice", job_id)
        return None
    if row.attempts >= app.config["JOBS_MAX_ATTEMPTS"]:
        fail_job(job_id, row.attempts, "lost: the worker stopped before finishing, no tries left")
        return None
    now = utcnow()
    claimed = rowcount(
        db.session.execute(
            sa.update(JOBS)
            .where(
                (JOBS.c.id == job_id)
                & (JOBS.c.attempts == row.attempts)
                & (JOBS.c.status == row.status)
            )
            .values(
                status="running",
                attempts=row.attempts + 1,
                started_at=now,
                heartbeat_at=now,
                error="",
                finished_at=None,
            )
        )
    )
    db.session.commit()
    if not claimed:
        return None
    db.session.refresh(row)
    return row


def _run(app: Flask, job_id: str) -> None:
    row = _claim(app, job_id)
    if row is None:
        return
    engine = db.engine
    attempt, task, args = row.attempts, row.task, list(row.args or [])
    token = _current.set(_Current(job_id, attempt, engine))
    beat = _Heartbeat(engine, job_id, attempt, app.config["JOBS_HEARTBEAT"])
    beat.start()
    try:
        import_task(task)(*args)
        db.session.commit()
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the job row
        db.session.rollback()
        error = describe_error(exc)
        log.error(
            "job %s (%s) failed: %s\n%s",
            job_id,
            task,
            error,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        beat.stop()
        if _write(
            engine, _mine(job_id, attempt), status="failed", error=error, finished_at=utcnow()
        ):
            _call_failure_hook(task, args, error)
        return
    finally:
        beat.stop()
        _current.reset(token)
    _write(engine, _mine(job_id, attempt), status="done", progress=100, finished_at=utcnow())


def _call_failure_hook(task: str, args: list[Any], error: str) -> None:
    """A task may carry ``on_failure(*args, error=...)`` to record the failure on its own rows."""
    try:
        hook = getattr(import_task(task), "on_failure", None)
        if hook is not None:
            hook(*args, error=error)
            db.session.commit()
    except Exception:  # noqa: BLE001 - the job row already says failed
        db.session.rollback()
        log.exception("failure hook of %s raised", task)


def fail_job(job_id: str, attempts: int, error: str) -> bool:
    """Mark a job that is not running here as failed (its worker is gone); True if it was."""
    row = db.session.get(BackgroundJob, job_id)
    changed = rowcount(
        db.session.execute(
            sa.update(JOBS)
            .where(
                (JOBS.c.id == job_id)
                & (JOBS.c.attempts == attempts)
                & JOBS.c.status.in_(("queued", "running"))
            )
            .values(status="failed", error=error, finished_at=utcnow())
        )
    )
    db.session.commit()
    if changed and row is not None:
        _call_failure_hook(row.task, list(row.args or []), error)
    return bool(changed)
