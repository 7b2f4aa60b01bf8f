"""The lausuntotiivistelmä (summary of views) of a round, gathered once for DOCX and PDF.

Its shape follows the Ministry of Justice's consultation guide: what was asked and when,
who took part, general observations, the views per highlight with who expressed them and
quotes, how each was taken into account, and an appendix of all proposals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from consult import clock
from consult.extensions import db
from consult.formatting import format_date_short, organisation_kind_label
from consult.organisations.models import Organisation
from consult.results import queries as results
from consult.results.queries import Highlight, PublicProposal
from consult.rounds.models import Round
from consult.workshops.participation import Participation, organisation_ids, participation


@dataclass
class Statement:
    """Everything the lausuntotiivistelmä says, in the current language."""

    round_title: str
    purpose: str
    questions: list[str]
    opens_on: date
    closes_on: date
    dated: date
    participation: Participation
    organisations: list[tuple[str, int, str]]  # (kind, count, "Oulu 3, Raahe 1")
    observations: str
    highlights: list[Highlight]
    proposals: list[PublicProposal]

    def asked_lines(self) -> list[str]:
        p = self.participation
        lines = [
            _(
                "Views were collected from %(start)s to %(end)s.",
                start=format_date_short(self.opens_on),
                end=format_date_short(self.closes_on),
            )
        ]
        if p.workshops:
            lines.append(
                _(
                    "%(n)d workshops were held inside existing networks between %(first)s and "
                    "%(last)s, with %(people)d participants in all.",
                    n=len(p.workshops),
                    first=format_date_short(p.workshops[0].date),
                    last=format_date_short(p.workshops[-1].date),
                    people=p.total,
                )
            )
        lines.append(
            _(
                "Organisations could also answer independently through a public form: "
                "%(n)d answers.",
                n=p.independent_submissions,
            )
        )
        return lines

    def title(self) -> str:
        return f"{self.round_title}: {_('Summary of views')}"

    def follow_up_table(self) -> tuple[list[str], list[list[str]], list[str]]:
        """Header, rows and per-row notes (the status note) of how each highlight was taken
        into account."""
        header = [_("Highlight"), _("Route"), _("Status"), _("Date")]
        rows = [
            [
                f"{h.position}. {h.title}",
                h.route_label,
                h.status_label,
                format_date_short(h.status_date),
            ]
            for h in self.highlights
        ]
        return header, rows, [h.status_note for h in self.highlights]


def source_label(source: results.Source) -> str:
    """Who said it, as the summary may print it."""
    if source.kind == "workshop":
        return _(
            "Workshop: %(network)s, %(date)s",
            network=source.name,
            date=format_date_short(source.when),
        )
    if source.named:
        return _("Organisation: %(name)s", name=source.name)
    place = ", ".join(
        x for x in (organisation_kind_label(source.org_kind), source.municipality) if x
    )
    return _("Organisation (%(what)s)", what=place) if place else _("Organisation")


def who_expressed(h: Highlight) -> str:
    """Workshops and organisations behind a highlight, in one sentence."""
    parts = []
    if h.workshops:
        parts.append(
            _("Workshops")
            + ": "
            + "; ".join(f"{w.name} ({format_date_short(w.when)})" for w in h.workshops)
        )
    if h.organisations:
        parts.append(_("Organisations") + ": " + ", ".join(h.organisations))
    if h.n_unnamed_organisations:
        parts.append(
            _(
                "Other organisations that answered independently: %(n)d",
                n=h.n_unnamed_organisations,
            )
        )
    return ". ".join(parts) + ("." if parts else "")


def taken_into_account(h: Highlight) -> str:
    """Route, status, date and note in one line."""
    text = f"{h.route_label} · {h.status_label}"
    if h.status_date:
        text += f" ({format_date_short(h.status_date)})"
    if h.status_note:
        text += f". {h.status_note}"
    return text


def organisations_by_kind_and_municipality(rnd: Round) -> list[tuple[str, int, str]]:
    """Per kind of organisation: how many took part, and from which municipalities."""
    ids = organisation_ids(rnd)
    if not ids:
        return []
    rows = db.session.execute(
        sa.select(Organisation.kind, Organisation.municipality, sa.func.count())
        .where(Organisation.id.in_(ids))
        .group_by(Organisation.kind, Organisation.municipality)
    ).all()
    by_kind: dict[str, dict[str, int]] = {}
    for kind, municipality, n in rows:
        by_kind.setdefault(kind, {})[municipality or "—"] = n
    result = []
    for kind, places in by_kind.items():
        ordered = sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))
        result.append(
            (
                organisation_kind_label(kind),
                sum(places.values()),
                ", ".join(f"{m} {n}" for m, n in ordered),
            )
        )
    return sorted(result, key=lambda r: (-r[1], r[0]))


def build_statement(rnd: Round, *, today: date | None = None) -> Statement:
    """Gather the round's lausuntotiivistelmä.

    Args:
        rnd: The round.
        today: The date printed on the title page; defaults to today.
    """
    return Statement(
        round_title=rnd.title,
        purpose=rnd.purpose,
        questions=[q.text for q in rnd.questions],
        opens_on=rnd.opens_on,
        closes_on=rnd.closes_on,
        dated=today or clock.today(),
        participation=participation(rnd),
        organisations=organisations_by_kind_and_municipality(rnd),
        observations=results.observations(rnd),
        highlights=results.highlights(rnd),
        proposals=results.round_proposals(rnd),
    )
