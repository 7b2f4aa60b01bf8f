"""Links on paper: QR codes and a printable PDF of a round's links.

Builds nothing in the database; the view gathers the links, this module renders them.
"""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import segno

QR_ERROR = "m"  # at least 15 % of the code may be smudged or folded and it still reads
QR_BORDER = 4  # the quiet zone the standard asks for


@dataclass
class WorkshopLinks:
    """What a workshop's card shows."""

    network: str
    date: str
    place: str
    facilitator: str
    session_url: str
    feedback_url: str


def qr_code(url: str) -> segno.QRCode:
    """The QR code of a URL, always built the same way (pages, PDF and tests agree)."""
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_png(url: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=scale, border=QR_BORDER)
    return out.getvalue()


@functools.lru_cache(maxsize=2048)
def qr_data_uri(url: str, scale: int = 8) -> str:
    """A PNG data URI of the URL's QR code, for an ``<img>`` that also prints.

    Cached per process: a link's picture never changes (a new token is a new URL), and
    drawing the round's 27 codes on every view of the links page took ~350 ms.
    """
    return "data:image/png;base64," + base64.b64encode(qr_png(url, scale)).decode("ascii")


def _font_paths() -> tuple[Path, Path]:
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return fonts / "DejaVuSans.ttf", fonts / "DejaVuSans-Bold.ttf"


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = "DejaVuSans", "DejaVuSans-Bold"
    if regular not in pdfmetrics.getRegisteredFontNames():
        regular_path, bold_path = _font_paths()
        pdfmetrics.registerFont(TTFont(regular, str(regular_path)))
        pdfmetrics.registerFont(TTFont(bold, str(bold_path)))
    return regular, bold


@dataclass
class PdfTexts:
    """Translated texts of the PDF, passed in so this module needs no request."""

    title: str
    warning: str
    public_heading: str
    public_hint: str
    session_heading: str
    session_hint: str
    feedback_heading: str
    feedback_hint: str
    facilitator: str
    page: str  # e.g. "Page %(n)d"


def links_pdf(
    *,
    round_title: str,
    public_url: str | None,
    workshops: list[WorkshopLinks],
    texts: PdfTexts,
    sessions: bool = True,
    feedback: bool = True,
) -> bytes:
    """A4 PDF: the round's public link first, then one card per workshop, two cards a page.

    ``public_url=None`` leaves the public link out; ``sessions``/``feedback`` choose which of
    a workshop's links its card shows (feedback only: a sheet safe to pin on the wall).

    Text uses DejaVu Sans (embedded) so Finnish letters print and can be searched and
    copied; the QR codes are embedded PNG images.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader, simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    regular, bold = _register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{texts.title} – {round_title}")
    width, height = A4
    margin = 15 * mm
    text_width = width - 2 * margin
    page_number = 1

    def footer() -> None:
        pdf.setFont(regular, 8)
        pdf.drawString(margin, 8 * mm, round_title)
        pdf.drawRightString(width - margin, 8 * mm, texts.page % {"n": page_number})

    def wrapped(text: str, x: float, y: float, font: str, size: float, max_width: float) -> float:
        pdf.setFont(font, size)
        for line in simpleSplit(text, font, size, max_width) or [""]:
            pdf.drawString(x, y, line)
            y -= size * 1.3
        return y

    def url_text(url: str, x: float, y: float, max_width: float) -> None:
        """The URL on one line when it fits (shrinking a little), else cut between characters."""
        size = 9.0
        while size > 6.5 and stringWidth(url, regular, size) > max_width:
            size -= 0.5
        lines, line = [], ""
        for char in url:
            if stringWidth(line + char, regular, size) > max_width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
        pdf.setFont(regular, size)
        for part in lines:
            pdf.drawString(x, y, part)
            y -= size * 1.3

    qr_size = 40 * mm
    gap = 6 * mm

    def qr_row(url: str, heading: str, hint: str, y: float) -> float:
        """QR code on the left, heading, hint and URL on its right; y is the top. Returns
        the y under the row."""
        image = ImageReader(io.BytesIO(qr_png(url, scale=10)))
        pdf.drawImage(image, margin, y - qr_size, qr_size, qr_size)
        x = margin + qr_size + gap
        w = text_width - qr_size - gap
        ty = wrapped(heading, x, y - 4 * mm, bold, 11, w) - 2
        ty = wrapped(hint, x, ty, regular, 9, w) - 4
        url_text(url, x, ty, w)
        return float(y - qr_size - 3 * mm)

    # First page header: the title, the warning, the public link.
    y = height - margin
    y = wrapped(round_title, margin, y - 16, bold, 16, text_width)
    y = wrapped(texts.title, margin, y, regular, 12, text_width) - 4
    if sessions:
        pdf.setFillColorRGB(0.64, 0.09, 0.1)
        y = wrapped(texts.warning, margin, y, bold, 9.5, text_width) - 2
        pdf.setFillColorRGB(0, 0, 0)
    if public_url:
        y = qr_row(public_url, texts.public_heading, texts.public_hint, y)
    y -= 4 * mm
    rows = int(sessions) + int(feedback)

    for item in workshops:
        title_lines = len(simpleSplit(item.network, bold, 13, text_width)) or 1
        card_height = rows * (qr_size + 3 * mm) + 18 * mm + title_lines * 13 * 1.3
        if y - card_height < margin + 4 * mm:
            footer()
            pdf.showPage()
            page_number += 1
            y = height - margin
        top = y
        pdf.setStrokeColorRGB(0.6, 0.64, 0.7)
        pdf.roundRect(
            margin - 4 * mm,
            top - card_height,
            text_width + 8 * mm,
            card_height,
            3 * mm,
        )
        ty = wrapped(item.network, margin, top - 7 * mm, bold, 13, text_width)
        details = " · ".join(v for v in (item.date, item.place) if v)
        if item.facilitator:
            details += f" · {texts.facilitator}: {item.facilitator}"
        ty = wrapped(details, margin, ty, regular, 10, text_width)
        if sessions:
            ty = qr_row(item.session_url, texts.session_heading, texts.session_hint, ty)
        if feedback:
            qr_row(item.feedback_url, texts.feedback_heading, texts.feedback_hint, ty)
        y = top - card_height - 5 * mm
    footer()
    pdf.save()
    return out.getvalue()
