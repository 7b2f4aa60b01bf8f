"""Selected themes (nostot) of a round, their change history and follow-up documents.

Selected themes are copied from an analysis run's candidate themes and then edited freely;
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

ROUTES = (
    "strategy",
    "participation_plan",
    "welfare_report",
    "interface_agreement",
    "other",
    "not_used",
)
STATUSES = ("not_started", "in_preparation", "included", "partly_included", "not_included")


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


class SelectedTheme(Model):
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

    members: Mapped[list[SelectedThemeProposal]] = relationship(
        back_populates="theme",
        order_by="SelectedThemeProposal.proposal_id",
        cascade="all, delete-orphan",
    )


class SelectedThemeProposal(Model):
    """A proposal in a selected theme; a proposal is in at most one selected theme."""

    __tablename__ = "selected_theme_proposals"

    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("selected_themes.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
    quotable: Mapped[bool] = mapped_column(default=False)

    theme: Mapped[SelectedTheme] = relationship(back_populates="members")
    proposal: Mapped[Proposal] = relationship()


class CurationEvent(Model):
    """One recorded change of a round's selection, with the selection as it was before."""

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


class FollowUpDocument(Model):
    """A draft or final document whose text is compared with the selected themes."""

    __tablename__ = "followup_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    filename: Mapped[str] = mapped_column(sa.String(255), default="")
    stage: Mapped[str] = mapped_column(sa.String(20), default="draft")
    text: Mapped[str] = mapped_column(sa.Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
