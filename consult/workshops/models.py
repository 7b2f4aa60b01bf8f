"""Workshops held inside networks, with their session links and participant counts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.organisations.models import Organisation
    from consult.rounds.models import Round
    from consult.submissions.models import Submission

# Kinds of participant counted at a workshop, in display order.
PARTICIPANT_KINDS = ("org_reps", "staff", "residents", "others")

workshop_organisations = sa.Table(
    "workshop_organisations",
    Model.metadata,
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "organisation_id",
        sa.ForeignKey("organisations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class Workshop(Model):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    network: Mapped[str] = mapped_column(sa.String(200))
    date: Mapped[date] = mapped_column(sa.Date)
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    facilitator: Mapped[str] = mapped_column(sa.String(200), default="")
    # Only for sending the facilitator the session link and QR sheet.
    facilitator_email: Mapped[str] = mapped_column(sa.String(254), default="")
    facilitator_language: Mapped[str] = mapped_column(sa.String(5), default="fi")
    # Random nonce; the session link's token is derived from it with the secret key.
    link_nonce: Mapped[str] = mapped_column(sa.String(64))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    org_reps: Mapped[int] = mapped_column(default=0)
    staff: Mapped[int] = mapped_column(default=0)
    residents: Mapped[int] = mapped_column(default=0)
    others: Mapped[int] = mapped_column(default=0)
    report: Mapped[str] = mapped_column(sa.Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    round: Mapped[Round] = relationship(back_populates="workshops")
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=workshop_organisations, order_by="Organisation.name"
    )
    submission: Mapped[Submission | None] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", uselist=False
    )

    @property
    def participants(self) -> int:
        return self.org_reps + self.staff + self.residents + self.others

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
