"""Read-only views of analysis runs and themes."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import Proposal, Submission
from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal


def latest_runs(rnd: Round, limit: int = 10) -> list[AnalysisRun]:
    return list(
        db.session.scalars(
            sa.select(AnalysisRun)
            .where(AnalysisRun.round_id == rnd.id)
            .order_by(AnalysisRun.created_at.desc(), AnalysisRun.id.desc())
            .limit(limit)
        )
    )


def latest_done_run(rnd: Round) -> AnalysisRun | None:
    return db.session.scalar(
        sa.select(AnalysisRun)
        .where(AnalysisRun.round_id == rnd.id, AnalysisRun.status == "done")
        .order_by(AnalysisRun.finished_at.desc(), AnalysisRun.id.desc())
        .limit(1)
    )


@dataclass
class ThemeProposalRow:
    proposal_id: int
    text: str
    question: str
    source: str
    source_kind: str  # "workshop" or "organisation"
    representative_rank: int | None


def theme_proposals(
    theme: CandidateTheme, *, offset: int = 0, limit: int | None = None
) -> list[ThemeProposalRow]:
    """A theme's proposals with where each came from; representatives first."""
    from consult.organisations.models import Organisation
    from consult.rounds.models import Question
    from consult.workshops.models import Workshop

    stmt = (
        sa.select(
            Proposal.id,
            Proposal.text,
            Question.text,
            Workshop.network,
            Organisation.name,
            CandidateThemeProposal.representative_rank,
        )
        .join(CandidateThemeProposal, CandidateThemeProposal.proposal_id == Proposal.id)
        .join(Question, Question.id == Proposal.question_id)
        .join(Submission, Submission.id == Proposal.submission_id)
        .outerjoin(Workshop, Workshop.id == Submission.workshop_id)
        .outerjoin(Organisation, Organisation.id == Submission.organisation_id)
        .where(CandidateThemeProposal.theme_id == theme.id, Proposal.visible())
        .order_by(
            sa.case((CandidateThemeProposal.representative_rank.is_(None), 1), else_=0),
            CandidateThemeProposal.representative_rank,
            Proposal.id,
        )
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = []
    for pid, text, question, network, org, rank in db.session.execute(stmt):
        if network is not None:
            rows.append(ThemeProposalRow(pid, text, question, network, "workshop", rank))
        else:
            rows.append(ThemeProposalRow(pid, text, question, org or "", "organisation", rank))
    return rows


def representatives(theme: CandidateTheme) -> list[ThemeProposalRow]:
    return [row for row in theme_proposals(theme, limit=5) if row.representative_rank is not None]


@dataclass
class OtherRow:
    proposal_id: int
    text: str
    suggested_title: str | None
    suggested_theme_id: int | None


def other_review(run: AnalysisRun, limit: int = 500) -> list[OtherRow]:
    """Proposals the engine put in "Muut", each with the theme it suggests (nearest centre)."""
    Suggested = sa.orm.aliased(CandidateTheme)
    rows = db.session.execute(
        sa.select(Proposal.id, Proposal.text, Suggested.title, Suggested.id)
        .join(CandidateThemeProposal, CandidateThemeProposal.proposal_id == Proposal.id)
        .join(CandidateTheme, CandidateTheme.id == CandidateThemeProposal.theme_id)
        .outerjoin(Suggested, Suggested.id == CandidateThemeProposal.suggested_theme_id)
        .where(CandidateTheme.run_id == run.id, CandidateTheme.is_other.is_(True))
        .order_by(Proposal.id)
        .limit(limit)
    )
    return [OtherRow(pid, text, title, tid) for pid, text, title, tid in rows]


def quality_words(silhouette: float | None) -> str | None:
    """The clustering's silhouette in plain words, for the "Laatu" details.

    The bands follow the usual reading of the silhouette (Kaufman & Rousseeuw): above 0.5 the
    groups are clearly apart, 0.25-0.5 they are distinguishable, below that they overlap.
    """
    from flask_babel import gettext as _

    if silhouette is None:
        return None
    if silhouette >= 0.5:
        return _("The themes are clearly apart from each other.")
    if silhouette >= 0.25:
        return _("The themes are distinguishable, with some overlap at their edges.")
    return _("The themes overlap a lot; check them and merge or split where needed.")
