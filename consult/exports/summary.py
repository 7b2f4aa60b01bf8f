"""What the themed summary says, gathered once and rendered by the DOCX and PDF builders.

The builders never query the database: they render a :class:`Summary`. Candidate themes of
an analysis run are adapted with :meth:`SummaryTheme.from_theme`; curated (selected) themes
with a statement, route and follow-up status can be passed to :func:`build_summary` as
ready-made :class:`SummaryTheme` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from consult.curation.labels import ROUTE_LABELS
from consult.exports import charts
from consult.exports.charts import Chart
from consult.mail.content import other_title
from consult.rounds.models import Round
from consult.rounds.queries import Participation, organisations_by_kind, participation
from consult.themes.models import AnalysisRun
from consult.themes.queries import theme_proposals


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
class SummaryTheme:
    """A theme as the summary shows it: candidate or curated alike.

    Attributes:
        title: The theme's (curated) title.
        statement: The convenors' statement; empty for candidate themes.
        keywords: Describing words, most telling first.
        n_proposals: Proposals supporting the theme.
        n_organisations: Organisations that proposed it directly.
        n_workshops: Workshops that proposed it.
        quotes: Representative proposals, shown as quotes.
        proposals: Every proposal of the theme, each once.
        word_cloud: PNG bytes, or None.
        route: Route key (``consult.curation.models.ROUTES``) or None when not routed yet.
        status: Follow-up status as display text (e.g. ``curation.queries.status_label``).
        is_other: True for the catch-all theme of proposals that fit nowhere else.
    """

    title: str
    statement: str = ""
    keywords: list[str] = field(default_factory=list)
    n_proposals: int = 0
    n_organisations: int = 0
    n_workshops: int = 0
    quotes: list[SummaryProposal] = field(default_factory=list)
    proposals: list[SummaryProposal] = field(default_factory=list)
    word_cloud: bytes | None = None
    route: str | None = None
    status: str | None = None
    is_other: bool = False
    route_name: str = ""  # full label of a curated route, e.g. "Other document: Hyte-suunnitelma"
    status_date: date | None = None
    status_note: str = ""

    @classmethod
    def from_theme(cls, theme: Any) -> SummaryTheme:
        """Adapt a theme row; ``statement``, ``route`` and ``status`` are read if present."""
        rows = theme_proposals(theme)
        proposals = [
            SummaryProposal(r.proposal_id, r.text, r.question, r.source, r.source_kind)
            for r in rows
        ]
        quotes = [
            p for p, r in zip(proposals, rows, strict=True) if r.representative_rank is not None
        ][:5]
        is_other = bool(getattr(theme, "is_other", False))
        return cls(
            title=other_title() if is_other else theme.title,
            statement=getattr(theme, "statement", "") or "",
            keywords=list(theme.keywords or []),
            n_proposals=theme.n_proposals,
            n_organisations=theme.n_organisations,
            n_workshops=theme.n_workshops,
            quotes=quotes,
            proposals=sorted(proposals, key=lambda p: p.id),
            word_cloud=theme.word_cloud,
            route=getattr(theme, "route", None),
            status=getattr(theme, "status", None),
            is_other=is_other,
        )

    def route_text(self) -> str:
        return self.route_name or route_label(self.route)

    def status_text(self) -> str:
        return self.status or _("Candidate theme")

    def support_text(self) -> str:
        return _(
            "%(p)d proposals, %(o)d organisations, %(w)d workshops",
            p=self.n_proposals,
            o=self.n_organisations,
            w=self.n_workshops,
        )


@dataclass
class Summary:
    """Everything the themed summary shows, in the current language."""

    round_title: str
    purpose: str
    questions: list[str]
    scope: str
    dated: date
    participation: Participation
    organisations_by_kind: dict[str, int]
    themes: list[SummaryTheme]
    charts: list[Chart]
    n_proposals: int

    def routing_table(self) -> tuple[list[str], list[list[str]], list[str]]:
        """Header, rows and per-row notes of the routing table; curated themes add the date
        (and their notes, printed on a full-width line under the row)."""
        from consult.formatting import format_date_short

        curated = any(t.route for t in self.themes)
        header = [_("Theme"), _("Route"), _("Status")]
        if curated:
            header.append(_("Date"))
        rows, notes = [], []
        for i, t in enumerate(self.themes, start=1):
            row = [f"{i}. {t.title}", t.route_text(), t.status_text()]
            if curated:
                row.append(format_date_short(t.status_date))
            rows.append(row)
            notes.append(t.status_note if curated else "")
        return header, rows, notes

    def method_lines(self) -> list[str]:
        """The method in a few sentences: workshops, independent answers, what was grouped."""
        p = self.participation
        return [
            _(
                "Workshops held inside existing networks: %(n)d, with %(people)d "
                "participants in all.",
                n=len(p.workshops),
                people=p.total,
            ),
            _("Independent submissions from organisations: %(n)d.", n=p.independent_submissions),
            _("Distinct organisations taking part: %(n)d.", n=p.organisations),
            _(
                "This summary groups %(n)d proposals (%(scope)s) into %(t)d themes.",
                n=self.n_proposals,
                scope=self.scope,
                t=len(self.themes),
            ),
        ]


def build_summary(
    rnd: Round,
    run: AnalysisRun | None,
    *,
    themes: list[SummaryTheme] | None = None,
    today: date | None = None,
) -> Summary:
    """Gather the themed summary of a round from one finished analysis run.

    Args:
        rnd: The round.
        run: A finished analysis run of the round (None for curated themes whose run is gone).
        themes: Curated themes to show instead of the run's candidate themes.
        today: The date printed on the title page; defaults to today.

    Returns:
        The summary, with charts rendered and all labels in the current language.
    """
    part = participation(rnd)
    by_org_kind = organisations_by_kind(rnd)
    if themes is None:
        themes = [SummaryTheme.from_theme(t) for t in run.themes] if run else []
    return Summary(
        round_title=rnd.title,
        purpose=rnd.purpose,
        questions=[q.text for q in rnd.questions],
        scope=run.question.text if run and run.question else _("all questions"),
        dated=today or date.today(),
        participation=part,
        organisations_by_kind=by_org_kind,
        themes=themes,
        charts=charts.round_charts(part, by_org_kind),
        n_proposals=sum(len(t.proposals) for t in themes),
    )


def curated_themes(rnd: Round) -> list[SummaryTheme]:
    """The convenors' selected themes (nostot) in their order, as the summary shows them."""
    from consult.curation import queries as curation

    rows_by_theme = curation.theme_proposals(rnd)
    result = []
    for selected in curation.selected_summary_themes(rnd):
        rows = rows_by_theme.get(selected.id, [])
        proposals = [
            SummaryProposal(r.id, r.text, r.question, r.source, r.source_kind) for r in rows
        ]
        quotable = [p for p, r in zip(proposals, rows, strict=True) if r.quotable]
        result.append(
            SummaryTheme(
                title=selected.title,
                statement=selected.statement,
                keywords=selected.keywords,
                n_proposals=selected.n_proposals,
                n_organisations=selected.n_organisations,
                n_workshops=selected.n_workshops,
                quotes=quotable or proposals[:3],
                proposals=proposals,
                route=selected.route,
                route_name=selected.route_label,
                status=selected.status_label,
                status_date=selected.status_date,
                status_note=selected.status_note,
                word_cloud=theme_word_cloud([p.text for p in proposals], selected.keywords),
            )
        )
    return result


def theme_word_cloud(texts: list[str], keywords: list[str]) -> bytes | None:
    """A word cloud of a curated theme's proposals (lemmas), its keywords weighted up."""
    from collections import Counter

    import analysis
    from consult.themes.services import DEFAULT_COMMON_WORDS

    if not texts:
        return None
    frequencies = Counter(
        token
        for tokens in analysis.normalise(texts, extra_stop_words=tuple(DEFAULT_COMMON_WORDS))
        for token in tokens
        if not analysis.is_bound_form(token)
    )
    top = max(frequencies.values(), default=1)
    for keyword in keywords:
        frequencies[keyword.lower()] = max(frequencies.get(keyword.lower(), 0), top)
    if not frequencies:
        return None
    return analysis.word_cloud_png(dict(frequencies), width=700, height=350)
