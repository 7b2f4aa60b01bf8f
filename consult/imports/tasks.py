"""Background work of imports: big proposal imports and the search lemmas they need.

Task functions take ids and strings only (they run in a job worker, see ``consult.jobs``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import current_app

from consult.extensions import db

log = logging.getLogger(__name__)


def _progress(percent: int, stage: str) -> None:
    try:
        from consult.jobs import progress
    except ImportError:  # the job queue is not installed: nobody polls
        return
    progress(percent, stage)


def start(task: str, *args: Any, description: str, timeout: int = 1800) -> str | None:
    """Hand a task to the job queue; None when there is no queue (the caller runs it)."""
    try:
        from consult.jobs import enqueue
    except ImportError:
        return None
    return enqueue(task, *args, description=description, timeout=timeout)


def later(function: Callable[..., Any], *args: Any) -> None:
    """Run a function after this request: through the job queue, else a worker thread."""
    task = f"{function.__module__}:{function.__name__}"
    if start(task, *args, description=task) is not None:
        return
    from consult.themes.jobs import _executor_instance

    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def run() -> None:
        with app.app_context():
            try:
                function(*args)
            except Exception:  # noqa: BLE001 - logged; a later backfill completes the work
                log.exception("background task %s failed", task)
            finally:
                db.session.remove()

    _executor_instance().submit(run)


def fill_search_lemmas(round_id: int) -> dict[str, int]:
    """Compute the search lemmas of the round's proposals that have none yet."""
    from consult.proposals.search import fill_missing

    done = fill_missing(round_id, report=lambda d, t: _progress(int(100 * d / t), "lemmas"))
    db.session.commit()
    return {"proposals": done}


def import_answers(round_id: int, key: str, filename: str, mapping: dict) -> dict[str, int]:
    """Import a stored upload into a round (checked before it was queued), then its lemmas."""
    from consult.errors import DomainError
    from consult.imports import services, uploads
    from consult.imports.reading import read_table
    from consult.rounds.models import Round
    from consult.themes import jobs as theme_jobs

    _progress(1, "reading")
    data = uploads.load(key)
    rnd = db.session.get(Round, round_id)
    if data is None or rnd is None:
        raise DomainError("the upload or the round is gone")
    parsed = services.parse_answers(
        read_table(data, filename), services.Mapping.from_json(mapping), rnd
    )
    _progress(10, "inserting")
    counts = services.apply_answers(
        rnd, parsed, progress=lambda d, t: _progress(10 + int(50 * d / t), "inserting")
    )
    db.session.commit()
    uploads.discard(key)
    _progress(60, "lemmas")
    from consult.proposals.search import fill_missing

    fill_missing(
        round_id, report=lambda d, t: _progress(60 + int(39 * d / t), "lemmas"), commit=True
    )
    db.session.commit()
    theme_jobs.queue_embeddings(round_id)
    return counts
