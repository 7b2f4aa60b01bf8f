"""Routing highlights to documents and recording their follow-up status.

These are edits of the highlights (one change each in the history, so they can be undone);
the follow-up pages (:mod:`consult.followup`) and curation's pages both use them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from flask import current_app

from consult import signals
from consult.curation.errors import CurationError
from consult.curation.history import change
from consult.curation.labels import ROUTES, STATUSES
from consult.curation.services import chosen, highlight
from consult.errors import ErrorCode
from consult.rounds.models import Round


def _check(route: str | None, status: str | None, route_other: str) -> None:
    if (route is not None and route not in ROUTES) or (
        status is not None and status not in STATUSES
    ):
        raise CurationError()
    if route == "other" and not route_other.strip():
        raise CurationError(ErrorCode.OTHER_DOCUMENT_UNNAMED)


def bulk_follow_up(
    rnd: Round,
    theme_ids: list[int],
    *,
    route: str | None = None,
    route_other: str = "",
    status: str | None = None,
    status_date: date | None = None,
    user_id: int | None,
    version: int,
) -> None:
    """Set the route or the follow-up status (or both) of several highlights as one change.

    A status change without a date keeps each highlight's own date and note.
    """
    if route is None and status is None:
        raise CurationError(ErrorCode.NO_ROUTE_OR_STATUS)
    _check(route, status, route_other)
    with change(rnd, user_id=user_id, version=version) as ch:
        picked = chosen(rnd, theme_ids, minimum=1)
        for theme in picked:
            if route is not None:
                theme.route = route
                theme.route_other = route_other.strip() if route == "other" else ""
            if status is not None:
                theme.status = status
                if status_date is not None:
                    theme.status_date = status_date
        titles = [t.title for t in picked]
        if route is not None and status is not None:
            ch.record("bulk_follow_up", titles=titles, route=route, status=status)
        elif route is not None:
            ch.record("bulk_route", titles=titles, route=route)
        else:
            ch.record("bulk_status", titles=titles, status=status)


def set_follow_up(
    rnd: Round,
    theme_id: int,
    *,
    route: str,
    route_other: str,
    status: str,
    status_date: date | None,
    status_note: str,
    user_id: int | None,
    version: int,
) -> None:
    """Route a highlight to a document and record how its follow-up stands."""
    _check(route, status, route_other)
    with change(rnd, user_id=user_id, version=version) as ch:
        theme = highlight(rnd, theme_id)
        was = (theme.route, theme.route_other, theme.status, theme.status_date, theme.status_note)
        theme.route, theme.route_other = route, route_other.strip() if route == "other" else ""
        theme.status, theme.status_date = status, status_date
        theme.status_note = status_note.strip()
        now = (theme.route, theme.route_other, theme.status, theme.status_date, theme.status_note)
        ch.record("follow_up", title=theme.title, route=route, status=status)
    if was != now:
        signals.highlight_status_changed.send(
            cast(Any, current_app)._get_current_object(), round_id=rnd.id, highlight_id=theme.id
        )
