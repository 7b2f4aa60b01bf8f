"""What every round page needs from the web side: the round of a URL, and the round page's
sections that other features fill in.

``rounds`` is the root feature and imports no other; the round's overview still shows
workshops, analyses and mail. Each of those features registers a provider with
:func:`detail_section`; the page merges what the providers return into its template context.
"""

from __future__ import annotations

from flask import abort

from consult.errors import NotFound
from consult.rounds import services
from consult.rounds.models import Round
from consult.utils import PageSections

_detail_sections: PageSections[Round] = PageSections()


def round_or_404(slug: str) -> Round:
    """The round of a URL's slug; a 404 page when there is none (views only)."""
    try:
        return services.round_by_slug(slug)
    except NotFound:
        abort(404)


# Register ``provider(rnd) -> template values`` for the round's overview page.
detail_section = _detail_sections.register
# The template values every registered section gives for a round.
detail_values = _detail_sections.values
