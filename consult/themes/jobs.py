"""Running analyses outside the request, so a large round never times out a page.

A single background worker thread per process takes run ids (never ORM objects) and
records status and progress on the run row, which the run page polls.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app

from consult.extensions import db
from consult.themes.models import AnalysisRun
from consult.themes.services import execute_run

log = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None
_pending: set[int] = set()  # runs handed to this process's worker and not finished yet
_pending_lock = threading.Lock()


# Which process runs a background analysis: host, pid and a token for this process's life.
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def is_pending(run_id: int) -> bool:
    """Whether this process's worker still has the run (queued or running)."""
    with _pending_lock:
        return run_id in _pending


def is_orphaned(run_id: int, worker: str | None) -> bool:
    """Whether an unfinished run has lost its worker (e.g. the server restarted).

    Only what can be known is claimed: this process's own runs, or runs of a process on
    this host that no longer exists. Runs of other hosts are never called orphaned.
    """
    if not worker:
        return False
    if worker == WORKER_ID:
        return not is_pending(run_id)
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdecimal():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _run_in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute_run(run_id)
        finally:
            db.session.remove()
            with _pending_lock:
                _pending.discard(run_id)


def _executor_instance() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="consult-analysis")
    return _executor


def _embed_in_app(app: Flask, round_id: int) -> None:
    from consult.themes.embeddings import embed_pending

    with app.app_context():
        try:
            embed_pending(round_id)
        except Exception:  # noqa: BLE001 - embeddings are a cache; the analysis computes missing ones
            log.exception("embedding proposals of round %s failed", round_id)
        finally:
            db.session.remove()


def queue_embeddings(round_id: int) -> Future | None:
    """Embed newly saved proposals in the background, unless switched off."""
    if not current_app.config["EMBED_ON_SAVE"]:
        return None
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return _executor_instance().submit(_embed_in_app, app, round_id)


def submit(run_id: int, *, in_request: bool) -> Future | None:
    """Execute the run now (small rounds, tests) or hand it to the background worker."""
    if in_request:
        execute_run(run_id)
        return None
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run = db.session.get(AnalysisRun, run_id)
    run.settings = {**run.settings, "worker": WORKER_ID}
    db.session.commit()  # recorded before the worker can touch the run
    with _pending_lock:
        _pending.add(run_id)
    return _executor_instance().submit(_run_in_app, app, run_id)
