"""Read-only views of a round's selection: support, history, suggestions, summaries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa

from consult.curation.history import events, next_undo, themes
from consult.curation.labels import (
    ROUTE_LABELS,
    STATUS_LABELS,
    describe_event,
    route_label,
    status_label,
)
from consult.curation.models import Curation, Highlight, HighlightProposal
from consult.extensions import counted_page, db
from consult.organisations.models import Organisation
from consult.rounds.models import Question, Round
from consult.submissions.models import Proposal, Submission
from consult.summaries import HighlightSummary, SummaryProposal

P = TypeVar("P")


def curation(rnd: Round) -> Curation | None:
    return db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))


def version(rnd: Round) -> int:
    """The selection's version; every form carries it so that stale edits are refused."""
    value = db.session.scalar(sa.select(Curation.version).where(Curation.round_id == rnd.id))
    return value or 0


@dataclass
class Support:
    n_proposals: int = 0
    n_organisations: int = 0
    n_workshops: int = 0


def support(rnd: Round) -> dict[int, Support]:
    """Per selected theme: proposals, distinct organisations of independent answers and
    distinct workshops (as on the run page: only direct sources count)."""
    rows = db.session.execute(
        sa.select(
            HighlightProposal.theme_id,
            sa.func.count(),
            sa.func.count(sa.distinct(Submission.organisation_id)).filter(
                Submission.workshop_id.is_(None)
            ),
            sa.func.count(sa.distinct(Submission.workshop_id)),
        )
        .join(Highlight, Highlight.id == HighlightProposal.theme_id)
        .join(Proposal, Proposal.id == HighlightProposal.proposal_id)
        .join(Submission, Submission.id == Proposal.submission_id)
        .where(Highlight.round_id == rnd.id, Proposal.visible())
        .group_by(HighlightProposal.theme_id)
    )
    return defaultdict(Support, {tid: Support(p, o, w) for tid, p, o, w in rows})


@dataclass
class ProposalRow:
    id: int
    text: str
    question: str
    source: str
    source_kind: str  # "workshop" or "organisation"
    quotable: bool = False
    theme_id: int | None = None


def _proposal_rows(stmt) -> list[ProposalRow]:
    from consult.workshops.models import Workshop
    from consult.workshops.queries import with_source

    stmt = with_source(stmt).add_columns(Question.text, Workshop.network, Organisation.name)
    rows = []
    for pid, text, quotable, theme_id, question, network, org in db.session.execute(stmt):
        kind = "workshop" if network is not None else "organisation"
        rows.append(
            ProposalRow(pid, text, question, network or org or "", kind, bool(quotable), theme_id)
        )
    return rows


def theme_proposals(rnd: Round, theme_id: int | None = None) -> dict[int, list[ProposalRow]]:
    """Every highlight's proposals (or only ``theme_id``'s), quotable ones first."""
    stmt = (
        sa.select(
            Proposal.id,
            Proposal.text,
            HighlightProposal.quotable,
            HighlightProposal.theme_id,
        )
        .select_from(HighlightProposal)
        .join(Highlight, Highlight.id == HighlightProposal.theme_id)
        .join(Proposal, Proposal.id == HighlightProposal.proposal_id)
        .where(Highlight.round_id == rnd.id, Proposal.visible())
        .order_by(HighlightProposal.quotable.desc(), Proposal.id)
    )
    if theme_id is not None:
        stmt = stmt.where(HighlightProposal.theme_id == theme_id)
    result: dict[int, list[ProposalRow]] = defaultdict(list)
    for row in _proposal_rows(stmt):
        if row.theme_id is not None:
            result[row.theme_id].append(row)
    return result


def _unassigned_where():
    return (
        ~sa.exists().where(HighlightProposal.proposal_id == Proposal.id),
        Proposal.visible(),
    )


