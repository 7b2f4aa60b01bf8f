"""Reading a job's state, and the reaper that retries or fails jobs of dead workers."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from consult.extensions import db, rowcount
from consult.jobs.models import BackgroundJob
from consult.jobs.runner import JOBS, aware, fail_job
from consult.utils import utcnow

log = logging.getLogger(__name__)

LOST = "lost: the worker stopped before finishing, no tries left"


@dataclass(frozen=True)
class JobInfo:
    """A job as any process sees it; ``status`` already accounts for a dead worker."""

    id: str
    task: str
    description: str
    status: str
    progress: int
    stage: str
    error: str
    result: dict[str, Any] | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    heartbeat_at: datetime | None
    finished_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``GET /tyot/<job_id>.json``."""
        return {
            "status": self.status,
            "progress": self.progress,
            "stage": self.stage,
            "error": self.error or None,
            "result": self.result or {},
        }


def effective_status(row: BackgroundJob, app: Flask | None = None) -> tuple[str, str]:
    """(status, error) of a job, reading a stale ``running`` as what it really is.

    Nothing is written: a job whose worker stopped heartbeating shows as waiting for
    its retry, or as failed when it has no tries left.
    """
    config = (app or current_app).config
    if row.status != "running":
        return row.status, row.error
    cutoff = utcnow() - timedelta(seconds=config["JOBS_STALE_AFTER"])
    heartbeat = aware(row.heartbeat_at)
    if heartbeat is not None and heartbeat >= cutoff:
        return "running", row.error
    if row.attempts >= config["JOBS_MAX_ATTEMPTS"]:
        return "failed", LOST
    return "queued", row.error


def get_job(job_id: str) -> JobInfo | None:
    """The state of a job by id (None if there is no such job)."""
    row = db.session.get(BackgroundJob, job_id)
    if row is None:
        return None
    status, error = effective_status(row)
    return JobInfo(
        id=row.id,
        task=row.task,
        description=row.description,
        status=status,
        progress=row.progress,
        stage=row.stage,
        error=error,
        result=row.result,
        attempts=row.attempts,
        created_at=aware(row.created_at),
        started_at=aware(row.started_at),
        heartbeat_at=aware(row.heartbeat_at),
        finished_at=aware(row.finished_at),
    )


def _still_in_backend(app: Flask, job_id: str) -> bool:
    """Whether a queued job is known to its backend (so it will run without our help)."""
    from consult.jobs import queue

    name = queue.backend_name(app)
    if name == "rq":
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            job = Job.fetch(job_id, connection=queue.redis_connection(app))
        except NoSuchJobError:
            return False
        return job.get_status() in ("queued", "started", "scheduled", "deferred")
    if name == "thread":
        return queue.is_submitted_here(job_id)
    return False


def reap_stale_jobs(app: Flask | None = None) -> dict[str, int]:
    """Send again the jobs of dead workers, or fail them when out of tries.

    A ``running`` job whose heartbeat is older than ``JOBS_STALE_AFTER`` is requeued
    while it has tries left (``JOBS_MAX_ATTEMPTS``), else marked failed (its task's
    ``on_failure`` hook records that on its own rows). A ``queued`` job older than the
    stale limit that its backend no longer knows (sent to a process that died) is sent
    again. Every change is a conditional update, so several reapers never clash.

    Returns:
        Counts of jobs ``requeued``, ``failed`` and ``resent``.
    """
    from consult.jobs import queue

    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    config = app.config
    cutoff = utcnow() - timedelta(seconds=config["JOBS_STALE_AFTER"])
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    stale = db.session.execute(
        sa.select(JOBS.c.id, JOBS.c.attempts, JOBS.c.timeout, JOBS.c.background).where(
            (JOBS.c.status == "running")
            & (JOBS.c.heartbeat_at.is_(None) | (JOBS.c.heartbeat_at < cutoff))
        )
    ).all()
    for job_id, attempts, timeout, background in stale:
        if attempts >= config["JOBS_MAX_ATTEMPTS"]:
            counts["failed"] += fail_job(job_id, attempts, LOST)
            continue
        requeued = rowcount(
            db.session.execute(
                sa.update(JOBS)
                .where(
                    (JOBS.c.id == job_id)
                    & (JOBS.c.attempts == attempts)
                    & (JOBS.c.status == "running")
                )
                .values(status="queued", stage="retrying")
            )
        )
        db.session.commit()
        if requeued:
            log.warning("job %s lost its worker (no heartbeat); sent again", job_id)
            queue.send(app, job_id, timeout, background=background)
            counts["requeued"] += 1
    waiting = db.session.execute(
        sa.select(JOBS.c.id, JOBS.c.timeout, JOBS.c.background).where(
            (JOBS.c.status == "queued") & (JOBS.c.created_at < cutoff)
        )
    ).all()
    db.session.commit()
    for job_id, timeout, background in waiting:
        if not _still_in_backend(app, job_id):
            log.warning("queued job %s was not known to its backend; sent again", job_id)
            queue.send(app, job_id, timeout, background=background)
            counts["resent"] += 1
    return counts


_reaper: tuple[int, threading.Event, threading.Thread] | None = None
_reaper_lock = threading.Lock()


def start_reaper(app: Flask) -> None:
    """Reap stale jobs every ``JOBS_HEARTBEAT`` seconds in a daemon thread (once per process)."""
    global _reaper
    with _reaper_lock:
        if _reaper is not None and _reaper[0] == os.getpid():
            return
        interval = max(1.0, float(app.config["JOBS_HEARTBEAT"]))
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(interval):
                with app.app_context():
                    try:
                        reap_stale_jobs(app)
                    except Exception:  # noqa: BLE001 - try again next round
                        log.exception("reaping stale jobs failed")
                        db.session.rollback()
                    finally:
                        db.session.remove()

        thread = threading.Thread(target=loop, name="consult-job-reaper", daemon=True)
        _reaper = (os.getpid(), stop, thread)
        thread.start()


def stop_reaper() -> None:
    """Stop this process's reaper thread (tests, shutdown)."""
    global _reaper
    with _reaper_lock:
        reaper, _reaper = _reaper, None
    if reaper is not None and reaper[0] == os.getpid():
        reaper[1].set()
        reaper[2].join(timeout=10)
