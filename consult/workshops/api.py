"""JSON endpoints of the capture page under the session link (token in the URL, CSRF header).

Every change is committed before the answer is sent, so whatever the page shows as saved
survives a server restart. Errors are JSON: 400 with field messages, 404 for an unknown
link, 409 once the workshop is closed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError, generate_csrf
from sqlalchemy.exc import IntegrityError

from consult.errors import WorkshopClosed
from consult.extensions import db, limiter
from consult.signals import answers_saved
from consult.utils import hash_token
from consult.workshops import capture, services
from consult.workshops.capture import InvalidInput
from consult.workshops.models import Workshop
from forms.fields import MAX_PROPOSAL_LENGTH
from forms.workshops import MAX_COUNT

bp = Blueprint("capture", __name__, url_prefix="/tyopaja/<token>/api")
WRITES = ["POST", "PUT", "DELETE"]
limiter.limit(lambda: current_app.config["CAPTURE_RATE_LIMIT"], methods=WRITES)(bp)
limiter.limit(
    lambda: current_app.config["CAPTURE_LINK_RATE_LIMIT"],
    methods=WRITES,
    key_func=lambda: "capture:" + hash_token((request.view_args or {}).get("token", ""))[:16],
)(bp)


def _messages(fields: dict[str, str]) -> dict[str, str]:
    known = {
        ("text", "required"): gettext("Write the proposal first."),
        ("text", "too_long"): gettext(
            "A proposal can be at most %(max)d characters.", max=MAX_PROPOSAL_LENGTH
        ),
        ("name", "required"): gettext("Write the organisation's name."),
        ("name", "too_long"): gettext("An organisation's name can be at most 200 characters."),
        ("report", "too_long"): gettext(
            "At most %(max)d characters.", max=capture.MAX_REPORT_LENGTH
        ),
    }
    out = {}
    for field, code in fields.items():
        if code == "count":
            out[field] = gettext("Give a number from %(min)s to %(max)s.", min=0, max=MAX_COUNT)
        else:
            out[field] = known.get((field, code), gettext("This value is not valid."))
    return out


def _json_error(status: int, error: str, message: str, **extra: Any):
    return jsonify({"error": error, "message": message, **extra}), status


def _not_found():
    return _json_error(
        404,
        "not_found",
        gettext("This workshop link is not valid. Check the link you were given."),
    )


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_unicode(value: Any) -> Any:
    """Replace lone UTF-16 surrogates (valid JSON escapes, not text) with U+FFFD.

    A phone keyboard or a copy-paste can cut an emoji in half; the entry is kept with a
    replacement character instead of failing on every resend.
    """
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_clean_unicode(v) for v in value]
    if isinstance(value, dict):
        return {_clean_unicode(k): _clean_unicode(v) for k, v in value.items()}
    return value


def _run(token: str, change: Callable[[Workshop, dict], Any]):
    """Apply one change and commit; a unique clash with a concurrent request is retried once."""
    body = _clean_unicode(request.get_json(silent=True))
    if not isinstance(body, dict):
        body = {}
    for attempt in range(2):
        workshop = services.workshop_for_token(token)
        if workshop is None:
            return _not_found()
        try:
            result = change(workshop, body)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            if attempt:
                raise
            continue
        return jsonify({"ok": True, **(result or {})})
    raise AssertionError("unreachable")


@bp.errorhandler(InvalidInput)
def invalid(error: InvalidInput):
    db.session.rollback()
    return _json_error(400, "invalid", gettext("Check the entry."), fields=_messages(error.fields))


@bp.errorhandler(429)
def too_many(_error):
    return _json_error(
        429, "rate_limited", gettext("Too many saves at once. Your entries wait and are sent soon.")
    )


@bp.errorhandler(WorkshopClosed)
def closed(_error: WorkshopClosed):
    db.session.rollback()
    return _json_error(
        409,
        "closed",
        gettext(
            "This workshop has been closed, so changes are no longer saved. Contact the convenor if something is missing."
        ),
    )


@bp.errorhandler(CSRFError)
def csrf_failed(_error: CSRFError):
    return _json_error(
        400, "csrf", gettext("The page had expired. It was refreshed; your entries are kept.")
    )


@bp.get("/state")
def state(token: str):
    """What the page shows: counts, organisations, proposals, report, closed or not."""
    workshop = services.workshop_for_token(token)
    if workshop is None:
        return _not_found()
    return jsonify({**capture.state(workshop), "csrf_token": generate_csrf()})


@bp.put("/proposals/<client_id>")
def put_proposal(token: str, client_id: str):
    """Add or edit one proposal by the id the browser gave it."""

    def change(workshop: Workshop, body: dict) -> dict:
        proposal, created = capture.upsert_proposal(
            workshop,
            client_id,
            question_id=body.get("question_id"),
            text=body.get("text"),
            position=body.get("position"),
        )
        answers_saved.send(None, round_id=workshop.round_id)  # sent after the commit, with the text
        return {
            "created": created,
            "proposal": {
                "client_id": proposal.client_id,
                "question_id": proposal.question_id,
                "text": proposal.text,
                "position": proposal.position,
            },
        }

    return _run(token, change)


@bp.delete("/proposals/<client_id>")
def delete_proposal(token: str, client_id: str):
    """Remove one proposal; removing it again answers the same."""
    return _run(token, lambda w, _b: {"deleted": capture.delete_proposal(w, client_id)})


@bp.post("/order")
def order(token: str):
    """Reorder a question's proposals."""
    return _run(token, lambda w, b: capture.reorder(w, b.get("question_id"), b.get("order")))


@bp.put("/counts")
def counts(token: str):
    """Set participant counts by kind (only the kinds sent)."""
    return _run(token, lambda w, b: capture.set_counts(w, b.get("counts")))


@bp.put("/report")
def report(token: str):
    """Replace the closing report."""
    return _run(token, lambda w, b: capture.set_report(w, b.get("report")))


@bp.get("/organisations")
def organisations(token: str):
    """Names from the organisation directory, filtered by ``q``, for the picker."""
    if services.workshop_for_token(token) is None:
        return _not_found()
    query = request.args.get("q", "")[:200]
    return jsonify({"organisations": capture.directory(query)})


@bp.post("/organisations")
def add_organisation(token: str):
    """Mark an organisation as attending (added to the directory if new)."""
    return _run(token, lambda w, b: {"name": capture.add_organisation(w, b.get("name")).name})


@bp.post("/organisations/remove")
def remove_organisation(token: str):
    """Unmark an attending organisation."""
    return _run(token, lambda w, b: {"removed": capture.remove_organisation(w, b.get("name"))})


@bp.post("/close")
def close(token: str):
    """Hand the workshop in."""

    def change(workshop: Workshop, _body: dict) -> None:
        services.close(workshop)

    return _run(token, change)
