"""Handing analysis runs and embeddings to the job queue (sent after the request's commit)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from consult.extensions import db
from consult.jobs import BackgroundJob, enqueue, get_job, preload
from consult.themes.models import AnalysisRun

ANALYSIS_TASK = "consult.themes.tasks:run_analysis"
EMBED_TASK = "consult.themes.tasks:embed_round"

# The engine behind the tasks is heavy to import: workers load it once, before forking.
preload("consult.themes.tasks")


def submit_run(run: AnalysisRun) -> str:
    """Queue a created run's analysis; the job id is kept on the run."""
    job_id = enqueue(
        ANALYSIS_TASK,
        run.id,
        description=f"analysis run {run.id}",
        timeout=current_app.config["ANALYSIS_TIMEOUT"],
    )
    run.settings = {**run.settings, "job_id": job_id}
    db.session.flush()
    return job_id


def queue_embeddings(round_id: int) -> str | None:
    """Embed newly saved proposals in the background, unless switched off or already queued."""
    if not current_app.config["EMBED_ON_SAVE"]:
        return None
    waiting = db.session.scalars(
        sa.select(BackgroundJob.args)
        .where(BackgroundJob.task == EMBED_TASK, BackgroundJob.status == "queued")
        .limit(100)
    )
    if any(args == [round_id] for args in waiting):
        return None  # a queued job will embed these too
    return enqueue(
        EMBED_TASK, round_id, description=f"embeddings of round {round_id}", background=True
    )


def run_state(run: AnalysisRun) -> tuple[str, str]:
    """(status, error) of a run as the page shows it, writing nothing.

    A run whose job failed, or whose worker died with no tries left, is failed even when
    no process has recorded that on the run yet.
    """
    if run.status not in ("queued", "running"):
        return run.status, run.error
    job_id = run.settings.get("job_id")
    job = get_job(job_id) if job_id else None
    if job is not None and job.status == "failed":
        return "failed", "interrupted: " + (job.error or "the job failed")
    return run.status, run.error
