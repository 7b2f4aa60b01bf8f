"""Read side of the proposals browser: one page of proposals with everything shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from consult.curation.models import Highlight, HighlightProposal
from consult.extensions import counted_page, db
from consult.organisations.models import Organisation
from consult.proposals.search import query_condition
from consult.rounds.models import Question, Round
from consult.submissions.models import Proposal, Submission
from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal
from consult.themes.queries import latest_done_run
from consult.workshops.models import Workshop
from consult.workshops.queries import with_source

PAGE_SIZE = 50
SORTS = ("new", "old", "question", "source")


@dataclass
class Filters:
    q: str = ""
    question: int | None = None
    workshop: int | None = None
    organisation: int | None = None
    municipality: str = ""
    kind: str = ""
    highlight: str = ""  # "" all, "none" unassigned, or a highlight id
    hidden: str = "visible"  # visible, hidden, all
    sort: str = "new"
    page: int = 1

    def args(self, **changes: str | int | None) -> dict[str, str | int]:
        """Query-string arguments that reproduce these filters (with changes)."""
        values: dict[str, str | int | None] = {
            "q": self.q,
            "kysymys": self.question,
            "tyopaja": self.workshop,
            "organisaatio": self.organisation,
            "kunta": self.municipality,
            "tyyppi": self.kind,
            "nosto": self.highlight,
            "nakyvyys": self.hidden,
            "jarjestys": self.sort,
            "sivu": self.page,
        }
        values.update(changes)
        return {
            k: v
            for k, v in values.items()
            if v is not None and v != "" and not (k == "sivu" and v == 1)
        }


@dataclass
class Row:
    id: int
    text: str
    question: str
    question_position: int
    workshop_id: int | None
    workshop: str | None
    organisation_id: int | None
    organisation: str | None
    municipality: str
    kind: str | None
    hidden_at: datetime | None
    hidden_reason: str
    highlight_id: int | None = None
    highlight: str | None = None
    theme: str | None = None


@dataclass
class Page:
    rows: list[Row]
    total: int
    page: int
    pages: int
    run: AnalysisRun | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _filtered(rnd: Round, f: Filters) -> sa.Select:
    stmt = (
        sa.select(Proposal.id)
        .join(Submission, Submission.id == Proposal.submission_id)
        .where(Submission.round_id == rnd.id)
    )
    if f.organisation is not None or f.municipality or f.kind:
        stmt = stmt.join(Organisation, Organisation.id == Submission.organisation_id)
        if f.organisation is not None:
            stmt = stmt.where(Submission.organisation_id == f.organisation)
        if f.municipality:
            stmt = stmt.where(Organisation.municipality == f.municipality)
        if f.kind:
            stmt = stmt.where(Organisation.kind == f.kind)
    if f.question is not None:
        stmt = stmt.where(Proposal.question_id == f.question)
    if f.workshop is not None:
        stmt = stmt.where(Submission.workshop_id == f.workshop)
    if f.hidden == "visible":
        stmt = stmt.where(Proposal.hidden_at.is_(None))
    elif f.hidden == "hidden":
        stmt = stmt.where(Proposal.hidden_at.is_not(None))
    if f.highlight == "none":
        stmt = stmt.where(~sa.exists().where(HighlightProposal.proposal_id == Proposal.id))
    elif f.highlight.isdecimal():
        stmt = stmt.join(HighlightProposal, HighlightProposal.proposal_id == Proposal.id).where(
            HighlightProposal.theme_id == int(f.highlight)
        )
    condition = query_condition(f.q)
    if condition is not None:
        stmt = stmt.where(condition)
    return stmt


def browse(rnd: Round, f: Filters) -> Page:
    """One page of the round's proposals matching the filters, in a fixed number of queries."""
    base = _filtered(rnd, f)
    orders: dict[str, list[sa.ColumnExpressionArgument[Any]]] = {
        "new": [Proposal.id.desc()],
        "old": [Proposal.id],
        "question": [Proposal.question_id, Proposal.id],
        "source": [Proposal.submission_id, Proposal.question_id, Proposal.position, Proposal.id],
    }
    order = orders[f.sort if f.sort in SORTS else "new"]
    if f.sort == "question":
        base = base.join(Question, Question.id == Proposal.question_id)
        order = [Question.position, Proposal.id]
    ids, total, page = counted_page(base, order, f.page, PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    rows = _rows(ids)
    run = latest_done_run(rnd)
    _annotate(rows, run)
    return Page(rows=rows, total=total, page=page, pages=pages, run=run)


def _rows(ids: list[int]) -> list[Row]:
    if not ids:
        return []
    stmt = sa.select(
        Proposal.id,
        Proposal.text,
        Question.text.label("question"),
        Question.position,
        Submission.workshop_id,
        Workshop.network,
        Submission.organisation_id,
        Organisation.name,
        Organisation.municipality,
        Organisation.kind,
        Proposal.hidden_at,
        Proposal.hidden_reason,
    )
    result = db.session.execute(with_source(stmt).where(Proposal.id.in_(ids))).all()
    by_id = {
        r.id: Row(
            id=r.id,
            text=r.text,
            question=r.question,
            question_position=r.position,
            workshop_id=r.workshop_id,
            workshop=r.network,
            organisation_id=r.organisation_id,
            organisation=r.name,
            municipality=r.municipality or "",
            kind=r.kind,
            hidden_at=r.hidden_at,
            hidden_reason=r.hidden_reason,
        )
        for r in result
    }
    return [by_id[i] for i in ids]


def _annotate(rows: list[Row], run: AnalysisRun | None) -> None:
    """Each row's highlight and its theme in the latest run: two queries for the page."""
    ids = [r.id for r in rows]
    if not ids:
        return
    highlights = {
        pid: (tid, title)
        for pid, tid, title in db.session.execute(
            sa.select(HighlightProposal.proposal_id, Highlight.id, Highlight.title)
            .join(Highlight, Highlight.id == HighlightProposal.theme_id)
            .where(HighlightProposal.proposal_id.in_(ids))
        )
    }
    themes = {}
    if run is not None:
        themes = dict(
            db.session.execute(
                sa.select(CandidateThemeProposal.proposal_id, CandidateTheme.title)
                .join(CandidateTheme, CandidateTheme.id == CandidateThemeProposal.theme_id)
                .where(CandidateTheme.run_id == run.id, CandidateThemeProposal.proposal_id.in_(ids))
            ).all()
        )
    for row in rows:
        row.highlight_id, row.highlight = highlights.get(row.id, (None, None))
        row.theme = themes.get(row.id)


@dataclass
class Choices:
    questions: list[tuple[int, str]]
    workshops: list[tuple[int, str]]
    organisations: list[tuple[int, str]]
    municipalities: list[str]
    highlights: list[tuple[int, str]]


def choices(rnd: Round) -> Choices:
    """The values the filters offer: only those that occur in the round."""
    org_ids = (
        sa.select(Submission.organisation_id)
        .where(Submission.round_id == rnd.id, Submission.organisation_id.is_not(None))
        .distinct()
    )
    organisations = db.session.execute(
        sa.select(Organisation.id, Organisation.name, Organisation.municipality)
        .where(Organisation.id.in_(org_ids))
        .order_by(Organisation.name)
    ).all()
    return Choices(
        questions=[(q.id, q.text) for q in rnd.questions],
        workshops=[
            (w.id, w.network)
            for w in db.session.execute(
                sa.select(Workshop.id, Workshop.network)
                .where(Workshop.round_id == rnd.id)
                .order_by(Workshop.date, Workshop.id)
            )
        ],
        organisations=[(o.id, o.name) for o in organisations],
        municipalities=sorted({o.municipality for o in organisations if o.municipality}),
        highlights=[
            (t.id, t.title)
            for t in db.session.execute(
                sa.select(Highlight.id, Highlight.title)
                .where(Highlight.round_id == rnd.id)
                .order_by(Highlight.position)
            )
        ],
    )
