"""Read-only views of a round's selection: support, history, suggestions, summaries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from consult.curation import coverage as cov
from consult.curation.models import (
    Curation,
    CurationEvent,
    FollowUpDocument,
    SelectedTheme,
    SelectedThemeProposal,
)
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.rounds.models import Question, Round
from consult.submissions.models import Proposal, Submission

ROUTE_LABELS = {
    "strategy": _l("Regional strategy"),
    "participation_plan": _l("Participation plan"),
    "welfare_report": _l("Welfare report"),
    "interface_agreement": _l("Interface agreement"),
    "other": _l("Other document"),
    "not_used": _l("Not used"),
}
STATUS_LABELS = {
    "not_started": _l("Not started"),
    "in_preparation": _l("In preparation"),
    "included": _l("Included"),
    "partly_included": _l("Partly included"),
    "not_included": _l("Not included"),
}
EVENT_MESSAGES = {
    "start": _l("Started the selection from the analysis of %(when)s (%(n)s themes)"),
    "edit": _l("Edited theme “%(title)s”"),
    "merge": _l("Merged %(titles)s into “%(title)s”"),
    "split": _l("Split %(n)s proposals from “%(source)s” into the new theme “%(title)s”"),
    "recluster": _l("Re-grouped “%(source)s” into %(n)s themes"),
    "move": _l("Moved %(n)s proposals to “%(title)s”"),
    "unassign": _l("Took %(n)s proposals out of the themes"),
    "quotable": _l("Marked a proposal of “%(title)s” as a quotable example"),
    "not_quotable": _l("Unmarked a quotable example of “%(title)s”"),
    "reorder": _l("Moved theme “%(title)s” to place %(position)s"),
    "add": _l("Added the theme “%(title)s”"),
    "delete": _l("Deleted the empty theme “%(title)s”"),
    "delete_many": _l("Deleted %(titles)s; their %(n)s proposals are now outside the themes"),
    "move_themes": _l("Moved %(titles)s to place %(position)s"),
    "bulk_route": _l("Set the route of %(titles)s: %(route)s"),
    "bulk_status": _l("Set the follow-up status of %(titles)s: %(status)s"),
    "bulk_follow_up": _l("Set route and follow-up of %(titles)s: %(route)s, %(status)s"),
    "follow_up": _l("Set route and follow-up of “%(title)s”: %(route)s, %(status)s"),
    "assign": _l("Assigned %(n)s new proposals to themes"),
    "undo": _l("Undid: %(what)s"),
    "intake": _l("Took in %(n)s proposals of a new analysis (%(new)s new themes)"),
}


def route_label(theme: SelectedTheme) -> str:
    if theme.route == "other" and theme.route_other:
        return f"{ROUTE_LABELS['other']}: {theme.route_other}"
    return str(ROUTE_LABELS.get(theme.route, theme.route))


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def describe_event(action: str, params: dict[str, Any]) -> str:
    """A change in words, in the reader's language."""
    message = EVENT_MESSAGES.get(action)
    if message is None:
        return action
    values = dict(params)
    if "titles" in values:
        values["titles"] = ", ".join(f"“{t}”" for t in values["titles"])
    if "route" in values:
        values["route"] = str(ROUTE_LABELS.get(values["route"], values["route"]))
    if "status" in values:
        values["status"] = status_label(values["status"] or "")
    if action == "start" and "when" in values:
        values["when"] = _format_when(values["when"])
    if action == "undo":
        values["what"] = describe_event(values.get("undone", ""), values.get("undone_params", {}))
    try:
        return str(message) % values
    except (KeyError, TypeError, ValueError):
        return str(message)


def _format_when(value: str) -> str:
    from consult.formatting import format_datetime_short

    try:
        return format_datetime_short(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def curation(rnd: Round) -> Curation | None:
    return db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))


def version(rnd: Round) -> int:
    """The selection's version; every form carries it so that stale edits are refused."""
    value = db.session.scalar(sa.select(Curation.version).where(Curation.round_id == rnd.id))
    return value or 0


