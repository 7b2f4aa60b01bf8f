"""Read-only views of analysis runs and themes."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import Proposal
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


N_REPRESENTATIVES = 5


def _proposal_rows_select(*extra: Any) -> sa.Select:
    """Proposals of themes with their question and source; join CandidateThemeProposal to filter."""
    from consult.organisations.models import Organisation
    from consult.rounds.models import Question
    from consult.workshops.models import Workshop
    from consult.workshops.queries import with_source

    stmt = sa.select(
        Proposal.id,
        Proposal.text,
        Question.text,
        Workshop.network,
        Organisation.name,
        CandidateThemeProposal.representative_rank,
        *extra,
    ).join(CandidateThemeProposal, CandidateThemeProposal.proposal_id == Proposal.id)
    return with_source(stmt).where(Proposal.visible())


# Representatives first (by rank), then the rest in proposal order.
_ORDER = (
    sa.case((CandidateThemeProposal.representative_rank.is_(None), 1), else_=0),
    CandidateThemeProposal.representative_rank,
    Proposal.id,
)


def _row(pid: int, text: str, question: str, network, org, rank) -> ThemeProposalRow:  # noqa: ANN001
    if network is not None:
        return ThemeProposalRow(pid, text, question, network, "workshop", rank)
    return ThemeProposalRow(pid, text, question, org or "", "organisation", rank)


def theme_proposals(
    theme: CandidateTheme, *, offset: int = 0, limit: int | None = None
) -> list[ThemeProposalRow]:
    """A theme's proposals with where each came from; representatives first."""
    stmt = (
        _proposal_rows_select()
        .where(CandidateThemeProposal.theme_id == theme.id)
        .order_by(*_ORDER)
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_row(*r) for r in db.session.execute(stmt)]


def representatives(theme: CandidateTheme) -> list[ThemeProposalRow]:
    return [
        row
        for row in theme_proposals(theme, limit=N_REPRESENTATIVES)
        if row.representative_rank is not None
    ]


# A run with more proposals than this lists each theme's proposals only when the theme is
# opened (``?teema=``): 256 themes x 50 rows made a 4.8 MB page that took seconds to render.
INLINE_PROPOSALS = 1000


@dataclass
class RunThemeRows:
    """What the run page shows of one theme: its representatives and one page of proposals
    (``proposals`` is None when the page does not list them: a large run's closed theme)."""

    representatives: list[ThemeProposalRow]
    proposals: list[ThemeProposalRow] | None


def run_theme_rows(
    run: AnalysisRun,
    *,
    per_page: int,
    open_theme: int | None = None,
    page: int = 1,
    themes: list[CandidateTheme] | None = None,
) -> dict[int, RunThemeRows]:
    """Every theme's representatives and listed proposals in two queries, not two per theme.

    Gives the same rows as ``representatives(theme)`` and ``theme_proposals(theme, offset,
    limit)``: the open theme shows page ``page``, the others their first page, all of them
    when the run has at most ``INLINE_PROPOSALS`` proposals, otherwise only the open theme.
    ``themes`` limits the rows to those themes (one page of a large run's themes).
    """
    shown = run.themes if themes is None else themes
    result = {t.id: RunThemeRows([], None) for t in shown}
    only = [t.id for t in shown] if themes is not None else None
    # representatives: the first N visible ranked rows; a window over the ranked rows only
    number = (
        sa.func.row_number()
        .over(partition_by=CandidateThemeProposal.theme_id, order_by=_ORDER)
        .label("n")
    )
    ranked = (
        _proposal_rows_select(CandidateThemeProposal.theme_id.label("theme_id"), number)
        .join(CandidateTheme, CandidateTheme.id == CandidateThemeProposal.theme_id)
        .where(
            CandidateTheme.run_id == run.id, CandidateThemeProposal.representative_rank.is_not(None)
        )
        .where(sa.true() if only is None else CandidateThemeProposal.theme_id.in_(only))
        .subquery()
    )
    for *columns, theme_id, _n in db.session.execute(
        sa.select(ranked)
        .where(ranked.c.n <= N_REPRESENTATIVES)
        .order_by(ranked.c.theme_id, ranked.c.n)
    ):
        result[theme_id].representatives.append(_row(*columns))
    offset = (page - 1) * per_page
    if run.n_proposals <= INLINE_PROPOSALS:
        listed: dict[int, list[ThemeProposalRow]] = {}
        for *columns, theme_id in db.session.execute(
            _proposal_rows_select(CandidateThemeProposal.theme_id)
            .join(CandidateTheme, CandidateTheme.id == CandidateThemeProposal.theme_id)
            .where(CandidateTheme.run_id == run.id)
            .where(sa.true() if only is None else CandidateThemeProposal.theme_id.in_(only))
            .order_by(CandidateThemeProposal.theme_id, *_ORDER)
        ):
            listed.setdefault(theme_id, []).append(_row(*columns))
        for theme_id, rows in result.items():
            start = offset if theme_id == open_theme else 0
            rows.proposals = listed.get(theme_id, [])[start : start + per_page]
    elif open_theme is not None and open_theme in result:
        opened = db.session.get(CandidateTheme, open_theme)
        if opened is not None:
            result[open_theme].proposals = theme_proposals(opened, offset=offset, limit=per_page)
    return result


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


def word_cloud(theme: CandidateTheme) -> bytes | None:
    """The theme's word cloud PNG; a drawn one is kept per process (drawing takes ~0.1-0.5 s
    and a run's clouds never change), so the run page's pictures load fast."""
    if theme.stored_word_cloud is not None:
        return theme.stored_word_cloud
    if not theme.word_frequencies:
        return None
    return _drawn_cloud(theme.id, json.dumps(theme.word_frequencies, sort_keys=True))


@functools.lru_cache(maxsize=256)
def _drawn_cloud(theme_id: int, frequencies: str) -> bytes:
    import analysis

    return analysis.word_cloud_png(json.loads(frequencies))
