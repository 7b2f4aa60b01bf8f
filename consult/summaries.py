"""One description of a theme as every summary and export shows it: :class:`HighlightSummary`.

A curated highlight (nosto) or a run's candidate theme, with its support, quotes and
proposals, route and follow-up. Curation, results and exports all build these; the
proposal type differs by audience (``SummaryProposal`` for the convenors' documents,
the results' ``PublicProposal`` for what may be published). This module imports no
feature but the highlight's vocabulary, so every feature may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from flask_babel import gettext as _

from consult.curation.labels import ROUTE_LABELS

P = TypeVar("P")


def route_label(route: str | None) -> str:
    """A route's label in the current language; candidate themes have none yet."""
    if not route:
        return _("not routed yet")
    return str(ROUTE_LABELS.get(route, route))


@dataclass
class SummaryProposal:
    """One proposal with the workshop or organisation it came from."""

    id: int
    text: str
    question: str
    source: str
    source_kind: str  # "workshop" or "organisation"

    def source_label(self) -> str:
        kind = _("Workshop") if self.source_kind == "workshop" else _("Organisation")
        return f"{kind}: {self.source}"


@dataclass
class HighlightSummary(Generic[P]):
    """A highlight (or a candidate theme) as a summary shows it.

    Attributes:
        title: The (curated) title.
        statement: The convenors' statement; empty for candidate themes.
        keywords: Describing words, most telling first.
        n_proposals: Proposals supporting it.
        n_organisations: Organisations that proposed it directly.
        n_workshops: Workshops that proposed it.
        quotes: Representative (or quotable) proposals, shown as quotes.
        proposals: Every proposal of it, each once.
        id: The highlight's id; None for a candidate theme.
        position: Its place in the list (1 = first).
        route: Route key (``consult.curation.labels.ROUTES``); None when not routed yet.
        route_label: The route in words, e.g. "Other document: Hyte-suunnitelma".
        status: Follow-up status key; None for a candidate theme.
        status_label: The follow-up status in words.
        word_cloud: PNG bytes, or None.
        is_other: True for the catch-all theme of proposals that fit nowhere else.
        workshops: Published form only: the workshops it came from.
        organisations: Published form only: organisations that allowed being named.
        n_unnamed_organisations: Published form only: organisations counted, not named.
    """

    title: str
    statement: str = ""
    keywords: list[str] = field(default_factory=list)
    n_proposals: int = 0
    n_organisations: int = 0
    n_workshops: int = 0
    quotes: list[P] = field(default_factory=list)
    proposals: list[P] = field(default_factory=list)
    id: int | None = None
    position: int = 0
    route: str | None = None
    route_label: str = ""
    status: str | None = None
    status_label: str = ""
    status_date: date | None = None
    status_note: str = ""
    word_cloud: bytes | None = None
    is_other: bool = False
    workshops: list[Any] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    n_unnamed_organisations: int = 0

    def route_text(self) -> str:
        return self.route_label or route_label(self.route)

    def status_text(self) -> str:
        return self.status_label or _("Candidate theme")

    def support_text(self) -> str:
        return _(
            "%(p)d proposals, %(o)d organisations, %(w)d workshops",
            p=self.n_proposals,
            o=self.n_organisations,
            w=self.n_workshops,
        )
