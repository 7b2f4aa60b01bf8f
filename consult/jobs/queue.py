"""Enqueueing: a job row in the current transaction, sent to a backend once it commits.

Backends behind one interface (``send(app, job_id, timeout)``):

- RQ on Redis when ``REDIS_URL`` (``CONSULT_REDIS_URL``) is set; ``consult worker`` runs them;
- an in-process thread pool otherwise (the embedded default of ``make run``);
- inline right after the commit when ``JOBS_SYNC`` is true (tests).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from consult.extensions import db
from consult.jobs.models import BackgroundJob, new_job_id

log = logging.getLogger(__name__)

_PENDING = "consult.jobs.pending"  # key in Session.info: jobs to send after the commit
RUNNER = "consult.jobs.runner.run_job"

# Task modules ``consult worker`` imports once before it forks (see :func:`preload`).
_preloaded: list[str] = []


def preload(module: str) -> None:
    """Have ``consult worker`` import ``module`` once, before it forks, so that every job
    shares it (a feature's task module with a heavy engine behind it).

    Features call this when they are set up; jobs itself names no feature.
    """
    if module not in _preloaded:
        _preloaded.append(module)


def preloaded_modules() -> tuple[str, ...]:
    """The modules registered with :func:`preload`, in the order they were registered."""
    return tuple(_preloaded)


def enqueue(
    task: str,
    *args: Any,
    description: str = "",
    timeout: int = 600,
    job_id: str | None = None,
    background: bool = False,
) -> str:
    """Record a job in the current transaction; it is sent only after that transaction commits.

    Args:
        task: ``"module.path:function"``; the function is called with ``*args``.
        *args: JSON-serialisable values (ids, strings), never ORM objects.
        description: a short text for people (no personal data).
        timeout: seconds the job may run before it is stopped (RQ) or reported failed.
        job_id: an id of the caller's choosing; a new UUID by default.
        background: work nobody waits for (embeddings, email): RQ workers take it only
            when no interactive job (an analysis a convenor watches) is waiting.

    Returns:
        The job id; read its state with :func:`consult.jobs.get_job`.
    """
    if ":" not in task:
        raise ValueError("task must be 'module.path:function'")
    job = BackgroundJob(
        id=job_id or new_job_id(),
        task=task,
        args=list(args),
        description=description[:200],
        timeout=int(timeout),
        status="queued",
        background=background,
    )
    db.session.add(job)
    db.session.flush()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    db.session().info.setdefault(_PENDING, []).append((app, job.id, job.timeout, background))
    return job.id


def _after_commit(session) -> None:
    pending = session.info.pop(_PENDING, None)
    for app, job_id, timeout, background in pending or ():
        try:
            send(app, job_id, timeout, background=background)
        except Exception:  # noqa: BLE001 - the row stays queued; the reaper sends it again
            log.exception("sending job %s failed; it stays queued", job_id)


def _after_soft_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction is gone, so are its jobs
        session.info.pop(_PENDING, None)


def register_session_events() -> None:
    """Listen to commits and rollbacks of ``db.session`` (once per process)."""
    if not sa.event.contains(db.session, "after_commit", _after_commit):
        sa.event.listen(db.session, "after_commit", _after_commit)
        sa.event.listen(db.session, "after_soft_rollback", _after_soft_rollback)


def backend_name(app: Flask) -> str:
    if app.config.get("JOBS_SYNC"):
        return "sync"
    if app.config.get("REDIS_URL"):
        return "rq"
    return "thread"


def queue_names(app: Flask) -> tuple[str, str]:
    """The RQ queues in the order workers take them: interactive first, then background."""
    name = app.config["JOBS_QUEUE"]
    return name, f"{name}-background"


def send(app: Flask, job_id: str, timeout: int, *, background: bool = False) -> None:
    """Hand a committed job to the configured backend."""
    name = backend_name(app)
    if name == "sync":
        from consult.jobs.runner import run_job

        run_job(job_id, app=app)
    elif name == "rq":
        from rq import Retry

        rq_queue(app, queue_names(app)[1 if background else 0]).enqueue_call(
            func=RUNNER,
            args=(job_id,),
            job_id=job_id,
            timeout=timeout,
            retry=Retry(max=max(0, app.config["JOBS_MAX_ATTEMPTS"] - 1)),
            result_ttl=3600,
            failure_ttl=7 * 86400,
            description=f"consult job {job_id}",
        )
    else:
        pool = _thread_pool(app)
        with _pool_lock:
            _submitted.add(job_id)
        pool.submit(_run_in_thread, app, job_id)


# --- RQ ----------------------------------------------------------------------------------

_redis_lock = threading.Lock()
_redis: dict[str, Any] = {}


def redis_connection(app: Flask):
    from redis import Redis

    url = app.config["REDIS_URL"]
    with _redis_lock:
        if url not in _redis:
            _redis[url] = Redis.from_url(url)
        return _redis[url]


def rq_queue(app: Flask, name: str | None = None):
    from rq import Queue

    return Queue(name or app.config["JOBS_QUEUE"], connection=redis_connection(app))


# --- in-process thread pool ---------------------------------------------------------------

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_submitted: set[str] = set()  # jobs handed to this process's pool and not finished yet


def is_submitted_here(job_id: str) -> bool:
    with _pool_lock:
        return job_id in _submitted


def _thread_pool(app: Flask) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=app.config["JOBS_THREADS"], thread_name_prefix="consult-job"
            )
            from consult.jobs.status import start_reaper

            start_reaper(app)
        return _pool


def _run_in_thread(app: Flask, job_id: str) -> None:
    from consult.jobs.runner import run_job

    try:
        run_job(job_id, app=app)
    except Exception:  # noqa: BLE001 - a pool thread must survive any job
        log.exception("job %s crashed its runner", job_id)
    finally:
        with _pool_lock:
            _submitted.discard(job_id)


def wait_for_threads() -> None:
    """Finish every job handed to this process's pool (tests, shutdown)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)
