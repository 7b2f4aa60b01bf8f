"""Analyses react to new input: proposals saved anywhere are embedded in the background, and
a stored embedding goes with the text it was computed from."""

from __future__ import annotations

from consult.signals import answers_saved, proposals_deleting, proposals_saved
from consult.themes import embeddings, jobs


@answers_saved.connect
def embed_new_proposals(_sender: object, round_id: int, **_kwargs: object) -> None:
    jobs.queue_embeddings(round_id)


@proposals_saved.connect
@proposals_deleting.connect
def forget_stale_embeddings(_sender: object, proposal_ids: list[int], **_kwargs: object) -> None:
    """An edited proposal is embedded again when needed; a deleted one keeps nothing."""
    embeddings.forget(proposal_ids)
