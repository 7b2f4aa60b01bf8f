"""The proposals browser: search by Finnish forms, filters, pages, bulk actions, moderation."""

from __future__ import annotations

import re

import sqlalchemy as sa

from consult.curation import services as curation
from consult.submissions.models import Proposal, ProposalEvent
from consult.themes.services import load_proposals
from consult.workshops.participation import participation, proposal_count
from tests.conftest import csrf_token
from tests.seeds import GRANTS, SPACES, seed_round


def _ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'name="ids" value="(\d+)"', html)}


def _by_text(db, text: str) -> Proposal:
    return db.session.scalar(sa.select(Proposal).where(Proposal.text == text))


def test_search_understands_finnish_forms_and_filters_narrow(client, login, factory, db):
    rnd = seed_round(factory, db)
    login()
    url = f"/kierrokset/{rnd.slug}/ehdotukset"
    everything = client.get(url)
    assert everything.status_code == 200 and len(_ids(everything.get_data(as_text=True))) == 15
    # "avustus" (base form) finds avustukset, avustusten, järjestöavustusten, toiminta-avustuksia
    html = client.get(url, query_string={"q": "avustus"}).get_data(as_text=True)
    found = {db.session.get(Proposal, i).text for i in _ids(html)}
    assert found == set(GRANTS)
    # an inflected query finds the base form's proposals too
    html = client.get(url, query_string={"q": "tiloja"}).get_data(as_text=True)
    found = {db.session.get(Proposal, i).text for i in _ids(html)}
    assert SPACES[2] in found and SPACES[3] in found and not found & set(GRANTS)
    # filters: the independent answer's organisation kind, and a workshop
    html = client.get(url, query_string={"tyyppi": "sports"}).get_data(as_text=True)
    assert {db.session.get(Proposal, i).text for i in _ids(html)} == set(SPACES[3:] + GRANTS[3:])
    workshop = rnd.workshops[1]
    html = client.get(url, query_string={"tyopaja": workshop.id, "q": "avustus"}).get_data(
        as_text=True
    )
    assert {db.session.get(Proposal, i).text for i in _ids(html)} == {GRANTS[2]}
    html = client.get(url, query_string={"kunta": "Kempele", "jarjestys": "old"}).get_data(
        as_text=True
    )
    assert len(_ids(html)) == 4


def test_pages_of_fifty(client, login, factory, db):
    from tests.seeds import add_independent

    rnd = factory.round(questions=("Kysymys",))
    add_independent(rnd, "Iso yhdistys ry", [f"Ehdotus numero {i}" for i in range(120)])
    db.session.commit()
    login()
    url = f"/kierrokset/{rnd.slug}/ehdotukset"
    first = client.get(url).get_data(as_text=True)
    third = client.get(url, query_string={"sivu": 3}).get_data(as_text=True)
    assert len(_ids(first)) == 50 and len(_ids(third)) == 20
    assert not _ids(first) & _ids(third)
    assert "sivu=2" in first
    # a page past the end (an old link, a typed number) shows the last page, counted right
    past = client.get(url, query_string={"sivu": 9}).get_data(as_text=True)
    assert _ids(past) == _ids(third)
    assert "120" in past
    # nothing matching: no rows, one page, no error
    none = client.get(url, query_string={"q": "olematonsana", "sivu": 4})
    assert none.status_code == 200 and not _ids(none.get_data(as_text=True))


def _bulk(client, url, html, **data):
    return client.post(
        url + "/toiminto",
        data={
            "csrf_token": csrf_token(html),
            "version": re.search(r'name="version" value="(\d+)"', html).group(1),
            **data,
        },
    )


