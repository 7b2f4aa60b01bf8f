"""Curated highlights: DOCX/PDF with word clouds, heading levels without skips, a routing
table with dates and notes whose columns fit their longest words; XLSX and CSV, formula-safe."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from consult.curation import queries as cq
from consult.exports.layout import BOLD, FONT, column_widths
from tests.app.test_results import _heading_levels, assert_no_skipped_levels
from tests.publish_seeds import LONG_ROUTE, NOTE, curated_round

EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def rnd(factory, db):
    rnd = curated_round(factory, db)
    theme = cq.themes(rnd)[1]
    theme.statement = EVIL
    theme.status_note = "@SUM(A1)"
    db.session.commit()
    return rnd


def test_curated_docx_has_clouds_levels_and_a_routing_table_that_fits(client, login, rnd, fi):
    login()
    response = client.get(f"/kierrokset/{rnd.slug}/nostot/yhteenveto.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.data))
    themes = cq.themes(rnd)
    assert_no_skipped_levels(_heading_levels(doc))
    assert len(doc.inline_shapes) >= 3 + len(themes)  # charts and one word cloud per highlight
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert sum(c.startswith(fi("Word cloud: %(words)s", words="")) for c in captions) == len(themes)

    routing = doc.tables[-1]
    rows = [[c.text for c in row.cells] for row in routing.rows]
    assert rows[0] == [fi("Theme"), fi("Route"), fi("Status"), fi("Date")]
    assert rows[1][1:] == [
        f"{fi('Other document')}: {LONG_ROUTE}",
        fi("Partly included"),
        "12.3.2019",
    ]
    assert rows[2][0] == f"{fi('Note')}: {NOTE}"  # the note on a full-width row under it
    # Fixed layout: every column at least as wide as its longest word (measured in DejaVu
    # Sans, wider than the document's Calibri), so "Hyvinvointisuunnitelma" is never broken.
    assert routing._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [int(c.get(qn("w:w"))) / 20 for c in routing._tbl.tblGrid.findall(qn("w:gridCol"))]
    body = [r for r in rows[1:] if len(set(r)) > 1]
    for col, width in enumerate(grid):
        words = [w for r in body for w in r[col].split()] + rows[0][col].split()
        longest = max(stringWidth(w, FONT, 9) for w in words)
        assert width >= longest, (col, width, longest)
    assert sum(grid) <= 16 / 2.54 * 72 + 1  # within the page's text width

    pdf = client.get(f"/kierrokset/{rnd.slug}/nostot/yhteenveto.pdf")
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.data)).pages
    )
    assert LONG_ROUTE in text and " ".join(NOTE.split()) in text and "12.3.2019" in text
    assert f"{fi('Other document')}: Hyvi nvointisuunnitelma" not in text


def test_column_widths_keep_words_whole_and_fill_the_width():
    header = ["Nosto", "Käyttökohde", "Tila"]
    rows = [["1. Järjestöneuvottelukunta ja sen asema", "Hyvinvointisuunnitelma", "Sisällytetty"]]
    widths = column_widths(header, rows, 450, font_size=9)
    assert abs(sum(widths) - 450) < 0.01
    assert widths[1] >= stringWidth("Hyvinvointisuunnitelma", FONT, 9)
    assert widths[0] >= stringWidth("Järjestöneuvottelukunta", FONT, 9)
    assert widths[2] >= stringWidth("Käyttökohde", BOLD, 9) or widths[2] >= stringWidth(
        "Sisällytetty", FONT, 9
    )


def test_highlights_download_as_formula_safe_xlsx_and_csv(app, client, login, rnd, fi):
    login()
    with app.test_request_context():
        themes = cq.selected_summary_themes(rnd)
    xlsx = client.get(f"/kierrokset/{rnd.slug}/nostot/nostot.xlsx")
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.data))
    highlights, proposals = wb.worksheets
    rows = list(highlights.iter_rows(values_only=True))
    assert rows[0][:2] == (fi("No."), fi("Highlight"))
    assert [r[1] for r in rows[1:]] == [t.title for t in themes]
    assert rows[1][7:11] == (
        f"{fi('Other document')}: {LONG_ROUTE}",
        fi("Partly included"),
        "12.3.2019",
        NOTE,
    )
    assert rows[2][2] == "'" + EVIL and rows[2][10] == "'@SUM(A1)"
    members = list(proposals.iter_rows(min_row=2, values_only=True))
    assert len(members) == sum(t.n_proposals for t in themes)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate

    response = client.get(f"/kierrokset/{rnd.slug}/nostot/nostot.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r[1] for r in table[1:]] == [t.title for t in themes]
    assert table[2][2] == "'" + EVIL and table[1][10] == NOTE
    for row in table:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value


def test_highlight_downloads_need_login(client, rnd):
    for suffix in ("nostot/nostot.xlsx", "nostot/nostot.csv", "lausuntotiivistelma.docx"):
        response = client.get(f"/kierrokset/{rnd.slug}/{suffix}")
        assert response.status_code == 302 and "/kirjaudu" in response.headers["Location"]
