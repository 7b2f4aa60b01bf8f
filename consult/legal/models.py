"""Feedback on accessibility, sent through the accessibility statement's form."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import Model
from consult.utils import utcnow


class AccessibilityFeedback(Model):
    __tablename__ = "accessibility_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[str] = mapped_column(sa.Text)
    page: Mapped[str] = mapped_column(sa.String(500), default="")
    # Optional, only so that a convenor can answer; removed with the message.
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="fi")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
