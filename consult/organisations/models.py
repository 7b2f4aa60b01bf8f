"""The shared directory of organisations, and the changes public answers propose to it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

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


class Organisation(Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="other")
    municipality: Mapped[str] = mapped_column(sa.String(100), default="")
    business_id: Mapped[str | None] = mapped_column(sa.String(9), unique=True)  # Y-tunnus 1234567-8
    register_number: Mapped[str | None] = mapped_column(sa.String(20))  # yhdistysrekisterinumero
    # The organisation's general address for invitations (optional), and the language its
    # messages are written in.
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="fi")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class OrganisationChange(Model):
    """A kind or municipality that a public answer gave differently from the directory.

    The directory is shared and kept by convenors: an answer never rewrites it, it proposes
    and a convenor accepts or dismisses.
    """

    __tablename__ = "organisation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    submission_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="SET NULL")
    )
    kind: Mapped[str | None] = mapped_column(sa.String(20))
    municipality: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    organisation: Mapped[Organisation] = relationship()
