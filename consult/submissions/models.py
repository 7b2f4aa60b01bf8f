"""Organisations, submissions (a workshop's output or an independent answer) and proposals."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.rounds.models import Question, Round
    from consult.workshops.models import Workshop

ORGANISATION_KINDS = (
    "sote",
    "culture",
    "youth",
    "sports",
    "village",
    "parish",
    "municipality",
    "other",
)


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="other")
    municipality: Mapped[str] = mapped_column(sa.String(100), default="")
    business_id: Mapped[str | None] = mapped_column(sa.String(9), unique=True)  # Y-tunnus 1234567-8
    register_number: Mapped[str | None] = mapped_column(sa.String(20))  # yhdistysrekisterinumero
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Submission(db.Model):
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
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
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


class Proposal(db.Model):
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

    __table_args__ = (sa.UniqueConstraint("submission_id", "client_id"),)

    submission: Mapped[Submission] = relationship(back_populates="proposals")
    question: Mapped[Question] = relationship()
