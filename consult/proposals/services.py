"""Moderation of proposals: hide with a reason, unhide, edit text, redact personal data.

Every change is recorded as a ProposalEvent with who and when. Services flush only.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.rounds.models import Round
from consult.signals import proposals_saved
from consult.submissions.models import Proposal, ProposalEvent, Submission
from consult.utils import utcnow
from forms.fields import MAX_PROPOSAL_LENGTH

REDACTED = "[poistettu]"
MAX_REASON = 500


class ModerationError(DomainError):
    """A moderation was refused; ``code`` says why (:func:`consult.errors.user_message`)."""

    code = ErrorCode.MODERATION_REFUSED


def round_proposals(rnd: Round, proposal_ids: list[int]) -> list[Proposal]:
    """The round's proposals with these ids; refuses ids of other rounds."""
    if not proposal_ids:
        raise ModerationError(ErrorCode.NO_PROPOSALS_CHOSEN)
    found = list(
        db.session.scalars(
            sa.select(Proposal)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id, Proposal.id.in_(proposal_ids))
        )
    )
    if len(found) != len(set(proposal_ids)):
        raise ModerationError(ErrorCode.PROPOSALS_NOT_IN_ROUND)
    return found


def _record(proposal: Proposal, user_id: int | None, action: str, **values: Any) -> None:
    db.session.add(ProposalEvent(proposal_id=proposal.id, user_id=user_id, action=action, **values))


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ModerationError(ErrorCode.HIDE_REASON_MISSING)
    if len(reason) > MAX_REASON:
        raise ModerationError(ErrorCode.HIDE_REASON_TOO_LONG)
    return reason


def hide(proposals: list[Proposal], reason: str, *, user_id: int | None) -> int:
    """Hide proposals from analyses and exports; returns how many were newly hidden."""
    reason = _clean_reason(reason)
    changed = 0
    for proposal in proposals:
        if proposal.hidden_at is not None:
            continue
        proposal.hidden_at, proposal.hidden_reason = utcnow(), reason
        _record(proposal, user_id, "hide", reason=reason)
        changed += 1
    db.session.flush()
    return changed


def unhide(proposals: list[Proposal], *, user_id: int | None) -> int:
    """Bring hidden proposals back; returns how many changed."""
    changed = 0
    for proposal in proposals:
        if proposal.hidden_at is None:
            continue
        proposal.hidden_at, proposal.hidden_reason = None, ""
        _record(proposal, user_id, "unhide")
        changed += 1
    db.session.flush()
    return changed


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ModerationError(ErrorCode.PROPOSAL_EMPTY)
    if len(text) > MAX_PROPOSAL_LENGTH:
        raise ModerationError(ErrorCode.PROPOSAL_TOO_LONG)
    if "\x00" in text:
        raise ModerationError(ErrorCode.PROPOSAL_BAD_CHARACTERS)
    return text


def edit(proposal: Proposal, text: str, reason: str, *, user_id: int | None) -> bool:
    """Change a proposal's text, keeping the original in the history."""
    text = _check_text(text)
    if text == proposal.text:
        return False
    _record(
        proposal,
        user_id,
        "edit",
        reason=" ".join(reason.split())[:MAX_REASON],
        old_text=proposal.text,
    )
    proposal.text = text
    db.session.flush()
    proposals_saved.send(None, round_id=proposal.submission.round_id, proposal_ids=[proposal.id])
    return True


def redact(proposal: Proposal, span: str, *, user_id: int | None) -> None:
    """Replace a span (or, with an empty span, the whole text) with "[poistettu]".

    No copy of what was removed stays anywhere: earlier history entries that hold it are
    scrubbed the same way, and the stored embedding of the old text is deleted (by themes,
    on ``proposals_saved``).
    """
    span = (span or "").strip()
    if span and span not in proposal.text:
        raise ModerationError(ErrorCode.REDACT_SPAN_NOT_FOUND)

    def scrub(value: str | None) -> str:
        return (value or "").replace(span, REDACTED) if span else REDACTED

    for event in db.session.scalars(
        sa.select(ProposalEvent).where(
            ProposalEvent.proposal_id == proposal.id, ProposalEvent.old_text.is_not(None)
        )
    ):
        event.old_text = scrub(event.old_text)
    proposal.text = scrub(proposal.text)
    _record(proposal, user_id, "redact", reason="" if not span else "span")
    db.session.flush()
    proposals_saved.send(None, round_id=proposal.submission.round_id, proposal_ids=[proposal.id])


def history(proposal: Proposal) -> list[ProposalEvent]:
    """The proposal's moderation history, newest first."""
    return list(
        db.session.scalars(
            sa.select(ProposalEvent)
            .where(ProposalEvent.proposal_id == proposal.id)
            .options(sa.orm.selectinload(ProposalEvent.user))
            .order_by(ProposalEvent.created_at.desc(), ProposalEvent.id.desc())
        )
    )