def test_bulk_hide_leaves_analyses_and_counts_and_unhide_brings_back(client, login, factory, db):
    rnd = seed_round(factory, db)
    login()
    url = f"/kierrokset/{rnd.slug}/ehdotukset"
    html = client.get(url, query_string={"q": "avustus"}).get_data(as_text=True)
    ids = sorted(_ids(html))
    response = _bulk(client, url, html, ids=[str(i) for i in ids], action="hide", reason="Roskaa")
    assert response.status_code == 302
    db.session.expire_all()
    hidden = db.session.scalars(sa.select(Proposal).where(Proposal.hidden_at.is_not(None))).all()
    assert sorted(p.id for p in hidden) == ids and {p.hidden_reason for p in hidden} == {"Roskaa"}
    assert db.session.scalar(sa.select(sa.func.count(ProposalEvent.id))) == 5
    assert proposal_count(rnd) == 10
    assert len(load_proposals(rnd.id, None)) == 10
    assert sum(w.proposals for w in participation(rnd).workshops) == 11 - 3
    # listed among hidden ones, not among visible ones
    assert _ids(client.get(url).get_data(as_text=True)) & set(ids) == set()
    shown = client.get(url, query_string={"nakyvyys": "hidden"}).get_data(as_text=True)
    assert _ids(shown) == set(ids) and "Roskaa" in shown
    # a reason is required
    again = _bulk(client, url, html, ids=[str(ids[0])], action="hide", reason=" ")
    assert again.status_code == 302
    response = _bulk(client, url, shown, ids=[str(i) for i in ids], action="unhide")
    db.session.expire_all()
    assert proposal_count(rnd) == 15
    assert db.session.scalar(sa.select(sa.func.count(ProposalEvent.id))) == 10


def test_bulk_assign_moves_into_a_highlight_with_the_curation_history(
    app, client, login, factory, db
):
    rnd = seed_round(factory, db)
    user = login()
    with app.test_request_context("/"):
        theme = curation.add_theme(
            rnd, title="Avustukset", statement="", user_id=user.id, version=0
        )
        db.session.commit()
    url = f"/kierrokset/{rnd.slug}/ehdotukset"
    html = client.get(url, query_string={"q": "avustus"}).get_data(as_text=True)
    response = _bulk(
        client,
        url,
        html,
        ids=[str(i) for i in _ids(html)],
        action="assign",
        highlight=str(theme.id),
    )
    assert response.status_code == 302
    db.session.expire_all()
    from consult.curation.models import CurationEvent, HighlightProposal

    members = db.session.scalars(sa.select(HighlightProposal.proposal_id)).all()
    assert sorted(members) == sorted(_ids(html))
    assert (
        db.session.scalar(sa.select(CurationEvent.action).order_by(CurationEvent.id.desc()))
        == "move"
    )
    listed = client.get(url, query_string={"nosto": theme.id}).get_data(as_text=True)
    assert _ids(listed) == _ids(html) and "Avustukset" in listed
    outside = client.get(url, query_string={"nosto": "none"}).get_data(as_text=True)
    assert len(_ids(outside)) == 10
    # a form from before that change carries a stale version: refused, nothing moves
    stale = _bulk(
        client, url, html, ids=[str(min(_ids(outside)))], action="assign", highlight=str(theme.id)
    )
    assert stale.status_code == 302
    db.session.expire_all()
    assert len(db.session.scalars(sa.select(HighlightProposal.proposal_id)).all()) == 5


def test_edit_keeps_original_and_redaction_keeps_no_copy(client, login, factory, db):
    rnd = seed_round(factory, db)
    user = login()
    p = _by_text(db, SPACES[0])
    url = f"/kierrokset/{rnd.slug}/ehdotukset/{p.id}"
    page = client.get(url).get_data(as_text=True)
    typo = "Järjestöille maksuttomat kokoontumistilat kunnan kouluilta, soita Maija Meikäläinen 040 1234567"
    assert (
        client.post(
            url,
            data={
                "csrf_token": csrf_token(page),
                "action": "edit",
                "text": typo,
                "reason": "lisäys",
            },
        ).status_code
        == 302
    )
    db.session.expire_all()
    p = db.session.get(Proposal, p.id)
    assert p.text == typo and "maija" in p.search_text
    event = db.session.scalar(sa.select(ProposalEvent).where(ProposalEvent.action == "edit"))
    assert event.old_text == SPACES[0] and event.user_id == user.id
    # redact the name and number: gone from the text and from the edit's history copy
    page = client.get(url).get_data(as_text=True)
    assert SPACES[0] in page  # the original is shown in the history
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(page),
            "action": "redact",
            "span": "Maija Meikäläinen 040 1234567",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    p = db.session.get(Proposal, p.id)
    assert p.text.endswith("soita [poistettu]") and "meikäläinen" not in p.search_text
    texts = db.session.scalars(sa.select(ProposalEvent.old_text)).all()
    assert not any("Meikäläinen" in (t or "") for t in texts)
    page = client.get(url).get_data(as_text=True)
    assert "Meikäläinen" not in page and "040 1234567" not in page
    # a span not in the text is refused with the page, not a crash
    missing = client.post(
        url, data={"csrf_token": csrf_token(page), "action": "redact", "span": "Ei tässä"}
    )
    assert missing.status_code == 400
    # the whole text; every copy in the history goes too
    client.post(url, data={"csrf_token": csrf_token(page), "action": "redact", "span": ""})
    db.session.expire_all()
    assert db.session.get(Proposal, p.id).text == "[poistettu]"
    assert set(
        db.session.scalars(
            sa.select(ProposalEvent.old_text).where(ProposalEvent.old_text.is_not(None))
        )
    ) == {"[poistettu]"}
    assert [
        e for e in db.session.scalars(sa.select(ProposalEvent.action).order_by(ProposalEvent.id))
    ] == ["edit", "redact", "redact"]


