"""The lausuntotiivistelmä as PDF (reportlab, embedded DejaVu Sans), with PDF outlines."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from consult.exports.layout import column_widths
from consult.exports.pdf_summary import (
    CONTENT_WIDTH,
    _appendix_start,
    _item,
    _p,
    _quote,
    _render,
    _styles,
    _table,
    _table_section,
)
from consult.exports.statement import Statement, source_label, taken_into_account, who_expressed
from consult.formatting import format_date_short, participant_kind_label


def _paragraphs(text: str) -> list:
    return [_p(" ".join(b.split())) for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]


def _labelled(label: str, text: str) -> Paragraph:
    return Paragraph(f"<b>{escape(label)}:</b> {escape(text)}", _styles()["body"])


def _auto_table(header, rows, *, numeric=(), total=False):
    return _table(
        header, rows, column_widths(header, rows, CONTENT_WIDTH), numeric=numeric, total=total
    )


def _asked(st: Statement) -> list:
    story = [_p(_("What was asked and when"), "h1")]
    if st.purpose:
        story += _paragraphs(st.purpose)
    story += [_p("• " + line, "item") for line in st.asked_lines()]
    if st.questions:
        story.append(_p(_("The questions asked:")))
        story += [_p(f"{i}. {q}", "item") for i, q in enumerate(st.questions, start=1)]
    return story


def _participants(st: Statement) -> list:
    part = st.participation
    rows = [[format_date_short(w.date), w.network, w.participants] for w in part.workshops]
    rows.append(["", _("Total"), part.total])
    kinds = [[participant_kind_label(k), v] for k, v in part.by_kind.items()]
    kinds.append([_("Total"), sum(part.by_kind.values())])
    orgs = [list(r) for r in st.organisations]
    orgs.append([_("Total"), sum(r[1] for r in st.organisations), ""])
    return [
        CondPageBreak(8 * cm),
        _p(_("Who took part"), "h1"),
        _p(_("Workshops"), "h2"),
        _auto_table([_("Date"), _("Network"), _("Participants")], rows, numeric=(2,), total=True),
        Spacer(1, 8),
        _auto_table([_("Kind of participant"), _("Participants")], kinds, numeric=(1,), total=True),
        _p(_("Organisations"), "h2"),
        _p(
            _(
                "Independent answers: %(n)d. Distinct organisations taking part: %(o)d.",
                n=part.independent_submissions,
                o=part.organisations,
            )
        ),
        _auto_table(
            [_("Kind of organisation"), _("Organisations"), _("Municipalities")],
            orgs,
            numeric=(1,),
            total=True,
        ),
    ]


def _views(st: Statement) -> list:
    story = [PageBreak(), _p(_("Views per highlight"), "h1")]
    if not st.highlights:
        story.append(_p(_("No highlights have been compiled yet.")))
    for h in st.highlights:
        block = [_p(f"{h.position}. {h.title}", "h2")]
        if h.statement:
            block.append(Paragraph(f"<b>{escape(h.statement)}</b>", _styles()["body"]))
        block.append(
            _labelled(
                _("Support"),
                _(
                    "%(p)d proposals, %(o)d organisations, %(w)d workshops",
                    p=h.n_proposals,
                    o=h.n_organisations,
                    w=h.n_workshops,
                ),
            )
        )
        block += [_p(_("Who expressed it"), "h3"), _p(who_expressed(h) or "—")]
        if h.quotes:
            block.append(_p(_("Quotes"), "h3"))
            for quote in h.quotes:
                block.append(_quote(quote.text, source_label(quote.source)))
        block += [_p(_("How it was taken into account"), "h3"), _p(taken_into_account(h))]
        story.append(KeepTogether(block))
    return story


def _follow_up(st: Statement) -> list:
    return _table_section(_("How the views were taken into account"), *st.follow_up_table())


def _appendix(st: Statement) -> list:
    story = _appendix_start(
        _("Appendix: all proposals"),
        _(
            "Every proposal by question, with the workshop or organisation it came from. "
            "Organisations that did not allow quoting are shown by kind and municipality."
        ),
    )
    current = None
    for proposal in st.proposals:
        if proposal.question_id != current:
            current = proposal.question_id
            story.append(_p(proposal.question, "h2"))
        story.append(_item(proposal.text, source_label(proposal.source)))
    return story


def build_statement_pdf(st: Statement) -> bytes:
    """Render the lausuntotiivistelmä as PDF (A4, embedded DejaVu Sans).

    Args:
        st: What to show, gathered by :func:`consult.exports.statement.build_statement`.

    Returns:
        The PDF file's bytes.
    """
    story = [
        Spacer(1, 4 * cm),
        _p(st.round_title, "title"),
        Spacer(1, 0.4 * cm),
        _p(_("Summary of views"), "subtitle"),
        _p(format_date_short(st.dated), "centre"),
        Spacer(1, 1 * cm),
    ]
    story += _asked(st) + _participants(st)
    story.append(_p(_("General observations"), "h1"))
    story += _paragraphs(st.observations) or [
        _p(_("The convenors have not written general observations."))
    ]
    story += _views(st) + _follow_up(st) + _appendix(st)
    return _render(st.title(), story)
