"""Capture page JSON API: per-entry saves that are safe to resend, edit, delete and share."""

from __future__ import annotations

import json
import re
import uuid

import pytest
import sqlalchemy as sa
from flask import g

from consult.organisations.models import Organisation
from consult.submissions.models import Proposal
from consult.workshops.models import Workshop
from consult.workshops.services import workshop_token
from tests.conftest import csrf_token


class Facilitator:
    """One browser on the session link: its own cookie jar and CSRF token."""

    def __init__(self, app, workshop):
        # The app fixture's context (and its `g`) spans requests; drop the token cached
        # there so this browser gets one for its own session.
        g.pop("csrf_token", None)
        self.client = app.test_client()
        self.url = f"/tyopaja/{workshop_token(workshop)}"
        self.page = self.client.get(self.url).get_data(as_text=True)
        match = re.search(r'<meta name="csrf-token" content="([^"]+)"', self.page)
        assert match, "capture page has no CSRF meta tag"
        self.token = match.group(1)

    def call(self, method, path, json=None, url=None):
        return self.client.open(
            (url or self.url) + "/api" + path,
            method=method,
            json=json,
            headers={"X-CSRFToken": self.token},
        )

    def put(self, client_id, question_id, text, **extra):
        body = {"question_id": question_id, "text": text, **extra}
        return self.call("PUT", f"/proposals/{client_id}", json=body)

    def state(self):
        response = self.call("GET", "/state")
        assert response.status_code == 200
        return response.get_json()


@pytest.fixture
def setup(app, factory):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    return rnd, workshop


def _texts(db):
    return db.session.scalars(
        sa.select(Proposal.text).order_by(Proposal.question_id, Proposal.position, Proposal.id)
    ).all()


def test_page_carries_state_strings_and_script(app, setup):
    rnd, workshop = setup
    page = Facilitator(app, workshop).page
    assert 'id="capture-data"' in page and "capture.js" in page
    assert 'name="known_proposals"' in page and 'name="known_organisations"' in page
    blob = re.search(
        r'<script type="application/json" id="capture-data">(.*?)</script>', page, re.S
    )
    data = json.loads(blob.group(1))
    assert [q["text"] for q in data["state"]["questions"]] == [
        "Palvelulupaus",
        "Toimintaedellytykset",
    ]
    assert data["strings"]["add"] and data["strings"]["offline"]


def test_resend_is_idempotent_and_committed(app, setup, db):
    rnd, workshop = setup
    q1, q2 = rnd.questions
    f = Facilitator(app, workshop)
    cid = str(uuid.uuid4())
    first = f.put(cid, q1.id, "  Palvelut   saavutettaviksi ")
    again = f.put(cid, q1.id, "Palvelut saavutettaviksi")
    assert first.status_code == again.status_code == 200
    assert first.get_json()["created"] is True and again.get_json()["created"] is False
    assert first.get_json()["proposal"]["text"] == "Palvelut saavutettaviksi"
    db.session.expire_all()
    assert _texts(db) == ["Palvelut saavutettaviksi"]
    # committed: a fresh connection sees it
    with db.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(Proposal)).scalar() == 1
    state = f.state()
    assert state["proposals"] == [
        {"client_id": cid, "question_id": q1.id, "text": "Palvelut saavutettaviksi", "position": 1}
    ]


def test_edit_delete_and_reorder_by_client_id(app, setup, db):
    rnd, workshop = setup
    q1, _q2 = rnd.questions
    f = Facilitator(app, workshop)
    a, b, c = "a-1", "b-2", "c-3"
    for cid, text in ((a, "Eka"), (b, "Toka"), (c, "Kolmas")):
        assert f.put(cid, q1.id, text).status_code == 200
    assert f.put(b, q1.id, "Toka, korjattu").status_code == 200
    assert _texts(db) == ["Eka", "Toka, korjattu", "Kolmas"]
    assert f.call("POST", "/order", json={"question_id": q1.id, "order": [c, a]}).status_code == 200
    db.session.expire_all()
    assert _texts(db) == ["Kolmas", "Eka", "Toka, korjattu"]
    first = f.call("DELETE", f"/proposals/{a}")
    second = f.call("DELETE", f"/proposals/{a}")
    assert first.status_code == second.status_code == 200
    assert first.get_json()["deleted"] is True and second.get_json()["deleted"] is False
    assert f.call("DELETE", "/proposals/never-sent").status_code == 200
    db.session.expire_all()
    assert _texts(db) == ["Kolmas", "Toka, korjattu"]