def themes(rnd: Round) -> list[SelectedTheme]:
    return list(
        db.session.scalars(
            sa.select(SelectedTheme)
            .where(SelectedTheme.round_id == rnd.id)
            .order_by(SelectedTheme.position, SelectedTheme.id)
        )
    )


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
            SelectedThemeProposal.theme_id,
            sa.func.count(),
            sa.func.count(sa.distinct(Submission.organisation_id)).filter(
                Submission.workshop_id.is_(None)
            ),
            sa.func.count(sa.distinct(Submission.workshop_id)),
        )
        .join(SelectedTheme, SelectedTheme.id == SelectedThemeProposal.theme_id)
        .join(Proposal, Proposal.id == SelectedThemeProposal.proposal_id)
        .join(Submission, Submission.id == Proposal.submission_id)
        .where(SelectedTheme.round_id == rnd.id, Proposal.visible())
        .group_by(SelectedThemeProposal.theme_id)
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

    stmt = (
        stmt.join(Question, Question.id == Proposal.question_id)
        .join(Submission, Submission.id == Proposal.submission_id)
        .outerjoin(Workshop, Workshop.id == Submission.workshop_id)
        .outerjoin(Organisation, Organisation.id == Submission.organisation_id)
        .add_columns(Question.text, Workshop.network, Organisation.name)
    )
    rows = []
    for pid, text, quotable, theme_id, question, network, org in db.session.execute(stmt):
        kind = "workshop" if network is not None else "organisation"
        rows.append(
            ProposalRow(pid, text, question, network or org or "", kind, bool(quotable), theme_id)
        )
    return rows


def theme_proposals(rnd: Round) -> dict[int, list[ProposalRow]]:
    """Every selected theme's proposals, quotable ones first."""
    stmt = (
        sa.select(
            Proposal.id,
            Proposal.text,
            SelectedThemeProposal.quotable,
            SelectedThemeProposal.theme_id,
        )
        .select_from(SelectedThemeProposal)
        .join(SelectedTheme, SelectedTheme.id == SelectedThemeProposal.theme_id)
        .join(Proposal, Proposal.id == SelectedThemeProposal.proposal_id)
        .where(SelectedTheme.round_id == rnd.id, Proposal.visible())
        .order_by(SelectedThemeProposal.quotable.desc(), Proposal.id)
    )
    result: dict[int, list[ProposalRow]] = defaultdict(list)
    for row in _proposal_rows(stmt):
        result[row.theme_id].append(row)
    return result


def _unassigned_where():
    return (
        ~sa.exists().where(SelectedThemeProposal.proposal_id == Proposal.id),
        Proposal.visible(),
    )


