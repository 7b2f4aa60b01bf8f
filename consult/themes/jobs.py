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
    return _executor_instance().submit(_run_in_app, app, run_id)
