"""Live capture: per-entry changes to a workshop's output, safe to resend.

Every proposal typed on the capture page carries an id made by the browser
(``Proposal.client_id``). Adding or editing is an upsert by that id and removing
is a delete by that id, so a resend after a dropped connection never duplicates,
and two facilitators on the same link never overwrite each other's entries.
Services flush; the view commits before it answers.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode, WorkshopClosed
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.signals import proposals_deleting, proposals_saved
from consult.submissions.models import Proposal, Submission
from consult.submissions.services import find_or_create_organisation
from consult.utils import name_key
from consult.workshops.models import PARTICIPANT_KINDS, Workshop
from forms.fields import MAX_PROPOSAL_LENGTH, split_lines
from forms.workshops import MAX_COUNT

MAX_REPORT_LENGTH = 5000
MAX_ORGANISATION_LENGTH = 200
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class InvalidInput(DomainError):
    """Input the page should have prevented; ``fields`` maps a field to a message key."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(ErrorCode.INVALID_INPUT, **fields)
        self.fields = fields


def _check_open(workshop: Workshop) -> None:
    if workshop.is_closed:
        raise WorkshopClosed()


def _submission(workshop: Workshop) -> Submission:
    if workshop.submission is None:
        workshop.submission = Submission(round=workshop.round)
        db.session.flush()
    return workshop.submission


def clean_text(text: Any) -> str:
    """One proposal on one line, cleaned as the plain form cleans its lines.

    Raises:
        InvalidInput: the text is missing, empty or too long.
    """
    if not isinstance(text, str):
        raise InvalidInput({"text": "required"})
    lines = split_lines(" ".join(text.splitlines()))
    clean = " ".join(lines[0].split()) if lines else ""
    if not clean:
        raise InvalidInput({"text": "required"})
    if len(clean) > MAX_PROPOSAL_LENGTH:
        raise InvalidInput({"text": "too_long"})
    return clean


def check_client_id(client_id: Any) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise InvalidInput({"client_id": "invalid"})
    return client_id


def _proposal(submission: Submission, client_id: str) -> Proposal | None:
    return db.session.scalar(
        sa.select(Proposal).where(
            Proposal.submission_id == submission.id, Proposal.client_id == client_id
        )
    )


def upsert_proposal(
    workshop: Workshop, client_id: str, *, question_id: Any, text: Any, position: Any = None
) -> tuple[Proposal, bool]:
    """Add the entry, or change its text (and question) if it exists; returns it and created.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: bad id, question, text or position.
    """
    _check_open(workshop)
    client_id = check_client_id(client_id)
    question_ids = {q.id for q in workshop.round.questions}
    if not isinstance(question_id, int) or question_id not in question_ids:
        raise InvalidInput({"question_id": "invalid"})
    clean = clean_text(text)
    if position is not None and (not isinstance(position, int) or not 0 <= position < 10**6):
        raise InvalidInput({"position": "invalid"})
    submission = _submission(workshop)
    proposal = _proposal(submission, client_id)
    if proposal is None:
        if position is None:
            position = 1 + (
                db.session.scalar(
                    sa.select(sa.func.max(Proposal.position)).where(
                        Proposal.submission_id == submission.id,
                        Proposal.question_id == question_id,
                    )
                )
                or 0
            )
        proposal = Proposal(
            submission=submission,
            question_id=question_id,
            text=clean,
            position=position,
            client_id=client_id,
        )
        db.session.add(proposal)
        db.session.flush()
        return proposal, True
    text_changed = proposal.text != clean
    if text_changed:
        proposal.text = clean
    if proposal.question_id != question_id:
        proposal.question_id = question_id
    if position is not None:
        proposal.position = position
    db.session.flush()
    if text_changed:
        proposals_saved.send(None, round_id=workshop.round_id, proposal_ids=[proposal.id])
    return proposal, False


def delete_proposal(workshop: Workshop, client_id: str) -> bool:
    """Remove the entry; removing it again (or one never saved) is fine. True if removed.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: bad id.
    """
    _check_open(workshop)
    client_id = check_client_id(client_id)
    if workshop.submission is None:
        return False
    proposal = _proposal(workshop.submission, client_id)
    if proposal is None:
        return False
    proposals_deleting.send(None, round_id=workshop.round_id, proposal_ids=[proposal.id])
    workshop.submission.proposals.remove(proposal)
    db.session.delete(proposal)
    db.session.flush()
    return True


