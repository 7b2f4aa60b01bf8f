"""Building the downloadable summaries from a round and an analysis run."""

from __future__ import annotations

from flask_babel import gettext as _

from consult import clock
from consult.exports.tables import to_csv
from consult.formatting import format_date_short, participant_kind_label
from consult.rounds.models import Round
from consult.themes.models import AnalysisRun
from consult.themes.queries import representatives, theme_proposals
from consult.workshops.participation import Participation


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
    # Messages are looked up outside f-strings so that pybabel extracts them.
    scope = run.question.text if run.question else _("All questions")
    analysed = _(
        "Analysed: %(scope)s · %(n)d proposals · %(date)s",
        scope=_md_escape(scope),
        n=run.n_proposals,
        date=format_date_short(clock.date_of(run.created_at)),
    )
    head = (_("Date"), _("Network"), _("Participants"), _("Total"))
    lines = [
        "# " + _("%(title)s: themed summary", title=_md_escape(rnd.title)),
        "",
        analysed,
        "",
        "## " + _("Participation"),
        "",
        f"| {head[0]} | {head[1]} | {head[2]} |",
        "|---|---|---:|",
    ]
    for w in participation.workshops:
        lines.append(
            f"| {format_date_short(w.date)} | {_md_escape(w.network)} | {w.participants} |"
        )
    lines.append(f"| | **{head[3]}** | **{participation.total}** |")
    lines += [
        "",
        _(
            "Independent submissions: %(n)d. Distinct organisations: %(o)d.",
            n=participation.independent_submissions,
            o=participation.organisations,
        ),
        "",
        "## " + _("Themes"),
    ]
    for theme in run.themes:
        support = _(
            "Support: %(p)d proposals, %(o)d organisations, %(w)d workshops",
            p=theme.n_proposals,
            o=theme.n_organisations,
            w=theme.n_workshops,
        )
        lines += [
            "",
            f"### {theme.position}. {_md_escape(theme.title)}",
            "",
            "*" + _("Keywords") + ":* " + _md_escape(", ".join(theme.keywords)) + "  ",
            f"*{support}*",
            "",
            _("Representative proposals") + ":",
            "",
        ]
        lines += [
            f"> {_md_escape(r.text)} — *{_md_escape(r.source)}*" + "\n"
            for r in representatives(theme)
        ]
        lines += [_("All proposals") + ":", ""]
        lines += [
            f"- {_md_escape(r.text)} ({_md_escape(r.source)})" for r in theme_proposals(theme)
        ]
    return "\n".join(lines) + "\n"
