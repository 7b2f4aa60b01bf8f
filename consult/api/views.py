"""Read-only JSON API for convenors, authenticated by a bearer token."""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any

from flask import Blueprint, g, jsonify, request

from consult.auth.services import user_for_api_token
from consult.extensions import db
from consult.rounds.pages import round_or_404
from consult.rounds.services import list_rounds
from consult.themes.queries import latest_done_run
from consult.workshops import participation as queries

if TYPE_CHECKING:
    from consult.themes.models import AnalysisRun, CandidateTheme

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def token_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        user = user_for_api_token(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            response = jsonify(error="unauthorized", message="A valid bearer token is required.")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer realm="consult"'
            return response
        if db.session.dirty:
            db.session.commit()  # last_used_at, written at most once an hour
        g.api_user = user
        return view(*args, **kwargs)

    return wrapped


@bp.errorhandler(404)
def not_found(_error):
    return jsonify(error="not_found"), 404


@bp.get("/rounds")
@token_required
def rounds():
    """All rounds with their dates and counts."""
    data = []
    for rnd in list_rounds():
        part = queries.participation(rnd)
        data.append(
            {
                "slug": rnd.slug,
                "title": rnd.title,
                "opens_on": rnd.opens_on.isoformat(),
                "closes_on": rnd.closes_on.isoformat(),
                "questions": len(rnd.questions),
                "workshops": len(part.workshops),
                "participants": part.total,
                "independent_submissions": part.independent_submissions,
                "organisations": part.organisations,
                "proposals": part.proposals,
            }
        )
    return jsonify(rounds=data)


@bp.get("/rounds/<slug>/participation")
@token_required
def participation(slug: str):
    """The participation table of a round."""
    return jsonify(queries.participation(round_or_404(slug)).as_json())


@bp.get("/rounds/<slug>/themes")
@token_required
def themes(slug: str):
    """The themes of the latest finished analysis."""
    rnd = round_or_404(slug)
    run = latest_done_run(rnd)
    if run is None:
        return jsonify(analysis=None, themes=[])
    return jsonify(analysis=_run_json(run), themes=[_theme_json(t) for t in run.themes])


def _run_json(run: AnalysisRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "question": run.question.text if run.question else None,
        "engine_version": run.engine_version,
        "proposals": run.n_proposals,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "silhouette": run.silhouette,
    }


def _theme_json(t: CandidateTheme) -> dict[str, Any]:
    return {
        "position": t.position,
        "title": t.title,
        "keywords": t.keywords,
        "other": t.is_other,
        "proposals": t.n_proposals,
        "organisations": t.n_organisations,
        "workshops": t.n_workshops,
    }
