"""The selection's version and change history, and undo.

Every change of a round's selection runs inside :func:`change`::

    with change(rnd, user_id=user_id, version=version) as ch:
        ...  # edit the highlights
        ch.record("edit", title=theme.title)

Entering claims the next version of the selection only if the caller saw the latest one
(a stale form changes nothing); leaving without an exception stores one
:class:`CurationEvent` with who did what and the highlights the change touched, as they
were before, so that :func:`undo` can put them back. Services flush; the view commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

import sqlalchemy as sa

from consult.curation.errors import NothingToUndo, StaleSelection
from consult.curation.labels import describe_event
from consult.curation.models import Curation, CurationEvent, Highlight, HighlightProposal
from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import Proposal, Submission
from consult.utils import utcnow

DIFF_FORMAT = 1


class Change:
    """What a change did, recorded when the ``with`` block ends without an exception."""

    def __init__(self, rnd: Round, curation: Curation) -> None:
        self.round = rnd
        self.curation = curation
        self.action: str | None = None
        self.params: dict[str, Any] = {}

    def record(self, action: str, **params: Any) -> None:
        """Name the change for the history (see ``labels.EVENT_MESSAGES``)."""
        self.action, self.params = action, params


@contextmanager
def change(rnd: Round, *, user_id: int | None, version: int) -> Iterator[Change]:
    """Claim the next version of the selection; on success record the change for undo.

    Raises:
        StaleSelection: ``version`` is not the selection's current version.
    """
    current = _begin(rnd, version)
    before = snapshot(rnd)
    ch = Change(rnd, current)
    yield ch
    if ch.action is None:  # pragma: no cover - a programming error
        raise RuntimeError("a change must record what it did")
    db.session.flush()
    record(rnd, user_id, diff(before, snapshot(rnd)), ch.action, **ch.params)


def ensure_curation(rnd: Round, version: int) -> None:
    """Create the round's selection (version 0) when it has none yet."""
    if db.session.scalar(sa.select(Curation.id).where(Curation.round_id == rnd.id)) is not None:
        return
    if version != 0:
        raise StaleSelection()
    try:
        with db.session.begin_nested():
            db.session.add(Curation(round_id=rnd.id, version=0))
    except sa.exc.IntegrityError as exc:
        raise StaleSelection() from exc


