"""axe-core in real Chromium on the pages of published results and the legal pages:
no WCAG 2.1 A/AA violations, no inline scripts; full-page screenshots for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from consult.results import services as results
from tests.browser.conftest import WCAG, axe
from tests.publish_seeds import curated_round

pytestmark = pytest.mark.browser

LIVE_PORTS = (5800, 5899)  # this feature's range (the machine is shared)
PASSWORD = "correct horse battery"


def _check(page, name: str, shots: Path) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    html = page.content()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline == [], (name, inline)
    assert not re.search(r"\son[a-z]+=", html), name
    result = axe(page, WCAG)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], (name, violations)
    assert len(result["passes"]) >= 10, name  # the rules did run


def test_new_pages_have_no_wcag_violations(live, browser, app, factory, db, shots):
    rnd = curated_round(factory, db)
    with app.test_request_context():
        results.save_observations(rnd, "Tilat ja avustukset nousivat kaikissa verkostoissa.")
        results.publish(rnd)
    db.session.commit()
    factory.user("axe@example.fi", PASSWORD)
    from consult.submissions import services as submissions

    _answer, token = submissions.create_independent_submission(
        rnd,
        today=rnd.opens_on,
        organisation="Saavutettava ry",
        kind="sote",
        municipality="Oulu",
        contact_name="Sanna Saavutettava",
        contact_email="sanna@example.fi",
        proposals={rnd.questions[0].id: ["Esteettömät tilat"]},
    )
    db.session.commit()
    slug = rnd.slug

    for viewport, suffix in (
        ({"width": 1280, "height": 900}, ""),
        ({"width": 390, "height": 844}, "-phone"),
    ):
        context = browser.new_context(viewport=viewport, locale="fi-FI")
        page = context.new_page()
        page.set_default_timeout(20000)
        for path, name in (
            (f"/k/{slug}/tulokset", "results"),
            ("/saavutettavuus", "accessibility"),
            ("/tietosuoja", "privacy"),
            ("/saavutettavuus/palaute", "feedback"),
            (f"/k/{slug}", "public-form"),
            (f"/v/{token}", "own-answer"),
        ):
            page.goto(live.url + path)
            _check(page, name + suffix, shots)
        page.goto(live.url + "/saavutettavuus/palaute")
        page.locator("button[type=submit]").last.click()
        page.locator(".error-summary").wait_for()
        _check(page, "feedback-errors" + suffix, shots)
        page.locator("#message").fill("Kaavio ei avaudu ruudunlukijalla.")
        page.locator("button[type=submit]").last.click()
        page.locator(".flash-success").wait_for()
        context.close()

    for lang in ("sv", "en"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(live.url + "/saavutettavuus")
        page.locator(f"button[formaction='/kieli/{lang}']").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == lang
        _check(page, f"accessibility-{lang}", shots)
        page.goto(live.url + f"/k/{slug}/tulokset")
        _check(page, f"results-{lang}", shots)
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    page = context.new_page()
    page.goto(live.url + "/kirjaudu")
    page.locator("#email").fill("axe@example.fi")
    page.locator("#password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    for path, name in (
        (f"/kierrokset/{slug}/tulokset", "results-manage"),
        (f"/kierrokset/{slug}/henkilotiedot", "round-personal-data"),
        ("/palautteet", "feedback-list"),
    ):
        page.goto(live.url + path)
        _check(page, name, shots)
    context.close()
