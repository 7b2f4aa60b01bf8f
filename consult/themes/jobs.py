"""Running analyses outside the request, so a large round never times out a page.

A single background worker thread per process takes run ids (never ORM objects) and
records status and progress on the run row, which the run page polls.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask, current_app

from consult.extensions import db
from consult.themes.services import execute_run

log = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None


def _run_in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute_run(run_id)
        finally:
            db.session.remove()


def submit(run_id: int, *, in_request: bool) -> Future | None:
    """Execute the run now (small rounds, tests) or hand it to the background worker."""
    if in_request:
        execute_run(run_id)
        return None
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="consult-analysis")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return _executor.submit(_run_in_app, app, run_id)
