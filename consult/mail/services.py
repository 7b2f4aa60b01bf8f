"""State changes of email: recording messages, invitations, reminders, edit links."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context, request

from consult.errors import DomainError, ErrorCode
from consult.extensions import db, rowcount
from consult.mail.links import invitation_token
from consult.mail.models import Invitation, OutgoingMessage
from consult.mail.queue import send_later
from consult.organisations.models import Organisation
from consult.rounds.models import Round
from consult.submissions.models import Submission
from consult.utils import hash_token, new_token, utcnow
from consult.workshops.models import Workshop

LANGUAGES = ("fi", "sv", "en")
# A lost link is sent to the same answer at most once in this time, however often asked.
LOST_LINK_INTERVAL = timedelta(minutes=10)


def _base_url() -> str:
    """Where links in messages point: BASE_URL when set (behind a proxy the request's own
    host may be an internal one), else the address the convenor is using."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return str(configured).rstrip("/") + "/"
    return request.host_url if has_request_context() else ""


def _language(value: str | None) -> str:
    return value if value in LANGUAGES else "fi"


def record(
    kind: str, recipient: str, *, language: str, round_id: int | None, **ids: int | None
) -> OutgoingMessage:
    """Record a message as queued (its content is written when it is sent)."""
    message = OutgoingMessage(
        kind=kind,
        recipient=recipient.strip(),
        language=_language(language),
        round_id=round_id,
        base_url=_base_url(),
        **ids,
    )
    db.session.add(message)
    db.session.flush()
    return message


def queue(message: OutgoingMessage, secret: str | None = None) -> OutgoingMessage:
    """Hand a recorded message to the job queue."""
    message.job_id = send_later(message.id, secret)
    return message


#: Messages that can be sent again (edit links cannot: their token is not kept).
RESENDABLE = ("facilitator", "invitation", "reminder", "results", "status")


def resend(message: OutgoingMessage) -> OutgoingMessage:
    """Send a failed message again as a new message (the failure stays on record).

    Raises:
        DomainError: the message was sent, is still queued, or cannot be sent again.
    """
    if message.status != "failed" or message.kind not in RESENDABLE or not message.recipient:
        raise DomainError(ErrorCode.CANNOT_RESEND)
    copy = record(
        message.kind,
        message.recipient,
        language=message.language,
        round_id=message.round_id,
        workshop_id=message.workshop_id,
        invitation_id=message.invitation_id,
        submission_id=message.submission_id,
        highlight_id=message.highlight_id,
    )
    return queue(copy)


def send_to_facilitator(workshop: Workshop) -> OutgoingMessage:
    """Send the facilitator the session link and the QR sheet.

    Raises:
        DomainError: the workshop has no facilitator email.
    """
    if not workshop.facilitator_email:
        raise DomainError(ErrorCode.NO_FACILITATOR_EMAIL)
    message = record(
        "facilitator",
        workshop.facilitator_email,
        language=workshop.facilitator_language,
        round_id=workshop.round_id,
        workshop_id=workshop.id,
    )
    return queue(message)


def invite(rnd: Round, organisations: list[Organisation]) -> list[Invitation]:
    """Invite organisations by email, each with its own link; returns the new invitations.

    Organisations without an email or invited already are skipped (an invitation is sent
    once; the list shows it).
    """
    invited = set(
        db.session.scalars(
            sa.select(Invitation.organisation_id).where(Invitation.round_id == rnd.id)
        )
    )
    created = []
    for org in organisations:
        if not org.email or org.id in invited:
            continue
        nonce = new_token()
        invitation = Invitation(
            round_id=rnd.id,
            organisation_id=org.id,
            email=org.email,
            language=_language(org.language),
            link_nonce=nonce,
            token_hash=hash_token(invitation_token(nonce)),
        )
        db.session.add(invitation)
        db.session.flush()
        invited.add(org.id)
        created.append(invitation)
        queue(
            record(
                "invitation",
                invitation.email,
                language=invitation.language,
                round_id=rnd.id,
                invitation_id=invitation.id,
            )
        )
    return created


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        sa.select(Invitation).where(Invitation.token_hash == hash_token(token))
    )


def link_answer(invitation: Invitation, submission: Submission) -> None:
    """Record that the invited organisation answered (reminders stop)."""
    invitation.submission_id = submission.id
    invitation.answered_at = utcnow()


def link_answer_by_organisation(submission: Submission) -> None:
    """An invited organisation that answered through the public link has answered too."""
    if submission.organisation_id is None:
        return
    invitation = db.session.scalar(
        sa.select(Invitation).where(
            Invitation.round_id == submission.round_id,
            Invitation.organisation_id == submission.organisation_id,
            Invitation.answered_at.is_(None),
        )
    )
    if invitation is not None:
        link_answer(invitation, submission)


def move_invitations(from_id: int, to_id: int) -> None:
    """Invitations follow a merged organisation, except to rounds the target was invited to."""
    taken = sa.select(Invitation.round_id).where(Invitation.organisation_id == to_id)
    db.session.execute(
        sa.update(Invitation)
        .where(Invitation.organisation_id == from_id, Invitation.round_id.not_in(taken))
        .values(organisation_id=to_id)
        .execution_options(synchronize_session=False)
    )


