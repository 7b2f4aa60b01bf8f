"""Convenor: log in, create a round, its questions and workshops, see the session links."""

from __future__ import annotations

import re

import sqlalchemy as sa

from consult.auth.models import User
from consult.rounds.models import Question, Round
from consult.workshops.models import Workshop
from tests.conftest import csrf_token


def _post(client, url, data, page_url=None):
    page = client.get(page_url or url)
    return client.post(url, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})


def test_password_is_hashed(factory):
    user = factory.user(password="correct horse battery")
    assert "correct horse battery" not in user.password_hash
    assert user.check_password("correct horse battery")


def test_wrong_password_gives_finnish_message_and_no_session(client, factory):
    factory.user()
    response = _post(
        client, "/kirjaudu", {"email": "convenor@example.fi", "password": "wrong password"}
    )
    assert response.status_code == 200
    assert "Sähköpostiosoite tai salasana on väärin" in response.get_data(as_text=True)
    assert client.get("/kierrokset/").status_code == 302  # still not logged in


def test_login_is_rate_limited(client, factory):
    factory.user()
    page = client.get("/kirjaudu")
    token = csrf_token(page.get_data(as_text=True))
    codes = [
        client.post(
            "/kirjaudu",
            data={"email": "convenor@example.fi", "password": "nope nope", "csrf_token": token},
        ).status_code
        for _ in range(12)
    ]
    assert codes[:10] == [200] * 10
    assert codes[10] == 429


def test_login_without_csrf_token_is_refused(client, factory):
    factory.user()
    response = client.post(
        "/kirjaudu", data={"email": "convenor@example.fi", "password": "correct horse battery"}
    )
    assert response.status_code == 400
    assert client.get("/kierrokset/").status_code == 302


def test_convenor_creates_round_questions_and_workshops(client, login, db):
    login()
    response = _post(
        client,
        "/kierrokset/uusi",
        {
            "title": "Maakuntastrategia 2019",
            "purpose": "Järjestöjen näkemykset",
            "instructions": "Vastatkaa",
            "opens_on": "1.8.2019",
            "closes_on": "2019-12-01",
        },
    )
    assert response.status_code == 302
    rnd = db.session.scalar(sa.select(Round))
    assert (rnd.slug, rnd.title) == ("maakuntastrategia-2019", "Maakuntastrategia 2019")
    detail = f"/kierrokset/{rnd.slug}"
    for text in ("Palvelulupaus", "Rakenteet"):
        assert (
            _post(
                client, f"{detail}/kysymykset", {"text": text, "help_text": "Apu"}, detail
            ).status_code
            == 302
        )
    # insert a question first
    _post(client, f"{detail}/kysymykset", {"text": "Toimintaedellytykset", "position": "1"}, detail)
    questions = db.session.scalars(sa.select(Question).order_by(Question.position)).all()
    assert [q.text for q in questions] == ["Toimintaedellytykset", "Palvelulupaus", "Rakenteet"]
    assert (
        _post(
            client,
            f"{detail}/tyopajat",
            {
                "network": "Ikäihmisten elämänkaariverkosto/Oulu",
                "date": "2019-08-29",
                "place": "Oulu",
                "facilitator": "Maija M",
            },
            detail,
        ).status_code
        == 302
    )
    workshop = db.session.scalar(sa.select(Workshop))
    html = client.get(detail).get_data(as_text=True)
    link = re.search(r'value="(http://consult\.test/tyopaja/[^"]+)"', html).group(1)
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 32
    assert token not in workshop.token_hash and token != workshop.link_nonce
    assert "Ikäihmisten elämänkaariverkosto/Oulu" in client.get(link).get_data(as_text=True)


def test_round_form_rejects_bad_input_and_changes_nothing(client, login, db):
    login()
    cases = [
        (
            {"title": "", "opens_on": "2019-08-01", "closes_on": "2019-12-01"},
            "Anna kierrokselle nimi",
        ),
        (
            {"title": "x" * 201, "opens_on": "2019-08-01", "closes_on": "2019-12-01"},
            "Enintään 200 merkkiä",
        ),
        (
            {"title": "Kierros", "opens_on": "2019-08-01", "closes_on": "2019-07-01"},
            "ei voi päättyä ennen kuin se alkaa",
        ),
        ({"title": "Kierros", "opens_on": "ei päivä", "closes_on": "2019-07-01"}, "29.8.2018"),
        ({"title": "Kierros", "opens_on": "31.2.2019", "closes_on": "2019-07-01"}, "29.8.2018"),
        ({"title": "Kierros", "opens_on": "", "closes_on": "2019-07-01"}, "Anna alkamispäivä"),
    ]
    for data, message in cases:
        response = _post(client, "/kierrokset/uusi", data)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Round.id))) == 0


def test_question_and_workshop_forms_reject_bad_input(client, login, factory, db):
    login()
    rnd = factory.round(questions=())
    detail = f"/kierrokset/{rnd.slug}"
    response = _post(client, f"{detail}/kysymykset", {"text": ""}, detail)
    assert response.status_code == 400 and "Kirjoita kysymys" in response.get_data(as_text=True)
    response = _post(client, f"{detail}/tyopajat", {"network": "Verkosto", "date": ""}, detail)
    assert response.status_code == 400 and "Anna työpajan päivämäärä" in response.get_data(
        as_text=True
    )
    response = _post(client, f"{detail}/tyopajat", {"network": "", "date": "2018-08-29"}, detail)
    assert response.status_code == 400 and "Nimeä verkosto" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Workshop.id))) == 0


def test_renewed_link_replaces_the_old_one(client, login, factory):
    login()
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    from consult.workshops.services import workshop_token

    old = workshop_token(workshop)
    assert client.get(f"/tyopaja/{old}").status_code == 200
    detail = f"/kierrokset/{rnd.slug}"
    # without confirmation a page says what happens and the link keeps working
    asked = _post(client, f"{detail}/tyopajat/{workshop.id}/uusi-linkki", {}, detail)
    assert asked.status_code == 200
    text = asked.get_data(as_text=True)
    assert "lakkaa toimimasta" in text and "palautelinkki" in text.lower()
    assert client.get(f"/tyopaja/{old}").status_code == 200
    response = _post(
        client, f"{detail}/tyopajat/{workshop.id}/uusi-linkki", {"confirm": "yes"}, detail
    )
    assert response.status_code == 302
    assert client.get(f"/tyopaja/{old}").status_code == 404
    assert client.get(f"/tyopaja/{workshop_token(workshop)}").status_code == 200


def test_observer_reads_but_cannot_create(client, login, factory, db):
    login(email="board@example.fi", role="observer")
    rnd = factory.round()
    assert "Kierros" in client.get(f"/kierrokset/{rnd.slug}").get_data(as_text=True)
    assert client.get("/kierrokset/uusi").status_code == 403
    assert db.session.scalar(sa.select(User.role)) == "observer"


def test_cli_creates_user_and_token(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "cli@example.fi", "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(User).where(User.email == "cli@example.fi")).check_password(
        "long enough pw"
    )
    result = runner.invoke(args=["create-user", "cli@example.fi", "--password", "long enough pw"])
    assert result.exit_code != 0 and "exists" in result.output
    result = runner.invoke(args=["create-token", "cli@example.fi"])
    assert result.exit_code == 0
    token = result.output.strip()
    client = app.test_client()
    assert client.get("/api/v1/rounds", headers={"Authorization": f"Bearer {token}"}).json == {
        "rounds": []
    }


def test_healthz_checks_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}
