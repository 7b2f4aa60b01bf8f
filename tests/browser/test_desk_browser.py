"""The convenor's desk in real headless Chromium: the highlights overview at 22 highlights,
confirmations, error summaries, progress without reloads, axe-core, and a 390 px phone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from consult.curation.models import Highlight
from consult.themes.models import AnalysisRun
from consult.workshops.models import Workshop
from consult.workshops.services import workshop_token
from tests.browser.conftest import axe, screenshots
from tests.seeds import seed_highlights

pytestmark = pytest.mark.browser

LIVE_PORTS = (5600, 5699)  # this suite's own range (the machine is shared)
EMAIL, PASSWORD = "convenor@example.fi", "correct horse battery"


@pytest.fixture
def shots() -> Path:
    return screenshots(Path("/tmp/curate-shots"))  # noqa: S108


@pytest.fixture
def desk(factory, db):
    factory.user(EMAIL, PASSWORD)
    return seed_highlights(factory, db, n=22)


def _page(browser, live, width=1280, height=900, **kwargs):
    context = browser.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True, **kwargs
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live.url + "/kirjaudu")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/kirjaudu" not in url)
    return page


def _axe(page) -> list[dict]:
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in axe(page)["violations"]
    ]


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_overview_at_22_highlights_is_compact_sticky_keyboard_usable_and_passes_axe(
    browser, live, desk, db, shots
):
    page = _page(browser, live)
    page.goto(f"{live.url}/kierrokset/{desk.slug}/nostot")
    height = _height(page)
    page.screenshot(path=str(shots / "overview-1280.png"), full_page=True)
    print(f"\noverview page height at 22 highlights: {height} px")  # noqa: T201
    assert height < 3500  # was 11,800 px at 20 highlights with a card per highlight
    assert _axe(page) == []

    # the action panel stays on screen at the bottom of the list
    page.locator("#overview tbody tr").last.scroll_into_view_if_needed()
    box = page.locator("#bulk-panel").bounding_box()
    assert box and 0 <= box["y"] < 900
    page.screenshot(path=str(shots / "overview-scrolled.png"))

    # tick three with the keyboard, set their status in one go
    themes = db.session.scalars(sa.select(Highlight).order_by(Highlight.position)).all()
    for theme in themes[1:4]:
        page.focus(f"#tick-{theme.id}")
        page.keyboard.press("Space")
    assert "3" in page.locator("#bulk-count").inner_text()
    page.select_option("#status", "in_preparation")
    page.locator("button[value=status]").click()
    page.wait_for_load_state()
    db.session.expire_all()
    assert [
        t.status for t in db.session.scalars(sa.select(Highlight).order_by(Highlight.position))
    ][:5] == [
        "not_started",
        "in_preparation",
        "in_preparation",
        "in_preparation",
        "not_started",
    ]

    # reorder with the keyboard: focus comes back to the same button
    target = themes[6]
    page.focus(f"#jarjestys-{target.id}-ylos")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#jarjestys-{target.id}-ylos")
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id === 'jarjestys-{target.id}-ylos'"
    )
    db.session.expire_all()
    assert db.session.get(Highlight, target.id).position == 6

    # deleting asks in a dialog; cancelling changes nothing
    doomed = themes[10].id
    page.check(f"#tick-{doomed}")
    page.locator("button[value=delete]").click()
    dialog = page.locator("dialog.confirm-dialog")
    dialog.wait_for()
    assert "ehdotukset siirtyvät teemojen ulkopuolelle" in dialog.inner_text()
    page.screenshot(path=str(shots / "overview-delete-dialog.png"))
    assert _axe(page) == []
    dialog.get_by_role("button", name="Peruuta").click()
    db.session.expire_all()
    assert db.session.get(Highlight, themes[10].id) is not None
    page.locator("button[value=delete]").click()
    page.locator("dialog.confirm-dialog").get_by_role("button", name="Kyllä, poista").click()
    page.wait_for_load_state()
    page.locator(".flash-success").wait_for()
    db.session.expire_all()
    assert doomed not in set(db.session.scalars(sa.select(Highlight.id)))


def test_new_link_confirms_in_a_dialog_and_on_a_page_without_javascript(
    browser, live, desk, db, shots
):
    workshop = db.session.scalars(sa.select(Workshop).order_by(Workshop.id)).first()
    old = workshop_token(workshop)
    page = _page(browser, live)
    page.goto(f"{live.url}/kierrokset/{desk.slug}")
    form = page.locator(f"form[action$='/tyopajat/{workshop.id}/uusi-linkki']")
    form.locator("button").click()
    dialog = page.locator("dialog.confirm-dialog")
    dialog.wait_for()
    assert "palautelinkki" in dialog.inner_text()
    dialog.get_by_role("button", name="Peruuta").click()
    db.session.expire_all()
    assert workshop_token(db.session.get(Workshop, workshop.id)) == old

    # without JavaScript: a confirmation page says what happens
    plain = _page(browser, live, java_script_enabled=False)
    plain.goto(f"{live.url}/kierrokset/{desk.slug}")
    plain.locator(f"form[action$='/tyopajat/{workshop.id}/uusi-linkki'] button").click()
    plain.wait_for_load_state()
    assert "lakkaa toimimasta" in plain.locator("main").inner_text()
    plain.screenshot(path=str(shots / "confirm-new-link.png"), full_page=True)
    db.session.expire_all()
    assert workshop_token(db.session.get(Workshop, workshop.id)) == old
    # axe runs on the same page with scripts on
    page.goto(f"{live.url}/kierrokset/{desk.slug}")
    page.evaluate(
        "document.querySelectorAll('[data-confirm]').forEach(e => e.removeAttribute('data-confirm'))"
    )
    page.locator(f"form[action$='/tyopajat/{workshop.id}/uusi-linkki'] button").click()
    page.locator("#confirm-what").wait_for()
    violations = _axe(page)
    assert violations == [], json.dumps(violations)
    plain.get_by_role("button", name="Kyllä, tee uusi linkki").click()
    plain.wait_for_load_state()
    db.session.expire_all()
    assert workshop_token(db.session.get(Workshop, workshop.id)) != old


def test_refused_follow_up_focuses_the_error_summary(browser, live, desk, db):
    theme = db.session.scalars(sa.select(Highlight).order_by(Highlight.position)).first()
    page = _page(browser, live)
    page.goto(f"{live.url}/kierrokset/{desk.slug}/nostot/{theme.id}")
    page.select_option("#route", "other")
    page.fill("#status_date", "31.2.2019")
    page.fill("#status_note", "Kirjoitettu muistiinpano")
    page.locator("#seuranta button[type=submit]").click()
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('error-summary')"
    )
    summary = page.locator(".error-summary").inner_text()
    assert "Nimeä muu asiakirja." in summary and "Anna kelvollinen päivämäärä" in summary
    assert page.input_value("#status_date") == "31.2.2019"
    assert page.input_value("#status_note") == "Kirjoitettu muistiinpano"
    page.locator(".error-summary a[href='#status_date']").click()
    assert page.evaluate("document.activeElement.id") == "status_date"


def test_run_page_updates_progress_without_reloading_and_passes_axe(
    browser, live, factory, db, shots
):
    from consult.themes import services as themes

    user = factory.user(EMAIL, PASSWORD)
    rnd = factory.round()
    run = themes.create_run(rnd, question_id=None, user_id=user.id, n_themes=None)
    run.status, run.progress, run.stage = "running", 10, "embedding"
    run.settings = {**run.settings, "worker": None}
    db.session.commit()
    page = _page(browser, live)
    page.goto(f"{live.url}/kierrokset/{rnd.slug}/analyysi/{run.id}")
    page.evaluate("window.__marker = 'same page'")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    violations = _axe(page)
    assert violations == [], json.dumps(violations)
    run = db.session.get(AnalysisRun, run.id)
    run.progress, run.stage = 60, "clustering"
    db.session.commit()
    page.wait_for_function(
        "document.getElementById('run-progress-bar').value === 60", timeout=15000
    )
    assert "ryhmitellään teemoiksi" in page.locator("#run-progress-text").inner_text()
    assert page.locator("#run-progress-text").get_attribute("aria-live") == "polite"
    assert page.evaluate("window.__marker") == "same page"  # updated, never reloaded
    page.screenshot(path=str(shots / "run-progress.png"))
    page.focus("#run-progress-action a")  # busy on the page: the result is offered as a link
    run.status, run.progress, run.stage = "done", 100, "done"
    db.session.commit()
    page.locator("#run-progress-action a.button").wait_for()
    assert "Analyysi on valmis." in page.locator("#run-progress-text").inner_text()


def test_convenor_pages_fit_a_390_px_phone(browser, live, desk, factory, db, shots):
    factory.round(title="Järjestöjen näkemykset osaksi maakuntastrategiaa vuonna 2018")
    page = _page(browser, live, width=390, height=844, is_mobile=True, has_touch=True)
    paths = {
        "rounds": "/kierrokset/",
        "round": f"/kierrokset/{desk.slug}",
        "participation": f"/kierrokset/{desk.slug}/osallistuminen",
        "overview": f"/kierrokset/{desk.slug}/nostot",
        "follow-up": f"/kierrokset/{desk.slug}/seuranta",
        "organisations": "/organisaatiot/",
    }
    widths = {}
    for name, path in paths.items():
        page.goto(live.url + path)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(shots / f"phone-{name}.png"), full_page=True)
    print(f"\nscrollWidth at 390 px: {widths}")  # noqa: T201
    assert all(width <= 390 for width in widths.values()), widths

    page.goto(f"{live.url}/kierrokset/{desk.slug}")
    link = page.locator(".link-cell input").first
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    link.click()
    assert page.evaluate(
        "window.getSelection().toString() || document.activeElement.value"
    ).startswith("http")