def _begin(rnd: Round, version: int) -> Curation:
    """Claim the next version of the selection, or refuse a stale edit."""
    result = cast(
        "sa.CursorResult[Any]",
        db.session.execute(
            sa.update(Curation)
            .where(Curation.round_id == rnd.id, Curation.version == version)
            .values(version=Curation.version + 1)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        raise StaleSelection()
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    assert current is not None
    db.session.refresh(current)
    return current


def themes(rnd: Round) -> list[Highlight]:
    """The round's highlights in their order."""
    return list(
        db.session.scalars(
            sa.select(Highlight)
            .where(Highlight.round_id == rnd.id)
            .order_by(Highlight.position, Highlight.id)
        )
    )


def snapshot(rnd: Round) -> dict[str, Any]:
    """The round's whole selection as plain JSON."""
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    members: dict[int, list[list[Any]]] = {}
    for theme_id, pid, quotable in db.session.execute(
        sa.select(
            HighlightProposal.theme_id, HighlightProposal.proposal_id, HighlightProposal.quotable
        )
        .join(Highlight, Highlight.id == HighlightProposal.theme_id)
        .where(Highlight.round_id == rnd.id)
        .order_by(HighlightProposal.proposal_id)
    ):
        members.setdefault(theme_id, []).append([pid, quotable])
    return {
        "source_run_id": current.source_run_id if current else None,
        "themes": [
            {
                "id": t.id,
                "position": t.position,
                "title": t.title,
                "statement": t.statement,
                "keywords": list(t.keywords or []),
                "route": t.route,
                "route_other": t.route_other,
                "status": t.status,
                "status_date": t.status_date.isoformat() if t.status_date else None,
                "status_note": t.status_note,
                "members": members.get(t.id, []),
            }
            for t in themes(rnd)
        ],
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What a change touched: the highlights it changed or removed, as they were, and the
    ids of those it created."""
    was = {t["id"]: t for t in before["themes"]}
    now = {t["id"]: t for t in after["themes"]}
    return {
        "diff": DIFF_FORMAT,
        "source_run_id": before["source_run_id"],
        "themes": [t for tid, t in was.items() if now.get(tid) != t],
        "added": sorted(tid for tid in now if tid not in was),
    }


def record(
    rnd: Round, user_id: int | None, undo_data: dict[str, Any] | None, action: str, **params: Any
) -> CurationEvent:
    """Store one change in the history; ``undo_data`` None makes it not undoable."""
    event = CurationEvent(
        round_id=rnd.id,
        user_id=user_id,
        action=action,
        params=params,
        description=describe_event(action, params),
        snapshot=undo_data,
    )
    db.session.add(event)
    db.session.flush()
    return event


def events(rnd: Round, limit: int = 50) -> list[CurationEvent]:
    return list(
        db.session.scalars(
            sa.select(CurationEvent)
            .where(CurationEvent.round_id == rnd.id)
            .order_by(CurationEvent.id.desc())
            .limit(limit)
        )
    )


def next_undo(rnd: Round) -> CurationEvent | None:
    """The latest change that can still be undone."""
    return db.session.scalar(
        sa.select(CurationEvent)
        .where(
            CurationEvent.round_id == rnd.id,
            CurationEvent.snapshot.is_not(None),
            CurationEvent.undone_at.is_(None),
        )
        .order_by(CurationEvent.id.desc())
        .limit(1)
    )


def undo(rnd: Round, *, user_id: int | None, version: int) -> CurationEvent:
    """Restore the selection as it was before the latest change not yet undone."""
    event = next_undo(rnd)
    if event is None:
        raise NothingToUndo()
    _begin(rnd, version)
    saved = event.snapshot or {}
    if "diff" in saved:
        _put_back(rnd, saved)
    else:  # a whole selection, recorded before changes were stored as diffs
        _restore_all(rnd, saved)
    event.undone_at = utcnow()
    record(rnd, user_id, None, "undo", undone=event.action, undone_params=event.params)
    return event


def _put_back(rnd: Round, saved: dict[str, Any]) -> None:
    """Undo a diff: remove what the change created, put back what it touched."""
    touched = {t["id"] for t in saved["themes"]} | set(saved["added"])
    for theme in db.session.scalars(
        sa.select(Highlight).where(Highlight.round_id == rnd.id, Highlight.id.in_(touched))
    ):
        db.session.delete(theme)
    db.session.flush()
    _recreate(rnd, saved["themes"], saved.get("source_run_id"))


def _restore_all(rnd: Round, saved: dict[str, Any]) -> None:
    for theme in themes(rnd):
        db.session.delete(theme)
    db.session.flush()
    _recreate(rnd, saved.get("themes", []), saved.get("source_run_id"))


def _recreate(rnd: Round, items: list[dict[str, Any]], source_run_id: int | None) -> None:
    """Put highlights back as they were; proposals since deleted stay out."""
    existing = set(
        db.session.scalars(
            sa.select(Proposal.id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id)
        )
    )
    wanted = [pid for item in items for pid, _ in item["members"]]
    for stray in db.session.scalars(  # in a highlight the history does not know of
        sa.select(HighlightProposal).where(HighlightProposal.proposal_id.in_(wanted))
    ):
        db.session.delete(stray)
    db.session.flush()
    for item in items:
        theme = Highlight(
            id=item["id"],
            round_id=rnd.id,
            position=item["position"],
            title=item["title"],
            statement=item["statement"],
            keywords=item["keywords"],
            route=item["route"],
            route_other=item["route_other"],
            status=item["status"],
            status_date=date.fromisoformat(item["status_date"]) if item["status_date"] else None,
            status_note=item["status_note"],
        )
        theme.members = [
            HighlightProposal(proposal_id=pid, quotable=bool(quotable))
            for pid, quotable in item["members"]
            if pid in existing
        ]
        db.session.add(theme)
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    if current is not None:
        current.source_run_id = source_run_id
    db.session.flush()