def unassigned(rnd: Round, *, offset: int = 0, limit: int | None = None) -> list[ProposalRow]:
    """The round's proposals in no selected theme (new ones, or left in "Muut")."""
    stmt = (
        sa.select(Proposal.id, Proposal.text, sa.false(), sa.null())
        .select_from(Proposal)
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
        stmt = stmt.limit(limit)
    return _proposal_rows(stmt)


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


def _core_text(theme: SelectedTheme) -> str:
    return " ".join([theme.title, theme.statement, " ".join(theme.keywords or [])])


def suggestions(rnd: Round, rows: list[ProposalRow]) -> dict[int, SelectedTheme]:
    """The nearest selected theme for each proposal: by stored embeddings when every text
    has one, else by TF-IDF over lemmas."""
    selected = themes(rnd)
    if not rows or not selected:
        return {}
    members = theme_proposals(rnd)
    by_embedding = _nearest_by_embeddings(rows, selected, members)
    if by_embedding is not None:
        return by_embedding
    docs = cov.tokens(
        [
            " ".join([_core_text(t), _core_text(t)] + [m.text for m in members.get(t.id, [])])
            for t in selected
        ]
    )
    best = cov.nearest(cov.tokens([r.text for r in rows]), docs)
    return {row.id: selected[i] for row, i in zip(rows, best, strict=True) if i is not None}


def _nearest_by_embeddings(rows, selected, members) -> dict[int, SelectedTheme] | None:
    from consult.themes.embeddings import MODEL_ID
    from consult.themes.models import ProposalEmbedding

    ids = [r.id for r in rows] + [m.id for t in selected for m in members.get(t.id, [])]
    stored = dict(
        db.session.execute(
            sa.select(ProposalEmbedding.proposal_id, ProposalEmbedding.vector).where(
                ProposalEmbedding.model == MODEL_ID, ProposalEmbedding.proposal_id.in_(ids)
            )
        ).all()
    )
    if len(stored) < len(set(ids)):
        return None
    centres, kept = [], []
    for theme in selected:
        vectors = [np.frombuffer(stored[m.id], dtype=np.float32) for m in members.get(theme.id, [])]
        if vectors:
            centre = np.mean(vectors, axis=0)
            centres.append(centre / (np.linalg.norm(centre) or 1.0))
            kept.append(theme)
    if not centres:
        return None
    C = np.vstack(centres)
    result = {}
    for row in rows:
        v = np.frombuffer(stored[row.id], dtype=np.float32)
        result[row.id] = kept[int(np.argmax(C @ (v / (np.linalg.norm(v) or 1.0))))]
    return result


def events(rnd: Round, limit: int = 50) -> list[CurationEvent]:
    return list(
        db.session.scalars(
            sa.select(CurationEvent)
            .where(CurationEvent.round_id == rnd.id)
            .order_by(CurationEvent.id.desc())
            .limit(limit)
        )
    )


def next_undo(rnd: Round) -> CurationEvent | None:
    """The latest change that can still be undone."""
    return db.session.scalar(
        sa.select(CurationEvent)
        .where(
            CurationEvent.round_id == rnd.id,
            CurationEvent.snapshot.is_not(None),
            CurationEvent.undone_at.is_(None),
        )
        .order_by(CurationEvent.id.desc())
        .limit(1)
    )


def documents(rnd: Round) -> list[FollowUpDocument]:
    return list(
        db.session.scalars(
            sa.select(FollowUpDocument)
            .where(FollowUpDocument.round_id == rnd.id)
            .order_by(FollowUpDocument.uploaded_at.desc(), FollowUpDocument.id.desc())
        )
    )


@dataclass
class CoverageRow:
    theme: SelectedTheme
    score: int
    suggested_status: str
    passages: list[tuple[str, int]] = field(default_factory=list)


def document_coverage(rnd: Round, document: FollowUpDocument) -> list[CoverageRow]:
    """Each selected theme's closest passages in the document and its coverage score."""
    selected = themes(rnd)
    members = theme_proposals(rnd)
    results = cov.coverage(
        [(_core_text(t), [m.text for m in members.get(t.id, [])]) for t in selected],
        document.text,
    )
    return [
        CoverageRow(t, c.score, cov.suggested_status(c.score), c.passages)
        for t, c in zip(selected, results, strict=True)
    ]


@dataclass
class SummaryTheme:
    """A selected theme as the themed summary (DOCX/PDF) shows it."""

    id: int
    position: int
    title: str
    statement: str
    keywords: list[str]
    n_proposals: int
    n_organisations: int
    n_workshops: int
    quotes: list[str]
    proposals: list[dict[str, str]]
    route: str
    route_label: str
    status: str
    status_label: str
    status_date: date | None
    status_note: str


def selected_summary_themes(rnd: Round, n_quotes: int = 3) -> list[SummaryTheme]:
    """The round's selected themes in order, ready for a summary document.

    ``quotes`` are the proposals marked quotable, else the first ``n_quotes``;
    ``proposals`` are dicts with ``text`` and ``source`` (workshop or organisation name).
    """
    counts = support(rnd)
    members = theme_proposals(rnd)
    result = []
    for theme in themes(rnd):
        rows = members.get(theme.id, [])
        quotes = [r.text for r in rows if r.quotable] or [r.text for r in rows[:n_quotes]]
        s = counts[theme.id]
        result.append(
            SummaryTheme(
                id=theme.id,
                position=theme.position,
                title=theme.title,
                statement=theme.statement,
                keywords=list(theme.keywords or []),
                n_proposals=s.n_proposals,
                n_organisations=s.n_organisations,
                n_workshops=s.n_workshops,
                quotes=quotes,
                proposals=[{"text": r.text, "source": r.source} for r in rows],
                route=theme.route,
                route_label=route_label(theme),
                status=theme.status,
                status_label=status_label(theme.status),
                status_date=theme.status_date,
                status_note=theme.status_note,
            )
        )
    return result