def test_counts_report_and_organisations(app, setup, db):
    rnd, workshop = setup
    db.session.add(Organisation(name="Oulun Marttayhdistys ry", name_key="oulun marttayhdistys ry"))
    db.session.commit()
    f = Facilitator(app, workshop)
    assert f.call("PUT", "/counts", json={"counts": {"org_reps": 7, "staff": 2}}).status_code == 200
    assert f.call("PUT", "/counts", json={"counts": {"residents": 3}}).status_code == 200
    bad = f.call("PUT", "/counts", json={"counts": {"others": -1}})
    assert bad.status_code == 400 and "others" in bad.get_json()["fields"]
    assert f.call("PUT", "/report", json={"report": "Hyvä ilmapiiri."}).status_code == 200
    found = f.call("GET", "/organisations?q=martta").get_json()["organisations"]
    assert found == ["Oulun Marttayhdistys ry"]
    for name in ("oulun  marttayhdistys RY", "Uusi kyläyhdistys ry", "Uusi kyläyhdistys ry"):
        assert f.call("POST", "/organisations", json={"name": name}).status_code == 200
    assert f.call(
        "POST", "/organisations/remove", json={"name": "uusi kyläyhdistys ry"}
    ).get_json()["removed"]
    assert f.call("POST", "/organisations", json={"name": " "}).status_code == 400
    db.session.expire_all()
    w = db.session.get(Workshop, workshop.id)
    assert (w.org_reps, w.staff, w.residents, w.others) == (7, 2, 3, 0)
    assert w.report == "Hyvä ilmapiiri."
    assert [o.name for o in w.organisations] == ["Oulun Marttayhdistys ry"]
    # the new name went into the directory and stays there
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 2


def test_errors_are_clear_json(app, setup, db):
    rnd, workshop = setup
    q1, _q2 = rnd.questions
    f = Facilitator(app, workshop)
    too_long = f.put("x-1", q1.id, "x" * 4001)
    assert too_long.status_code == 400
    body = too_long.get_json()
    assert body["error"] == "invalid" and "4000" in body["fields"]["text"]
    empty = f.put("x-2", q1.id, "   ")
    assert empty.status_code == 400 and empty.get_json()["fields"]["text"]
    assert f.put("x-3", 999999, "Teksti").status_code == 400
    assert f.put("not valid!", q1.id, "Teksti").status_code == 400
    assert f.put("x-4", q1.id, "x" * 4000).status_code == 200

    wrong = f.call(
        "PUT", "/proposals/x-5", json={"question_id": q1.id, "text": "T"}, url="/tyopaja/nope"
    )
    assert wrong.status_code == 404 and wrong.get_json()["error"] == "not_found"
    assert f.call("GET", "/state", url="/tyopaja/nope").status_code == 404

    no_csrf = f.client.put(f.url + "/api/proposals/x-6", json={"question_id": q1.id, "text": "T"})
    assert no_csrf.status_code == 400 and no_csrf.get_json()["error"] == "csrf"

    assert f.call("POST", "/close").status_code == 200
    closed = f.put("x-7", q1.id, "Myöhässä")
    assert closed.status_code == 409 and closed.get_json()["error"] == "closed"
    assert f.call("DELETE", "/proposals/x-4").status_code == 409
    assert f.call("PUT", "/counts", json={"counts": {"staff": 1}}).status_code == 409
    assert f.state()["closed"] is True
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 1
    # the page itself shows what was handed in
    assert "x" * 100 in f.client.get(f.url).get_data(as_text=True)


