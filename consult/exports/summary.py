"""What the themed summary says, gathered once and rendered by the DOCX and PDF builders.

The builders never query the database: they render a :class:`Summary`. Candidate themes of
an analysis run are adapted with :meth:`SummaryTheme.from_theme`; curated (selected) themes
with a statement, route and follow-up status can be passed to :func:`build_summary` as
ready-made :class:`SummaryTheme` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from flask_babel import gettext as _

from consult import clock
from consult.exports import charts
from consult.exports.charts import Chart
from consult.mail.content import other_title
from consult.rounds.models import Round
from consult.summaries import HighlightSummary, SummaryProposal
from consult.themes.models import AnalysisRun
from consult.themes.queries import theme_proposals
from consult.workshops.participation import Participation, organisations_by_kind, participation


class SummaryTheme(HighlightSummary[SummaryProposal]):
    """A theme as the convenors' summary shows it: the shared :class:`HighlightSummary`,
    adaptable from a run's candidate theme."""

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
            status_label=getattr(theme, "status", None) or "",
            is_other=is_other,
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
        dated=today or clock.today(),
        participation=part,
        organisations_by_kind=by_org_kind,
        themes=themes,
        charts=charts.round_charts(part, by_org_kind),
        n_proposals=sum(len(t.proposals) for t in themes),
    )


def curated_themes(rnd: Round) -> list[SummaryTheme]:
    """The convenors' highlights (nostot) in their order, as the summary shows them."""
    from consult.curation import queries as curation

    result = []
    for h in curation.selected_summary_themes(rnd):
        theme = SummaryTheme(**{f.name: getattr(h, f.name) for f in fields(h)})
        theme.word_cloud = theme_word_cloud([p.text for p in h.proposals], h.keywords)
        result.append(theme)
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