def test_hide_one_with_reason_shows_in_history(client, login, factory, db, fi):
    rnd = seed_round(factory, db)
    login()
    p = _by_text(db, GRANTS[0])
    url = f"/kierrokset/{rnd.slug}/ehdotukset/{p.id}"
    page = client.get(url).get_data(as_text=True)
    refused = client.post(
        url, data={"csrf_token": csrf_token(page), "action": "hide", "reason": ""}
    )
    assert refused.status_code == 400 and fi("Write the reason for hiding.") in refused.get_data(
        as_text=True
    )
    assert (
        client.post(
            url, data={"csrf_token": csrf_token(page), "action": "hide", "reason": "Loukkaava"}
        ).status_code
        == 302
    )
    page = client.get(url).get_data(as_text=True)
    assert "Loukkaava" in page and "convenor@example.fi" in page
    db.session.expire_all()
    assert db.session.get(Proposal, p.id).hidden_at is not None


def test_observer_reads_but_every_write_is_403(client, login, factory, db):
    rnd = seed_round(factory, db)
    login("observer@example.fi", role="observer")
    url = f"/kierrokset/{rnd.slug}/ehdotukset"
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="ids"' not in html
    p = _by_text(db, GRANTS[0])
    token = csrf_token(html)
    assert client.get(f"{url}/{p.id}").status_code == 200
    assert (
        client.post(
            f"{url}/toiminto",
            data={"csrf_token": token, "ids": [str(p.id)], "action": "hide", "reason": "x"},
        ).status_code
        == 403
    )
    for action in ("hide", "unhide", "edit", "redact"):
        response = client.post(
            f"{url}/{p.id}",
            data={"csrf_token": token, "action": action, "reason": "x", "text": "x", "span": ""},
        )
        assert response.status_code == 403
    db.session.expire_all()
    p = db.session.get(Proposal, p.id)
    assert p.hidden_at is None and p.text == GRANTS[0]
    assert db.session.scalar(sa.select(sa.func.count(ProposalEvent.id))) == 0


def test_other_rounds_proposals_are_refused(client, login, factory, db):
    seed_round(factory, db)
    other = factory.round(title="Toinen")
    login()
    p = _by_text(db, GRANTS[0])
    assert client.get(f"/kierrokset/{other.slug}/ehdotukset/{p.id}").status_code == 404
    html = client.get(f"/kierrokset/{other.slug}/ehdotukset").get_data(as_text=True)
    _bulk(
        client,
        f"/kierrokset/{other.slug}/ehdotukset",
        html,
        ids=[str(p.id)],
        action="hide",
        reason="x",
    )
    db.session.expire_all()
    assert db.session.get(Proposal, p.id).hidden_at is None


def test_filter_links_keep_an_id_of_1_and_leave_out_page_1():
    from consult.proposals.queries import Filters

    f = Filters(question=1, workshop=1, organisation=1, kind="")
    assert f.args(sivu=1) == {
        "kysymys": 1,
        "tyopaja": 1,
        "organisaatio": 1,
        "nakyvyys": "visible",
        "jarjestys": "new",
    }
    assert f.args(sivu=2)["sivu"] == 2