def forget_recipients(submission_id: int) -> None:
    """Remove the address from the record of messages about an answer whose contact was
    deleted (the states stay)."""
    db.session.execute(
        sa.update(OutgoingMessage)
        .where(OutgoingMessage.submission_id == submission_id)
        .values(recipient="")
    )


def _first_base_url(invitation_id: int) -> str:
    return (
        db.session.scalar(
            sa.select(OutgoingMessage.base_url)
            .where(OutgoingMessage.invitation_id == invitation_id, OutgoingMessage.base_url != "")
            .order_by(OutgoingMessage.id)
            .limit(1)
        )
        or ""
    )


def due_reminders(today: date) -> int:
    """Remind the invited who have not answered, ``reminder_days`` before closing.

    Each invitation is reminded once: it is claimed with a conditional update, so runs
    that overlap never send twice.

    Returns:
        How many reminders were queued.
    """
    rows = db.session.execute(
        sa.select(Invitation.id, Round.closes_on, Round.reminder_days)
        .join(Round, Round.id == Invitation.round_id)
        .where(
            Invitation.submission_id.is_(None),
            Invitation.answered_at.is_(None),
            Invitation.reminded_at.is_(None),
            Invitation.unsubscribed_at.is_(None),
            Round.closes_on >= today,
            Round.opens_on <= today,
            Round.reminder_days > 0,
        )
    ).all()
    count = 0
    for invitation_id, closes_on, days in rows:
        if today < closes_on - timedelta(days=days):
            continue
        claimed = rowcount(
            db.session.execute(
                sa.update(Invitation)
                .where(Invitation.id == invitation_id, Invitation.reminded_at.is_(None))
                .values(reminded_at=utcnow())
            )
        )
        if not claimed:
            continue
        invitation = db.session.get(Invitation, invitation_id)
        assert invitation is not None  # claimed just now in this transaction
        message = record(
            "reminder",
            invitation.email,
            language=invitation.language,
            round_id=invitation.round_id,
            invitation_id=invitation.id,
        )
        # Outside a request: the links point where the invitation's links pointed.
        message.base_url = message.base_url or _first_base_url(invitation.id)
        queue(message)
        count += 1
    return count


def unsubscribe(kind: str, target_id: int) -> bool:
    """Stop reminders of an invitation (``"i"``) or results notices of an answer (``"s"``).

    Returns:
        Whether there was something to stop.
    """
    if kind == "i":
        invitation = db.session.get(Invitation, target_id)
        if invitation is None:
            return False
        invitation.unsubscribed_at = invitation.unsubscribed_at or utcnow()
        return True
    submission = db.session.get(Submission, target_id)
    if submission is None:
        return False
    submission.notify_results = False
    return True


def send_edit_link(submission: Submission, token: str, kind: str = "edit_link") -> None:
    """Email the private edit link to the contact given with the answer."""
    if not submission.contact_email:
        raise DomainError(ErrorCode.NO_CONTACT_EMAIL)
    message = record(
        kind,
        submission.contact_email,
        language=submission.language,
        round_id=submission.round_id,
        submission_id=submission.id,
    )
    queue(message, token)


def send_new_edit_links(rnd: Round, email: str) -> int:
    """Send a new edit link to each of the round's answers given with this contact address.

    The old link stops working. An answer gets at most one new link in
    ``LOST_LINK_INTERVAL``. The caller shows the same response whatever this returns.

    Returns:
        How many links were sent.
    """
    address = email.strip().lower()
    if not address:
        return 0
    submissions = db.session.scalars(
        sa.select(Submission).where(
            Submission.round_id == rnd.id,
            Submission.workshop_id.is_(None),
            Submission.contact_email == address,
            Submission.token_hash.is_not(None),
        )
    ).all()
    sent = 0
    for submission in submissions:
        recent = db.session.scalar(
            sa.select(OutgoingMessage.id).where(
                OutgoingMessage.submission_id == submission.id,
                OutgoingMessage.kind == "lost_link",
                OutgoingMessage.created_at > utcnow() - LOST_LINK_INTERVAL,
            )
        )
        if recent:
            continue
        token = new_token()
        submission.token_hash = hash_token(token)
        send_edit_link(submission, token, kind="lost_link")
        sent += 1
    return sent


def notify_answered(round_id: int, kind: str, highlight_id: int | None = None) -> int:
    """Tell the organisations that answered and asked to hear of it: results published
    (``"results"``) or a highlight's status changed (``"status"``).

    Returns:
        How many messages were queued.
    """
    submissions = db.session.scalars(
        sa.select(Submission).where(
            Submission.round_id == round_id,
            Submission.notify_results.is_(True),
            Submission.contact_email != "",
        )
    ).all()
    for submission in submissions:
        queue(
            record(
                kind,
                submission.contact_email,
                language=submission.language,
                round_id=round_id,
                submission_id=submission.id,
                highlight_id=highlight_id,
            )
        )
    return len(submissions)
