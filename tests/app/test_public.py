"""Organisation: public page, submission, confirmation with private link, edit, closed round."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from consult import clock
from consult.organisations.models import Organisation
from consult.submissions.models import Proposal, Submission
from tests.conftest import csrf_token


def _data(client, url, rnd, **overrides):
    q1, q2 = rnd.questions
    data = {
        "organisation": "Kempeleen Kisa ry",
        "kind": "sports",
        "municipality": "Kempele",
        "contact_name": "Liisa Liikkuja",
        "contact_email": "Liisa@Example.fi",
        f"q_{q1.id}": "Liikuntapaikat esteettömiksi\nSeuroille maksuttomat vuorot",
        f"q_{q2.id}": "",
    }
    data.update(overrides)
    data["csrf_token"] = csrf_token(client.get(url).get_data(as_text=True))
    return data


def test_organisation_submits_gets_private_link_and_edits(client, factory, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    page = client.get(url).get_data(as_text=True)
    assert "Ohjeet" in page
    assert "ainoastaan" in page or "vain" in page  # the line saying why contact details are asked
    response = client.post(url, data=_data(client, url, rnd))
    assert response.status_code == 302
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kiitos" in thanks and "Liikuntapaikat esteettömiksi" in thanks
    edit_url = re.search(r'value="http://consult\.test(/v/[^"]+)"', thanks).group(1)
    submission = db.session.scalar(sa.select(Submission))
    assert edit_url.rsplit("/", 1)[1] not in (submission.token_hash or "")
    assert (
        submission.organisation.name,
        submission.organisation.kind,
        submission.contact_email,
    ) == ("Kempeleen Kisa ry", "sports", "liisa@example.fi")

    q1, q2 = rnd.questions
    edit_page = client.get(edit_url).get_data(as_text=True)
    assert "Seuroille maksuttomat vuorot" in edit_page
    response = client.post(
        edit_url,
        data=_data(
            client,
            edit_url,
            rnd,
            **{
                f"q_{q1.id}": "Liikuntapaikat esteettömiksi",
                f"q_{q2.id}": "Avustukset ennakoitaviksi",
            },
        ),
    )
    assert response.status_code == 302
    texts = sorted(db.session.scalars(sa.select(Proposal.text)))
    assert texts == ["Avustukset ennakoitaviksi", "Liikuntapaikat esteettömiksi"]
    assert db.session.scalar(sa.select(sa.func.count(Submission.id))) == 1

    # contact details can be deleted
    client.post(
        f"{edit_url}/poista-yhteystiedot",
        data={"csrf_token": csrf_token(client.get(edit_url).get_data(as_text=True))},
    )
    db.session.refresh(submission)
    assert (submission.contact_name, submission.contact_email) == ("", "")

    # after the round closes the page says so and nothing is lost or changed
    rnd.closes_on = clock.today() - timedelta(days=1)
    db.session.commit()
    closed = client.get(edit_url).get_data(as_text=True)
    assert "päättyi" in closed and "Avustukset ennakoitaviksi" in closed
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    response = client.post(
        edit_url,
        data={
            "organisation": "X",
            "kind": "other",
            "municipality": "Oulu",
            f"q_{q1.id}": "Myöhässä",
            "csrf_token": token,
        },
    )
    assert response.status_code == 409
    assert sorted(db.session.scalars(sa.select(Proposal.text))) == texts


def test_public_form_rejects_bad_input_and_saves_nothing(client, factory, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    q1, _q2 = rnd.questions
    cases = [
        ({"organisation": ""}, "Kirjoita organisaatiosi nimi"),
        ({"kind": ""}, "Valitse organisaation tyyppi"),
        ({"kind": "pirate"}, "Virheellinen valinta"),
        ({"municipality": ""}, "Kirjoita kunta"),
        ({"contact_email": "not-an-email"}, "Tarkista sähköpostiosoite"),
        ({f"q_{q1.id}": ""}, "Kirjoita vähintään yksi ehdotus"),
        ({f"q_{q1.id}": "y" * 4001}, "Ehdotus 1 on liian pitkä"),
        ({"organisation": "o" * 201}, "Enintään 200 merkkiä"),
    ]
    for overrides, message in cases:
        response = client.post(url, data=_data(client, url, rnd, **overrides))
        assert response.status_code == 400, overrides
        assert message in response.get_data(as_text=True) or (
            message == "Not a valid choice"
            and "virheellinen" in response.get_data(as_text=True).lower()
            or "Not a valid choice" in response.get_data(as_text=True)
        )
    assert db.session.scalar(sa.select(sa.func.count(Submission.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_closed_round_refuses_new_answers(client, factory, db):
    rnd = factory.round(opens_on=date(2018, 8, 1), closes_on=date(2018, 12, 1))
    url = f"/k/{rnd.slug}"
    page = client.get(url).get_data(as_text=True)
    assert "päättyi 1.12.2018" in page and "<textarea" not in page
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    q1, _ = rnd.questions
    response = client.post(
        url,
        data={
            "organisation": "A ry",
            "kind": "sote",
            "municipality": "Oulu",
            f"q_{q1.id}": "Ehdotus",
            "csrf_token": token,
        },
    )
    assert response.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count(Submission.id))) == 0


def test_wrong_edit_token_is_not_found(client, factory):
    factory.round()
    assert client.get("/v/abcdefghijklmnopqrstuvwxyz0123456789").status_code == 404
    assert client.get("/v/abc/kiitos").status_code == 404


def test_convenor_sees_contact_observer_does_not(client, factory, login, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    client.post(url, data=_data(client, url, rnd))
    client.get("/")  # keep the session; the organisation's contact is now stored
    login(email="board@example.fi", role="observer")
    page = client.get(f"/kierrokset/{rnd.slug}").get_data(as_text=True)
    assert "Kempeleen Kisa ry" in page and "liisa@example.fi" not in page
    client.post("/kirjaudu-ulos", data={"csrf_token": csrf_token(page)})
    login()
    page = client.get(f"/kierrokset/{rnd.slug}").get_data(as_text=True)
    assert "Kempeleen Kisa ry" in page and "liisa@example.fi" in page


def test_answer_sent_after_closing_is_shown_back_not_lost(client, factory):
    rnd = factory.round(opens_on=date(2018, 8, 1), closes_on=date(2018, 12, 1))
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    q1, _ = rnd.questions
    response = client.post(
        f"/k/{rnd.slug}",
        data={
            "organisation": "A ry",
            "kind": "sote",
            "municipality": "Oulu",
            f"q_{q1.id}": "Myöhästynyt ehdotus",
            "csrf_token": token,
        },
    )
    assert response.status_code == 409
    assert "Myöhästynyt ehdotus" in response.get_data(as_text=True)


def test_editing_an_answer_never_rewrites_the_shared_directory_entry(client, factory, db):
    from consult.submissions.services import find_or_create_organisation

    org = find_or_create_organisation("Oulun seudun eläkkeensaajat ry", "sote", "Oulu")
    db.session.commit()
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    response = client.post(
        url,
        data=_data(
            client,
            url,
            rnd,
            organisation="OULUN SEUDUN ELÄKKEENSAAJAT RY",
            kind="sports",
            municipality="Kemi",
        ),
    )
    edit_url = (
        client.get(response.headers["Location"])
        .get_data(as_text=True)
        .split('value="http://consult.test', 1)[1]
        .split('"', 1)[0]
    )
    client.post(
        edit_url,
        data=_data(
            client,
            edit_url,
            rnd,
            organisation="OULUN SEUDUN ELÄKKEENSAAJAT RY",
            kind="sports",
            municipality="Kemi",
        ),
    )
    db.session.refresh(org)
    assert (org.kind, org.municipality) == ("sote", "Oulu")
    assert db.session.scalar(sa.select(Submission.organisation_id)) == org.id


def test_huge_ids_in_urls_are_not_found_not_errors(client, factory, login):
    rnd = factory.round()
    login()
    huge = "1" + "0" * 25
    for url in (
        f"/palaute/{huge}/x",
        f"/kierrokset/{rnd.slug}/analyysi/{huge}",
        f"/kierrokset/{rnd.slug}/tyopajat/{huge}",
        f"/organisaatiot/{huge}",
        f"/kierrokset/{rnd.slug}/nostot/{huge}",
    ):
        assert client.get(url).status_code == 404, url


def test_nul_characters_are_refused_and_nothing_is_saved(client, factory, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    q1, _ = rnd.questions
    response = client.post(
        url, data=_data(client, url, rnd, **{f"q_{q1.id}": "Ehdotus\x00piilossa"})
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Submission.id))) == 0
