"""The themed summary as a Word document (python-docx)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
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
    p = _paragraph(doc, text, "Caption")
    p.paragraph_format.keep_with_next = True


def _picture(doc, png: bytes, width=CONTENT_WIDTH) -> None:
    # as doc.add_picture, without doc.paragraphs[-1] (which lists every paragraph)
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


# Built-in style names and their ids in python-docx's default template (every document
# here starts from it, see new_document). Looking a style up by name scans every style:
# ~10 ms each, i.e. seconds for the 256 themes of a large run.
_STYLE_IDS: dict[str, str] = {}


def _style_id(doc, name: str) -> str:
    style_id = _STYLE_IDS.get(name)
    if style_id is None:
        style_id = _STYLE_IDS[name] = doc.styles[name].style_id
    return style_id


def _paragraph(doc, text: str = "", style: str | None = None):
    """``doc.add_paragraph(text, style)`` with the style's id looked up once."""
    paragraph = doc.add_paragraph(text)
    if style is not None:
        paragraph._p.style = _style_id(doc, style)
    return paragraph


def _heading(doc, text: str, level: int):
    """``doc.add_heading(text, level)`` with the style's id looked up once."""
    return _paragraph(doc, text, "Title" if level == 0 else f"Heading {level}")


def _title_page(doc, summary: Summary) -> None:
    for _i in range(6):
        doc.add_paragraph()
    title = _paragraph(doc, summary.round_title, "Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = _paragraph(doc, style="Subtitle")
    sub.add_run(_("Themed summary"))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = doc.add_paragraph(format_date_short(summary.dated))
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated.runs[0].font.size = Pt(14)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _method(doc, summary: Summary) -> None:
    _heading(doc, _("Purpose and method"), 1)
    if summary.purpose:
        doc.add_paragraph(summary.purpose)
    for line in summary.method_lines():
        _paragraph(doc, line, "List Bullet")
    if summary.questions:
        doc.add_paragraph(_("The questions asked:"))
        for question in summary.questions:
            _paragraph(doc, question, "List Number")


def _participation(doc, summary: Summary) -> None:
    part = summary.participation
    _heading(doc, _("Participation"), 1)
    _caption(doc, _("Workshops: when, who, how many took part"))
    rows = [[format_date_short(w.date), w.network, w.participants] for w in part.workshops]
    rows.append(["", _("Total"), part.total])
    _table(doc, [_("Date"), _("Network"), _("Participants")], rows, numeric=(2,), total=True)
    charts = {c.name: c for c in summary.charts}
    if "tyopajat" in charts:
        _picture(doc, charts["tyopajat"].png, Cm(15))
        _caption(doc, charts["tyopajat"].title)

    _heading(doc, _("Participants by kind"), 2)
    rows = [[participant_kind_label(k), v] for k, v in part.by_kind.items()]
    rows.append([_("Total"), sum(part.by_kind.values())])
    _table(doc, [_("Kind of participant"), _("Participants")], rows, numeric=(1,), total=True)

    _heading(doc, _("Organisations by kind"), 2)
    items = sorted(summary.organisations_by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [[organisation_kind_label(k), v] for k, v in items]
    rows.append([_("Total"), sum(summary.organisations_by_kind.values())])
    _table(doc, [_("Kind of organisation"), _("Organisations")], rows, numeric=(1,), total=True)
    for name in ("osallistujat", "organisaatiot"):
        if name in charts:
            _picture(doc, charts[name].png, Cm(12))
            _caption(doc, charts[name].title)


def _theme(doc, number: int, theme: SummaryTheme) -> None:
    _heading(doc, f"{number}. {theme.title}", 2)
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
        _heading(doc, _("Representative proposals"), 3)
        for quote in theme.quotes:
            p = _paragraph(doc, style="Quote")
            p.add_run(f"“{quote.text}”")
            source = p.add_run(f" — {quote.source}")
            source.italic = False
            source.font.color.rgb = MUTED
    if theme.word_cloud:
        _picture(doc, theme.word_cloud, Cm(11))
        _caption(doc, _("Word cloud: %(words)s", words=", ".join(theme.keywords)))


def _routing(doc, summary: Summary) -> None:
    _heading(doc, _("Routing of the themes"), 1)
    header, rows, notes = summary.routing_table()
    _table(doc, header, rows, font_size=9, notes=notes)


def _appendix(doc, summary: Summary) -> None:
    _heading(doc, _("Appendix: all proposals by theme"), 1)
    doc.add_paragraph(
        _(
            "Every proposal appears once, under its theme, with the workshop or organisation it came from."
        )
    )
    # python-docx inserts each paragraph by scanning the body for its end (quadratic: 41,574
    # proposals took ~5 min), so the proposals are written as XML in one piece per theme.
    bullet = _style_id(doc, "List Bullet")
    heading = _style_id(doc, "Heading 2")
    kinds = {"workshop": _("Workshop"), "organisation": _("Organisation")}
    body = doc.element.body
    end = body.sectPr
    for number, theme in enumerate(summary.themes, start=1):
        parts = [_heading_xml(heading, f"{number}. {theme.title}")]
        parts += [
            _bullet_xml(
                bullet,
                p.text,
                f" (#{p.id}, {kinds.get(p.source_kind, kinds['organisation'])}: {p.source})",
            )
            for p in theme.proposals
        ]
        for element in parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>"):
            if end is not None:
                end.addprevious(element)
            else:
                body.append(element)


def _runs_xml(text: str, rpr: str = "") -> str:
    """``text`` as ``<w:r>`` content the way python-docx writes it: tabs and line breaks as
    their own elements, spaces kept."""
    out = [f"<w:r>{rpr}"]
    for piece in re.split(r"(\t|\r\n|\r|\n)", text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r\n", "\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            out.append(f"<w:t{space}>{xml_escape(_xml_chars(piece))}</w:t>")
    out.append("</w:r>")
    return "".join(out)


def _xml_chars(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters pasted into a proposal)."""
    return _NOT_XML.sub("", text)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_META_RPR = f'<w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="17"/></w:rPr>'  # 8.5 pt


def _heading_xml(style_id: str, text: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{_runs_xml(text)}</w:p>'


def _bullet_xml(style_id: str, text: str, meta: str) -> str:
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:spacing w:after="40"/></w:pPr>'
        f"{_runs_xml(text)}{_runs_xml(meta, _META_RPR)}</w:p>"
    )


def new_document(title: str) -> DocxDocument:
    """An empty A4 document with the margins and body font every consult document uses, in
    the current language (so that Word checks spelling in it) and with ``title``."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    lang = str(get_locale() or "fi")
    _set_language(doc, lang)
    doc.core_properties.title = title
    doc.core_properties.language = lang
    return doc


def build_docx(summary: Summary) -> bytes:
    """Render the themed summary as DOCX.

    Args:
        summary: What to show, gathered by :func:`consult.exports.summary.build_summary`.

    Returns:
        The ``.docx`` file's bytes.
    """
    doc = new_document(f"{summary.round_title}: {_('Themed summary')}")

    _title_page(doc, summary)
    _method(doc, summary)
    _participation(doc, summary)
    doc.add_page_break()
    _heading(doc, _("Themes"), 1)
    for number, theme in enumerate(summary.themes, start=1):
        _theme(doc, number, theme)
    _routing(doc, summary)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _appendix(doc, summary)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
