"""What every round page needs from the web side: the round of a URL, and the round page's
sections that other features fill in.

``rounds`` is the root feature and imports no other; the round's overview still shows
workshops, analyses and mail. Each of those features registers a provider with
:func:`detail_section`; the page merges what the providers return into its template context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort

from consult.errors import NotFound
from consult.rounds import services
from consult.rounds.models import Round

DetailSection = Callable[[Round], dict[str, Any]]

_detail_sections: list[DetailSection] = []


def round_or_404(slug: str) -> Round:
    """The round of a URL's slug; a 404 page when there is none (views only)."""
    try:
        return services.round_by_slug(slug)
    except NotFound:
        abort(404)


def detail_section(provider: DetailSection) -> DetailSection:
    """Register ``provider(rnd) -> template values`` for the round's overview page."""
    if provider not in _detail_sections:
        _detail_sections.append(provider)
    return provider


def detail_values(rnd: Round) -> dict[str, Any]:
    """The template values every registered section gives for ``rnd``."""
    values: dict[str, Any] = {}
    for provider in _detail_sections:
        values.update(provider(rnd))
    return values
