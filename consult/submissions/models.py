"""Submissions (a workshop's output or an independent answer) and proposals."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.auth.models import User
    from consult.organisations.models import Organisation
    from consult.rounds.models import Question, Round
    from consult.workshops.models import Workshop


class Submission(Model):
    """One workshop's output (``workshop_id`` set) or one organisation's independent answer."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    workshop_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), unique=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # Hash of the key the public form carried when rendered: a resend of the same form finds
    # this answer instead of making a second one.
    submission_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    # The language the answer was given in: emails about it are written in it.
    language: Mapped[str] = mapped_column(sa.String(5), default="fi")
    # The contact asked to be told when the results are published or a highlight moves on.
    notify_results: Mapped[bool] = mapped_column(default=False)
    # The organisation allowed its proposals to be quoted, with its name, in published results.
    quote_consent: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    round: Mapped[Round] = relationship(back_populates="submissions")
    workshop: Mapped[Workshop | None] = relationship(back_populates="submission")
    organisation: Mapped[Organisation | None] = relationship()
    proposals: Mapped[list[Proposal]] = relationship(
        back_populates="submission",
        order_by="(Proposal.question_id, Proposal.position, Proposal.id)",
        cascade="all, delete-orphan",
    )

    @property
    def is_independent(self) -> bool:
        return self.workshop_id is None


class Proposal(Model):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)
    # Made by the client (capture page) or the importer, so that a resend never duplicates.
    client_id: Mapped[str | None] = mapped_column(sa.String(64), default=lambda: uuid.uuid4().hex)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # The text's lemmas (analysis.normalise) as " lemma lemma ... ", for full-text search
    # that understands Finnish forms; None until computed (bulk imports fill it in a job).
    search_text: Mapped[str | None] = mapped_column(sa.Text)
    # A hidden proposal is kept and listed in the browser but leaves analyses and exports.
    hidden_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    hidden_reason: Mapped[str] = mapped_column(sa.String(500), default="")

    __table_args__ = (
        sa.UniqueConstraint("submission_id", "client_id"),
        sa.Index("ix_proposals_hidden_at", "hidden_at"),
    )

    submission: Mapped[Submission] = relationship(back_populates="proposals")
    question: Mapped[Question] = relationship()

    @classmethod
    def visible(cls) -> sa.ColumnElement[bool]:
        """The condition for proposals that take part in analyses, exports and counts."""
        return cls.hidden_at.is_(None)


PROPOSAL_EVENT_ACTIONS = ("hide", "unhide", "edit", "redact")


class ProposalEvent(Model):
    """One moderation of a proposal: who, when, what.

    ``old_text`` keeps the text before an edit; a redaction keeps no copy of what it removed
    (and scrubs it from earlier events too).
    """

    __tablename__ = "proposal_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    old_text: Mapped[str | None] = mapped_column(sa.Text)

    user: Mapped[User | None] = relationship()


# Lemmas for search are computed whenever a proposal's text is saved through the ORM.
from consult.submissions import lemmas as _lemmas  # noqa: E402, F401