def test_two_facilitators_keep_each_others_entries(app, setup, db):
    rnd, workshop = setup
    q1, q2 = rnd.questions
    anna = Facilitator(app, workshop)
    # Ben loads the plain form now, before Anna adds anything
    ben = Facilitator(app, workshop)
    ben_token = csrf_token(ben.page)
    assert anna.put("anna-1", q1.id, "Annan ehdotus").status_code == 200
    assert anna.put("anna-2", q2.id, "Annan toinen").status_code == 200
    assert (
        anna.call("POST", "/organisations", json={"name": "Annan yhdistys ry"}).status_code == 200
    )
    assert ben.put("ben-1", q1.id, "Benin ehdotus").status_code == 200
    assert [p["client_id"] for p in anna.state()["proposals"]] == ["anna-1", "ben-1", "anna-2"]

    # Ben saves the plain form he loaded before Anna's entries existed: they stay
    response = ben.client.post(
        ben.url,
        data={
            "csrf_token": ben_token,
            "known_proposals": re.search(
                r'name="known_proposals"[^>]*value="([^"]*)"', ben.page
            ).group(1),
            "known_organisations": "",
            "org_reps": "5",
            "staff": "0",
            "residents": "0",
            "others": "0",
            "organisations": "Benin seura ry",
            f"q_{q1.id}": "Benin ehdotus\nBenin lomakkeelta",
            f"q_{q2.id}": "",
            "report": "",
            "action": "save",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert sorted(_texts(db)) == sorted(
        ["Annan ehdotus", "Annan toinen", "Benin ehdotus", "Benin lomakkeelta"]
    )
    w = db.session.get(Workshop, workshop.id)
    assert sorted(o.name for o in w.organisations) == ["Annan yhdistys ry", "Benin seura ry"]
    # the form's own entry got an id, so the capture page can edit and remove it
    state = anna.state()
    from_form = [p for p in state["proposals"] if p["text"] == "Benin lomakkeelta"]
    assert from_form and from_form[0]["client_id"]
    assert anna.call("DELETE", f"/proposals/{from_form[0]['client_id']}").status_code == 200

    # a form loaded now knows all entries, so removing a line there does remove it
    carl = Facilitator(app, workshop)
    known = re.search(r'name="known_proposals"[^>]*value="([^"]*)"', carl.page).group(1)
    assert len(known.split(",")) == 3
    response = carl.client.post(
        carl.url,
        data={
            "csrf_token": csrf_token(carl.page),
            "known_proposals": known,
            "known_organisations": re.search(
                r'name="known_organisations"[^>]*value="([^"]*)"', carl.page
            ).group(1),
            "org_reps": "5",
            "staff": "0",
            "residents": "0",
            "others": "0",
            "organisations": "Benin seura ry",
            f"q_{q1.id}": "Annan ehdotus\nBenin ehdotus",
            f"q_{q2.id}": "",
            "report": "",
            "action": "save",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert sorted(_texts(db)) == ["Annan ehdotus", "Benin ehdotus"]
    assert [o.name for o in db.session.get(Workshop, workshop.id).organisations] == [
        "Benin seura ry"
    ]


def test_entries_saved_before_capture_get_ids_from_the_migration(app, setup, db):
    from consult.migrate import downgrade, upgrade
    from consult.workshops.services import save_output

    rnd, workshop = setup
    q1, _q2 = rnd.questions
    save_output(workshop, counts={}, organisations=[], proposals={q1.id: ["Vanha"]}, report="")
    db.session.execute(sa.update(Proposal).values(client_id=None))  # as before capture existed
    db.session.commit()
    q1_id, workshop_id = q1.id, workshop.id
    f = Facilitator(app, db.session.get(Workshop, workshop_id))
    (entry,) = f.state()["proposals"]
    assert entry["client_id"] is None  # a GET writes nothing
    assert db.session.scalar(sa.select(Proposal.client_id)) is None
    db.session.remove()
    db.engine.dispose()
    downgrade(app, "0004")
    upgrade(app)  # the data migration gives old entries their ids
    (entry,) = f.state()["proposals"]
    assert entry["client_id"] and entry["text"] == "Vanha"
    assert f.put(entry["client_id"], q1_id, "Vanha, muokattu").status_code == 200
    db.session.expire_all()
    assert _texts(db) == ["Vanha, muokattu"]


def test_capture_page_has_its_service_worker_and_language_switch(client, factory):
    from consult.workshops.services import workshop_token
    from tests.conftest import csrf_token

    rnd = factory.round()
    workshop = factory.workshop(rnd)
    token = workshop_token(workshop)
    page = client.get(f"/tyopaja/{token}").get_data(as_text=True)
    assert 'data-sw-url="/tyopaja/sw.js"' in page
    assert f'formaction="/tyopaja/{token}/kieli/sv"' in page
    worker = client.get("/tyopaja/sw.js")
    assert worker.status_code == 200
    assert worker.mimetype == "text/javascript"
    assert "consult-capture-v1" in worker.get_data(as_text=True)
    response = client.post(f"/tyopaja/{token}/kieli/sv", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302 and response.location.endswith(f"/tyopaja/{token}")
    assert 'lang="sv"' in client.get(f"/tyopaja/{token}").get_data(as_text=True)
    assert (
        client.post(
            f"/tyopaja/{'0' * 40}/kieli/sv", data={"csrf_token": csrf_token(page)}
        ).status_code
        == 404
    )