def reorder(workshop: Workshop, question_id: Any, order: Any) -> None:
    """Put the named entries of a question first, in this order; the rest keep theirs after.

    Ids not (or no longer) saved are skipped, so an order made with another facilitator's
    deleted entry still applies.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: bad question or order.
    """
    _check_open(workshop)
    if not isinstance(question_id, int) or question_id not in {
        q.id for q in workshop.round.questions
    }:
        raise InvalidInput({"question_id": "invalid"})
    if not isinstance(order, list) or len(order) > 5000:
        raise InvalidInput({"order": "invalid"})
    ids = [check_client_id(c) for c in order]
    submission = _submission(workshop)
    current = sorted(
        (p for p in submission.proposals if p.question_id == question_id),
        key=lambda p: (p.position, p.id),
    )
    rank = {cid: i for i, cid in enumerate(dict.fromkeys(ids))}
    ranked = [
        (rank[p.client_id], p) for p in current if p.client_id is not None and p.client_id in rank
    ]
    named = [p for _, p in sorted(ranked, key=lambda pair: pair[0])]
    rest = [p for p in current if p.client_id not in rank]
    for position, proposal in enumerate(named + rest, start=1):
        proposal.position = position
    db.session.flush()


def set_counts(workshop: Workshop, counts: Any) -> None:
    """Set the given participant counts; kinds not given keep their value.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: unknown kind or a number out of range.
    """
    _check_open(workshop)
    if not isinstance(counts, dict) or not counts:
        raise InvalidInput({"counts": "invalid"})
    errors = {}
    for kind, value in counts.items():
        if kind not in PARTICIPANT_KINDS:
            errors[str(kind)[:40]] = "invalid"
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            errors[kind] = "count"
    if errors:
        raise InvalidInput(errors)
    for kind, value in counts.items():
        setattr(workshop, kind, value)
    db.session.flush()


def set_report(workshop: Workshop, report: Any) -> None:
    """Replace the closing report.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: not text or too long.
    """
    _check_open(workshop)
    if not isinstance(report, str):
        raise InvalidInput({"report": "invalid"})
    if len(report.strip()) > MAX_REPORT_LENGTH:
        raise InvalidInput({"report": "too_long"})
    workshop.report = report.strip()
    db.session.flush()


def _organisation_name(name: Any) -> str:
    clean = " ".join(name.split()) if isinstance(name, str) else ""
    if not clean:
        raise InvalidInput({"name": "required"})
    if len(clean) > MAX_ORGANISATION_LENGTH:
        raise InvalidInput({"name": "too_long"})
    return clean


def add_organisation(workshop: Workshop, name: Any) -> Organisation:
    """Mark an organisation of the directory as attending, adding it to the directory if new.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: empty or too long a name.
    """
    _check_open(workshop)
    org = find_or_create_organisation(_organisation_name(name))
    if org not in workshop.organisations:
        workshop.organisations.append(org)
    db.session.flush()
    return org


def remove_organisation(workshop: Workshop, name: Any) -> bool:
    """Unmark an attending organisation (the directory keeps it); idempotent.

    Raises:
        WorkshopClosed: the workshop has been closed.
        InvalidInput: empty or too long a name.
    """
    _check_open(workshop)
    key = name_key(_organisation_name(name))
    for org in list(workshop.organisations):
        if org.name_key == key:
            workshop.organisations.remove(org)
            db.session.flush()
            return True
    return False


def directory(query: str = "", limit: int = 50) -> list[str]:
    """Names of organisations in the directory whose name contains the query."""
    stmt = sa.select(Organisation.name).order_by(Organisation.name).limit(limit)
    key = name_key(query) if query.strip() else ""
    if key:
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Organisation.name_key.like(f"%{escaped}%", escape="\\"))
    return list(db.session.scalars(stmt))


def state(workshop: Workshop) -> dict[str, Any]:
    """Everything the capture page shows, as plain JSON-ready values."""
    proposals = []
    if workshop.submission is not None:
        for p in sorted(
            workshop.submission.proposals, key=lambda p: (p.question_id, p.position, p.id or 0)
        ):
            proposals.append(
                {
                    "client_id": p.client_id,
                    "question_id": p.question_id,
                    "text": p.text,
                    "position": p.position,
                }
            )
    return {
        "closed": workshop.is_closed,
        "counts": {kind: getattr(workshop, kind) for kind in PARTICIPANT_KINDS},
        "organisations": [o.name for o in workshop.organisations],
        "report": workshop.report,
        "questions": [{"id": q.id, "text": q.text} for q in workshop.round.questions],
        "proposals": proposals,
    }
