"""Front page, language choice and health check."""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from consult import clock
from consult.extensions import db
from consult.rounds.services import list_rounds

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """Open rounds with their public links, and the convenors' login."""
    today = clock.today()
    rounds = [r for r in list_rounds() if r.closes_on >= today]
    return render_template("main/index.html", rounds=rounds, today=today)


@bp.route("/kieli/<lang>", methods=["POST"])
def set_language(lang: str):
    """Remember the chosen UI language."""
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = lang
    target = request.form.get("next", "/")
    if urlsplit(target).netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("main.index")
    return redirect(target)


@bp.route("/healthz")
def healthz():
    """200 when the app and its database answer."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}
