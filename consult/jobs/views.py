"""The state of a background job, for pages that poll it."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify
from flask_login import login_required

from consult.jobs.status import get_job

bp = Blueprint("jobs", __name__, url_prefix="/tyot")


@bp.get("/<job_id>.json")
@login_required
def status(job_id: str):
    """``{"status", "progress", "stage", "error", "result"}`` of one job."""
    job = get_job(job_id) if len(job_id) <= 36 else None
    if job is None:
        abort(404)
    return jsonify(job.as_dict())
