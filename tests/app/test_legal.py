"""Legal pages: the accessibility statement (fi/sv/en, EU 2018/1523 model) linked from every
page's footer, its feedback form reaching the convenors, and the privacy notice."""

from __future__ import annotations

import pytest

from consult.legal.models import AccessibilityFeedback
from tests.conftest import csrf_token


def _in(client, lang: str, path: str) -> str:
    page = client.get("/").get_data(as_text=True)
    client.post(f"/kieli/{lang}", data={"csrf_token": csrf_token(page), "next": "/"})
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fi",
            [
                "Vaatimustenmukaisuustilanne",
                "Ei-saavutettava sisältö",
                "Miten saavutettavuutta on arvioitu",
                "Palaute ja yhteystiedot",
                "Etelä-Suomen aluehallintovirasto",
                "www.saavutettavuusvaatimukset.fi",
                "306/2019",
            ],
        ),
        (
            "sv",
            [
                "Tillgänglighetsstatus",
                "Icke tillgängligt innehåll",
                "Hur tillgängligheten har bedömts",
                "Respons och kontaktuppgifter",
                "Regionförvaltningsverket i Södra Finland",
            ],
        ),
        (
            "en",
            [
                "Compliance status",
                "Non-accessible content",
                "How accessibility was assessed",
                "Feedback and contact information",
                "Regional State Administrative Agency for Southern Finland",
                "saavutettavuusvaatimukset.fi",
            ],
        ),
    ],
)
def test_accessibility_statement_in_three_languages(client, lang, expected):
    page = _in(client, lang, "/saavutettavuus")
    assert f'lang="{lang}"' in page
    for text in expected:
        assert text in page, text
    assert 'href="/saavutettavuus/palaute"' in page
    assert "WCAG 2.1" in page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", ["Mitä tietoja tallennetaan ja miksi", "Kuinka kauan", "12 kuukautta", "poist"]),
        ("sv", ["Vilka uppgifter sparas och varför", "Hur länge", "12 månader"]),
        ("en", ["What is stored and why", "How long data is kept", "12 months", "delete"]),
    ],
)
def test_privacy_notice_says_what_why_how_long_and_how_to_remove(client, lang, expected):
    page = _in(client, lang, "/tietosuoja")
    for text in expected:
        assert text in page, text


def test_every_page_links_the_legal_pages_in_its_footer(client, factory, login):
    rnd = factory.round()
    paths = ["/", "/kirjaudu", f"/k/{rnd.slug}", "/saavutettavuus", "/tietosuoja"]
    login()
    paths += ["/kierrokset/", f"/kierrokset/{rnd.slug}", f"/kierrokset/{rnd.slug}/tulokset"]
    for path in paths:
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        page = response.get_data(as_text=True)
        footer = page[page.index('<footer class="site') :]
        assert 'href="/saavutettavuus"' in footer, path
        assert 'href="/tietosuoja"' in footer, path
    assert client.get("/ei-ole-olemassa").status_code == 404
    missing = client.get("/ei-ole-olemassa").get_data(as_text=True)
    assert 'href="/saavutettavuus"' in missing


def test_feedback_reaches_the_convenors(client, factory, login, db, fi, app):
    form = client.get("/saavutettavuus/palaute?sivu=/k/kierros").get_data(as_text=True)
    assert 'value="/k/kierros"' in form
    empty = client.post("/saavutettavuus/palaute", data={"csrf_token": csrf_token(form)})
    assert empty.status_code == 400 and fi("Write your feedback.") in empty.get_data(as_text=True)
    sent = client.post(
        "/saavutettavuus/palaute",
        data={
            "csrf_token": csrf_token(form),
            "message": "Lomakkeen virheilmoitus ei näy ruudunlukijalla.",
            "email": "Palaute@Example.fi",
            "page": "/k/kierros",
        },
    )
    assert sent.status_code == 302
    stored = db.session.query(AccessibilityFeedback).one()
    assert stored.email == "palaute@example.fi" and stored.page == "/k/kierros"

    anonymous = app.test_client()
    assert anonymous.get("/palautteet").status_code == 302  # to the login

    login()
    listing = client.get("/palautteet").get_data(as_text=True)
    assert "Lomakkeen virheilmoitus ei näy ruudunlukijalla." in listing
    assert "mailto:palaute@example.fi" in listing
    client.post(f"/palautteet/{stored.id}/kasitelty", data={"csrf_token": csrf_token(listing)})
    db.session.expire_all()
    assert db.session.get(AccessibilityFeedback, stored.id).handled_at is not None
    client.post(f"/palautteet/{stored.id}/poista", data={"csrf_token": csrf_token(listing)})
    assert db.session.query(AccessibilityFeedback).count() == 0


def test_observers_read_feedback_but_cannot_delete_it(client, login, db):
    db.session.add(AccessibilityFeedback(message="Kontrasti liian heikko"))
    db.session.commit()
    item = db.session.query(AccessibilityFeedback).one()
    login("observer@example.fi", role="observer")
    listing = client.get("/palautteet").get_data(as_text=True)
    assert "Kontrasti liian heikko" in listing
    response = client.post(
        f"/palautteet/{item.id}/poista", data={"csrf_token": csrf_token(listing)}
    )
    assert response.status_code == 403
