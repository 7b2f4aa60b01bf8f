"""What the follow-up pages show: the documents and how well they cover each highlight."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from analysis import similarity
from consult.curation import queries as curation
from consult.curation.models import Highlight
from consult.extensions import db
from consult.followup.models import FollowUpDocument
from consult.rounds.models import Round
from consult.themes.services import DEFAULT_COMMON_WORDS


def documents(rnd: Round) -> list[FollowUpDocument]:
    return list(
        db.session.scalars(
            sa.select(FollowUpDocument)
            .where(FollowUpDocument.round_id == rnd.id)
            .order_by(FollowUpDocument.uploaded_at.desc(), FollowUpDocument.id.desc())
        )
    )


def document(rnd: Round, document_id: int) -> FollowUpDocument | None:
    """The round's document of this id, or None."""
    doc = db.session.get(FollowUpDocument, document_id)
    return doc if doc is not None and doc.round_id == rnd.id else None


@dataclass
class CoverageRow:
    theme: Highlight
    score: int
    suggested_status: str
    passages: list[tuple[str, int]] = field(default_factory=list)


def suggested_status(score: int) -> str:
    """A status the coverage suggests; the convenor confirms or corrects it."""
    if score >= 40:
        return "included"
    if score >= 20:
        return "partly_included"
    return "not_included"


def document_coverage(rnd: Round, doc: FollowUpDocument) -> list[CoverageRow]:
    """Each highlight's closest passages in the document and its coverage score."""
    selected = curation.themes(rnd)
    members = curation.theme_proposals(rnd)
    results = similarity.coverage(
        [(curation.core_text(t), [m.text for m in members.get(t.id, [])]) for t in selected],
        doc.text,
        DEFAULT_COMMON_WORDS,
    )
    return [
        CoverageRow(t, c.score, suggested_status(c.score), c.passages)
        for t, c in zip(selected, results, strict=True)
    ]
