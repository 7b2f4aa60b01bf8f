"""Imports are bounded: size, unpacked size of an XLSX (checked before unpacking), rows,
columns, cells, a cell's length and time; each refusal names its limit in Finnish."""

from __future__ import annotations

import io
import zipfile

import pytest

from consult.fuzz import xlsx
from consult.imports import reading
from consult.imports.reading import TableError, read_table
from tests.conftest import csrf_token


def _bomb() -> bytes:
    """A valid workbook whose sheet XML unpacks to more than the limit (a few hundred kB)."""
    base = xlsx(lambda ws: ws.append(["nimi", "kunta"]))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with dst.open(item.filename, "w", force_zip64=True) as member:
                    chunk = b" " * 2**20
                    for _ in range(reading.MAX_MEMBER_BYTES // 2**20 + 2):
                        member.write(chunk)
            else:
                dst.writestr(item, src.read(item.filename))
    return out.getvalue()


def _refused(data: bytes, filename: str, **kwargs) -> TableError:
    with pytest.raises(TableError) as caught:
        read_table(data, filename, **kwargs)
    return caught.value


def test_an_xlsx_decompression_bomb_is_refused_before_unpacking(app):
    bomb = _bomb()
    assert len(bomb) < 1_000_000
    error = _refused(bomb, "pommi.xlsx")
    assert error.limit == "unpacked"
    with app.test_request_context("/"):
        assert "100 Mt" in error.message and "purkautuu" in error.message


def test_a_sparse_sheet_reaching_row_a_million_is_refused_not_read_for_minutes(app):
    def fill(ws):
        ws.append(["nimi"])
        ws.cell(row=1_000_000, column=1, value="x")

    error = _refused(xlsx(fill), "harva.xlsx")
    assert error.limit == "rows"
    with app.test_request_context("/"):
        assert "50\u00a0000" in error.message


def test_a_sheet_with_a_value_in_a_far_column_is_refused(app):
    def fill(ws):
        ws.append(["nimi"])
        ws.cell(row=2, column=5000, value="x")

    assert _refused(xlsx(fill), "leveä.xlsx").limit == "columns"


def test_rows_cells_and_cell_length_of_a_csv_are_capped(app):
    rows = "nimi\n" + "\n".join(f"Yhdistys {i}" for i in range(reading.MAX_ROWS + 1)) + "\n"
    assert _refused(rows.encode(), "paljon.csv").limit == "rows"
    long_cell = "nimi;kuvaus\nA ry;" + "x" * (reading.MAX_CELL_CHARS + 1) + "\n"
    error = _refused(long_cell.encode(), "pitkä.csv")
    assert error.limit == "cell"
    with app.test_request_context("/"):
        assert "32\u00a0767" in error.message and "rivillä 2" in error.message
    too_big = b"nimi\n" + b"x" * reading.MAX_BYTES
    error = _refused(too_big, "iso.csv")
    with app.test_request_context("/"):
        assert error.limit == "bytes" and "20 Mt" in error.message


def test_reading_is_time_bounded(app):
    rows = "nimi;kunta\n" + "".join(f"Yhdistys {i};Oulu\n" for i in range(5000))
    error = _refused(rows.encode(), "hidas.csv", time_limit=0.0)
    assert error.limit == "time"
    with app.test_request_context("/"):
        assert "sekuntia" in error.message
    assert len(read_table(rows.encode(), "nopea.csv").rows) == 5000  # within the default


def test_the_import_page_shows_the_limit_in_finnish_and_saves_nothing(client, login, db):
    import sqlalchemy as sa

    from consult.organisations.models import Organisation

    login()
    url = "/organisaatiot/tuo"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(
        url,
        data={"csrf_token": token, "file": (io.BytesIO(_bomb()), "pommi.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "100 Mt" in page and "purkautuu" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0
