"""Participation charts as PNG, drawn with matplotlib's Agg canvas (no pyplot global state).

Charts are deterministic: the same figures give the same bytes (no timestamps in the PNG).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import cast

from flask_babel import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from consult.formatting import format_date_short, organisation_kind_label, participant_kind_label
from consult.workshops.participation import Participation

CHART_NAMES = ("tyopajat", "osallistujat", "organisaatiot")

BAR_COLOUR = "#1f5f8b"
TEXT_COLOUR = "#222222"
DPI = 150


@dataclass
class Chart:
    """A rendered chart: its URL name, title, text alternative and PNG bytes."""

    name: str
    title: str
    alt: str
    png: bytes


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=TEXT_COLOUR, labelsize=8)


def _hbar(labels: list[str], values: list[int], xlabel: str) -> bytes:
    """A horizontal bar chart, largest first from the top, each bar labelled with its value."""
    height = max(1.4, 0.32 * len(labels) + 0.7)
    fig = _figure(5.0, height)
    ax = fig.add_subplot()
    positions = list(range(len(labels)))
    bars = ax.barh(positions, values, color=BAR_COLOUR)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.bar_label(bars, padding=3, fontsize=8, color=TEXT_COLOUR)
    ax.tick_params(axis="y", length=0)
    return _finish(fig, ax, values, xlabel, horizontal=True)


def _finish(fig: Figure, ax, values: list[int], label: str, *, horizontal: bool) -> bytes:
    """Label the axis of the values, leave room above the largest bar for its label, show
    whole numbers only; the chart as PNG."""
    if horizontal:
        set_label, set_lim, axis = ax.set_xlabel, ax.set_xlim, ax.xaxis
    else:
        set_label, set_lim, axis = ax.set_ylabel, ax.set_ylim, ax.yaxis
    set_label(label, fontsize=8, color=TEXT_COLOUR)
    set_lim(0, max(values or [1]) * 1.15 or 1)
    cast(MaxNLocator, axis.get_major_locator()).set_params(integer=True)
    _style(ax)
    return _png(fig)


def workshops_chart(part: Participation) -> bytes:
    """Participants per workshop, in date order, each bar labelled with its date.

    Args:
        part: The round's participation figures.

    Returns:
        PNG bytes.
    """
    fig = _figure(6.4, 3.4)
    ax = fig.add_subplot()
    rows = part.workshops
    positions = list(range(len(rows)))
    values = [w.participants for w in rows]
    bars = ax.bar(positions, values, color=BAR_COLOUR)
    ax.bar_label(bars, padding=2, fontsize=7, color=TEXT_COLOUR)
    ax.set_xticks(positions, [format_date_short(w.date) for w in rows], rotation=45, ha="right")
    return _finish(fig, ax, values, _("Participants"), horizontal=False)


def participants_chart(part: Participation) -> bytes:
    """Workshop participants by kind of participant.

    Args:
        part: The round's participation figures.

    Returns:
        PNG bytes.
    """
    items = list(part.by_kind.items())
    return _hbar(
        [participant_kind_label(k) for k, _v in items], [v for _k, v in items], _("Participants")
    )


def organisations_chart(by_kind: dict[str, int]) -> bytes:
    """Distinct organisations taking part, by kind of organisation, most first.

    Args:
        by_kind: Organisation kind → number of organisations.

    Returns:
        PNG bytes.
    """
    items = sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    return _hbar(
        [organisation_kind_label(k) for k, _v in items],
        [v for _k, v in items],
        _("Organisations"),
    )


def _workshops_alt(part: Participation) -> str:
    if not part.workshops:
        return _("No workshops yet.")
    most = max(part.workshops, key=lambda w: w.participants)
    least = min(part.workshops, key=lambda w: w.participants)
    return _(
        "Bar chart of participants per workshop from %(first)s to %(last)s: %(n)d workshops, "
        "%(total)d participants in all, from %(low)d to %(high)d per workshop.",
        first=format_date_short(part.workshops[0].date),
        last=format_date_short(part.workshops[-1].date),
        n=len(part.workshops),
        total=part.total,
        low=least.participants,
        high=most.participants,
    )


def _counts_alt(title: str, labels: dict[str, int]) -> str:
    parts = ", ".join(f"{label} {count}" for label, count in labels.items())
    return f"{title}: {parts}." if parts else f"{title}: –"


def round_charts(part: Participation, by_org_kind: dict[str, int]) -> list[Chart]:
    """All three participation charts of a round, with titles and text alternatives.

    Args:
        part: The round's participation figures.
        by_org_kind: Organisation kind → number of distinct organisations.

    Returns:
        Charts in the order of ``CHART_NAMES``.
    """
    return [chart(name, part, by_org_kind) for name in CHART_NAMES]


def chart_text(name: str, part: Participation, by_org_kind: dict[str, int]) -> tuple[str, str]:
    """A chart's title and text alternative, without drawing it."""
    if name == "tyopajat":
        return _("Participants per workshop"), _workshops_alt(part)
    if name == "osallistujat":
        title = _("Participants by kind")
        labels = {participant_kind_label(k): v for k, v in part.by_kind.items()}
        return title, _counts_alt(title, labels)
    if name == "organisaatiot":
        title = _("Organisations by kind")
        items = sorted(by_org_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        return title, _counts_alt(title, {organisation_kind_label(k): v for k, v in items})
    raise KeyError(name)


def chart(name: str, part: Participation, by_org_kind: dict[str, int]) -> Chart:
    """One chart by its URL name (one of ``CHART_NAMES``), drawn.

    Raises:
        KeyError: For an unknown name.
    """
    title, alt = chart_text(name, part, by_org_kind)
    if name == "tyopajat":
        png = workshops_chart(part)
    elif name == "osallistujat":
        png = participants_chart(part)
    else:
        png = organisations_chart(by_org_kind)
    return Chart(name, title, alt, png)
