"""A consultation round and its questions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.submissions.models import Submission
    from consult.workshops.models import Workshop

#: The language the main texts of rounds and questions are written in.
BASE_LANGUAGE = "fi"
#: Languages a text can be given in besides the base one (``translations`` below).
OTHER_LANGUAGES = ("sv", "en")


class Round(Model):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    purpose: Mapped[str] = mapped_column(sa.Text, default="")
    instructions: Mapped[str] = mapped_column(sa.Text, default="")
    opens_on: Mapped[date] = mapped_column(sa.Date)
    closes_on: Mapped[date] = mapped_column(sa.Date)
    # Texts in other languages than Finnish: {"sv": {"title": ..., "purpose": ...,
    # "instructions": ...}, "en": {...}}; missing or empty ones fall back to Finnish.
    translations: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # Reminders to invited organisations that have not answered go this many days before
    # closing.
    reminder_days: Mapped[int] = mapped_column(default=7)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    questions: Mapped[list[Question]] = relationship(
        back_populates="round", order_by="Question.position", cascade="all, delete-orphan"
    )
    workshops: Mapped[list[Workshop]] = relationship(
        back_populates="round",
        order_by="(Workshop.date, Workshop.id)",
        cascade="all, delete-orphan",
    )
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


class Question(Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.String(500))
    help_text: Mapped[str] = mapped_column(sa.Text, default="")
    # {"sv": {"text": ..., "help_text": ...}, "en": {...}}
    translations: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    round: Mapped[Round] = relationship(back_populates="questions")
