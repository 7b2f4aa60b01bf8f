"""Embeddings stored by two workers at once (an embedding job beside an analysis)."""

from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from consult.themes import embeddings
from consult.themes.models import ProposalEmbedding
from tests.seeds import seed_round


def test_an_embedding_stored_meanwhile_is_kept_and_no_error_is_raised(db, factory):
    rnd = seed_round(factory, db)
    pids = [p.id for s in rnd.submissions for p in s.proposals][:3]
    first = np.ones((3, embeddings.DIM), dtype=np.float32)
    embeddings._store(pids[:2], first[:2])  # another worker got there first for two of them
    db.session.commit()
    embeddings._store(pids, np.zeros((3, embeddings.DIM), dtype=np.float32))
    db.session.commit()
    rows = dict(
        db.session.execute(
            sa.select(ProposalEmbedding.proposal_id, ProposalEmbedding.vector).where(
                ProposalEmbedding.proposal_id.in_(pids)
            )
        ).all()
    )
    assert sorted(rows) == sorted(pids)  # the third one was added, none twice
    assert np.frombuffer(rows[pids[0]], dtype=np.float32)[0] == 1.0  # the first kept
    assert np.frombuffer(rows[pids[2]], dtype=np.float32)[0] == 0.0
