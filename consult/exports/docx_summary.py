"""The themed summary as a Word document (python-docx)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from flask_babel import get_locale
from flask_babel import gettext as _

from consult.exports.layout import column_widths
from consult.exports.summary import Summary, SummaryTheme
from consult.formatting import format_date_short, organisation_kind_label, participant_kind_label

ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
MUTED = RGBColor(0x55, 0x55, 0x55)
CONTENT_WIDTH = Cm(16)


def _set_language(doc, lang: str) -> None:
    """Mark the text's language so that Word checks spelling in the right one."""
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    tag = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}.get(lang, lang)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), tag)
    rpr.append(el)


def _repeat_header(row) -> None:
    """Repeat a table's header row on every page it spans."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _set_widths(table, widths_pt: Sequence[float]) -> None:
    """Fix the columns' widths (grid, every cell, fixed layout) so no reader re-flows them."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_pt, strict=True):
        col.set(qn("w:w"), str(int(width * 20)))
    for row in table.rows:
        cells = row._tr.tc_lst
        if len(cells) == len(widths_pt):
            for tc, width in zip(cells, widths_pt, strict=True):
                tc.width = Pt(width)
        else:  # a merged note row spans the whole width
            cells[0].width = Pt(sum(widths_pt))


def _table(
    doc,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    numeric=(),
    total=False,
    font_size: float = 9.5,
    notes: Sequence[str] | None = None,
):
    """A table with a bold, repeated header row; numeric columns right-aligned; columns
    at least as wide as their longest word, so that no word is broken. ``notes`` (one per
    row, may be empty) are printed on a full-width row under their row."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        last = total and index == len(rows) - 1
        for col, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = str(value)
            paragraph = cell.paragraphs[0]
            if col in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if last:
                for run in paragraph.runs:
                    run.bold = True
        note = notes[index] if notes else ""
        if note:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = f"{_('Note')}: {note}"
            for run in merged.paragraphs[0].runs:
                run.italic = True
    for col in numeric:
        table.rows[0].cells[col].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font_size)
    widths = column_widths(header, rows, CONTENT_WIDTH.pt, font_size=font_size)
    _set_widths(table, widths)
    doc.add_paragraph()
    return table


def _caption(doc, text: str) -> None:
    p = doc.add_paragraph(text, style="Caption")
    p.paragraph_format.keep_with_next = True


def _picture(doc, png: bytes, width=CONTENT_WIDTH) -> None:
    doc.add_picture(io.BytesIO(png), width=width)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _title_page(doc, summary: Summary) -> None:
    for _i in range(6):
        doc.add_paragraph()
    title = doc.add_paragraph(summary.round_title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(style="Subtitle")
    sub.add_run(_("Themed summary"))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = doc.add_paragraph(format_date_short(summary.dated))
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated.runs[0].font.size = Pt(14)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _method(doc, summary: Summary) -> None:
    doc.add_heading(_("Purpose and method"), level=1)
    if summary.purpose:
        doc.add_paragraph(summary.purpose)
    for line in summary.method_lines():
        doc.add_paragraph(line, style="List Bullet")
    if summary.questions:
        doc.add_paragraph(_("The questions asked:"))
        for question in summary.questions:
            doc.add_paragraph(question, style="List Number")


def _participation(doc, summary: Summary) -> None:
    part = summary.participation
    doc.add_heading(_("Participation"), level=1)
    _caption(doc, _("Workshops: when, who, how many took part"))
    rows = [[format_date_short(w.date), w.network, w.participants] for w in part.workshops]
    rows.append(["", _("Total"), part.total])
    _table(doc, [_("Date"), _("Network"), _("Participants")], rows, numeric=(2,), total=True)
    charts = {c.name: c for c in summary.charts}
    if "tyopajat" in charts:
        _picture(doc, charts["tyopajat"].png, Cm(15))
        _caption(doc, charts["tyopajat"].title)

    doc.add_heading(_("Participants by kind"), level=2)
    rows = [[participant_kind_label(k), v] for k, v in part.by_kind.items()]
    rows.append([_("Total"), sum(part.by_kind.values())])
    _table(doc, [_("Kind of participant"), _("Participants")], rows, numeric=(1,), total=True)

    doc.add_heading(_("Organisations by kind"), level=2)
    items = sorted(summary.organisations_by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [[organisation_kind_label(k), v] for k, v in items]
    rows.append([_("Total"), sum(summary.organisations_by_kind.values())])
    _table(doc, [_("Kind of organisation"), _("Organisations")], rows, numeric=(1,), total=True)
    for name in ("osallistujat", "organisaatiot"):
        if name in charts:
            _picture(doc, charts[name].png, Cm(12))
            _caption(doc, charts[name].title)


def _theme(doc, number: int, theme: SummaryTheme) -> None:
    doc.add_heading(f"{number}. {theme.title}", level=2)
    if theme.statement:
        p = doc.add_paragraph()
        p.add_run(theme.statement).bold = True
    p = doc.add_paragraph()
    p.add_run(_("Support") + ": ").bold = True
    p.add_run(theme.support_text())
    if theme.keywords:
        p = doc.add_paragraph()
        p.add_run(_("Keywords") + ": ").bold = True
        p.add_run(", ".join(theme.keywords))
    if theme.quotes:
        doc.add_heading(_("Representative proposals"), level=3)
        for quote in theme.quotes:
            p = doc.add_paragraph(style="Quote")
            p.add_run(f"“{quote.text}”")
            source = p.add_run(f" — {quote.source}")
            source.italic = False
            source.font.color.rgb = MUTED
    if theme.word_cloud:
        _picture(doc, theme.word_cloud, Cm(11))
        _caption(doc, _("Word cloud: %(words)s", words=", ".join(theme.keywords)))


def _routing(doc, summary: Summary) -> None:
    doc.add_heading(_("Routing of the themes"), level=1)
    header, rows, notes = summary.routing_table()
    _table(doc, header, rows, font_size=9, notes=notes)


def _appendix(doc, summary: Summary) -> None:
    doc.add_heading(_("Appendix: all proposals by theme"), level=1)
    doc.add_paragraph(
        _(
            "Every proposal appears once, under its theme, with the workshop or organisation it came from."
        )
    )
    # Looking a style up by name costs milliseconds; with thousands of proposals set its id.
    bullet = doc.styles["List Bullet"].style_id
    for number, theme in enumerate(summary.themes, start=1):
        doc.add_heading(f"{number}. {theme.title}", level=2)
        for proposal in theme.proposals:
            p = doc.add_paragraph()
            p._p.style = bullet
            p.paragraph_format.space_after = Pt(2)
            p.add_run(proposal.text)
            meta = p.add_run(f" (#{proposal.id}, {proposal.source_label()})")
            meta.font.size = Pt(8.5)
            meta.font.color.rgb = MUTED


def new_document() -> Document:
    """An empty A4 document with the margins and body font every consult document uses."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    return doc


def build_docx(summary: Summary) -> bytes:
    """Render the themed summary as DOCX.

    Args:
        summary: What to show, gathered by :func:`consult.exports.summary.build_summary`.

    Returns:
        The ``.docx`` file's bytes.
    """
    doc = new_document()
    _set_language(doc, str(get_locale() or "fi"))
    doc.core_properties.title = f"{summary.round_title}: {_('Themed summary')}"
    doc.core_properties.language = str(get_locale() or "fi")

    _title_page(doc, summary)
    _method(doc, summary)
    _participation(doc, summary)
    doc.add_page_break()
    doc.add_heading(_("Themes"), level=1)
    for number, theme in enumerate(summary.themes, start=1):
        _theme(doc, number, theme)
    _routing(doc, summary)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _appendix(doc, summary)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
