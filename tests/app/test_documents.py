"""Convenor: download the themed summary (DOCX, PDF), the data (XLSX, JSON) and the charts.

The demo round is loaded once, in one test, because it takes long; that test reads every
format back as the reader of the file would.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
import sqlalchemy as sa
from docx import Document
from flask_babel import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from consult import clock
from consult.exports.charts import round_charts
from consult.exports.docx_summary import build_docx
from consult.exports.pdf_summary import build_pdf
from consult.exports.summary import Summary, SummaryProposal, SummaryTheme
from consult.submissions import services as submissions
from consult.submissions.models import Proposal
from consult.themes.models import AnalysisRun, CandidateThemeProposal
from consult.themes.services import create_run, execute_run
from consult.workshops.participation import Participation, WorkshopParticipation

PNG = b"\x89PNG\r\n\x1a\n"
EVIL_ORG = '=HYPERLINK("http://evil.example","klikkaa")'
EVIL_TEXTS = ["=1+2 kokoontumistiloja tarvitaan", "@SUM(A1) avustukset ajoissa", "-3+3 tulkkaus"]


def _demo_with_run(db):
    from consult.demo import load_demo

    rnd = load_demo(analyse=False)
    question = rnd.questions[0]
    submissions.create_independent_submission(
        rnd,
        today=max(rnd.opens_on, min(clock.today(), rnd.closes_on)),
        organisation=EVIL_ORG,
        kind="other",
        municipality="+358 Oulu",
        contact_name="",
        contact_email="",
        proposals={question.id: EVIL_TEXTS},
    )
    db.session.commit()
    run = create_run(rnd, question_id=None, user_id=None)
    db.session.commit()
    execute_run(run.id)
    run = db.session.get(AnalysisRun, run.id)
    assert run.status == "done", run.error
    return rnd, run


def _ids_in(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"\(#(\d+),", text)]


def _shown_title(theme) -> str:
    """The title a document shows: "Muut" is written out in the reader's language."""
    from flask import current_app

    from consult.mail.content import other_title

    if not theme.is_other:
        return theme.title
    with current_app.test_request_context("/"):
        return str(other_title())


def _check_docx(data: bytes, run, member_ids: list[int]) -> None:
    doc = Document(io.BytesIO(data))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Päivämäärä", "Verkosto", "Osallistujia"]
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(body) == 14  # 13 workshops and the total
    assert sum(int(r[2]) for r in body[:-1]) == 158
    assert body[-1][1:] == ["Yhteensä", "158"]
    assert len(doc.inline_shapes) >= 3  # the charts, then word clouds
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for number, theme in enumerate(run.themes, start=1):
        assert f"{number}. {_shown_title(theme)}" in headings
    texts = [p.text for p in doc.paragraphs]
    appendix = texts[texts.index(_("Appendix: all proposals by theme")) :]
    assert sorted(_ids_in("\n".join(appendix))) == sorted(member_ids)
    routing = doc.tables[-1]
    assert len(routing.rows) == len(run.themes) + 1


def _check_pdf(data: bytes, run, member_ids: list[int]) -> None:
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    assert "Maakuntastrategia 2018" in pages[0]
    text = " ".join(" ".join(pages).split())
    assert re.search(r"Yhteensä 158", text)
    assert "Pohjois-Pohjanmaan järjestöneuvottelukunta" in text  # ä and ö survive
    for theme in run.themes:
        assert " ".join(theme.title.split()) in text
    assert sorted(_ids_in(" ".join(pages))) == sorted(member_ids)  # only the appendix has ids
    fonts = {
        str(font.get("/BaseFont"))
        for page in reader.pages[:3]
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in f for f in fonts)


