"""Anonymous feedback after a workshop."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import Model
from consult.utils import utcnow

USEFUL_ANSWERS = ("yes", "no", "unsure")


class Feedback(Model):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    grade: Mapped[int] = mapped_column()
    useful: Mapped[str] = mapped_column(sa.String(10))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    # Hash of a random id kept in the browser's cookie: one answer per browser, no identity.
    browser_key: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("workshop_id", "browser_key"),
        sa.CheckConstraint("grade BETWEEN 1 AND 5", name="grade_range"),
    )
