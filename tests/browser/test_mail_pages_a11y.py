"""The email pages in real Chromium with axe-core: no WCAG 2.1 A/AA violations."""

from __future__ import annotations

import pytest

from consult import clock
from consult.mail.links import unsubscribe_token
from consult.mail.models import Invitation, OutgoingMessage
from consult.organisations.models import Organisation
from tests.browser.conftest import WCAG, axe

pytestmark = pytest.mark.browser


def _violations(page) -> list[str]:
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in axe(page, WCAG)["violations"]
    ]


def test_email_pages_have_no_wcag_violations(live, browser, factory, db, shots):
    factory.user()
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    workshop.facilitator_email = "maija@example.fi"
    org = Organisation(name="Kisa ry", name_key="kisa ry", kind="sports", email="kisa@example.fi")
    other = Organisation(name="Kylä ry", name_key="kylä ry", kind="village", email="kyla@x.fi")
    db.session.add_all([org, other])
    db.session.flush()
    invitation = Invitation(
        round_id=rnd.id,
        organisation_id=org.id,
        email=org.email,
        link_nonce="n",
        token_hash="h" * 64,
        reminded_at=None,
    )
    db.session.add(invitation)
    db.session.flush()
    db.session.add(
        OutgoingMessage(
            round_id=rnd.id,
            kind="invitation",
            recipient=org.email,
            invitation_id=invitation.id,
            status="bounced",
            error="550 5.1.1 …: Recipient address rejected: User unknown",
        )
    )
    db.session.commit()
    pages = {
        "round": f"/kierrokset/{rnd.slug}",
        "invitations": f"/kierrokset/{rnd.slug}/kutsut",
        "emails": f"/kierrokset/{rnd.slug}/sahkopostit",
        "workshop": f"/kierrokset/{rnd.slug}/tyopajat/{workshop.id}",
        "round-form": f"/kierrokset/{rnd.slug}/muokkaa",
        "organisation": f"/organisaatiot/{org.id}",
        "public": f"/k/{rnd.slug}",
        "lost-link": f"/k/{rnd.slug}/kadonnut-linkki",
    }
    # the live server shares the test app's secret key, so the test app signs the token
    pages["unsubscribe"] = f"/sahkoposti/peru/{unsubscribe_token('i', invitation.id)}"
    found = {}
    page = browser.new_page(locale="fi-FI")
    page.set_default_timeout(20000)
    page.goto(f"{live.url}/kirjaudu")
    page.fill("#email", "convenor@example.fi")
    page.fill("#password", "correct horse battery")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    for name, path in pages.items():
        page.goto(live.url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.screenshot(path=str(shots / f"mail-{name}.png"), full_page=True)
        found[name] = _violations(page)
    assert found == {name: [] for name in pages}
    assert clock.today() <= rnd.closes_on  # the public page showed the open form
