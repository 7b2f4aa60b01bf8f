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


def test_embedding_a_round_hands_its_worker_back_between_slices(app, db, factory, monkeypatch):
    """A long embedding backlog runs as a chain of short jobs, so an analysis queued
    meanwhile gets the next free worker instead of waiting for the whole backlog."""
    from consult.jobs.models import BackgroundJob
    from consult.submissions.models import Proposal
    from consult.themes import tasks
    from consult.themes.jobs import EMBED_TASK

    rnd = seed_round(factory, db)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Proposal))
    monkeypatch.setattr(tasks, "EMBED_SLICE", 4)
    app.config["EMBED_ON_SAVE"] = True
    tasks.embed_round(rnd.id)  # the first slice; the rest follows as queued jobs (run inline)
    stored = db.session.scalar(sa.select(sa.func.count()).select_from(ProposalEmbedding))
    assert stored == total == 15
    jobs = db.session.scalars(sa.select(BackgroundJob).where(BackgroundJob.task == EMBED_TASK))
    slices = list(jobs)
    assert len(slices) == 3  # 4 + 4 + 4 + 3: the first slice ran outside a job
    assert all(j.status == "done" and j.background for j in slices)


def test_an_embedding_job_stops_at_its_time_limit_and_queues_the_rest(
    app, db, factory, monkeypatch
):
    """The slice is bounded in time too: a job past CONSULT_EMBED_SLICE_SECONDS finishes
    its batch, hands the rest to a new background job and frees its worker."""
    from consult.jobs.models import BackgroundJob
    from consult.submissions.models import Proposal
    from consult.themes import tasks
    from consult.themes.jobs import EMBED_TASK

    rnd = seed_round(factory, db)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Proposal))
    monkeypatch.setattr(embeddings, "SLICE_BATCH", 5)
    app.config.update(EMBED_ON_SAVE=True, EMBED_SLICE_SECONDS=0)  # one batch per job
    tasks.embed_round(rnd.id)
    stored = db.session.scalar(sa.select(sa.func.count()).select_from(ProposalEmbedding))
    assert stored == total == 15
    jobs = db.session.scalars(sa.select(BackgroundJob).where(BackgroundJob.task == EMBED_TASK))
    assert [j.status for j in jobs] == ["done", "done"]  # 5 outside a job, then 5 + 5


def test_an_edited_redacted_or_deleted_proposal_keeps_no_embedding_of_its_old_text(
    app, db, factory
):
    """Moderation and live capture change proposals; themes forget the embeddings."""
    from consult.proposals import services as moderation
    from consult.workshops import capture

    rnd = seed_round(factory, db)
    workshop = rnd.workshops[0]
    kept, edited, redacted, changed, deleted = (
        workshop.submission.proposals[:3] + rnd.workshops[1].submission.proposals[:2]
    )
    ids = [p.id for p in (kept, edited, redacted, changed, deleted)]
    embeddings._store(ids, np.ones((5, embeddings.DIM), dtype=np.float32))
    db.session.commit()
    moderation.edit(edited, "Uusi teksti", "", user_id=None)
    moderation.redact(redacted, "", user_id=None)
    other = rnd.workshops[1]
    question_id = changed.question_id
    capture.upsert_proposal(other, changed.client_id, question_id=question_id, text="Muutettu")
    capture.upsert_proposal(other, deleted.client_id, question_id=question_id, text=deleted.text)
    capture.delete_proposal(other, deleted.client_id)
    db.session.commit()
    left = db.session.scalars(sa.select(ProposalEmbedding.proposal_id)).all()
    assert left == [kept.id]
