"""Downloads: themed summaries and the participation table."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from flask_login import login_required

from consult.exports import documents
from consult.extensions import db
from consult.rounds.queries import participation
from consult.rounds.services import get_round
from consult.themes.models import AnalysisRun

bp = Blueprint("exports", __name__, url_prefix="/kierrokset")


def _download(body: bytes | str, filename: str, mimetype: str) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _run(slug: str, run_id: int) -> AnalysisRun:
    run = db.get_or_404(AnalysisRun, run_id)
    if run.round.slug != slug or run.status != "done":
        abort(404)
    return run


@bp.route("/<slug>/osallistuminen.csv")
@login_required
def participation_csv(slug: str):
    """Participation table as CSV."""
    rnd = get_round(slug) or abort(404)
    return _download(
        documents.participation_csv(rnd, participation(rnd)),
        f"{slug}-osallistuminen.csv",
        "text/csv; charset=utf-8",
    )


@bp.route("/<slug>/analyysi/<int:run_id>/teemat.csv")
@login_required
def themes_csv(slug: str, run_id: int):
    """Themes and their proposals as CSV."""
    run = _run(slug, run_id)
    return _download(
        documents.themes_csv(run), f"{slug}-teemat-{run.id}.csv", "text/csv; charset=utf-8"
    )


@bp.route("/<slug>/analyysi/<int:run_id>/teemat.md")
@login_required
def themes_markdown(slug: str, run_id: int):
    """Themed summary as Markdown."""
    run = _run(slug, run_id)
    body = documents.themes_markdown(run.round, run, participation(run.round))
    return _download(body, f"{slug}-teemat-{run.id}.md", "text/markdown; charset=utf-8")
