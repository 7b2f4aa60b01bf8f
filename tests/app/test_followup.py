"""Follow-up: documents uploaded for the highlights and how well they cover each one."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from consult.curation.models import Highlight
from consult.followup import queries as followup_queries
from tests.app.test_curation import (
    STATEMENTS,
    _theme_of,
    _themes,
    curated,  # noqa: F401 - the fixture
)
from tests.conftest import csrf_token
from tests.seeds import ACCESS, GRANTS


def _document_text(statement: str) -> str:
    return "\n\n".join(
        [
            "Maakuntastrategia 2019–2025",
            "Maakunta edistää asukkaiden hyvinvointia ja terveyttä yhdessä kuntien kanssa.",
            "Liikenneyhteyksiä kehitetään ja elinkeinoelämää vahvistetaan koko maakunnassa.",
            f"Yhdenvertaisuus: {statement}",
            "Strategian toteutumista seurataan vuosittain valtuustossa.",
        ]
    )


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph(p, styles["BodyText"]) for p in text.split("\n\n")]
    )
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_document_containing_a_statement_covers_that_theme_best(curated, db, client, kind):  # noqa: F811
    rnd, _, convenor, _ = curated
    themes = _themes(db)
    access, grants = _theme_of(db, ACCESS[0]), _theme_of(db, GRANTS[0])
    for theme in (access, grants):
        key = 0 if theme is access else 1
        convenor.post(
            f"/{theme.id}/muokkaa",
            {"title": theme.title, "statement": STATEMENTS[key]},
            page=f"/{theme.id}",
        )
    text = _document_text(STATEMENTS[0])
    data = {"txt": text.encode("utf-8"), "docx": _docx_bytes(text), "pdf": _pdf_bytes(text)}[kind]
    page = client.get(f"/kierrokset/{rnd.slug}/seuranta").get_data(as_text=True)
    response = client.post(
        f"/kierrokset/{rnd.slug}/seuranta/asiakirjat",
        data={
            "csrf_token": csrf_token(page),
            "name": "Strategia, luonnos",
            "stage": "draft",
            "file": (io.BytesIO(data), f"strategia.{kind}"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Strategia, luonnos" in html and "Coverage" in html
    from consult.followup.models import FollowUpDocument

    document = db.session.scalar(sa.select(FollowUpDocument))
    rows = {row.theme.id: row for row in followup_queries.document_coverage(rnd, document)}
    assert len(rows) == len(themes)
    best = rows[access.id]
    assert all(best.score > row.score for tid, row in rows.items() if tid != access.id)
    assert best.score >= 40 and best.suggested_status == "included"
    assert "tulkkaus" in best.passages[0][0]

    # the convenor confirms the suggested status from the coverage page
    convenor.post(
        f"/{access.id}/seuranta",
        {"route": "strategy", "status": "included", "status_date": "1.2.2019"},
        page=f"/{access.id}",
    )
    db.session.expire_all()
    assert db.session.get(Highlight, access.id).status == "included"


def test_unreadable_document_gets_a_clear_message(curated, client, db):  # noqa: F811
    rnd, _, _, _ = curated
    page = client.get(f"/kierrokset/{rnd.slug}/seuranta").get_data(as_text=True)
    response = client.post(
        f"/kierrokset/{rnd.slug}/seuranta/asiakirjat",
        data={
            "csrf_token": csrf_token(page),
            "name": "",
            "stage": "draft",
            "file": (io.BytesIO(b"PK\x03\x04 broken"), "rikki.docx"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "could not be read" in response.get_data(as_text=True)