def unassigned(rnd: Round, *, offset: int = 0, limit: int | None = None) -> list[ProposalRow]:
    """The round's proposals in no selected theme (new ones, or left in "Muut").

    The page of ids is chosen first and only its rows are joined to their question and
    source: joined before the limit, PostgreSQL planned the joins for all 41,574 proposals
    of a fresh import (288 ms for the query, by EXPLAIN ANALYZE; 20 ms with the page first).
    """
    page = (
        sa.select(Proposal.id)
        .where(
            *_unassigned_where(),
            Proposal.submission_id.in_(
                sa.select(Submission.id).where(Submission.round_id == rnd.id)
            ),
        )
        .order_by(Proposal.id)
        .offset(offset)
    )
    if limit is not None:
        page = page.limit(limit)
    ids = page.subquery()
    stmt = (
        sa.select(Proposal.id, Proposal.text, sa.false(), sa.null())
        .select_from(Proposal)
        .join(ids, ids.c.id == Proposal.id)
        .order_by(Proposal.id)
    )
    return _proposal_rows(stmt)


def unassigned_page(rnd: Round, page: int, size: int) -> tuple[list[ProposalRow], int, int]:
    """One page of :func:`unassigned` with the number of all of them, as (rows, total,
    page); a page past the end gives the last page.

    The ids and the count come from one pass (see ``counted_page``).
    """
    unassigned_ids = sa.select(Proposal.id).where(
        *_unassigned_where(),
        Proposal.submission_id.in_(sa.select(Submission.id).where(Submission.round_id == rnd.id)),
    )
    ids, total, page = counted_page(unassigned_ids, [Proposal.id], page, size)
    if not ids:
        return [], total, page
    stmt = (
        sa.select(Proposal.id, Proposal.text, sa.false(), sa.null())
        .where(Proposal.id.in_(ids))
        .order_by(Proposal.id)
    )
    return _proposal_rows(stmt), total, page


def unassigned_count(rnd: Round) -> int:
    """How many of the round's visible proposals are in no selected theme."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(Proposal.id))
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id, *_unassigned_where())
        )
        or 0
    )


def core_text(theme: Highlight) -> str:
    return " ".join([theme.title, theme.statement, " ".join(theme.keywords or [])])


def suggestions(rnd: Round, rows: list[ProposalRow]) -> dict[int, Highlight]:
    """The nearest highlight for each proposal: by stored embeddings when every text has
    one, else by TF-IDF over lemmas (see :mod:`consult.curation.suggest`)."""
    from consult.curation import suggest

    return suggest.nearest_highlights(rnd, rows)


def selected_summary_themes(
    rnd: Round, n_quotes: int = 3
) -> list[HighlightSummary[SummaryProposal]]:
    """The round's highlights in order, ready for a summary document or export.

    ``quotes`` are the proposals marked quotable, else the first ``n_quotes``.
    """
    counts = support(rnd)
    members = theme_proposals(rnd)
    result = []
    for theme in themes(rnd):
        rows = members.get(theme.id, [])
        proposals = [
            SummaryProposal(r.id, r.text, r.question, r.source, r.source_kind) for r in rows
        ]
        quotes = [p for p, r in zip(proposals, rows, strict=True) if r.quotable]
        result.append(
            highlight_summary(theme, counts[theme.id], quotes or proposals[:n_quotes], proposals)
        )
    return result


def highlight_summary(
    theme: Highlight, s: Support, quotes: list[P], proposals: list[P], **published: Any
) -> HighlightSummary[P]:
    """A highlight as every summary shows it: its text, support, route and follow-up status,
    with the given quotes and proposals (``published``: the results' extra fields)."""
    return HighlightSummary(
        id=theme.id,
        position=theme.position,
        title=theme.title,
        statement=theme.statement,
        keywords=list(theme.keywords or []),
        n_proposals=s.n_proposals,
        n_organisations=s.n_organisations,
        n_workshops=s.n_workshops,
        quotes=quotes,
        proposals=proposals,
        route=theme.route,
        route_label=route_label(theme),
        status=theme.status,
        status_label=status_label(theme.status),
        status_date=theme.status_date,
        status_note=theme.status_note,
        **published,
    )


__all__ = [
    "ROUTE_LABELS",
    "STATUS_LABELS",
    "describe_event",
    "events",
    "next_undo",
    "route_label",
    "status_label",
    "themes",
]
