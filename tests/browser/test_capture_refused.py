"""Capture page in headless Chromium: one bad entry never blocks the others."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from consult.workshops.services import workshop_token
from tests.browser.test_capture_offline import _add, _texts_in_db

pytestmark = pytest.mark.browser


def test_a_refused_entry_is_marked_and_the_next_ones_are_saved(live, browser, factory, db):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    q1 = rnd.questions[0].id
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(20000)

    def refuse_one(route):
        body = route.request.post_data or ""
        if route.request.method == "PUT" and "HYLÄTTY" in json.loads(body or "{}").get("text", ""):
            route.fulfill(
                status=422,
                content_type="application/json",
                body=json.dumps({"error": "invalid", "message": "Tätä ei voi tallentaa."}),
            )
        else:
            route.continue_()

    page.route("**/api/proposals/**", refuse_one)
    page.goto(f"{live.url}/tyopaja/{workshop_token(workshop)}")

    # Half an emoji (a lone surrogate) typed or pasted: saved with a replacement character.
    box = page.locator(f"#capture-add-{q1}")
    box.evaluate("(el) => { el.value = 'Puolikas \\ud83d emoji'; }")
    box.press("Enter")
    _add(page, q1, "HYLÄTTY kirjaus")
    _add(page, q1, "Seuraava kirjaus tallentuu")
    page.locator(".entry-failed", has_text="HYLÄTTY kirjaus").wait_for()
    page.locator(".capture-status-ok").wait_for()
    assert "Tätä ei voi tallentaa." in page.locator(".entry-failed").inner_text()
    assert _texts_in_db(db) == Counter(["Puolikas \ufffd emoji", "Seuraava kirjaus tallentuu"])
    context.close()
