"""Whether a round's results are public, and the convenors' general observations."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import Model
from consult.utils import utcnow


class Publication(Model):
    """One per round once the convenor has touched its results page."""

    __tablename__ = "publications"

    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True
    )
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    observations: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
