"""The round's data for analysts: an XLSX workbook and a JSON document of one analysis run.

Every text cell of the workbook goes through :func:`consult.exports.tables.safe_cell`, so a
participant's ``=HYPERLINK(...)`` stays text instead of becoming a formula.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from consult.exports.summary import SummaryTheme
from consult.exports.tables import safe_cell
from consult.extensions import db
from consult.formatting import organisation_kind_label
from consult.organisations.models import Organisation
from consult.rounds.models import Question, Round
from consult.submissions.models import Proposal, Submission
from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal
from consult.workshops.models import Workshop
from consult.workshops.participation import organisation_ids, organisations_by_kind, participation
from consult.workshops.queries import with_source

HEADER_FILL = PatternFill("solid", fgColor="E8F0F6")


@dataclass
class ProposalRecord:
    id: int
    question: str
    source_kind: str
    source: str
    text: str
    theme_position: int | None
    theme_title: str


def round_proposals(rnd: Round, run: AnalysisRun) -> list[ProposalRecord]:
    """Every proposal of the round, with its source and its theme in ``run`` (if any)."""
    membership = dict(
        db.session.execute(
            sa.select(CandidateThemeProposal.proposal_id, CandidateTheme.id)
            .join(CandidateTheme, CandidateTheme.id == CandidateThemeProposal.theme_id)
            .where(CandidateTheme.run_id == run.id)
        ).all()
    )
    themes = {t.id: t for t in run.themes}
    stmt = (
        with_source(
            sa.select(
                Proposal.id, Question.text, Workshop.network, Organisation.name, Proposal.text
            )
        )
        .where(Submission.round_id == rnd.id, Proposal.visible())
        .order_by(Proposal.id)
    )
    records = []
    for pid, question, network, org, text in db.session.execute(stmt):
        theme = themes.get(membership.get(pid, -1))
        records.append(
            ProposalRecord(
                id=pid,
                question=question,
                source_kind="workshop" if network is not None else "organisation",
                source=network if network is not None else (org or ""),
                text=text,
                theme_position=theme.position if theme else None,
                theme_title=theme.title if theme else "",
            )
        )
    return records


def round_organisations(rnd: Round) -> list[Organisation]:
    ids = organisation_ids(rnd)
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)
        )
    )


def _xlsx_value(value: object) -> object:
    value = safe_cell(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _sheet(
    wb: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[object]], widths
):
    ws = wb.create_sheet(title[:31])
    ws.append([_xlsx_value(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        # safe_cell's apostrophe also keeps openpyxl from storing "=..." as a formula.
        ws.append([_xlsx_value(v) for v in row])
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    return ws


def build_xlsx(rnd: Round, run: AnalysisRun) -> bytes:
    """The round's workshops, organisations, proposals and the run's themes as a workbook.

    Args:
        rnd: The round.
        run: A finished analysis run of the round; gives each proposal its theme.

    Returns:
        The ``.xlsx`` file's bytes.
    """
    wb = Workbook()
    wb.remove(wb.active)
    part = participation(rnd)
    proposals_by_workshop = {w.id: w.proposals for w in part.workshops}
    workshops = db.session.scalars(
        sa.select(Workshop).where(Workshop.round_id == rnd.id).order_by(Workshop.date, Workshop.id)
    )
    _sheet(
        wb,
        _("Workshops"),
        [
            _("Date"),
            _("Network"),
            _("Place"),
            _("Facilitator"),
            _("Organisations' representatives"),
            _("Municipality or wellbeing county staff"),
            _("Residents"),
            _("Others"),
            _("Participants"),
            _("Proposals"),
        ],
        (
            [
                w.date,
                w.network,
                w.place,
                w.facilitator,
                w.org_reps,
                w.staff,
                w.residents,
                w.others,
                w.participants,
                proposals_by_workshop.get(w.id, 0),
            ]
            for w in workshops
        ),
        [12, 36, 18, 20, 14, 14, 12, 10, 12, 12],
    )
    _sheet(
        wb,
        _("Organisations"),
        [_("Name"), _("Kind"), _("Municipality"), _("Business ID")],
        (
            [o.name, organisation_kind_label(o.kind), o.municipality, o.business_id or ""]
            for o in round_organisations(rnd)
        ),
        [44, 22, 18, 14],
    )
    _sheet(
        wb,
        _("Proposals"),
        [_("Id"), _("Question"), _("Source"), _("Proposal"), _("Theme no."), _("Theme")],
        (
            [p.id, p.question, p.source, p.text, p.theme_position or "", p.theme_title]
            for p in round_proposals(rnd, run)
        ),
        [8, 30, 30, 70, 10, 40],
    )
    _sheet(
        wb,
        _("Themes"),
        [
            _("Theme no."),
            _("Theme"),
            _("Keywords"),
            _("Proposals"),
            _("Organisations"),
            _("Workshops"),
        ],
        (
            [
                t.position,
                t.title,
                ", ".join(t.keywords),
                t.n_proposals,
                t.n_organisations,
                t.n_workshops,
            ]
            for t in run.themes
        ),
        [10, 50, 50, 12, 14, 12],
    )
    for (cell,) in wb.worksheets[0].iter_rows(min_row=2, max_col=1):
        cell.number_format = "d.m.yyyy"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


class _WithoutCloud:
    """A theme as ``SummaryTheme.from_theme`` reads it, minus the word cloud: JSON carries no
    pictures, and drawing each theme's cloud took ~0.25 s (a minute for 256 themes)."""

    word_cloud = None

    def __init__(self, theme: CandidateTheme) -> None:
        self._theme = theme

    def __getattr__(self, name: str) -> object:
        return getattr(self._theme, name)


def build_json(rnd: Round, run: AnalysisRun) -> bytes:
    """The whole run as JSON: round, participation, themes with every proposal.

    Args:
        rnd: The round.
        run: A finished analysis run of the round.

    Returns:
        UTF-8 JSON bytes (text kept as typed; JSON is not opened by spreadsheets).
    """
    themes = []
    for theme in run.themes:
        st = SummaryTheme.from_theme(_WithoutCloud(theme))
        themes.append(
            {
                "position": theme.position,
                "title": st.title,
                "statement": st.statement,
                "keywords": st.keywords,
                "is_other": st.is_other,
                "support": {
                    "proposals": st.n_proposals,
                    "organisations": st.n_organisations,
                    "workshops": st.n_workshops,
                },
                "route": st.route,
                "status": st.status,
                "representatives": [q.id for q in st.quotes],
                "proposals": [
                    {
                        "id": p.id,
                        "question": p.question,
                        "source_kind": p.source_kind,
                        "source": p.source,
                        "text": p.text,
                    }
                    for p in st.proposals
                ],
            }
        )
    document = {
        "round": {
            "slug": rnd.slug,
            "title": rnd.title,
            "purpose": rnd.purpose,
            "opens_on": _iso(rnd.opens_on),
            "closes_on": _iso(rnd.closes_on),
            "questions": [{"id": q.id, "text": q.text} for q in rnd.questions],
        },
        "run": {
            "id": run.id,
            "question_id": run.question_id,
            "engine_version": run.engine_version,
            "created_at": _iso(run.created_at),
            "finished_at": _iso(run.finished_at),
            "n_proposals": run.n_proposals,
            "n_themes": run.n_themes,
        },
        "participation": participation(rnd).as_json(),
        "organisations_by_kind": organisations_by_kind(rnd),
        "themes": themes,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
