"""Round content in Finnish, Swedish and English: shown in the visitor's language when
given, Finnish otherwise, and marked with ``lang`` when it differs from the page."""

from __future__ import annotations

import re

import sqlalchemy as sa

from consult.rounds.models import Question, Round
from tests.conftest import csrf_token


def _post(client, url, data, page_url=None):
    page = client.get(page_url or url)
    return client.post(url, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})


def _language(client, lang):
    page = client.get("/").get_data(as_text=True)
    client.post(f"/kieli/{lang}", data={"csrf_token": csrf_token(page), "next": "/"})


def _h1(html):
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


def test_convenor_gives_texts_in_three_languages_and_visitors_see_theirs(client, login, db):
    login()
    response = _post(
        client,
        "/kierrokset/uusi",
        {
            "title": "Maakuntastrategia",
            "title_sv": "Landskapsstrategi",
            "purpose": "Kuulemme järjestöjä.",
            "instructions": "Keskustelkaa ja vastatkaa.",
            "instructions_sv": "Diskutera och svara.",
            "opens_on": "2020-01-01",
            "closes_on": "2099-12-31",
        },
    )
    assert response.status_code == 302
    rnd = db.session.scalar(sa.select(Round))
    assert rnd.translations == {
        "sv": {"title": "Landskapsstrategi", "instructions": "Diskutera och svara."}
    }
    detail = f"/kierrokset/{rnd.slug}"
    _post(
        client,
        f"{detail}/kysymykset",
        {"text": "Palvelulupaus", "text_sv": "Servicelöfte", "text_en": "Service promise"},
        detail,
    )
    _post(client, f"{detail}/kysymykset", {"text": "Toimintaedellytykset"}, detail)
    question = db.session.scalar(sa.select(Question).where(Question.text == "Palvelulupaus"))
    assert question.translations["en"] == {"text": "Service promise"}
    edit = client.get(f"{detail}/kysymykset/{question.id}").get_data(as_text=True)
    assert 'value="Servicelöfte"' in edit
    assert 'value="Landskapsstrategi"' in client.get(f"{detail}/muokkaa").get_data(as_text=True)

    public = f"/k/{rnd.slug}"
    page = client.get(public).get_data(as_text=True)
    assert _h1(page) == "<h1>Maakuntastrategia</h1>" and "lang=" not in _h1(page)

    _language(client, "sv")
    page = client.get(public).get_data(as_text=True)
    assert '<html lang="sv"' in page
    assert _h1(page) == "<h1>Landskapsstrategi</h1>"
    assert "Diskutera och svara." in page and "Keskustelkaa" not in page
    assert "<span>Servicelöfte</span>" in page
    # Not given in Swedish: shown in Finnish, marked as Finnish.
    assert '<span lang="fi">Toimintaedellytykset</span>' in page
    assert '<p class="lead" lang="fi">Kuulemme järjestöjä.</p>' in page

    _language(client, "en")
    page = client.get(public).get_data(as_text=True)
    assert _h1(page) == '<h1 lang="fi">Maakuntastrategia</h1>'
    assert "<span>Service promise</span>" in page


def test_engine_words_are_translated(client, login, factory, db):
    from consult.themes.models import AnalysisRun, CandidateTheme

    login()
    rnd = factory.round()
    run = AnalysisRun(round_id=rnd.id, status="done", n_themes=1)
    run.themes = [
        CandidateTheme(position=1, title="liikunta · tila", keywords=["liikunta"], n_proposals=0),
        CandidateTheme(position=2, title="Muut", keywords=[], is_other=True, n_proposals=0),
    ]
    db.session.add(run)
    db.session.commit()
    url = f"/kierrokset/{rnd.slug}/analyysi/{run.id}"
    assert "2. Muut (ei yhteistä teemaa)" in client.get(url).get_data(as_text=True)
    _language(client, "sv")
    page = client.get(url).get_data(as_text=True)
    assert "2. Övriga (inget gemensamt tema)" in page and ">Muut<" not in page
    _language(client, "en")
    assert "2. Others (no common theme)" in client.get(url).get_data(as_text=True)
    detail = client.get(f"/kierrokset/{rnd.slug}").get_data(as_text=True)
    assert "1 themes" in detail  # the run's state in words, not the engine's "done"
