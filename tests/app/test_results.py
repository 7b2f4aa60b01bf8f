"""Published results: the convenor publishes, anyone reads participation, highlights, quotes
(only from workshops and consenting organisations) and follow-up; the summary of views
downloads as DOCX and PDF that read back right."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from consult import signals
from consult.curation import queries as cq
from consult.results import queries as results
from tests.conftest import csrf_token
from tests.publish_seeds import (
    CONSENTING_ORG,
    CONTACT_EMAIL,
    CONTACT_NAME,
    LONG_ROUTE,
    NOTE,
    curated_round,
    proposal_sources,
)


@pytest.fixture
def rnd(factory, db):
    return curated_round(factory, db)


@pytest.fixture
def received():
    """Signals sent during the test: (name, kwargs)."""
    got = []

    def on_published(sender, **kw):
        got.append(("results_published", kw))

    def on_status(sender, **kw):
        got.append(("highlight_status_changed", kw))

    signals.results_published.connect(on_published)
    signals.highlight_status_changed.connect(on_status)
    yield got
    signals.results_published.disconnect(on_published)
    signals.highlight_status_changed.disconnect(on_status)


def _publish(client, rnd, action="publish"):
    page = client.get(f"/kierrokset/{rnd.slug}/tulokset")
    assert page.status_code == 200
    response = client.post(
        f"/kierrokset/{rnd.slug}/tulokset/julkaisu",
        data={"csrf_token": csrf_token(page.get_data(as_text=True)), "action": action},
    )
    assert response.status_code == 302
    return response


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_results_are_public_only_once_published(client, login, rnd, db, received, fi):
    public = f"/k/{rnd.slug}/tulokset"
    assert client.get(public).status_code == 404
    assert client.get(public + "/lausuntotiivistelma.pdf").status_code == 404

    login()
    preview = client.get(public).get_data(as_text=True)
    assert fi("Preview: this page is not public yet.") in preview
    page = client.get(f"/kierrokset/{rnd.slug}/tulokset").get_data(as_text=True)
    client.post(
        f"/kierrokset/{rnd.slug}/tulokset/havainnot",
        data={"csrf_token": csrf_token(page), "observations": "Tilat nousivat kaikkialla."},
    )
    _publish(client, rnd)
    _publish(client, rnd)  # publishing twice notifies once
    assert [name for name, _ in received] == ["results_published"]
    assert received[0][1] == {"round_id": rnd.id}
    anonymous = client.application.test_client()
    html = anonymous.get(public).get_data(as_text=True)
    text = _text(html)
    # participation table: date, network, participants, total
    assert "29.8.2018 Kuurojen verkosto 10" in text
    assert "29.8.2018 Kylät ry 4" in text
    assert re.search(rf"{fi('Total')}\s+14", text)
    assert "Tilat nousivat kaikkialla." in text
    highlights = results.highlights(rnd)
    assert highlights
    for h in highlights:
        assert f"{h.position}. {h.title}" in text
    first = highlights[0]
    assert LONG_ROUTE in text and NOTE in text and "12.3.2019" in text
    assert fi("Partly included") in text
    # quotes: workshops by workshop, organisations only with consent; never a contact
    sources = proposal_sources(db, rnd)
    quoted = re.findall(r"<blockquote><p>“(.*?)”</p></blockquote>", html)
    assert quoted
    for quote in quoted:
        network, org, consent = sources[quote.replace("&#34;", '"')]
        assert network or consent, quote
    assert "Kempeleen Urheilijat ry" not in html  # answered without consent
    assert CONTACT_NAME not in html and CONTACT_EMAIL not in html
    assert first.quotes
    assert anonymous.get(public + "/lausuntotiivistelma.docx").status_code == 200

    _publish(client, rnd, "unpublish")  # the convenor takes the page down again
    page = client.get(public).get_data(as_text=True)
    client.post("/kirjaudu-ulos", data={"csrf_token": csrf_token(page)})
    assert client.get(public).status_code == 404


def test_consenting_organisation_is_named_with_its_quote(app, rnd, db):
    highlights = results.highlights(rnd)
    named = {q.source.name for h in highlights for q in h.quotes if q.source.kind != "workshop"}
    assert named <= {CONSENTING_ORG}
    everyone = {p.source.name for h in highlights for p in h.proposals}
    assert CONSENTING_ORG in everyone
    assert "Kempeleen Urheilijat ry" not in everyone  # shown as kind and municipality only
    for h in highlights:
        if any(p.source.kind == "organisation" and not p.source.named for p in h.proposals):
            assert h.n_unnamed_organisations >= 1


def test_follow_up_change_emits_status_signal(client, login, rnd, db, received):
    login()
    theme = cq.themes(rnd)[1]
    page = client.get(f"/kierrokset/{rnd.slug}/nostot/{theme.id}").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    data = {
        "csrf_token": csrf_token(page),
        "version": version,
        "route": "welfare_report",
        "status": "included",
        "status_date": "2019-04-01",
        "status_note": "Mukana",
    }
    response = client.post(f"/kierrokset/{rnd.slug}/nostot/{theme.id}/seuranta", data=data)
    assert response.status_code == 302
    assert received == [
        ("highlight_status_changed", {"round_id": rnd.id, "highlight_id": theme.id})
    ]


def _heading_levels(doc) -> list[tuple[int, str]]:
    levels = []
    for p in doc.paragraphs:
        match = re.match(r"Heading (\d)", p.style.name)
        if match:
            levels.append((int(match.group(1)), p.text))
    return levels


def assert_no_skipped_levels(levels: list[tuple[int, str]]) -> None:
    assert levels and levels[0][0] == 1
    for (before, _), (level, text) in zip(levels, levels[1:], strict=False):
        assert level <= before + 1, f"heading level {before} → {level} at {text!r}"


def test_summary_of_views_docx_and_pdf_read_back(client, login, rnd, db, fi):
    login()
    response = client.get(f"/kierrokset/{rnd.slug}/lausuntotiivistelma.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    doc = Document(io.BytesIO(response.data))
    levels = _heading_levels(doc)
    assert_no_skipped_levels(levels)
    top = [text for level, text in levels if level == 1]
    assert top == [
        fi("What was asked and when"),
        fi("Who took part"),
        fi("General observations"),
        fi("Views per highlight"),
        fi("How the views were taken into account"),
        fi("Appendix: all proposals"),
    ]
    highlights = results.highlights(rnd)
    h2 = [text for level, text in levels if level == 2]
    for h in highlights:
        assert f"{h.position}. {h.title}" in h2
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Toimintaedellytykset" in text  # the question asked
    assert "Kuurojen verkosto (29.8.2018)" in text  # who expressed it
    assert CONTACT_NAME not in text and CONTACT_EMAIL not in text
    # workshops table with the total; follow-up table with date and the note under its row
    workshops = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert workshops[-1][1:] == [fi("Total"), "14"]
    follow = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert follow[0] == [fi("Highlight"), fi("Route"), fi("Status"), fi("Date")]
    first = highlights[0]
    assert follow[1] == [
        f"1. {first.title}",
        f"{fi('Other document')}: {LONG_ROUTE}",
        fi("Partly included"),
        "12.3.2019",
    ]
    assert follow[2][0] == f"{fi('Note')}: {NOTE}"
    # appendix: every proposal of the round once
    appendix = text[text.index(fi("Appendix: all proposals")) :]
    for proposal in proposal_sources(db, rnd):
        assert proposal in appendix

    pdf = client.get(f"/kierrokset/{rnd.slug}/lausuntotiivistelma.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.data))
    joined = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for h in highlights:
        assert " ".join(h.title.split()) in joined
    assert " ".join(NOTE.split()) in joined and LONG_ROUTE in joined
    assert fi("How the views were taken into account") in joined
    assert CONTACT_EMAIL not in joined
