"""Background tasks of the themes feature; run through ``consult.jobs`` with ids only."""

from __future__ import annotations

from flask import current_app

from consult.extensions import db
from consult.themes.embeddings import embed_pending
from consult.themes.models import AnalysisRun
from consult.themes.services import execute_run, mark_interrupted


def run_analysis(run_id: int) -> None:
    """Analyse a queued run; the job fails when the run does."""
    execute_run(run_id)
    run = db.session.get(AnalysisRun, run_id)
    if run is not None and run.status == "failed":
        raise RuntimeError("the analysis failed; the run records why")


def _analysis_lost(run_id: int, *, error: str) -> None:
    """The job failed or its worker died for good: the run says so, and can be started again."""
    run = db.session.get(AnalysisRun, run_id)
    if run is not None and run.status in ("queued", "running"):
        mark_interrupted(run)
        db.session.flush()


run_analysis.on_failure = _analysis_lost  # type: ignore[attr-defined]


# Proposals one embedding job takes at most before handing its worker back; it also stops
# after CONSULT_EMBED_SLICE_SECONDS (20). Measured under the load test, slices of 1,024 took
# 40-130 s (8-25 texts/s), so the time bound is what keeps an analysis queued meanwhile from
# waiting minutes for a worker.
EMBED_SLICE = 1024


def embed_round(round_id: int) -> None:
    """Embed a slice of a round's proposals that have no stored embedding yet; queue the rest.

    The rest goes back to the background queue as a new job, so an interactive job (an
    analysis) waiting meanwhile gets the next free worker.
    """
    from consult.themes.jobs import queue_embeddings

    seconds = current_app.config["EMBED_SLICE_SECONDS"]
    _done, more = embed_pending(round_id, limit=EMBED_SLICE, seconds=seconds)
    if more:
        queue_embeddings(round_id)
        db.session.commit()
