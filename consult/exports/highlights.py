"""The curated highlights (nostot) as data: CSV (one row per highlight) and an XLSX workbook
(highlights, and their proposals). Every text cell is formula-safe."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook

from consult.curation import queries as curation
from consult.exports.datasets import _sheet
from consult.exports.tables import to_csv
from consult.formatting import format_date_short
from consult.rounds.models import Round


def _header() -> list[str]:
    return [
        _("No."),
        _("Highlight"),
        _("Statement"),
        _("Keywords"),
        _("Proposals"),
        _("Organisations"),
        _("Workshops"),
        _("Route"),
        _("Status"),
        _("Date"),
        _("Note"),
    ]


def _rows(rnd: Round) -> list[list[object]]:
    return [
        [
            t.position,
            t.title,
            t.statement,
            ", ".join(t.keywords),
            t.n_proposals,
            t.n_organisations,
            t.n_workshops,
            t.route_label,
            t.status_label,
            format_date_short(t.status_date),
            t.status_note,
        ]
        for t in curation.selected_summary_themes(rnd)
    ]


def highlights_csv(rnd: Round) -> bytes:
    """One row per highlight: its texts, support, route and follow-up."""
    return to_csv(_header(), _rows(rnd))


def highlights_xlsx(rnd: Round) -> bytes:
    """Sheet 1: the highlights; sheet 2: every proposal in a highlight, with its source."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, _("Highlights"), _header(), _rows(rnd), [6, 40, 60, 30, 10, 12, 10, 24, 18, 12, 40])
    members = curation.theme_proposals(rnd)
    rows = [
        [t.position, t.title, r.id, r.question, r.source, r.text, _("Yes") if r.quotable else ""]
        for t in curation.themes(rnd)
        for r in members.get(t.id, [])
    ]
    _sheet(
        wb,
        _("Proposals"),
        [_("No."), _("Highlight"), _("Id"), _("Question"), _("Source"), _("Proposal"), _("Quote")],
        rows,
        [6, 40, 8, 30, 30, 80, 8],
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
