"""Highlights (nostot) of a round and their change history.

Highlights are copied from an analysis run's candidate themes and then edited freely;
the run itself is never touched.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.auth.models import User
    from consult.submissions.models import Proposal


class Curation(Model):
    """The round's selection as a whole: its version guards against overwriting edits."""

    __tablename__ = "curations"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[int] = mapped_column(default=0)
    source_run_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="SET NULL"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Highlight(Model):
    """A curated highlight (nosto) of a round: a theme the convenor keeps and edits."""

    __tablename__ = "selected_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))
    statement: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    route: Mapped[str] = mapped_column(sa.String(30), default="strategy")
    route_other: Mapped[str] = mapped_column(sa.String(200), default="")
    status: Mapped[str] = mapped_column(sa.String(30), default="not_started")
    status_date: Mapped[date | None] = mapped_column(sa.Date)
    status_note: Mapped[str] = mapped_column(sa.Text, default="")

    members: Mapped[list[HighlightProposal]] = relationship(
        back_populates="theme",
        order_by="HighlightProposal.proposal_id",
        cascade="all, delete-orphan",
    )


class HighlightProposal(Model):
    """A proposal in a selected theme; a proposal is in at most one selected theme."""

    __tablename__ = "selected_theme_proposals"

    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("selected_themes.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
    quotable: Mapped[bool] = mapped_column(default=False)

    theme: Mapped[Highlight] = relationship(back_populates="members")
    proposal: Mapped[Proposal] = relationship()


class CurationEvent(Model):
    """One recorded change of a round's selection, with what it changed (for undo).

    ``snapshot`` holds either the whole selection as it was before (events recorded before
    revision 0012's code) or, since then, a diff: ``{"diff": 1, "source_run_id": …,
    "themes": [touched highlights as they were], "added": [ids of highlights it created]}``.
    """

    __tablename__ = "curation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(sa.String(40))
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # None for changes that cannot be undone themselves (an undo).
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON(none_as_null=True))
    undone_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    user: Mapped[User | None] = relationship()
