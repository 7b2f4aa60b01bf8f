"""Proposals browser in real headless Chromium: search by a Finnish form, hide in bulk."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from consult.submissions.models import Proposal, ProposalEvent
from tests.seeds import GRANTS, seed_round

pytestmark = pytest.mark.browser


def test_search_then_hide_the_found_proposals(live, browser, factory, db, shots):
    rnd = seed_round(factory, db)
    factory.user()
    page = browser.new_page(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(20000)
    page.goto(f"{live.url}/kirjaudu")
    page.fill("#email", "convenor@example.fi")
    page.fill("#password", "correct horse battery")
    page.locator("form button[type=submit]").last.click()
    page.goto(f"{live.url}/kierrokset/{rnd.slug}/ehdotukset")
    assert page.locator("input[name=ids]").count() == 15

    # "avustuksia" (an inflected form) finds every grant proposal, whatever its form
    page.fill("#q", "avustuksia")
    page.get_by_role("button", name="Hae").click()
    page.wait_for_url("**q=avustuksia**")
    rows = page.locator("table.proposal-browser tbody tr")
    assert rows.count() == len(GRANTS)
    shown = set(page.locator("table.proposal-browser tbody td a").all_inner_texts())
    assert shown == set(GRANTS)
    page.screenshot(path=str(shots / "proposals-search.png"), full_page=True)

    # choose two, hide them with a reason
    boxes = page.locator("input[name=ids]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    chosen = {int(boxes.nth(i).get_attribute("value")) for i in (0, 1)}
    page.select_option("#action", "hide")
    page.fill("#reason", "Kaksoiskappale")
    page.get_by_role("button", name="Tee").click()
    page.locator(".flash-success").wait_for()
    assert "2 ehdotusta piilotettiin." in page.locator(".flash-success").inner_text()
    # still on the same search, now without the hidden two
    assert "q=avustuksia" in page.url
    assert page.locator("table.proposal-browser tbody tr").count() == len(GRANTS) - 2
    page.screenshot(path=str(shots / "proposals-hidden.png"), full_page=True)

    db.session.expire_all()
    hidden = set(db.session.scalars(sa.select(Proposal.id).where(Proposal.hidden_at.is_not(None))))
    assert hidden == chosen
    reasons = set(db.session.scalars(sa.select(ProposalEvent.reason)))
    assert reasons == {"Kaksoiskappale"}
