"""The Content-Security-Policy in real Chromium: pages work with scripts and styles from /static
only, nothing on them is refused, and an inline script really is blocked."""

from __future__ import annotations

import pytest

from consult.demo import DEMO_EMAIL, DEMO_PASSWORD, load_demo
from consult.workshops.services import workshop_token

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    return page


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    refused = [m for m in page.console_errors if "Content Security Policy" in m]
    assert refused == [], f"{url}: {refused}"


def test_pages_work_under_the_csp_and_inline_script_is_refused(live, page, db, factory, shots):
    rnd = load_demo(analyse=False)
    db.session.commit()
    workshop = factory.workshop(rnd, network="Vielä pitämätön työpaja")  # demo ones are closed
    session_link = f"{live.url}/tyopaja/{workshop_token(workshop)}"

    for path in ("/", "/kirjaudu", f"/k/{rnd.slug}"):
        _visit(page, live.url + path)
    _visit(page, session_link)
    page.locator("#capture-status").wait_for()  # capture.js ran
    assert page.locator(".capture-question").count() == len(rnd.questions)

    # an inline script is refused by the browser, and says so
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.inlineRan === undefined")
    assert any("Content Security Policy" in m for m in page.console_errors)
    page.console_errors.clear()

    _visit(page, f"{live.url}/kirjaudu")
    page.locator("#email").fill(DEMO_EMAIL)
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/kierrokset**")

    # the session link field selects itself on a click (app.js, no onclick attribute)
    _visit(page, f"{live.url}/kierrokset/{rnd.slug}")
    field = page.locator("input[data-select-on-focus]").first
    field.click()
    selected = page.evaluate(
        "() => { const f = document.activeElement; return [f.selectionStart, f.selectionEnd,"
        " f.value.length]; }"
    )
    assert selected[0] == 0 and selected[1] == selected[2] > 20

    # printing page: its stylesheet applies, the Print button works without onclick
    _visit(page, f"{live.url}/kierrokset/{rnd.slug}/linkit")
    qr = page.locator(".qr img").first
    assert qr.bounding_box()["width"] == pytest.approx(9 * 16, abs=2)  # .qr img { 9rem }
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.locator("button[data-print]").click()
    assert page.evaluate("() => window.printed === true")
    page.screenshot(path=str(shots / "csp-links.png"))

    # feedback summary: grade bars drawn without inline styles
    _visit(page, f"{live.url}/kierrokset/{rnd.slug}/palaute")
    bars = page.locator("svg.bar")
    assert bars.count() >= 5
    widths = [bars.nth(i).locator("rect").bounding_box() for i in range(bars.count())]
    assert any(box and box["width"] > 0 for box in widths)
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.choice-row, .bar')).display"
    ) in ("flex", "block")
    page.screenshot(path=str(shots / "csp-feedback.png"), full_page=True)
    assert page.console_errors == []
