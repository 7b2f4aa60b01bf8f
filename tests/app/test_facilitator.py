"""Facilitator: open the session link, record the workshop, save twice, close."""

from __future__ import annotations

import sqlalchemy as sa

from consult.organisations.models import Organisation
from consult.submissions.models import Proposal
from consult.workshops.services import workshop_token
from tests.conftest import csrf_token


def _form(client, url, **data):
    page = client.get(url)
    return {"csrf_token": csrf_token(page.get_data(as_text=True)), **data}


def _fields(
    rnd,
    counts=(6, 3, 2, 1),
    orgs="MLL Kuivasjärven yhdistys ry\nOulun kuurojen yhdistys ry",
    p1="",
    p2="",
    report="Hyvä keskustelu.",
):
    q1, q2 = rnd.questions
    return {
        "org_reps": str(counts[0]),
        "staff": str(counts[1]),
        "residents": str(counts[2]),
        "others": str(counts[3]),
        "organisations": orgs,
        f"q_{q1.id}": p1,
        f"q_{q2.id}": p2,
        "report": report,
    }


def test_facilitator_records_saves_twice_and_closes(client, factory, db):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    url = f"/tyopaja/{workshop_token(workshop)}"
    page = client.get(url).get_data(as_text=True)
    assert rnd.title in page and "Ikäihmisten verkosto" in page and "Palvelulupaus" in page

    fields = _fields(
        rnd,
        p1="Palvelut saavutettaviksi\n\n  Tulkkaus kaikkiin palveluihin  \n- Selkokieli",
        p2="Maksuttomat tilat järjestöille",
    )
    for _ in range(2):  # saving the same form twice must not duplicate
        response = client.post(url, data=_form(client, url, action="save", **fields))
        assert response.status_code == 302
    texts = db.session.scalars(
        sa.select(Proposal.text).order_by(Proposal.question_id, Proposal.position)
    ).all()
    assert texts == [
        "Palvelut saavutettaviksi",
        "Tulkkaus kaikkiin palveluihin",
        "Selkokieli",
        "Maksuttomat tilat järjestöille",
    ]
    db.session.refresh(workshop)
    assert (
        workshop.org_reps,
        workshop.staff,
        workshop.residents,
        workshop.others,
        workshop.participants,
    ) == (6, 3, 2, 1, 12)
    assert [o.name for o in workshop.organisations] == [
        "MLL Kuivasjärven yhdistys ry",
        "Oulun kuurojen yhdistys ry",
    ]
    ids_before = set(db.session.scalars(sa.select(Proposal.id)))

    # edit: drop one line, add one; the kept proposals keep their ids
    fields[f"q_{rnd.questions[0].id}"] = (
        "Palvelut saavutettaviksi\nSelkokieli\nPalveluohjaus järjestöjen kanssa"
    )
    fields["organisations"] = "mll  kuivasjärven yhdistys RY\nMLL Kuivasjärven yhdistys ry"
    response = client.post(url, data=_form(client, url, action="close", **fields))
    assert response.status_code == 302
    rows = db.session.execute(sa.select(Proposal.id, Proposal.text)).all()
    assert sorted(t for _, t in rows) == sorted(
        [
            "Palvelut saavutettaviksi",
            "Selkokieli",
            "Palveluohjaus järjestöjen kanssa",
            "Maksuttomat tilat järjestöille",
        ]
    )
    assert len(ids_before & {i for i, _ in rows}) == 3
    assert (
        db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 2
    )  # names matched case/space-insensitively
    db.session.refresh(workshop)
    assert workshop.is_closed and len(workshop.organisations) == 1

    closed = client.get(url).get_data(as_text=True)
    assert (
        "Työpaja suljettiin" in closed
        and "Palveluohjaus järjestöjen kanssa" in closed
        and "Hyvä keskustelu." in closed
    )

    # after closing nothing changes, and the page says why
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    response = client.post(
        url,
        data={**fields, f"q_{rnd.questions[0].id}": "Uusi", "action": "save", "csrf_token": token},
    )
    assert response.status_code == 409
    assert "on suljettu" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 4


def test_bad_counts_and_too_long_text_change_nothing(client, factory, db):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    url = f"/tyopaja/{workshop_token(workshop)}"
    bad = [
        ({**_fields(rnd, p1="Hyvä ehdotus"), "org_reps": "-1"}, "Anna luku väliltä 0–10000"),
        ({**_fields(rnd, p1="Hyvä ehdotus"), "staff": "kolme"}, "Anna luku"),
        (_fields(rnd, p1="x" * 4001), "Ehdotus 1 on liian pitkä"),
        (_fields(rnd, p1="Hyvä", report="y" * 5001), "Enintään 5000 merkkiä"),
    ]
    for data, message in bad:
        response = client.post(url, data=_form(client, url, action="save", **data))
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert message in html
        assert "Hyvä" in html or "x" * 100 in html  # what was typed is shown again, not lost
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0
    db.session.refresh(workshop)
    assert workshop.participants == 0


def test_wrong_token_is_not_found(client, factory):
    factory.workshop(factory.round())
    assert client.get("/tyopaja/not-a-real-token").status_code == 404
    response = client.post("/tyopaja/not-a-real-token", data={"action": "save"})
    assert response.status_code in (400, 404)


def test_convenor_reopens_closed_workshop(client, factory, login, db):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    url = f"/tyopaja/{workshop_token(workshop)}"
    client.post(url, data=_form(client, url, action="close", **_fields(rnd, p1="Eka")))
    db.session.refresh(workshop)
    assert workshop.is_closed
    login()
    detail = f"/kierrokset/{rnd.slug}"
    client.post(f"/kierrokset/tyopajat/{workshop.id}/avaa", data=_form(client, detail))
    db.session.refresh(workshop)
    assert not workshop.is_closed


def test_form_sent_after_the_workshop_closed_is_shown_back(client, factory, db):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    url = f"/tyopaja/{workshop_token(workshop)}"
    client.post(url, data=_form(client, url, action="close", **_fields(rnd, p1="Eka")))
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    late = {
        **_fields(rnd, p1="Myöhässä kirjoitettu ehdotus", report="Loppuraportti myöhässä"),
        "action": "save",
        "csrf_token": token,
    }
    response = client.post(url, data=late)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Myöhässä kirjoitettu ehdotus" in html and "Loppuraportti myöhässä" in html
    assert [p.text for p in db.session.scalars(sa.select(Proposal))] == ["Eka"]
