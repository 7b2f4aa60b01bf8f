"""How long a round keeps the contact details of its independent answers."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import Model


class RetentionSetting(Model):
    __tablename__ = "retention_settings"

    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True
    )
    # Contact details are removed this many months after the round closes.
    contact_months: Mapped[int] = mapped_column(default=12)
    contacts_purged_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
