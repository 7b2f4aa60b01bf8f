"""Analysis runs and the candidate themes each run found."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import Model
from consult.utils import utcnow

if TYPE_CHECKING:
    from consult.rounds.models import Question, Round
    from consult.submissions.models import Proposal

RUN_STATUSES = ("queued", "running", "done", "failed")


class AnalysisRun(Model):
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
    themes: Mapped[list[CandidateTheme]] = relationship(
        back_populates="run", order_by="CandidateTheme.position", cascade="all, delete-orphan"
    )
    word_clouds: Mapped[list[RunWordCloud]] = relationship(
        back_populates="run", order_by="RunWordCloud.question_id", cascade="all, delete-orphan"
    )


class CandidateTheme(Model):
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
    # A PNG stored by older runs; newer runs store only word_frequencies and the picture is
    # drawn when asked for (drawing hundreds of clouds made a large analysis slow).
    stored_word_cloud: Mapped[bytes | None] = mapped_column("word_cloud", sa.LargeBinary)
    word_frequencies: Mapped[dict[str, float] | None] = mapped_column(sa.JSON)
    # Suggested nosto statement (the most central short proposal); the convenor edits it.
    statement: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # How the theme relates to the previous run: uusi, kasvanut, ennallaan, yhdistynyt,
    # jakautunut ("" when there is no earlier run).
    lineage: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    predecessor_ids: Mapped[list[int] | None] = mapped_column(sa.JSON)

    run: Mapped[AnalysisRun] = relationship(back_populates="themes")
    members: Mapped[list[CandidateThemeProposal]] = relationship(
        back_populates="theme",
        foreign_keys="CandidateThemeProposal.theme_id",
        order_by="CandidateThemeProposal.proposal_id",
        cascade="all, delete-orphan",
    )

    @property
    def word_cloud(self) -> bytes | None:
        """The word cloud PNG: stored, or drawn from the word frequencies (not stored)."""
        if self.stored_word_cloud is not None:
            return self.stored_word_cloud
        if not self.word_frequencies:
            return None
        drawn = self.__dict__.get("_drawn_cloud")
        if drawn is None:
            import analysis

            drawn = self.__dict__["_drawn_cloud"] = analysis.word_cloud_png(self.word_frequencies)
        return drawn


class CandidateThemeProposal(Model):
    __tablename__ = "theme_proposals"

    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    representative_rank: Mapped[int | None] = mapped_column()
    # For a proposal in "Muut": the theme of the same run whose centre is nearest.
    suggested_theme_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="SET NULL")
    )

    theme: Mapped[CandidateTheme] = relationship(back_populates="members", foreign_keys=[theme_id])
    suggested_theme: Mapped[CandidateTheme | None] = relationship(foreign_keys=[suggested_theme_id])
    proposal: Mapped[Proposal] = relationship()


class ProposalEmbedding(Model):
    """A proposal's sentence embedding, computed once when it is saved or first analysed."""

    __tablename__ = "proposal_embeddings"

    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class RunWordCloud(Model):
    """A word cloud of one question's proposals within an analysis run."""

    __tablename__ = "run_word_clouds"

    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    # Newer runs store the lemma frequencies and draw the picture when it is asked for.
    stored_png: Mapped[bytes | None] = mapped_column("png", sa.LargeBinary)
    frequencies: Mapped[dict[str, float] | None] = mapped_column(sa.JSON)

    run: Mapped[AnalysisRun] = relationship(back_populates="word_clouds")
    question: Mapped[Question] = relationship()

    @property
    def png(self) -> bytes | None:
        """The PNG: stored, or drawn from the frequencies (once per loaded row)."""
        if self.stored_png is not None:
            return self.stored_png
        if not self.frequencies:
            return None
        drawn: bytes | None = self.__dict__.get("_drawn_cloud")
        if drawn is None:
            import analysis

            drawn = self.__dict__["_drawn_cloud"] = analysis.word_cloud_png(self.frequencies)
        return drawn
