"""What pages showing a round's results need from the web side: the round of a URL when its
results may be seen (the public results page here, and the statement download exports serve)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from consult.results import queries
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404


def visible_round(slug: str) -> Round:
    """The round when its results are public, or when a logged-in user previews them; a 404
    page otherwise (views only)."""
    rnd = round_or_404(slug)
    if not queries.is_published(rnd) and not current_user.is_authenticated:
        abort(404)
    return rnd
