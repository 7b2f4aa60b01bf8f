"""The themed summary as PDF (reportlab), with an embedded DejaVu Sans font.

The font comes with matplotlib, so the PDF shows ä, ö and å on any server without a
system font.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from consult.exports.layout import column_widths
from consult.exports.summary import Summary, SummaryTheme
from consult.formatting import format_date_short, organisation_kind_label, participant_kind_label

FONT = "DejaVuSans"
ACCENT = colors.HexColor("#1f5f8b")
LIGHT = colors.HexColor("#e8f0f6")
MUTED = colors.HexColor("#555555")
CONTENT_WIDTH = A4[0] - 5 * cm


@cache
def _register_fonts() -> None:
    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, filename in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(ttf / filename)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=6)
    styles = {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontSize=26, leading=32, alignment=TA_CENTER, textColor=ACCENT
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=16, leading=22, alignment=TA_CENTER
        ),
        "centre": ParagraphStyle("centre", parent=base, fontSize=12, alignment=TA_CENTER),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=17,
            leading=22,
            spaceBefore=6,
            spaceAfter=10,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=f"{FONT}-Bold",
            fontSize=13,
            leading=17,
            spaceBefore=12,
            spaceAfter=6,
            textColor=ACCENT,
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=f"{FONT}-Bold", fontSize=10.5, spaceBefore=4
        ),
        "quote": ParagraphStyle(
            "quote",
            parent=base,
            fontName=f"{FONT}-Oblique",
            leftIndent=14,
            borderPadding=(2, 0, 2, 8),
            spaceAfter=5,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        "head": ParagraphStyle(
            "head", parent=base, fontName=f"{FONT}-Bold", fontSize=9, leading=11.5, spaceAfter=0
        ),
        "caption": ParagraphStyle(
            "caption", parent=base, fontSize=8.5, textColor=MUTED, alignment=TA_CENTER
        ),
        "item": ParagraphStyle(
            "item", parent=base, fontSize=9, leading=12, leftIndent=10, spaceAfter=3
        ),
    }
    for kind in ("cell", "head"):
        styles[kind + "_num"] = ParagraphStyle(
            kind + "_num", parent=styles[kind], alignment=TA_RIGHT
        )
    return styles


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _table(header, rows, widths, *, numeric=(), total=False, notes=None) -> Table:
    """A table with a shaded header row repeated on each page; numbers right-aligned.
    ``notes`` (one per row, may be empty) go on a full-width line under their row."""
    s = _styles()

    def style(kind: str, col: int) -> ParagraphStyle:
        return s[kind + "_num"] if col in numeric else s[kind]

    cells = [[Paragraph(escape(str(h)), style("head", c)) for c, h in enumerate(header)]]
    note_rows = []
    for index, row in enumerate(rows):
        cells.append([Paragraph(escape(str(v)), style("cell", c)) for c, v in enumerate(row)])
        note = notes[index] if notes else ""
        if note:
            text = f"<i>{escape(_('Note'))}: {escape(note)}</i>"
            cells.append([Paragraph(text, s["cell"])] + [""] * (len(header) - 1))
            note_rows.append(len(cells) - 1)
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in note_rows:
        commands += [
            ("SPAN", (0, r), (-1, r)),
            ("LINEBELOW", (0, r - 1), (-1, r - 1), 0, colors.white),
            ("TOPPADDING", (0, r), (-1, r), 0),
        ]
    if total:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
            ("BACKGROUND", (0, -1), (-1, -1), LIGHT),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _image(png: bytes, max_width: float, max_height: float = 11 * cm) -> Image:
    width, height = ImageReader(io.BytesIO(png)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(png), width=width * scale, height=height * scale)


def _title_page(summary: Summary) -> list:
    return [
        Spacer(1, 7 * cm),
        _p(summary.round_title, "title"),
        Spacer(1, 0.6 * cm),
        _p(_("Themed summary"), "subtitle"),
        Spacer(1, 0.4 * cm),
        _p(format_date_short(summary.dated), "centre"),
        PageBreak(),
    ]


def _method(summary: Summary) -> list:
    story = [_p(_("Purpose and method"), "h1")]
    if summary.purpose:
        story.append(_p(summary.purpose))
    story += [_p("• " + line, "item") for line in summary.method_lines()]
    if summary.questions:
        story.append(Spacer(1, 4))
        story.append(_p(_("The questions asked:")))
        story += [_p(f"{i}. {q}", "item") for i, q in enumerate(summary.questions, start=1)]
    return story


def _participation(summary: Summary) -> list:
    part = summary.participation
    charts = {c.name: c for c in summary.charts}
    rows = [[format_date_short(w.date), w.network, w.participants] for w in part.workshops]
    rows.append(["", _("Total"), part.total])
    story = [
        CondPageBreak(8 * cm),
        _p(_("Participation"), "h1"),
        _p(_("Workshops: when, who, how many took part"), "h3"),
        _table(
            [_("Date"), _("Network"), _("Participants")],
            rows,
            [2.6 * cm, CONTENT_WIDTH - 5.6 * cm, 3 * cm],
            numeric=(2,),
            total=True,
        ),
    ]
    if "tyopajat" in charts:
        c = charts["tyopajat"]
        story.append(
            KeepTogether([Spacer(1, 8), _image(c.png, CONTENT_WIDTH), _p(c.title, "caption")])
        )
    kind_rows = [[participant_kind_label(k), v] for k, v in part.by_kind.items()]
    kind_rows.append([_("Total"), sum(part.by_kind.values())])
    items = sorted(summary.organisations_by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    org_rows = [[organisation_kind_label(k), v] for k, v in items]
    org_rows.append([_("Total"), sum(summary.organisations_by_kind.values())])
    for title, header, rows_, name in (
        (_("Participants by kind"), _("Kind of participant"), kind_rows, "osallistujat"),
        (_("Organisations by kind"), _("Kind of organisation"), org_rows, "organisaatiot"),
    ):
        block = [
            _p(title, "h2"),
            _table(
                [header, _("Participants") if name == "osallistujat" else _("Organisations")],
                rows_,
                [CONTENT_WIDTH - 3.5 * cm, 3.5 * cm],
                numeric=(1,),
                total=True,
            ),
        ]
        if name in charts:
            block += [Spacer(1, 6), _image(charts[name].png, 12 * cm, 8 * cm)]
        story.append(KeepTogether(block))
    return story


def _theme(number: int, theme: SummaryTheme) -> list:
    head = [_p(f"{number}. {theme.title}", "h2")]
    if theme.statement:
        head.append(Paragraph(f"<b>{escape(theme.statement)}</b>", _styles()["body"]))
    head.append(
        Paragraph(
            f"<b>{escape(_('Support'))}:</b> {escape(theme.support_text())}", _styles()["body"]
        )
    )
    if theme.keywords:
        head.append(
            Paragraph(
                f"<b>{escape(_('Keywords'))}:</b> {escape(', '.join(theme.keywords))}",
                _styles()["body"],
            )
        )
    story = list(head)
    if theme.quotes:
        story.append(_p(_("Representative proposals"), "h3"))
        for quote in theme.quotes:
            story.append(_quote(quote.text, quote.source))
    if theme.word_cloud:
        caption = _("Word cloud: %(words)s", words=", ".join(theme.keywords))
        story += [Spacer(1, 4), _image(theme.word_cloud, 10 * cm, 4.5 * cm), _p(caption, "caption")]
    # A theme fits on a page: keep it whole rather than leave its word cloud on the next one.
    return [KeepTogether(story)]


def _quote(text: str, source: str) -> Paragraph:
    """A quoted proposal and, muted, where it came from."""
    return Paragraph(
        f"“{escape(text)}” "
        f'<font name="{FONT}" color="#555555" size="8.5">— {escape(source)}</font>',
        _styles()["quote"],
    )


def _table_section(heading: str, header: list, rows: list, notes: list) -> list:
    """A section that is one table, its notes on full-width lines under their rows."""
    return [
        CondPageBreak(6 * cm),
        _p(heading, "h1"),
        _table(header, rows, column_widths(header, rows, CONTENT_WIDTH), notes=notes),
    ]


def _routing(summary: Summary) -> list:
    return _table_section(_("Routing of the themes"), *summary.routing_table())


def _appendix_start(heading: str, intro: str) -> list:
    """The appendix of all proposals begins on a page of its own."""
    return [PageBreak(), _p(heading, "h1"), _p(intro)]


def _item(text: str, note: str) -> Paragraph:
    """A proposal in the appendix: a bullet, its text, and a muted note in brackets."""
    return Paragraph(
        f'• {escape(text)} <font color="#555555" size="8">({escape(note)})</font>',
        _styles()["item"],
    )


def _appendix(summary: Summary) -> list:
    story = _appendix_start(
        _("Appendix: all proposals by theme"),
        _(
            "Every proposal appears once, under its theme, with the workshop or "
            "organisation it came from."
        ),
    )
    for number, theme in enumerate(summary.themes, start=1):
        story.append(_p(f"{number}. {theme.title}", "h2"))
        for proposal in theme.proposals:
            story.append(_item(proposal.text, f"#{proposal.id}, {proposal.source_label()}"))
    return story


def _footer(title: str):
    def draw(canvas, doc) -> None:
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(2.5 * cm, 1.3 * cm, title)
        canvas.drawRightString(A4[0] - 2.5 * cm, 1.3 * cm, str(doc.page))
        canvas.restoreState()

    return draw


def build_pdf(summary: Summary) -> bytes:
    """Render the themed summary as PDF (A4, embedded DejaVu Sans).

    Args:
        summary: What to show, gathered by :func:`consult.exports.summary.build_summary`.

    Returns:
        The PDF file's bytes.
    """
    title = f"{summary.round_title}: {_('Themed summary')}"
    story = _title_page(summary) + _method(summary) + _participation(summary)
    story += [PageBreak(), _p(_("Themes"), "h1")]
    for number, theme in enumerate(summary.themes, start=1):
        story += _theme(number, theme)
    story += _routing(summary) + _appendix(summary)
    return _render(title, story)


def _render(title: str, story: list) -> bytes:
    """The PDF of ``story``: A4, embedded DejaVu Sans, ``title`` in the metadata and in the
    footer of every page but the first."""
    _register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.2 * cm,
        bottomMargin=2.2 * cm,
        title=title,
        author="consult",
        lang=str(get_locale() or "fi"),
    )
    footer = _footer(title)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
