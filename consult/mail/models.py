"""Invitations of organisations to a round and the record of every email sent."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.organisations.models import Organisation
    from consult.rounds.models import Round
    from consult.submissions.models import Submission

#: What a message is about.
KINDS = ("facilitator", "invitation", "reminder", "edit_link", "lost_link", "results", "status")
#: queued → sent, or failed (could not be sent), or bounced (the server refused the recipient).
STATUSES = ("queued", "sent", "failed", "bounced")


class Invitation(Model):
    """An organisation invited by email to answer a round, with its own link."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(sa.String(254))
    language: Mapped[str] = mapped_column(sa.String(5), default="fi")
    # Random nonce; the link's token is derived from it with the secret key (as session links).
    link_nonce: Mapped[str] = mapped_column(sa.String(64))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    invited_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    submission_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="SET NULL"), index=True
    )
    answered_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    reminded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    unsubscribed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    __table_args__ = (sa.UniqueConstraint("round_id", "organisation_id"),)

    round: Mapped[Round] = relationship()
    organisation: Mapped[Organisation] = relationship()
    submission: Mapped[Submission | None] = relationship()


class OutgoingMessage(Model):
    """One email: what it was about and whether it went out.

    The recipient is kept only to show the sending status to the convenor (and is
    removed with the round); logs never contain it. ``error`` holds the server's reply
    with any address removed.
    """

    __tablename__ = "outgoing_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    recipient: Mapped[str] = mapped_column(sa.String(254))
    language: Mapped[str] = mapped_column(sa.String(5), default="fi")
    # Where the links in the message point (the address the convenor used, or BASE_URL).
    base_url: Mapped[str] = mapped_column(sa.String(300), default="")
    workshop_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="CASCADE"), index=True
    )
    submission_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    highlight_id: Mapped[int | None] = mapped_column()
    subject: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[str] = mapped_column(sa.String(10), default="queued", index=True)
    error: Mapped[str] = mapped_column(sa.Text, default="")
    job_id: Mapped[str] = mapped_column(sa.String(64), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    round: Mapped[Round | None] = relationship()
