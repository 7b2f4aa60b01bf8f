"""Column widths that never break a word: every column is at least as wide as its longest
word, and the remaining width goes to the columns with the most text.

Widths are measured with DejaVu Sans (the PDF's font, wider than Calibri), so a DOCX laid
out with them has room to spare in Word and LibreOffice alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
PADDING = 14.0  # points: cell padding on both sides, with a margin for rounding


def _fonts() -> None:
    from consult.exports.pdf_summary import _register_fonts

    _register_fonts()


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(w, font, size) for w in str(text).split()), default=0.0)


def column_widths(
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    total: float,
    *,
    font_size: float = 9.0,
) -> list[float]:
    """Widths in points for a table ``total`` points wide.

    Args:
        header: Header cells (measured bold).
        rows: Body cells.
        total: The table's width in points.
        font_size: The cells' font size in points.

    Returns:
        One width per column, summing to ``total``.
    """
    _fonts()
    n = len(header)
    minimum = [_longest_word(str(h), BOLD, font_size) + PADDING for h in header]
    desired = [stringWidth(str(h), BOLD, font_size) + PADDING for h in header]
    for row in rows:
        for col, value in enumerate(row):
            minimum[col] = max(minimum[col], _longest_word(str(value), FONT, font_size) + PADDING)
            desired[col] = max(desired[col], stringWidth(str(value), FONT, font_size) + PADDING)
    desired = [max(d, m) for d, m in zip(desired, minimum, strict=True)]
    if sum(minimum) >= total:
        # The words cannot all fit: shrink in proportion rather than run off the page.
        return [m * total / sum(minimum) for m in minimum]
    if sum(desired) <= total:
        spare = total - sum(desired)
        weight = sum(desired)
        return [d + spare * d / weight for d in desired]
    # Give every column its longest word, then share the rest by how much more each wants.
    spare = total - sum(minimum)
    wants = [d - m for d, m in zip(desired, minimum, strict=True)]
    weight = sum(wants) or 1.0
    return [minimum[c] + spare * wants[c] / weight for c in range(n)]
