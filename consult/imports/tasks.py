"""Background work of imports: big proposal imports and the search lemmas they need.

Task functions take ids and strings only (they run in a job worker, see ``consult.jobs``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from consult.extensions import db

COMMIT_ROWS = 10_000


def _progress(percent: int, stage: str) -> None:
    from consult.jobs import progress

    progress(percent, stage)


def start(task: str, *args: Any, description: str, timeout: int = 1800) -> str:
    """Hand a task to the job queue (sent after the current transaction commits)."""
    from consult.jobs import enqueue

    return enqueue(task, *args, description=description, timeout=timeout)


def later(function: Callable[..., Any], *args: Any) -> str:
    """Run one of these task functions after this request, through the job queue."""
    task = f"{function.__module__}:{function.__name__}"
    return start(task, *args, description=task)


def fill_search_lemmas(round_id: int) -> dict[str, int]:
    """Compute the search lemmas of the round's proposals that have none yet."""
    from consult.submissions.lemmas import fill_missing

    done = fill_missing(round_id, report=lambda d, t: _progress(int(100 * d / t), "lemmas"))
    db.session.commit()
    from consult.jobs import set_result

    set_result({"proposals": done})
    return {"proposals": done}


def import_answers(round_id: int, key: str, filename: str, mapping: dict) -> dict[str, int]:
    """Import a stored upload into a round (checked before it was queued), then its lemmas."""
    from consult.errors import DomainError, ErrorCode
    from consult.imports import services, uploads
    from consult.imports.reading import read_table
    from consult.rounds.models import Round
    from consult.signals import answers_saved

    _progress(1, "reading")
    data = uploads.load(key)
    rnd = db.session.get(Round, round_id)
    if data is None or rnd is None:
        raise DomainError(ErrorCode.UPLOAD_GONE)
    with services.bulk_work():  # unmarshalling 41,574 rows makes no cycles to collect
        checked = uploads.load_checked(key, mapping)  # as the confirming request checked them
        if checked is not None:
            parsed = services.parsed_from_tuples(checked)
        else:  # kept rows gone: check again, from the table the preview kept when it is there
            table = uploads.load_table(key, filename) or read_table(data, filename)
            parsed = services.parse_answers(table, services.Mapping.from_json(mapping), rnd)
    _progress(10, "inserting")

    committed = 0

    def inserted(done: int, total: int) -> None:
        # Every row was checked before the job was queued; committing every 10,000 rows keeps
        # the write lock short (SQLite: ~0.2 s) so the job's heartbeat and other requests go
        # on; a commit per 2,000-row chunk cost 0.4 s of a 41,574-row import in commits alone.
        # Should the worker die midway, importing the same file again adds the rest.
        nonlocal committed
        if done - committed >= COMMIT_ROWS or done == total:
            db.session.commit()
            committed = done
            _progress(10 + int(50 * done / total), "inserting")

    counts = services.apply_answers(rnd, parsed, progress=inserted)
    db.session.commit()
    uploads.discard(key)
    _progress(60, "lemmas")
    from consult.submissions.lemmas import fill_missing

    fill_missing(
        round_id, report=lambda d, t: _progress(60 + int(39 * d / t), "lemmas"), commit=True
    )
    db.session.commit()
    answers_saved.send(None, round_id=round_id)
    db.session.commit()  # sends the embedding job
    from consult.jobs import set_result

    set_result(counts)
    return counts
