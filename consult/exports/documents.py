"""Building the downloadable summaries from a round and an analysis run."""

from __future__ import annotations

from flask_babel import gettext as _

from consult.exports.tables import to_csv
from consult.formatting import format_date_short, participant_kind_label
from consult.rounds.models import Round
from consult.rounds.queries import Participation
from consult.themes.models import AnalysisRun
from consult.themes.queries import representatives, theme_proposals


def participation_csv(rnd: Round, participation: Participation) -> bytes:
    header = [_("Date"), _("Network"), _("Participants"), _("Proposals")]
    rows: list[list[object]] = [
        [w.date.isoformat(), w.network, w.participants, w.proposals]
        for w in participation.workshops
    ]
    rows.append(
        ["", _("Total"), participation.total, sum(w.proposals for w in participation.workshops)]
    )
    rows.append(["", _("Independent submissions"), participation.independent_submissions, ""])
    rows.append(["", _("Distinct organisations"), participation.organisations, ""])
    for kind, count in participation.by_kind.items():
        rows.append(["", participant_kind_label(kind), count, ""])
    return to_csv(header, rows)


def themes_csv(run: AnalysisRun) -> bytes:
    """One row per proposal: theme, keywords, support, the proposal and where it came from."""
    header = [
        _("Theme no."),
        _("Theme"),
        _("Keywords"),
        _("Proposals in theme"),
        _("Organisations"),
        _("Workshops"),
        _("Representative"),
        _("Question"),
        _("Source"),
        _("Proposal"),
    ]
    rows = []
    for theme in run.themes:
        for row in theme_proposals(theme):
            rows.append(
                [
                    theme.position,
                    theme.title,
                    ", ".join(theme.keywords),
                    theme.n_proposals,
                    theme.n_organisations,
                    theme.n_workshops,
                    row.representative_rank or "",
                    row.question,
                    row.source,
                    row.text,
                ]
            )
    return to_csv(header, rows)


def _md_escape(text: str) -> str:
    """Keep participants' text from turning into Markdown structure."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def themes_markdown(rnd: Round, run: AnalysisRun, participation: Participation) -> str:
    """The themed summary as Markdown: participation, then each theme with its support."""
    scope = run.question.text if run.question else _("All questions")
    lines = [
        f"# {_md_escape(rnd.title)}: {_('themed summary')}",
        "",
        f"{_('Analysed')}: {_md_escape(scope)} · {run.n_proposals} {_('proposals')} · "
        f"{format_date_short(run.created_at.date())}",
        "",
        f"## {_('Participation')}",
        "",
        f"| {_('Date')} | {_('Network')} | {_('Participants')} |",
        "|---|---|---:|",
    ]
    for w in participation.workshops:
        lines.append(
            f"| {format_date_short(w.date)} | {_md_escape(w.network)} | {w.participants} |"
        )
    lines.append(f"| | **{_('Total')}** | **{participation.total}** |")
    lines += [
        "",
        f"{_('Independent submissions')}: {participation.independent_submissions}. "
        f"{_('Distinct organisations')}: {participation.organisations}.",
        "",
        f"## {_('Themes')}",
    ]
    for theme in run.themes:
        lines += [
            "",
            f"### {theme.position}. {_md_escape(theme.title)}",
            "",
            f"*{_('Keywords')}:* {_md_escape(', '.join(theme.keywords))}  ",
            f"*{_('Support')}:* {theme.n_proposals} {_('proposals')}, {theme.n_organisations} "
            f"{_('organisations')}, {theme.n_workshops} {_('workshops')}",
            "",
            f"{_('Representative proposals')}:",
            "",
        ]
        lines += [
            f"> {_md_escape(r.text)} — *{_md_escape(r.source)}*" + "\n"
            for r in representatives(theme)
        ]
        lines += [f"{_('All proposals')}:", ""]
        lines += [
            f"- {_md_escape(r.text)} ({_md_escape(r.source)})" for r in theme_proposals(theme)
        ]
    return "\n".join(lines) + "\n"
