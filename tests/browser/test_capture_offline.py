"""Capture page in real headless Chromium: the server goes away mid-workshop, nothing is lost."""

from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa

from consult.submissions.models import Proposal
from consult.workshops.services import workshop_token

# Without Chromium these are skipped, or fail in CI: see tests/browser/conftest.py.
pytestmark = pytest.mark.browser


def _add(page, question_id: int, text: str) -> None:
    box = page.locator(f"#capture-add-{question_id}")
    box.fill(text)
    box.press("Enter")
    page.locator(".entry", has_text=text).first.wait_for()


def _try_again_now(page) -> None:
    """Press "Try again now" unless the automatic retry (backoff) already sent everything."""
    import contextlib

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # the caller then waits for "saved" and checks the database
    with contextlib.suppress(PlaywrightTimeout):
        page.locator("#capture-status button").click(timeout=3000)


def _texts_in_db(db) -> Counter:
    db.session.expire_all()
    return Counter(db.session.scalars(sa.select(Proposal.text)))


def test_entries_survive_a_server_outage_and_a_reload(live, browser, factory, db, shots):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    q1, q2 = (q.id for q in rnd.questions)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fi-FI"
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live.url}/tyopaja/{workshop_token(workshop)}")
    status = page.locator("#capture-status")

    # online: type, Enter, saved
    _add(page, q1, "Palvelut saavutettaviksi kaikille")
    _add(page, q1, "Tulkkaus kaikkiin palveluihin")
    page.locator("#org_reps").fill("12")
    page.locator("#org_reps").press("Tab")
    org = page.locator("#capture-org-input")
    org.fill("Oulun Marttayhdistys ry")
    org.press("Enter")
    page.locator(".capture-status-ok").wait_for()
    assert page.locator(".entry-unsent").count() == 0
    page.screenshot(path=str(shots / "capture-online.png"), full_page=True)

    # the server goes away: entries keep coming, shown as not sent
    live.stop()
    _add(page, q1, "Selkokieli kaikkeen viestintään")
    _add(page, q2, "Maksuttomat tilat järjestöille")
    _add(page, q2, "Avustusten haku yksinkertaisemmaksi")
    first = page.locator(".entry", has_text="Palvelut saavutettaviksi kaikille")
    first.locator("[data-action=edit]").click()
    editor = page.locator(".entry-editor")
    editor.fill("Palvelut saavutettaviksi kaikille, myös kuuroille")
    editor.press("Enter")
    page.locator(".capture-status-offline").wait_for()
    assert page.locator(".entry-unsent").count() == 4
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live")
    page.screenshot(path=str(shots / "capture-offline.png"), full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "capture-offline-top.png"))

    # back up: the outbox is sent by itself (backoff), each entry exactly once
    live.start()
    page.locator(".capture-status-ok").wait_for(timeout=45000)
    assert page.locator(".entry-unsent").count() == 0
    expected = Counter(
        [
            "Palvelut saavutettaviksi kaikille, myös kuuroille",
            "Tulkkaus kaikkiin palveluihin",
            "Selkokieli kaikkeen viestintään",
            "Maksuttomat tilat järjestöille",
            "Avustusten haku yksinkertaisemmaksi",
        ]
    )
    assert _texts_in_db(db) == expected

    # entries not sent yet survive a reload (they live in localStorage until confirmed)
    page.route("**/api/**", lambda route: route.abort("internetdisconnected"))
    _add(page, q2, "Kuntien ja järjestöjen yhteinen foorumi")
    page.locator(".capture-status-offline").wait_for()
    page.reload()
    unsent = page.locator(".entry-unsent", has_text="Kuntien ja järjestöjen yhteinen foorumi")
    unsent.wait_for()
    page.locator(".capture-status-offline").wait_for()
    page.unroute("**/api/**")
    _try_again_now(page)
    page.locator(".capture-status-ok").wait_for()
    assert page.locator(".entry-unsent").count() == 0
    expected["Kuntien ja järjestöjen yhteinen foorumi"] = 1
    assert _texts_in_db(db) == expected

    # a second facilitator on the same link sees everything and adds her own
    other_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    other = other_context.new_page()
    other.set_default_timeout(20000)
    other.goto(page.url)
    assert other.locator(".capture-list .entry").count() == 6
    _add(other, q1, "Toisen fasilitaattorin ehdotus")
    other.locator(".capture-status-ok").wait_for()
    other_context.close()

    # the first sees it after a reload; nothing doubled
    page.reload()
    page.locator(".capture-status-ok").wait_for()
    assert page.locator(".capture-list .entry").count() == 7
    expected["Toisen fasilitaattorin ehdotus"] = 1
    assert _texts_in_db(db) == expected

    # reorder from the keyboard: focus stays on the moved entry
    q1_list = page.locator(f'.capture-question[data-question-id="{q1}"] .entry')
    first_id = q1_list.nth(0).get_attribute("data-cid")
    page.locator(f'[data-cid="{first_id}"][data-action="down"]').focus()
    page.keyboard.press("Enter")
    page.locator(".capture-status-ok").wait_for()
    assert q1_list.nth(1).get_attribute("data-cid") == first_id
    assert page.evaluate("document.activeElement.getAttribute('data-cid')") == first_id
    db.session.expire_all()
    order = db.session.scalars(
        sa.select(Proposal.client_id)
        .where(Proposal.question_id == q1)
        .order_by(Proposal.position, Proposal.id)
    ).all()
    assert order[1] == first_id

    # close: the link then shows what was handed in
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#close-button").click()
    page.locator("ul.proposals").first.wait_for()
    assert "Toisen fasilitaattorin ehdotus" in page.content()
    context.close()