def _check_xlsx(data: bytes, rnd, run, n_proposals: int) -> None:
    wb = load_workbook(io.BytesIO(data))
    workshops, organisations, proposals, themes = wb.worksheets
    rows = list(workshops.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 13 and sum(r[8] for r in rows) == 158
    assert [c.value for c in proposals[1]][:4] == [
        _("Id"),
        _("Question"),
        _("Source"),
        _("Proposal"),
    ]
    prows = list(proposals.iter_rows(min_row=2, values_only=True))
    assert len(prows) == n_proposals == len({r[0] for r in prows})
    assert all(r[5] for r in prows)  # every proposal has its theme
    assert len(list(themes.iter_rows(min_row=2))) == len(run.themes)
    names = [r[0] for r in organisations.iter_rows(min_row=2, values_only=True)]
    assert "'" + EVIL_ORG in names
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    texts = {r[3] for r in prows}
    assert {"'" + t for t in EVIL_TEXTS} <= texts


def test_demo_summary_and_data_in_every_format(client, login, db):
    rnd, run = _demo_with_run(db)
    member_ids = list(
        db.session.scalars(
            sa.select(CandidateThemeProposal.proposal_id)
            .join(CandidateThemeProposal.theme)
            .where(CandidateThemeProposal.theme.has(run_id=run.id))
        )
    )
    n_proposals = db.session.scalar(sa.select(sa.func.count(Proposal.id)))
    assert len(member_ids) == len(set(member_ids)) == n_proposals == run.n_proposals
    login()
    base = f"/kierrokset/{rnd.slug}/analyysi/{run.id}"

    page = client.get(base).get_data(as_text=True)
    for suffix in ("yhteenveto.docx", "yhteenveto.pdf", "aineisto.xlsx", "aineisto.json"):
        assert f"{base}/{suffix}" in page

    docx = client.get(f"{base}/yhteenveto.docx")
    assert docx.status_code == 200
    assert docx.headers["Content-Disposition"].startswith("attachment")
    _check_docx(docx.data, run, member_ids)

    pdf = client.get(f"{base}/yhteenveto.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    _check_pdf(pdf.data, run, member_ids)

    xlsx = client.get(f"{base}/aineisto.xlsx")
    assert xlsx.status_code == 200
    _check_xlsx(xlsx.data, rnd, run, n_proposals)

    doc = json.loads(client.get(f"{base}/aineisto.json").data)
    assert doc["participation"]["total"] == 158
    ids = [p["id"] for t in doc["themes"] for p in t["proposals"]]
    assert sorted(ids) == sorted(member_ids)
    assert [t["title"] for t in doc["themes"]] == [_shown_title(t) for t in run.themes]

    participation = client.get(f"/kierrokset/{rnd.slug}/osallistuminen").get_data(as_text=True)
    charts = re.findall(
        r'<img src="(/kierrokset/[^"]+/kaaviot/[a-z]+\.png)" alt="([^"]+)"', participation
    )
    assert len(charts) == 3 and all(alt.strip() for _src, alt in charts)
    first = client.get(charts[0][0])
    assert first.status_code == 200 and first.data.startswith(PNG)
    assert client.get(charts[0][0]).data == first.data  # deterministic
    assert client.get(f"/kierrokset/{rnd.slug}/kaaviot/muu.png").status_code == 404


def test_downloads_require_login(client, factory):
    rnd = factory.round()
    for path in (
        "analyysi/1/yhteenveto.docx",
        "analyysi/1/yhteenveto.pdf",
        "analyysi/1/aineisto.xlsx",
        "analyysi/1/aineisto.json",
        "kaaviot/tyopajat.png",
    ):
        response = client.get(f"/kierrokset/{rnd.slug}/{path}")
        assert response.status_code == 302, path
        assert "/kirjaudu" in response.headers["Location"]


@pytest.fixture
def curated_summary(app):
    """A summary fed with curated themes, as the curation feature will pass them."""
    with app.test_request_context():
        yield _curated_summary()


def _curated_summary() -> Summary:
    part = Participation(
        workshops=[WorkshopParticipation(1, date(2018, 8, 29), "Kylät ry", 12, True, 2)],
        total=12,
        independent_submissions=1,
        organisations=2,
        by_kind={"org_reps": 10, "staff": 0, "residents": 2, "others": 0},
        proposals=3,
    )
    by_kind = {"village": 1, "sports": 1}
    proposals = [
        SummaryProposal(1, "Kylätalot kokoontumistiloiksi", "Q", "Kylät ry", "workshop"),
        SummaryProposal(2, "Åström & Öberg <b>tilat</b>", "Q", "Liikunta ry", "organisation"),
    ]
    theme = SummaryTheme(
        title="Tilat järjestöjen käyttöön",
        statement="Järjestöille maksuttomat tilat kaikissa kunnissa.",
        keywords=["tila", "kylätalo"],
        n_proposals=2,
        n_organisations=1,
        n_workshops=1,
        quotes=proposals[:1],
        proposals=proposals,
        route="strategy",
        status="partly_included",
        status_label="Näkyy luonnoksessa",
    )
    return Summary(
        round_title="Kierros",
        purpose="Tarkoitus",
        questions=["Q"],
        scope="kaikki kysymykset",
        dated=date(2026, 1, 2),
        participation=part,
        organisations_by_kind=by_kind,
        themes=[theme],
        charts=round_charts(part, by_kind),
        n_proposals=2,
    )


def test_curated_themes_show_statement_route_and_status(app, curated_summary):
    doc = Document(io.BytesIO(build_docx(curated_summary)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Järjestöille maksuttomat tilat kaikissa kunnissa." in text
    assert "Åström & Öberg <b>tilat</b>" in text
    routing = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert routing[0] == [_("Theme"), _("Route"), _("Status"), _("Date")]
    assert routing[1] == [
        "1. Tilat järjestöjen käyttöön",
        _("Regional strategy"),
        "Näkyy luonnoksessa",
        "",  # curated themes have a follow-up date column (empty here)
    ]

    pages = PdfReader(io.BytesIO(build_pdf(curated_summary))).pages
    pdf = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Järjestöille maksuttomat tilat kaikissa kunnissa." in pdf
    assert "Åström & Öberg <b>tilat</b>" in pdf  # markup in a proposal is shown, not run
    assert "Näkyy luonnoksessa" in pdf
