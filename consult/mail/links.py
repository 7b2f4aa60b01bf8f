"""Links that messages carry: invitation links, unsubscribe links, the results page."""

from __future__ import annotations

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from consult.utils import derive_token

# The results page belongs to the publishing feature; the first endpoint that exists is
# used, else the round's public page.
RESULTS_ENDPOINTS = ("results.public", "results.page", "publish.results", "results.index")


def invitation_token(nonce: str) -> str:
    """An invitation link's token, derived like session links (the database alone opens
    nothing)."""
    return derive_token(current_app.config["SECRET_KEY"], "invitation", nonce)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="consult-unsubscribe")


def unsubscribe_token(kind: str, target_id: int) -> str:
    """A signed token that stops reminders of an invitation (``"i"``) or results notices
    of an answer (``"s"``)."""
    return _serializer().dumps([kind, target_id])


def read_unsubscribe_token(token: str) -> tuple[str, int] | None:
    try:
        kind, target_id = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if kind not in ("i", "s") or not isinstance(target_id, int):
        return None
    return kind, target_id


def results_url(slug: str) -> str:
    for endpoint in RESULTS_ENDPOINTS:
        if endpoint in current_app.view_functions:
            return url_for(endpoint, slug=slug, _external=True)
    return url_for("submissions.public", slug=slug, _external=True)
