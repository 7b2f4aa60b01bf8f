"""Analysis runs and the candidate themes each run found."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.rounds.models import Question, Round
    from consult.submissions.models import Proposal

RUN_STATUSES = ("queued", "running", "done", "failed")


class AnalysisRun(db.Model):
    __tablename__ = "analysis_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rounds.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    stage: Mapped[str] = mapped_column(sa.String(40), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    engine_version: Mapped[str] = mapped_column(sa.String(40), default="")
    n_proposals: Mapped[int] = mapped_column(default=0)
    n_themes: Mapped[int] = mapped_column(default=0)
    silhouette: Mapped[float | None] = mapped_column(sa.Float)
    duration_seconds: Mapped[float | None] = mapped_column(sa.Float)
    error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    round: Mapped[Round] = relationship()
    question: Mapped[Question | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(
        back_populates="run", order_by="Theme.position", cascade="all, delete-orphan"
    )
    word_clouds: Mapped[list[RunWordCloud]] = relationship(
        back_populates="run", order_by="RunWordCloud.question_id", cascade="all, delete-orphan"
    )


class Theme(db.Model):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    is_other: Mapped[bool] = mapped_column(default=False)
    n_proposals: Mapped[int] = mapped_column(default=0)
    n_organisations: Mapped[int] = mapped_column(default=0)
    n_workshops: Mapped[int] = mapped_column(default=0)
    word_cloud: Mapped[bytes | None] = mapped_column(sa.LargeBinary)

    run: Mapped[AnalysisRun] = relationship(back_populates="themes")
    members: Mapped[list[ThemeProposal]] = relationship(
        back_populates="theme",
        order_by="ThemeProposal.proposal_id",
        cascade="all, delete-orphan",
    )


class ThemeProposal(db.Model):
    __tablename__ = "theme_proposals"

    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    representative_rank: Mapped[int | None] = mapped_column()

    theme: Mapped[Theme] = relationship(back_populates="members")
    proposal: Mapped[Proposal] = relationship()


class ProposalEmbedding(db.Model):
    """A proposal's sentence embedding, computed once when it is saved or first analysed."""

    __tablename__ = "proposal_embeddings"

    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class RunWordCloud(db.Model):
    """A word cloud of one question's proposals within an analysis run."""

    __tablename__ = "run_word_clouds"

    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    png: Mapped[bytes] = mapped_column(sa.LargeBinary)

    run: Mapped[AnalysisRun] = relationship(back_populates="word_clouds")
    question: Mapped[Question] = relationship()
