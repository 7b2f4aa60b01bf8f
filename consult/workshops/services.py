"""The facilitator's work: counts, organisations, proposals, closing."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app

from consult.errors import WorkshopClosed
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.rounds.models import Round
from consult.submissions.models import Submission
from consult.submissions.services import find_or_create_organisation, replace_proposals
from consult.utils import derive_token, hash_token, new_token, utcnow
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
    seen: dict[int, Organisation] = {}
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


def workshop_token(workshop: Workshop) -> str:
    """The session link's token, derived from the stored nonce and the secret key."""
    return derive_token(current_app.config["SECRET_KEY"], "workshop", workshop.link_nonce)


def _set_new_link(workshop: Workshop) -> None:
    workshop.link_nonce = new_token()
    workshop.token_hash = hash_token(workshop_token(workshop))


def add_workshop(
    rnd: Round,
    *,
    network: str,
    date: date,
    place: str = "",
    facilitator: str = "",
    facilitator_email: str = "",
    facilitator_language: str = "fi",
) -> Workshop:
    """Create a workshop with its own session link and an empty submission for its output."""
    workshop = Workshop(
        network=network.strip(),
        date=date,
        place=place.strip(),
        facilitator=facilitator.strip(),
        facilitator_email=facilitator_email.strip().lower(),
        facilitator_language=facilitator_language,
    )
    _set_new_link(workshop)
    rnd.workshops.append(workshop)
    workshop.submission = Submission(round=rnd)
    db.session.flush()
    return workshop


def update_workshop(
    workshop: Workshop,
    *,
    network: str,
    date: date,
    place: str,
    facilitator: str,
    facilitator_email: str | None = None,
    facilitator_language: str | None = None,
) -> None:
    workshop.network, workshop.date = network.strip(), date
    workshop.place, workshop.facilitator = place.strip(), facilitator.strip()
    if facilitator_email is not None:
        workshop.facilitator_email = facilitator_email.strip().lower()
    if facilitator_language is not None:
        workshop.facilitator_language = facilitator_language


def renew_workshop_link(workshop: Workshop) -> None:
    """Replace the session link; the old one stops working."""
    _set_new_link(workshop)
