"""The service's clock: the calendar day and wall-clock time in Europe/Helsinki.

Rounds open and close on Finnish calendar days, so "today" is the Helsinki date, never the
server's local date nor the UTC date (at 23:30 UTC it is already tomorrow in Helsinki).
Stored instants stay timezone-aware UTC (:func:`consult.utils.utcnow`); this module only
turns an instant into the local day or time. Every function takes an ``instant`` so that
tests (and callers that already hold one) can say which moment they mean.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from consult.config import DefaultConfig
from consult.utils import utcnow

ZONE = ZoneInfo(DefaultConfig.BABEL_DEFAULT_TIMEZONE)  # "Europe/Helsinki", as the UI shows


def now(instant: datetime | None = None) -> datetime:
    """The wall-clock time in Helsinki (aware) now, or at the given ``instant``.

    A naive ``instant`` is UTC: stored instants are UTC, and SQLite returns them without
    their time zone.
    """
    instant = utcnow() if instant is None else instant
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(ZONE)


def today(instant: datetime | None = None) -> date:
    """The Helsinki calendar day now, or at the given aware ``instant``."""
    return now(instant).date()


def date_of(instant: datetime) -> date:
    """The Helsinki calendar day of a stored (UTC) instant, e.g. when a run was made."""
    return today(instant)
