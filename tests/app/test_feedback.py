"""Feedback after a workshop: answer through the link, once per browser; the summary."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask_babel import gettext

from consult.feedback.models import Feedback
from consult.feedback.services import BROWSER_COOKIE, feedback_token
from consult.workshops.services import workshop_token
from tests.conftest import csrf_token


def _url(workshop) -> str:
    return f"/palaute/{workshop.id}/{feedback_token(workshop)}"


def _send(client, url, **data):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), **data})


def _text(app, msgid: str, **kwargs) -> str:
    """The message as a Finnish user sees it (English until the catalogue has it)."""
    with app.test_request_context(headers={"Accept-Language": "fi"}):
        return gettext(msgid, **kwargs)


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(Feedback.id)))


@pytest.fixture
def workshop(factory):
    rnd = factory.round()
    return factory.workshop(rnd)


def test_feedback_link_differs_from_session_link(app, workshop):
    token = feedback_token(workshop)
    assert len(token) >= 32
    assert token != workshop_token(workshop)
    assert token not in (workshop.link_nonce, workshop.token_hash)


def test_participant_answers_through_the_link(app, client, db, workshop):
    page = client.get(_url(workshop)).get_data(as_text=True)
    assert "Ikäihmisten verkosto" in page
    assert '<legend id="grade">' in page and '<legend id="useful">' in page  # radio groups
    response = _send(client, _url(workshop), grade="4", useful="yes", comment="  Hyvä päivä!  ")
    assert response.status_code == 302
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert _text(app, "Thank you for your feedback!") in thanks
    feedback = db.session.scalar(sa.select(Feedback))
    assert (feedback.workshop_id, feedback.grade, feedback.useful, feedback.comment) == (
        workshop.id,
        4,
        "yes",
        "Hyvä päivä!",
    )
    # Only a hash of the browser's random id is stored, different from the cookie itself.
    cookie = client.get_cookie(BROWSER_COOKIE, domain="consult.test", path="/palaute/")
    assert cookie is not None and len(cookie.value) >= 32
    assert cookie.value not in feedback.browser_key and len(feedback.browser_key) == 64


def test_second_answer_from_the_same_browser_changes_nothing(app, client, db, workshop):
    url = _url(workshop)
    assert _send(client, url, grade="5", useful="yes", comment="Eka").status_code == 302
    already = _text(
        app,
        "You have already answered the feedback for this workshop, thank you! Your earlier "
        "answer is kept; each device can answer once.",
    )
    page = client.get(url).get_data(as_text=True)
    assert already in page and 'name="grade"' not in page
    # Even a form kept open in another tab is refused without a change.
    response = client.post(
        url, data={"csrf_token": csrf_token(page), "grade": "1", "useful": "no", "comment": "Toka"}
    )
    assert response.status_code == 200 and already in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(Feedback.comment)).all() == ["Eka"]
    # Another browser (without the cookie) may answer.
    client.delete_cookie(BROWSER_COOKIE, domain="consult.test", path="/palaute/")
    assert _send(client, url, grade="3", useful="unsure").status_code == 302
    assert _count(db) == 2


@pytest.mark.parametrize(
    ("data", "msgid", "kwargs"),
    [
        ({"useful": "yes"}, "Choose a grade from 1 to 5.", {}),
        ({"grade": "6", "useful": "yes"}, "Choose a grade from 1 to 5.", {}),
        ({"grade": "kolme", "useful": "yes"}, "Choose a grade from 1 to 5.", {}),
        (
            {"grade": "3"},
            "Answer whether the workshop was useful: yes, no or can't say.",
            {},
        ),
        (
            {"grade": "3", "useful": "yes", "comment": "x" * 2001},
            "The comment is too long: at most %(max)d characters. Shorten it a little.",
            {"max": 2000},
        ),
    ],
)
def test_bad_input_gives_a_clear_message_and_saves_nothing(
    app, client, db, workshop, data, msgid, kwargs
):
    response = _send(client, _url(workshop), **data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert _text(app, msgid, **kwargs) in html
    if "comment" in data:  # what was typed is kept on the page
        assert data["comment"] in html
    assert _count(db) == 0


def test_missing_csrf_token_and_wrong_token_save_nothing(app, client, db, workshop):
    response = client.post(_url(workshop), data={"grade": "4", "useful": "yes"})
    assert response.status_code == 400
    wrong = f"/palaute/{workshop.id}/{workshop_token(workshop)}"  # the session link's token
    for url in (wrong, f"/palaute/{workshop.id}/x", f"/palaute/{workshop.id + 99}/x"):
        response = client.get(url)
        assert response.status_code == 404
        assert _text(app, "Page not found") in response.get_data(as_text=True)
        assert client.post(url, data={"grade": "4", "useful": "yes"}).status_code in (400, 404)
    assert _count(db) == 0


def _answer(db, workshop, answers):
    from consult.feedback import services

    for i, (grade, useful, comment) in enumerate(answers):
        services.record_feedback(
            workshop, browser_id=f"b{i}", grade=grade, useful=useful, comment=comment
        )
    db.session.commit()


def _set_participants(db, workshop, n):
    workshop.org_reps = n
    db.session.commit()


def test_summary_figures_per_workshop_and_round(app, client, db, factory, login):
    rnd = factory.round()
    first = factory.workshop(rnd, network="Ikäihmisten verkosto")
    second = factory.workshop(rnd, network="Kylät ry")
    factory.workshop(rnd, network="Ei palautetta")  # participants count, nobody answered
    _set_participants(db, first, 10)
    _set_participants(db, second, 5)
    _answer(
        db,
        first,
        [(5, "yes", "Hyvä keskustelu"), (4, "yes", ""), (3, "no", ""), (4, "unsure", "")],
    )
    _answer(db, second, [(2, "no", "Liian lyhyt"), (4, "yes", "")])
    login(email="board@example.fi", role="observer")  # observers may read
    html = client.get(f"/kierrokset/{rnd.slug}/palaute").get_data(as_text=True)
    # Round: 6 answers of 15 participants (40 %), mean 22/6 = 3.7, useful 3/6 = 50 %.
    assert re.search(
        r"Ikäihmisten verkosto</a></td>\s*"
        r'<td class="num">4</td>\s*<td class="num">10</td>\s*'
        r'<td class="num">40\xa0%</td>\s*<td class="num">4,0</td>\s*'
        r'<td class="num">50\xa0%</td>',
        html,
    )
    assert re.search(
        r'Kylät ry</a></td>\s*<td class="num">2</td>\s*<td class="num">5</td>\s*'
        r'<td class="num">40\xa0%</td>\s*<td class="num">3,0</td>\s*'
        r'<td class="num">50\xa0%</td>',
        html,
    )
    assert re.search(
        r"Ei palautetta</td>\s*<td class=\"num\">0</td>\s*<td class=\"num\">0</td>"
        r"\s*<td class=\"num\">–</td>",
        html,
    )
    tfoot = html.split("<tfoot>")[1]
    assert re.search(
        r'<td class="num">6</td><td class="num">15</td>\s*'
        r'<td class="num">40\xa0%</td><td class="num">3,7</td>\s*'
        r'<td class="num">50\xa0%</td>',
        tfoot,
    )
    assert (
        _text(
            app,
            "%(answers)d answers of %(participants)d participants, %(useful)s found the workshop "
            "useful, overall grade %(grade)s/5.",
            answers=6,
            participants=15,
            useful="50\xa0%",
            grade="3,7",
        )
        in html
    )
    assert "Hyvä keskustelu" in html and "Liian lyhyt" in html


def test_summary_needs_login(client, factory):
    rnd = factory.round()
    response = client.get(f"/kierrokset/{rnd.slug}/palaute")
    assert response.status_code == 302 and "/kirjaudu" in response.headers["Location"]


def test_demo_feedback_is_plausible_and_deterministic(app, db):
    from consult.demo import load_demo
    from consult.demo.feedback import add_demo_feedback
    from consult.feedback.queries import round_feedback

    rnd = load_demo(analyse=False)  # the demo loader adds the feedback
    db.session.commit()
    added = db.session.scalar(sa.select(sa.func.count(Feedback.id)))
    summary = round_feedback(rnd)
    with_answers = [w for w in summary.workshops if w.figures.answers]
    assert len(with_answers) == 8 and summary.total.answers == added
    for item in with_answers:
        assert 0 < item.figures.answers < item.figures.participants
    assert 3.5 <= summary.total.mean_grade <= 4.5
    assert 0.6 <= summary.total.useful_share <= 0.95
    assert any(item.comments for item in with_answers)
    first = [
        (f.grade, f.useful, f.comment)
        for f in db.session.scalars(sa.select(Feedback).order_by(Feedback.id))
    ]
    db.session.execute(sa.delete(Feedback))
    add_demo_feedback(rnd)
    again = [
        (f.grade, f.useful, f.comment)
        for f in db.session.scalars(sa.select(Feedback).order_by(Feedback.id))
    ]
    assert again == first


def test_double_send_racing_past_the_check_is_refused(app, db, workshop, monkeypatch):
    from consult.feedback import services

    services.record_feedback(workshop, browser_id="same", grade=4, useful="yes")
    db.session.commit()
    monkeypatch.setattr(services, "has_answered", lambda *args: False)  # the other send's view
    with pytest.raises(services.AlreadyAnswered):
        services.record_feedback(workshop, browser_id="same", grade=1, useful="no")
    db.session.commit()  # the session is still usable; the first answer stands
    assert db.session.scalars(sa.select(Feedback.grade)).all() == [4]
