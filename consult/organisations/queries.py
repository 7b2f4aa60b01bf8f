"""Read-only views of the organisation directory.

The directory shows how often each organisation took part, but the answers and workshops
it counts belong to features above this one: each registers a counter with
:func:`directory_count` (submissions: "submissions", workshops: "workshops").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from consult.extensions import db
from consult.organisations.models import Organisation
from consult.utils import name_key

Counter = Callable[[], dict[int, int]]

_counters: dict[str, Counter] = {}


def directory_count(name: str) -> Callable[[Counter], Counter]:
    """Register ``counter() -> {organisation id: n}`` as the directory's count ``name``."""

    def register(counter: Counter) -> Counter:
        _counters[name] = counter
        return counter

    return register


@dataclass
class DirectoryRow:
    org: Organisation
    counts: dict[str, int]  # by the name each counter was registered under


def directory(search: str = "") -> list[DirectoryRow]:
    counted = {name: counter() for name, counter in _counters.items()}
    stmt = sa.select(Organisation).order_by(Organisation.name_key)
    if search:
        stmt = stmt.where(Organisation.name_key.contains(name_key(search), autoescape=True))
    return [
        DirectoryRow(o, {name: by_org.get(o.id, 0) for name, by_org in counted.items()})
        for o in db.session.scalars(stmt)
    ]
