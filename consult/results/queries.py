"""What a round's results page and its lausuntotiivistelmä show, gathered from the database.

Quotes come only from workshops (attributed to the workshop) and from organisations that
allowed quoting on the public form; other organisations are counted, never named.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from consult.curation import queries as curation
from consult.curation.models import Highlight as HighlightRow
from consult.curation.models import HighlightProposal
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.results.models import Publication
from consult.rounds.models import Question, Round
from consult.submissions.models import Proposal, Submission
from consult.summaries import HighlightSummary
from consult.workshops.models import Workshop
from consult.workshops.queries import with_source


@dataclass
class Source:
    """Where a proposal came from, as the public may see it."""

    kind: str  # "workshop" or "organisation"
    name: str  # workshop network, or organisation name ("" when it may not be named)
    when: date | None = None  # the workshop's date
    org_kind: str = ""
    municipality: str = ""

    @property
    def named(self) -> bool:
        return bool(self.name)


@dataclass
class PublicProposal:
    id: int
    text: str
    question_id: int
    question: str
    source: Source
    quotable: bool = False
    theme_id: int | None = None


# A curated highlight (nosto) as published: the shared summary with public proposals.
Highlight = HighlightSummary[PublicProposal]


def publication(rnd: Round) -> Publication | None:
    return db.session.get(Publication, rnd.id)


def is_published(rnd: Round) -> bool:
    pub = publication(rnd)
    return pub is not None and pub.is_published


def observations(rnd: Round) -> str:
    pub = publication(rnd)
    return pub.observations if pub else ""


def round_proposals(rnd: Round) -> list[PublicProposal]:
    """Every proposal of the round with its public source and its highlight, if any."""
    stmt = (
        with_source(
            sa.select(
                Proposal.id,
                Proposal.text,
                Proposal.question_id,
                Question.text,
                Workshop.network,
                Workshop.date,
                Organisation.name,
                Organisation.kind,
                Organisation.municipality,
                Submission.quote_consent,
                HighlightProposal.quotable,
                HighlightProposal.theme_id,
            )
        )
        .outerjoin(HighlightProposal, HighlightProposal.proposal_id == Proposal.id)
        .where(Submission.round_id == rnd.id)
        .order_by(Question.position, Question.id, Proposal.id)
    )
    result = []
    for row in db.session.execute(stmt):
        (pid, text, qid, question, network, wdate, org, okind, muni, consent, quotable, tid) = row
        if network is not None:
            source = Source("workshop", network, wdate)
        else:
            source = Source(
                "organisation", (org or "") if consent else "", None, okind or "", muni or ""
            )
        result.append(PublicProposal(pid, text, qid, question, source, bool(quotable), tid))
    return result


def highlights(rnd: Round, n_quotes: int = 3) -> list[Highlight]:
    """The round's curated highlights in order, with quotes that may be published."""
    support = curation.support(rnd)
    by_theme: dict[int, list[PublicProposal]] = defaultdict(list)
    for proposal in round_proposals(rnd):
        if proposal.theme_id is not None:
            by_theme[proposal.theme_id].append(proposal)
    result = []
    for theme in curation.themes(rnd):
        rows = by_theme.get(theme.id, [])
        result.append(_highlight(theme, rows, support[theme.id], n_quotes))
    return result


def _highlight(
    theme: HighlightRow, rows: list[PublicProposal], s: curation.Support, n_quotes: int
) -> Highlight:
    citable = [r for r in rows if r.source.named]
    marked = [r for r in citable if r.quotable]
    quotes = marked or citable[:n_quotes]
    workshops: dict[str, Source] = {}
    for r in rows:
        if r.source.kind == "workshop":
            workshops.setdefault(f"{r.source.name}|{r.source.when}", r.source)
    named = sorted(
        {r.source.name for r in rows if r.source.kind == "organisation" and r.source.named}
    )
    unnamed = Counter(
        r.source.name or f"{r.source.org_kind}/{r.source.municipality}/{r.id}"
        for r in rows
        if r.source.kind == "organisation" and not r.source.named
    )
    return curation.highlight_summary(
        theme,
        s,
        quotes,
        rows,
        workshops=sorted(workshops.values(), key=lambda w: (w.when or date.min, w.name)),
        organisations=named,
        n_unnamed_organisations=max(s.n_organisations - len(named), 0) if unnamed else 0,
    )
