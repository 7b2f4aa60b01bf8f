"""Suggest a highlight for proposals outside the highlights.

What the highlights look like to the comparison (the normalised centre of their members'
stored embeddings, or the lemma tokens of their texts) depends only on the selection, so
it is computed once per state of the selection and kept in memory; a page then compares
only its own rows. The state is the selection's version, the number of visible member
proposals and the latest proposal event (an edit, hide or redaction changes texts).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import sqlalchemy as sa

from analysis import similarity
from consult.curation.history import themes
from consult.curation.models import Curation, Highlight, HighlightProposal
from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import Proposal, ProposalEvent
from consult.themes.services import DEFAULT_COMMON_WORDS

if TYPE_CHECKING:
    from consult.curation.queries import ProposalRow

CACHE_SIZE = 16


@dataclass
class _Model:
    theme_ids: list[int]  # the highlights compared, in order
    centres: np.ndarray | None  # normalised embedding centres, None when some are missing
    index: similarity.DocIndex | None = None  # lemma tokens per highlight (on need)


_cache: OrderedDict[tuple[object, ...], _Model] = OrderedDict()


def _state(rnd: Round) -> tuple[object, ...]:
    """What the highlights' model depends on, cheaply: the selection (its identity and
    version), its visible members, the latest proposal event and the stored embeddings."""
    from consult.themes.embeddings import MODEL_ID
    from consult.themes.models import ProposalEmbedding

    curation = db.session.execute(
        sa.select(Curation.id, Curation.started_at, Curation.version).where(
            Curation.round_id == rnd.id
        )
    ).first()
    n_members = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(HighlightProposal)
        .join(Highlight, Highlight.id == HighlightProposal.theme_id)
        .join(Proposal, Proposal.id == HighlightProposal.proposal_id)
        .where(Highlight.round_id == rnd.id, Proposal.visible())
    )
    last_event = db.session.scalar(sa.select(sa.func.max(ProposalEvent.id)))
    n_vectors = db.session.scalar(
        sa.select(sa.func.count()).where(ProposalEmbedding.model == MODEL_ID)
    )
    return (str(db.engine.url), rnd.id, tuple(curation or ()), n_members, last_event, n_vectors)


def _model(rnd: Round, selected: list[Highlight]) -> _Model:
    key = _state(rnd)
    model = _cache.get(key)
    if model is None:
        model = _cache[key] = _Model([t.id for t in selected], _centres(rnd, selected))
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    _cache.move_to_end(key)
    return model


def _members(rnd: Round) -> dict[int, list[tuple[int, str]]]:
    """Per highlight, its visible proposals' ids and texts (quotable first, as shown)."""
    result: dict[int, list[tuple[int, str]]] = {}
    for theme_id, pid, text in db.session.execute(
        sa.select(HighlightProposal.theme_id, Proposal.id, Proposal.text)
        .join(Highlight, Highlight.id == HighlightProposal.theme_id)
        .join(Proposal, Proposal.id == HighlightProposal.proposal_id)
        .where(Highlight.round_id == rnd.id, Proposal.visible())
        .order_by(HighlightProposal.quotable.desc(), Proposal.id)
    ):
        result.setdefault(theme_id, []).append((pid, text))
    return result


def _vectors(ids: list[int]) -> dict[int, bytes]:
    from consult.themes.embeddings import MODEL_ID
    from consult.themes.models import ProposalEmbedding

    return dict(
        db.session.execute(
            sa.select(ProposalEmbedding.proposal_id, ProposalEmbedding.vector).where(
                ProposalEmbedding.model == MODEL_ID, ProposalEmbedding.proposal_id.in_(ids)
            )
        ).all()
    )


def _centres(rnd: Round, selected: list[Highlight]) -> np.ndarray | None:
    """Each highlight's normalised centre (a zero row when it has no members), or None
    when a member has no stored embedding."""
    members = _members(rnd)
    ids = [pid for t in selected for pid, _ in members.get(t.id, [])]
    stored = _vectors(ids)
    if len(stored) < len(set(ids)):
        return None
    rows = []
    for theme in selected:
        vectors = [
            np.frombuffer(stored[pid], dtype=np.float32) for pid, _ in members.get(theme.id, [])
        ]
        if vectors:
            centre = np.mean(vectors, axis=0)
            rows.append(centre / (np.linalg.norm(centre) or 1.0))
        else:
            rows.append(None)
    if all(r is None for r in rows):
        return np.zeros((0, 0))
    dim = next(r for r in rows if r is not None).shape[0]
    return np.vstack([r if r is not None else np.full(dim, np.nan) for r in rows])


def _core_text(theme: Highlight) -> str:
    return " ".join([theme.title, theme.statement, " ".join(theme.keywords or [])])


def _index(rnd: Round, selected: list[Highlight], model: _Model) -> similarity.DocIndex:
    if model.index is None:
        members = _members(rnd)
        texts = [
            " ".join([_core_text(t), _core_text(t)] + [text for _, text in members.get(t.id, [])])
            for t in selected
        ]
        model.index = similarity.DocIndex(similarity.tokens(texts, DEFAULT_COMMON_WORDS))
    return model.index


def nearest_highlights(rnd: Round, rows: list[ProposalRow]) -> dict[int, Highlight]:
    """The nearest highlight for each proposal: by stored embeddings when every text has
    one, else by TF-IDF over lemmas."""
    selected = themes(rnd)
    if not rows or not selected:
        return {}
    model = _model(rnd, selected)
    if model.theme_ids != [t.id for t in selected]:  # pragma: no cover - state covers this
        _cache.clear()
        model = _model(rnd, selected)
    by_embedding = _by_embeddings(rows, selected, model)
    if by_embedding is not None:
        return by_embedding
    queries = similarity.tokens([r.text for r in rows], DEFAULT_COMMON_WORDS)
    best = _index(rnd, selected, model).nearest(queries)
    return {row.id: selected[i] for row, i in zip(rows, best, strict=True) if i is not None}


def _by_embeddings(
    rows: list[ProposalRow], selected: list[Highlight], model: _Model
) -> dict[int, Highlight] | None:
    centres = model.centres
    if centres is None or centres.size == 0:
        return None
    stored = _vectors([r.id for r in rows])
    if len(stored) < len({r.id for r in rows}):
        return None
    kept = [i for i in range(len(selected)) if not np.isnan(centres[i, 0])]
    C = centres[kept]
    result = {}
    for row in rows:
        v = np.frombuffer(stored[row.id], dtype=np.float32)
        result[row.id] = selected[kept[int(np.argmax(C @ (v / (np.linalg.norm(v) or 1.0))))]]
    return result
