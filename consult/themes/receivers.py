"""Analyses react to new input: proposals saved anywhere are embedded in the background."""

from __future__ import annotations

from consult.signals import answers_saved
from consult.themes import jobs


@answers_saved.connect
def embed_new_proposals(_sender: object, round_id: int, **_kwargs: object) -> None:
    jobs.queue_embeddings(round_id)