def test_capture_page_opens_and_switches_language_with_no_network(
    live, browser, factory, db, shots
):
    """A service worker keeps the page: reload and language change work with no network."""
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    q1 = rnd.questions[0].id
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fi-FI"
    )
    page = context.new_page()
    page.set_default_timeout(20000)
    url = f"{live.url}/tyopaja/{workshop_token(workshop)}"
    page.goto(url)
    _add(page, q1, "Ensimmäinen ehdotus verkossa")
    page.locator(".capture-status-ok").wait_for()
    # the service worker has taken the page and its assets into its cache
    page.wait_for_function(
        "async (path) => { const r = await caches.match(location.origin + path);"
        " return !!r && !!(await caches.match(location.origin + '/static/capture.js')); }",
        arg=f"/tyopaja/{workshop_token(workshop)}",
        polling=200,
    )

    # no network at all: the server is gone and the browser is offline
    live.stop()
    context.set_offline(True)
    _add(page, q1, "Kirjoitettu ilman verkkoa")
    page.locator(".capture-status-offline").wait_for()
    page.reload()
    page.locator(".entry-unsent", has_text="Kirjoitettu ilman verkkoa").wait_for()
    assert page.locator(".entry", has_text="Ensimmäinen ehdotus verkossa").count() == 1
    page.locator(".capture-status-offline").wait_for()
    assert page.evaluate("document.documentElement.hasAttribute('data-offline-copy')")
    page.screenshot(path=str(shots / "capture-offline-reload.png"), full_page=True)

    # changing the language with no network still shows the page and the unsent entry
    page.locator("header form.lang button[lang=sv]").click()
    page.locator(".entry-unsent", has_text="Kirjoitettu ilman verkkoa").wait_for()
    assert "/kieli/sv" in page.url  # the language form posted; the cached page answered

    # the network returns: the entry is sent exactly once
    context.set_offline(False)
    live.start()
    _try_again_now(page)
    page.locator(".capture-status-ok").wait_for(timeout=45000)
    assert _texts_in_db(db) == Counter(
        ["Ensimmäinen ehdotus verkossa", "Kirjoitettu ilman verkkoa"]
    )
    context.close()
