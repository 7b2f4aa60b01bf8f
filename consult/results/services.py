"""Publishing a round's results and writing its general observations."""

from __future__ import annotations

from flask import current_app

from consult import signals
from consult.extensions import db
from consult.results.models import Publication
from consult.rounds.models import Round
from consult.utils import utcnow


def _publication(rnd: Round) -> Publication:
    pub = db.session.get(Publication, rnd.id)
    if pub is None:
        pub = Publication(round_id=rnd.id, observations="")
        db.session.add(pub)
    return pub


def save_observations(rnd: Round, text: str) -> None:
    """Store the convenors' general observations (shown when the results are public)."""
    _publication(rnd).observations = text.strip()
    db.session.flush()


def publish(rnd: Round) -> bool:
    """Make the results page public; emits ``results_published`` the first time.

    Returns:
        True when the page was not public before.
    """
    pub = _publication(rnd)
    if pub.published_at is not None:
        return False
    pub.published_at = utcnow()
    db.session.flush()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    signals.results_published.send(app, round_id=rnd.id)
    return True


def unpublish(rnd: Round) -> None:
    """Take the results page down (the link answers 404 again)."""
    pub = _publication(rnd)
    pub.published_at = None
    db.session.flush()
