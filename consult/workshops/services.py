"""The facilitator's work: counts, organisations, proposals, closing."""

from __future__ import annotations

import sqlalchemy as sa

from consult.errors import WorkshopClosed
from consult.extensions import db
from consult.submissions.models import Submission
from consult.submissions.services import find_or_create_organisation, replace_proposals
from consult.utils import hash_token, utcnow
from consult.workshops.models import PARTICIPANT_KINDS, Workshop


def workshop_for_token(token: str) -> Workshop | None:
    """The workshop whose session link carries this token, else None."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(sa.select(Workshop).where(Workshop.token_hash == hash_token(token)))


def save_output(
    workshop: Workshop,
    *,
    counts: dict[str, int],
    organisations: list[str],
    proposals: dict[int, list[str]],
    report: str,
    known_proposals: set[int] | None = None,
    known_organisations: set[int] | None = None,
) -> None:
    """Store what the facilitator typed; saving the same form again changes nothing.

    With ``known_proposals`` / ``known_organisations`` (what the form showed when it was
    rendered) only those can be removed: entries added meanwhile on the same link stay.

    Raises:
        WorkshopClosed: the workshop has been closed.
    """
    if workshop.is_closed:
        raise WorkshopClosed()
    for kind in PARTICIPANT_KINDS:
        setattr(workshop, kind, int(counts.get(kind, 0)))
    seen: dict[int, object] = {}
    for name in organisations:
        org = find_or_create_organisation(name)
        seen.setdefault(org.id, org)
    for org in workshop.organisations:
        if known_organisations is not None and org.id not in known_organisations:
            seen.setdefault(org.id, org)
    workshop.organisations = list(seen.values())
    workshop.report = report.strip()
    if workshop.submission is None:
        workshop.submission = Submission(round=workshop.round)
    replace_proposals(
        workshop.submission,
        [q.id for q in workshop.round.questions],
        proposals,
        known_ids=known_proposals,
    )


def close(workshop: Workshop) -> None:
    """Hand the workshop in; the link then shows what was handed in."""
    if workshop.is_closed:
        raise WorkshopClosed()
    workshop.closed_at = utcnow()


def reopen(workshop: Workshop) -> None:
    """Let the facilitator continue (convenor only)."""
    workshop.closed_at = None
