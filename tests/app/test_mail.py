"""Email through a real SMTP server started by the test: facilitators' links, invitations,
reminders, edit links, lost links, results notices, failures shown to the convenor."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from consult import clock
from consult.mail.models import Invitation, OutgoingMessage
from consult.organisations.models import Organisation
from consult.submissions.models import Submission
from tests.conftest import csrf_token
from tests.mail_server import MailServer, links, parts, path_of


@pytest.fixture
def smtp(app):
    server = MailServer().start()
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=server.port,
        MAIL_DEFAULT_SENDER="Kuuleminen <kuuleminen@consult.test>",
    )
    yield server
    server.stop()


def _post(client, url, data, page_url=None):
    page = client.get(page_url or url)
    return client.post(url, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})


def _answer(client, url, rnd, **overrides):
    q1, _q2 = rnd.questions
    data = {
        "organisation": "Kempeleen Kisa ry",
        "kind": "sports",
        "municipality": "Kempele",
        "contact_name": "Liisa Liikkuja",
        "contact_email": "liisa@example.fi",
        f"q_{q1.id}": "Liikuntapaikat esteettömiksi",
    }
    data.update(overrides)
    return _post(client, url, data)


def _organisation(db, name, email, language="fi"):
    org = Organisation(
        name=name, name_key=name.casefold(), kind="sote", email=email, language=language
    )
    db.session.add(org)
    db.session.commit()
    return org


def test_facilitator_gets_session_link_and_qr_sheet_in_their_language(
    client, login, factory, smtp, db
):
    login()
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    edit = f"/kierrokset/{rnd.slug}/tyopajat/{workshop.id}"
    form_page = client.get(edit).get_data(as_text=True)
    assert "QR" in form_page  # the line saying why the facilitator's email is asked
    response = _post(
        client,
        edit,
        {
            "network": workshop.network,
            "date": "2018-08-29",
            "place": "Oulu",
            "facilitator": "Maija",
            "facilitator_email": "Maija@Example.fi",
            "facilitator_language": "sv",
        },
    )
    assert response.status_code == 302
    detail = f"/kierrokset/{rnd.slug}"
    response = _post(client, f"{detail}/tyopajat/{workshop.id}/laheta", {}, detail)
    assert response.status_code == 302

    [message] = smtp.messages
    assert message["To"] == "maija@example.fi"
    assert message["X-Envelope-To"] == "maija@example.fi"
    assert message["Subject"] == "Sessionslänk för workshoppen Ikäihmisten verkosto"
    assert message["Content-Language"] == "sv"
    text, html = parts(message)
    assert "Sessionslänk" in text and '<html lang="sv">' in html
    session_url = next(u for u in links(text) if "/tyopaja/" in u)
    assert f'href="{session_url}"' in html
    assert client.get(path_of(session_url)).status_code == 200
    [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_content().startswith(b"%PDF")

    sent = db.session.scalar(sa.select(OutgoingMessage))
    assert (sent.kind, sent.status, sent.workshop_id) == ("facilitator", "sent", workshop.id)
    assert sent.sent_at is not None
    page = client.get(f"{detail}/sahkopostit").get_data(as_text=True)
    assert "Lähetetty" in page and "maija@example.fi" in page


def test_invitations_have_own_links_and_show_who_answered(client, login, factory, smtp, db):
    login()
    rnd = factory.round()
    kisa = _organisation(db, "Kempeleen Kisa ry", "kisa@example.fi")
    _organisation(db, "Kylät ry", "kylat@example.fi", language="sv")
    _organisation(db, "Osoitteeton ry", "")
    url = f"/kierrokset/{rnd.slug}/kutsut"
    page = client.get(url).get_data(as_text=True)
    assert "Osoitteeton ry" not in page and "1 organisaatiolla" in page
    ids = [str(o.id) for o in db.session.scalars(sa.select(Organisation)) if o.email]
    response = client.post(url, data={"org": ids, "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert sorted(m["To"] for m in smtp.messages) == ["kisa@example.fi", "kylat@example.fi"]
    by_to = {m["To"]: m for m in smtp.messages}
    assert by_to["kylat@example.fi"]["Subject"].startswith("Inbjudan")
    assert by_to["kisa@example.fi"]["Subject"].startswith("Kutsu")
    text, html = parts(by_to["kisa@example.fi"])
    [answer_url] = [u for u in links(text) if "/kutsu/" in u]
    assert answer_url in html
    other_url = next(u for u in links(parts(by_to["kylat@example.fi"])[0]) if "/kutsu/" in u)
    assert other_url != answer_url

    # Inviting again sends nothing new.
    page = client.get(url).get_data(as_text=True)
    client.post(url, data={"org": ids, "csrf_token": csrf_token(page)})
    assert len(smtp.messages) == 2

    form = client.get(path_of(answer_url)).get_data(as_text=True)
    assert 'value="Kempeleen Kisa ry"' in form
    response = _answer(client, path_of(answer_url), rnd, organisation="Kempeleen Kisa ry")
    assert response.status_code == 302
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.organisation_id == kisa.id)
    )
    submission = db.session.scalar(sa.select(Submission))
    assert invitation.submission_id == submission.id and invitation.answered_at is not None
    listing = client.get(url).get_data(as_text=True)
    assert "1/2 kutsutusta organisaatiosta on vastannut" in listing
    assert client.get("/kutsu/not-a-token").status_code == 404


def test_reminder_once_to_those_who_have_not_answered_and_unsubscribe_works(
    app, client, login, factory, smtp, db
):
    from consult.scheduled import run_all

    login()
    closes = clock.today() + timedelta(days=20)
    rnd = factory.round(closes_on=closes)
    _organisation(db, "Vastannut ry", "vastannut@example.fi")
    _organisation(db, "Hiljainen ry", "hiljainen@example.fi")
    _organisation(db, "Toinen ry", "toinen@example.fi")
    url = f"/kierrokset/{rnd.slug}/kutsut"
    page = client.get(url).get_data(as_text=True)
    ids = [str(o.id) for o in db.session.scalars(sa.select(Organisation))]
    client.post(url, data={"org": ids, "csrf_token": csrf_token(page)})
    assert len(smtp.messages) == 3
    answered = next(m for m in smtp.messages if m["To"] == "vastannut@example.fi")
    link = next(u for u in links(parts(answered)[0]) if "/kutsu/" in u)
    assert _answer(client, path_of(link), rnd, organisation="Vastannut ry").status_code == 302

    # The setting: 10 days before closing.
    response = _post(client, f"/kierrokset/{rnd.slug}/muistutus", {"reminder_days": "10"}, url)
    assert response.status_code == 302
    smtp.messages.clear()
    assert run_all(closes - timedelta(days=11), "mail-reminders") == {"mail-reminders": 0}
    assert smtp.messages == []
    result = app.test_cli_runner().invoke(
        args=["run-scheduled", "--today", (closes - timedelta(days=10)).isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert "mail-reminders: 2" in result.output
    assert sorted(m["To"] for m in smtp.messages) == ["hiljainen@example.fi", "toinen@example.fi"]
    # Running again (every hour) sends nothing more.
    assert run_all(closes - timedelta(days=9), "mail-reminders") == {"mail-reminders": 0}
    assert len(smtp.messages) == 2

    reminders = db.session.scalars(
        sa.select(OutgoingMessage.base_url).where(OutgoingMessage.kind == "reminder")
    ).all()
    assert reminders == ["http://consult.test/"] * 2  # where the invitations' links pointed
    reminder = next(m for m in smtp.messages if m["To"] == "hiljainen@example.fi")
    assert reminder["Subject"].startswith("Muistutus")
    text, html = parts(reminder)
    unsubscribe = next(u for u in links(text) if "/sahkoposti/peru/" in u)
    assert reminder["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert unsubscribe in html
    page = client.get(path_of(unsubscribe))
    assert page.status_code == 200
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.email == "hiljainen@example.fi")
    )
    assert invitation.unsubscribed_at is None  # opening the link changes nothing
    response = client.post(
        path_of(unsubscribe), data={"csrf_token": csrf_token(page.get_data(as_text=True))}
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert invitation.unsubscribed_at is not None
    assert "Lopetettu" in client.get(url).get_data(as_text=True)
    assert client.get("/sahkoposti/peru/forged").status_code == 404


def test_unsubscribed_invitation_gets_no_reminder(app, client, login, factory, smtp, db):
    from consult.mail import services
    from consult.scheduled import run_all

    closes = clock.today() + timedelta(days=5)
    rnd = factory.round(closes_on=closes)
    org = _organisation(db, "Hiljainen ry", "hiljainen@example.fi")
    [invitation] = services.invite(rnd, [org])
    db.session.commit()
    services.unsubscribe("i", invitation.id)
    db.session.commit()
    smtp.messages.clear()
    assert run_all(clock.today(), "mail-reminders") == {"mail-reminders": 0}
    assert smtp.messages == []


def test_submitter_gets_edit_link_by_email(client, factory, smtp, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    page = client.get(url).get_data(as_text=True)
    assert "muokkauslinkin" in page  # the line saying what the address is used for
    response = _answer(client, url, rnd, send_link="y")
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "liisa@example.fi"
    text, html = parts(message)
    [edit_url] = [u for u in links(text) if "/v/" in u]
    assert edit_url in html
    assert response.headers["Location"].endswith(path_of(edit_url) + "/kiitos")
    assert "Liikuntapaikat esteettömiksi" in client.get(path_of(edit_url)).get_data(as_text=True)
    # The token is not kept in the database in the clear.
    stored = db.session.scalar(sa.select(OutgoingMessage))
    token = edit_url.rsplit("/", 1)[1]
    assert token not in (stored.error + stored.subject + stored.base_url)
    from consult.jobs.models import BackgroundJob

    job = db.session.get(BackgroundJob, stored.job_id)
    assert job.task == "consult.mail.tasks:send_message" and job.status == "done"
    assert job.args[0] == stored.id and token not in str(job.args)

    # Asking for the link without an address is refused with a clear message.
    response = _answer(client, url, rnd, send_link="y", contact_email="")
    assert response.status_code == 400
    assert "Anna sähköpostiosoite" in response.get_data(as_text=True)


def test_lost_link_sends_a_new_one_and_never_reveals_addresses(client, factory, smtp, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    response = _answer(client, url, rnd)
    old_path = response.headers["Location"].removesuffix("/kiitos")
    assert smtp.messages == []
    lost = f"/k/{rnd.slug}/kadonnut-linkki"
    assert lost in client.get(url).get_data(as_text=True)

    unknown = _post(client, lost, {"email": "nobody@example.fi"})
    known = _post(client, lost, {"email": "Liisa@Example.fi"})
    assert unknown.status_code == known.status_code == 200
    assert unknown.get_data(as_text=True) == known.get_data(as_text=True)
    [message] = smtp.messages
    assert message["To"] == "liisa@example.fi"
    [new_url] = [u for u in links(parts(message)[0]) if "/v/" in u]
    assert client.get(old_path).status_code == 404
    assert client.get(path_of(new_url)).status_code == 200

    # Asked again at once: the same answer, no second link (the new link keeps working).
    again = _post(client, lost, {"email": "liisa@example.fi"})
    assert again.get_data(as_text=True) == known.get_data(as_text=True)
    assert len(smtp.messages) == 1
    assert client.get(path_of(new_url)).status_code == 200


def test_lost_link_is_rate_limited(client, factory, smtp):
    rnd = factory.round()
    lost = f"/k/{rnd.slug}/kadonnut-linkki"
    token = csrf_token(client.get(lost).get_data(as_text=True))
    codes = [
        client.post(lost, data={"email": f"x{i}@example.fi", "csrf_token": token}).status_code
        for i in range(6)
    ]
    assert codes == [200] * 5 + [429]


def test_refused_recipient_is_recorded_and_shown_without_logging_the_address(
    client, login, factory, smtp, db, caplog
):
    login()
    rnd = factory.round()
    org = _organisation(db, "Kadonnut ry", "refuse-me@example.fi")
    url = f"/kierrokset/{rnd.slug}/kutsut"
    page = client.get(url).get_data(as_text=True)
    with caplog.at_level(logging.DEBUG):
        client.post(url, data={"org": [str(org.id)], "csrf_token": csrf_token(page)})
    assert smtp.messages == []
    message = db.session.scalar(sa.select(OutgoingMessage))
    assert message.status == "bounced"
    assert message.error.startswith("550") and "refuse-me" not in message.error
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("consult")]
    assert ours and not any("refuse-me" in line for line in ours)
    emails = client.get(f"/kierrokset/{rnd.slug}/sahkopostit").get_data(as_text=True)
    assert "Vastaanottajan palvelin hylkäsi" in emails and "User unknown" in emails
    detail = client.get(f"/kierrokset/{rnd.slug}").get_data(as_text=True)
    assert "Sähköposteja, joita ei voitu toimittaa: 1." in detail


def test_unreachable_server_is_a_failure(client, login, factory, db, app):
    from tests.mail_server import free_port

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_TIMEOUT=5)
    login()
    rnd = factory.round()
    org = _organisation(db, "Kisa ry", "kisa@example.fi")
    url = f"/kierrokset/{rnd.slug}/kutsut"
    page = client.get(url).get_data(as_text=True)
    client.post(url, data={"org": [str(org.id)], "csrf_token": csrf_token(page)})
    message = db.session.scalar(sa.select(OutgoingMessage))
    assert message.status == "failed" and "kisa@" not in message.error
    emails = f"/kierrokset/{rnd.slug}/sahkopostit"
    page = client.get(emails).get_data(as_text=True)
    assert "Epäonnistui" in page and "Lähetä uudelleen" in page

    # The server is back: the convenor sends the failed message again.
    server = MailServer().start()
    try:
        app.config["MAIL_PORT"] = server.port
        response = client.post(
            f"{emails}/{message.id}/uudelleen", data={"csrf_token": csrf_token(page)}
        )
        assert response.status_code == 302
        assert [m["To"] for m in server.messages] == ["kisa@example.fi"]
    finally:
        server.stop()
    statuses = db.session.scalars(sa.select(OutgoingMessage.status).order_by(OutgoingMessage.id))
    assert list(statuses) == ["failed", "sent"]


def test_results_and_status_notices_reach_those_who_asked(client, factory, smtp, db):
    from consult.curation.models import Highlight
    from consult.signals import highlight_status_changed, results_published

    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    _answer(client, url, rnd, notify_results="y")
    _answer(client, url, rnd, organisation="Hiljaiset ry", contact_email="hiljaa@example.fi")
    theme = Highlight(
        round_id=rnd.id,
        title="Yhteistyörakenteet",
        status="included",
        status_date=date(2019, 3, 1),
        status_note="Kirjattu strategiaan.",
    )
    db.session.add(theme)
    db.session.commit()

    results_published.send(None, round_id=rnd.id)
    db.session.commit()
    [message] = smtp.messages
    assert message["To"] == "liisa@example.fi"
    text, html = parts(message)
    assert "julkaistu" in message["Subject"]
    unsubscribe = next(u for u in links(text) if "/sahkoposti/peru/" in u)
    assert unsubscribe in html

    highlight_status_changed.send(None, round_id=rnd.id, highlight_id=theme.id)
    db.session.commit()
    status = smtp.messages[1]
    text, html = parts(status)
    assert "Yhteistyörakenteet" in text and "Kirjattu strategiaan." in html

    page = client.get(path_of(unsubscribe))
    client.post(path_of(unsubscribe), data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    results_published.send(None, round_id=rnd.id)
    db.session.commit()
    assert len(smtp.messages) == 2


def test_messages_are_written_in_each_recipients_language(client, factory, smtp, db):
    rnd = factory.round()
    rnd.translations = {"en": {"title": "Regional strategy"}}
    db.session.commit()
    url = f"/k/{rnd.slug}"
    page = client.get("/").get_data(as_text=True)
    client.post("/kieli/en", data={"csrf_token": csrf_token(page), "next": "/"})
    _answer(client, url, rnd, send_link="y")
    [message] = smtp.messages
    assert message["Subject"] == "Your private edit link: Regional strategy"
    text, html = parts(message)
    assert "Hello," in text and '<html lang="en">' in html


def test_invited_organisation_answering_through_the_public_link_counts(client, factory, smtp, db):
    from consult.mail import services

    rnd = factory.round()
    org = _organisation(db, "Kempeleen Kisa ry", "kisa@example.fi")
    [invitation] = services.invite(rnd, [org])
    db.session.commit()
    assert _answer(client, f"/k/{rnd.slug}", rnd).status_code == 302
    db.session.expire_all()
    assert invitation.answered_at is not None and invitation.submission_id is not None


def test_deleting_the_contact_removes_the_address_from_the_message_record(
    client, factory, smtp, db
):
    rnd = factory.round()
    response = _answer(client, f"/k/{rnd.slug}", rnd, send_link="y")
    edit = response.headers["Location"].removesuffix("/kiitos")
    assert db.session.scalar(sa.select(OutgoingMessage.recipient)) == "liisa@example.fi"
    page = client.get(edit).get_data(as_text=True)
    client.post(f"{edit}/poista-yhteystiedot", data={"csrf_token": csrf_token(page)})
    db.session.expire_all()
    message = db.session.scalar(sa.select(OutgoingMessage))
    assert message.recipient == "" and message.status == "sent"


def test_merging_organisations_keeps_their_invitations(factory, smtp, db):
    from consult.mail import services
    from consult.organisations.services import merge

    rnd = factory.round()
    dup = _organisation(db, "Kisa ry", "kisa@example.fi")
    target = _organisation(db, "Kempeleen Kisa ry", "")
    services.invite(rnd, [dup])
    db.session.commit()
    merge(target, [dup])
    db.session.commit()
    invitation = db.session.scalar(sa.select(Invitation))
    assert invitation.organisation_id == target.id
    assert target.email == "kisa@example.fi"


def test_edit_link_token_travels_sealed_in_the_job_arguments(app):
    from consult.mail.queue import seal, unseal
    from consult.utils import new_token

    token = new_token()
    sealed = seal(7, token)
    assert token not in sealed and token.encode().hex() != sealed
    assert seal(8, token) != sealed  # a key stream per message
    assert unseal(7, sealed) == token
    app.config["SECRET_KEY"] = "another-key"
    assert seal(7, token) != sealed  # without the secret key the stream is unknown
