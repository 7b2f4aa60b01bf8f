"""The lausuntotiivistelmä as a Word document: headings 1–3 without skips."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from flask_babel import gettext as _

from consult.exports.docx_summary import MUTED, _table, new_document
from consult.exports.statement import Statement, source_label, taken_into_account, who_expressed
from consult.formatting import format_date_short, participant_kind_label


def _paragraphs(doc, text: str) -> None:
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            doc.add_paragraph(" ".join(block.split()))


def _labelled(doc, label: str, text: str) -> None:
    p = doc.add_paragraph()
    p.add_run(label + ": ").bold = True
    p.add_run(text)


def _asked(doc, st: Statement) -> None:
    doc.add_heading(_("What was asked and when"), level=1)
    if st.purpose:
        _paragraphs(doc, st.purpose)
    for line in st.asked_lines():
        doc.add_paragraph(line, style="List Bullet")
    if st.questions:
        doc.add_paragraph(_("The questions asked:"))
        for question in st.questions:
            doc.add_paragraph(question, style="List Number")


def _participants(doc, st: Statement) -> None:
    part = st.participation
    doc.add_heading(_("Who took part"), level=1)
    doc.add_heading(_("Workshops"), level=2)
    rows = [[format_date_short(w.date), w.network, w.participants] for w in part.workshops]
    rows.append(["", _("Total"), part.total])
    _table(doc, [_("Date"), _("Network"), _("Participants")], rows, numeric=(2,), total=True)
    rows = [[participant_kind_label(k), v] for k, v in part.by_kind.items()]
    rows.append([_("Total"), sum(part.by_kind.values())])
    _table(doc, [_("Kind of participant"), _("Participants")], rows, numeric=(1,), total=True)
    doc.add_heading(_("Organisations"), level=2)
    doc.add_paragraph(
        _(
            "Independent answers: %(n)d. Distinct organisations taking part: %(o)d.",
            n=part.independent_submissions,
            o=part.organisations,
        )
    )
    rows = [list(r) for r in st.organisations]
    rows.append([_("Total"), sum(r[1] for r in st.organisations), ""])
    _table(
        doc,
        [_("Kind of organisation"), _("Organisations"), _("Municipalities")],
        rows,
        numeric=(1,),
        total=True,
    )


def _views(doc, st: Statement) -> None:
    doc.add_heading(_("Views per highlight"), level=1)
    if not st.highlights:
        doc.add_paragraph(_("No highlights have been compiled yet."))
    for h in st.highlights:
        doc.add_heading(f"{h.position}. {h.title}", level=2)
        if h.statement:
            doc.add_paragraph().add_run(h.statement).bold = True
        _labelled(
            doc,
            _("Support"),
            _(
                "%(p)d proposals, %(o)d organisations, %(w)d workshops",
                p=h.n_proposals,
                o=h.n_organisations,
                w=h.n_workshops,
            ),
        )
        doc.add_heading(_("Who expressed it"), level=3)
        doc.add_paragraph(who_expressed(h) or "—")
        if h.quotes:
            doc.add_heading(_("Quotes"), level=3)
            for quote in h.quotes:
                p = doc.add_paragraph(style="Quote")
                p.add_run(f"“{quote.text}”")
                source = p.add_run(f" — {source_label(quote.source)}")
                source.italic = False
                source.font.color.rgb = MUTED
        doc.add_heading(_("How it was taken into account"), level=3)
        doc.add_paragraph(taken_into_account(h))


def _follow_up(doc, st: Statement) -> None:
    doc.add_heading(_("How the views were taken into account"), level=1)
    header, rows, notes = st.follow_up_table()
    _table(doc, header, rows, font_size=9, notes=notes)


def _appendix(doc, st: Statement) -> None:
    doc.add_heading(_("Appendix: all proposals"), level=1)
    doc.add_paragraph(
        _(
            "Every proposal by question, with the workshop or organisation it came from. "
            "Organisations that did not allow quoting are shown by kind and municipality."
        )
    )
    bullet = doc.styles["List Bullet"].style_id
    current = None
    for proposal in st.proposals:
        if proposal.question_id != current:
            current = proposal.question_id
            doc.add_heading(proposal.question, level=2)
        p = doc.add_paragraph()
        p._p.style = bullet
        p.paragraph_format.space_after = Pt(2)
        p.add_run(proposal.text)
        meta = p.add_run(f" ({source_label(proposal.source)})")
        meta.font.size = Pt(8.5)
        meta.font.color.rgb = MUTED


def build_statement_docx(st: Statement) -> bytes:
    """Render the lausuntotiivistelmä as DOCX.

    Args:
        st: What to show, gathered by :func:`consult.exports.statement.build_statement`.

    Returns:
        The ``.docx`` file's bytes.
    """
    doc = new_document(st.title())

    title = doc.add_paragraph(st.round_title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(style="Subtitle")
    sub.add_run(_("Summary of views"))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = doc.add_paragraph(format_date_short(st.dated))
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _asked(doc, st)
    _participants(doc, st)
    doc.add_heading(_("General observations"), level=1)
    if st.observations:
        _paragraphs(doc, st.observations)
    else:
        doc.add_paragraph(_("The convenors have not written general observations."))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _views(doc, st)
    _follow_up(doc, st)
    doc.add_page_break()
    _appendix(doc, st)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
