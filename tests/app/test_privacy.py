"""Personal data: contact details expire after the round's retention time, deleting a round
leaves nothing of its contact in any table, and an organisation downloads its own answer."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import sqlalchemy as sa

from consult import clock
from consult.feedback.services import record_feedback
from consult.followup.documents import add_document
from consult.privacy.services import add_months, purge_expired_contacts
from consult.submissions import services as submissions
from consult.submissions.models import Submission
from consult.workshops import services as workshops
from tests.conftest import csrf_token
from tests.publish_seeds import CONTACT_EMAIL, CONTACT_NAME, curated_round


def _answer(rnd, name="Testiyhdistys ry", contact=CONTACT_NAME, email=CONTACT_EMAIL):
    submission, token = submissions.create_independent_submission(
        rnd,
        today=rnd.opens_on,
        organisation=name,
        kind="sote",
        municipality="Oulu",
        contact_name=contact,
        contact_email=email,
        proposals={rnd.questions[0].id: ["Kokoontumistiloja iltaisin"]},
    )
    return submission, token


def _everything(db) -> list[tuple[str, str, str]]:
    """Every value of every column of every table, as text: (table, column, value)."""
    found = []
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            for row in conn.execute(sa.select(table)).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        text = bytes(value).decode("utf-8", "ignore")
                    elif isinstance(value, dict | list):
                        text = json.dumps(value, ensure_ascii=False)
                    else:
                        text = str(value)
                    found.append((table.name, column, text))
    return found


def test_deleting_a_round_leaves_nothing_of_its_contact_in_any_table(
    client, login, factory, db, app
):
    rnd = curated_round(factory, db)
    # The contact's name and email in every place a round keeps text.
    workshop = factory.workshop(rnd, "Yhteyshenkilöiden verkosto")
    workshop.facilitator = CONTACT_NAME
    workshops.save_output(
        workshop,
        counts={"org_reps": 3},
        organisations=["Yhteysverkosto ry"],
        proposals={rnd.questions[0].id: [f"Soita {CONTACT_NAME}, {CONTACT_EMAIL}"]},
        report=f"Raportoi {CONTACT_NAME}",
    )
    record_feedback(workshop, browser_id="b" * 32, grade=5, useful="yes", comment=CONTACT_EMAIL)
    with app.test_request_context():
        add_document(
            rnd,
            name=f"Luonnos ({CONTACT_NAME})",
            stage="draft",
            filename="luonnos.txt",
            data=f"Yhteys {CONTACT_EMAIL}".encode(),
            user_id=None,
        )
    other = factory.round(title="Toinen kierros")
    _answer(other, "Toisen kierroksen yhdistys ry", "Pysyvä Henkilö", "pysyva@example.fi")
    db.session.commit()
    assert any(CONTACT_NAME in v for _, _, v in _everything(db))
    assert any(CONTACT_EMAIL in v for _, _, v in _everything(db))

    slug, other_id = rnd.slug, other.id
    login()
    page = client.get(f"/kierrokset/{slug}/henkilotiedot").get_data(as_text=True)
    refused = client.post(
        f"/kierrokset/{slug}/poista", data={"csrf_token": csrf_token(page), "confirm": "x"}
    )
    assert refused.status_code == 400
    response = client.post(
        f"/kierrokset/{slug}/poista", data={"csrf_token": csrf_token(page), "confirm": slug}
    )
    assert response.status_code == 302
    db.session.remove()

    leftovers = [
        (table, column)
        for table, column, value in _everything(db)
        if CONTACT_NAME.casefold() in value.casefold() or CONTACT_EMAIL in value.casefold()
    ]
    assert leftovers == []
    assert client.get(f"/kierrokset/{slug}").status_code == 404
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            if "round_id" in table.c:
                ids = set(conn.execute(sa.select(table.c.round_id)).scalars())
                assert ids <= {other_id}, table.name
    # The other round is untouched.
    kept = db.session.scalars(sa.select(Submission.contact_email)).all()
    assert kept == ["pysyva@example.fi"]


def test_contacts_are_removed_when_the_retention_time_has_passed(client, login, factory, db, app):
    today = clock.today()
    old = factory.round(
        title="Vanha", opens_on=today - timedelta(days=500), closes_on=today - timedelta(days=400)
    )
    recent = factory.round(
        title="Tuore", opens_on=today - timedelta(days=90), closes_on=today - timedelta(days=60)
    )
    _answer(old, "Vanha ry", "Vanha Yhteys", "vanha@example.fi")
    _answer(recent, "Tuore ry", "Tuore Yhteys", "tuore@example.fi")
    db.session.commit()

    assert purge_expired_contacts(today) == 1  # 400 days > 12 months; 60 days < 12 months
    db.session.commit()
    contacts = dict(
        db.session.execute(sa.select(Submission.round_id, Submission.contact_email)).all()
    )
    assert contacts == {old.id: "", recent.id: "tuore@example.fi"}
    assert (
        db.session.scalar(sa.select(Submission.contact_name).where(Submission.round_id == old.id))
        == ""
    )

    # The convenor shortens the recent round's retention to one month.
    login()
    url = f"/kierrokset/{recent.slug}/henkilotiedot"
    page = client.get(url).get_data(as_text=True)
    assert add_months(recent.closes_on, 12).strftime("%-d.%-m.%Y") in page
    bad = client.post(url, data={"csrf_token": csrf_token(page), "contact_months": "-1"})
    assert bad.status_code == 400
    client.post(url, data={"csrf_token": csrf_token(page), "contact_months": "1"})
    result = app.test_cli_runner().invoke(args=["purge-contacts"])
    assert result.exit_code == 0 and "1" in result.output
    db.session.expire_all()
    assert (
        db.session.scalar(
            sa.select(Submission.contact_email).where(Submission.round_id == recent.id)
        )
        == ""
    )


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_organisation_consents_to_quoting_and_downloads_its_answer(client, factory, db, fi):
    rnd = factory.round()
    page = client.get(f"/k/{rnd.slug}").get_data(as_text=True)
    assert 'name="quote_consent"' in page
    fields = {
        "csrf_token": csrf_token(page),
        "organisation": "Lataava Yhdistys ry",
        "kind": "culture",
        "municipality": "Raahe",
        "contact_name": "Liisa Lataaja",
        "contact_email": "liisa@example.fi",
        "quote_consent": "y",
        f"q_{rnd.questions[0].id}": "Tiloja iltaisin\nAvustukset ajoissa",
    }
    response = client.post(f"/k/{rnd.slug}", data=fields)
    assert response.status_code == 302
    token = re.search(r"/v/([^/]+)/kiitos", response.headers["Location"]).group(1)
    assert db.session.scalar(sa.select(Submission.quote_consent)) is True

    edit = client.get(f"/v/{token}").get_data(as_text=True)
    assert f"/v/{token}/omat-tiedot.json" in edit and f"/v/{token}/omat-tiedot.txt" in edit
    data = json.loads(client.get(f"/v/{token}/omat-tiedot.json").data)
    assert data["organisation"] == {
        "name": "Lataava Yhdistys ry",
        "kind": "culture",
        "municipality": "Raahe",
    }
    assert data["contact"] == {"name": "Liisa Lataaja", "email": "liisa@example.fi"}
    assert data["quote_consent"] is True
    assert data["answers"][0]["proposals"] == ["Tiloja iltaisin", "Avustukset ajoissa"]
    text = client.get(f"/v/{token}/omat-tiedot.txt")
    assert text.headers["Content-Disposition"].startswith("attachment")
    body = text.get_data(as_text=True)
    assert "- Tiloja iltaisin" in body and "liisa@example.fi" in body
    assert client.get("/v/vaara-linkki/omat-tiedot.json").status_code == 404

    # Unticking withdraws the consent.
    fields["csrf_token"] = csrf_token(edit)
    del fields["quote_consent"]
    assert client.post(f"/v/{token}", data=fields).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(sa.select(Submission.quote_consent)) is False


def test_retention_also_removes_the_addresses_kept_for_sending(factory, db):
    from consult.mail.models import Invitation, OutgoingMessage
    from consult.organisations.models import Organisation
    from consult.workshops.models import Workshop

    today = clock.today()
    old = factory.round(
        title="Vanha", opens_on=today - timedelta(days=500), closes_on=today - timedelta(days=400)
    )
    recent = factory.round(
        title="Tuore", opens_on=today - timedelta(days=90), closes_on=today - timedelta(days=60)
    )
    for rnd, who in ((old, "vanha"), (recent, "tuore")):
        workshop = factory.workshop(rnd, network=f"{who} verkosto")
        workshop.facilitator_email = f"{who}-fasilitaattori@example.fi"
        _answer(rnd, f"{who} ry", f"{who} Yhteys", f"{who}@example.fi")
        organisation = Organisation(name=f"{who} kutsuttu ry", name_key=f"{who} kutsuttu ry")
        db.session.add(organisation)
        db.session.flush()
        db.session.add(
            Invitation(
                round_id=rnd.id,
                organisation_id=organisation.id,
                email=f"{who}@example.fi",
                link_nonce=who,
                token_hash=who.ljust(64, "0"),
            )
        )
        db.session.add(
            OutgoingMessage(round_id=rnd.id, kind="invitation", recipient=f"{who}@example.fi")
        )
    db.session.commit()

    purge_expired_contacts(today)
    db.session.commit()
    db.session.expire_all()
    assert dict(db.session.execute(sa.select(Invitation.round_id, Invitation.email)).all()) == {
        old.id: "",
        recent.id: "tuore@example.fi",
    }
    assert dict(
        db.session.execute(sa.select(OutgoingMessage.round_id, OutgoingMessage.recipient)).all()
    ) == {old.id: "", recent.id: "tuore@example.fi"}
    assert dict(
        db.session.execute(sa.select(Workshop.round_id, Workshop.facilitator_email)).all()
    ) == {old.id: "", recent.id: "tuore-fasilitaattori@example.fi"}
