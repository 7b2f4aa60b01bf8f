"""The convenor's desk at 20+ highlights: bulk actions, confirmations, refused forms."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from consult.curation import services
from consult.curation.models import CurationEvent, Highlight
from consult.rounds.models import Question
from tests.app.test_curation import Convenor, _version
from tests.conftest import csrf_token
from tests.seeds import seed_highlights


@pytest.fixture
def desk(client, login, factory, db):
    user = login()
    rnd = seed_highlights(factory, db, n=22)
    return rnd, Convenor(client, rnd), user


def _themes(db):
    db.session.expire_all()
    return db.session.scalars(sa.select(Highlight).order_by(Highlight.position, Highlight.id)).all()


def _events(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(CurationEvent))


def _state(db, rnd):
    db.session.expire_all()
    return services.snapshot(rnd)


def _summary_links(html: str) -> list[str]:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary"
    return re.findall(r'<a href="#([^"]+)"', match.group(0))


def test_overview_is_compact_with_one_row_per_highlight(desk, db):
    rnd, convenor, _ = desk
    html = convenor.page()
    themes = _themes(db)
    assert len(themes) == 22
    rows = re.findall(r'<tr id="nosto-(\d+)">', html)
    assert [int(r) for r in rows] == [t.id for t in themes]
    # the action panel comes before the table, and each row has its tick box
    assert html.index('id="bulk-panel"') < html.index('id="overview"')
    assert html.count('name="themes"') == 22
    first = html[html.index(f'id="nosto-{themes[0].id}"') :].split("</tr>")[0]
    assert 'data-label="Ehdotuksia">3<' in first and "maakuntastrategia" in first


def test_bulk_route_status_merge_move_and_delete_are_one_undoable_change_each(desk, db):
    rnd, convenor, _ = desk
    themes = _themes(db)
    states = [_state(db, rnd)]
    events = _events(db)
    picked = [themes[2].id, themes[5].id, themes[9].id]

    convenor.post(
        "/valitut",
        {"themes": picked, "action": "route", "route": "welfare_report", "route_other": ""},
    )
    by_id = {t.id: t for t in _themes(db)}
    assert {by_id[i].route for i in picked} == {"welfare_report"}
    assert by_id[themes[0].id].route == "strategy"
    assert _events(db) == events + 1
    states.append(_state(db, rnd))

    convenor.post(
        "/valitut",
        {"themes": picked, "action": "status", "status": "included", "status_date": "3.12.2018"},
    )
    by_id = {t.id: t for t in _themes(db)}
    assert {(by_id[i].status, by_id[i].status_date.isoformat()) for i in picked} == {
        ("included", "2018-12-03")
    }
    assert _events(db) == events + 2
    states.append(_state(db, rnd))

    convenor.post(
        "/valitut", {"themes": [themes[20].id, themes[21].id], "action": "move", "position": "1"}
    )
    order = [t.id for t in _themes(db)]
    assert order[:2] == [themes[20].id, themes[21].id] and order[2] == themes[0].id
    assert _events(db) == events + 3
    states.append(_state(db, rnd))

    n_members = sum(len(t.members) for t in _themes(db) if t.id in picked)
    convenor.post("/valitut", {"themes": picked, "action": "merge"})
    remaining = _themes(db)
    assert len(remaining) == 20
    target = next(t for t in remaining if t.id == picked[0])
    assert len(target.members) == n_members
    assert _events(db) == events + 4
    states.append(_state(db, rnd))

    # delete asks first: the page says what happens and nothing changes
    asked = convenor.post(
        "/valitut", {"themes": [themes[0].id, themes[1].id], "action": "delete"}, expect=200
    ).get_data(as_text=True)
    assert "Poistetaanko 2 nostoa?" in asked and "6 ehdotusta siirtyvät" in asked
    assert _state(db, rnd) == states[-1]
    convenor.post(
        "/valitut", {"themes": [themes[0].id, themes[1].id], "action": "delete", "confirm": "yes"}
    )
    assert len(_themes(db)) == 18
    assert _events(db) == events + 5
    history = convenor.page("/historia")
    assert "Poisti nostot" in history and "Asetti nostojen" in history

    for expected in reversed(states):
        convenor.post("/kumoa")
        assert _state(db, rnd) == expected


def test_bulk_change_from_a_stale_page_is_refused(desk, db):
    rnd, convenor, _ = desk
    themes = _themes(db)
    old = _version(convenor.page())
    convenor.post("/valitut", {"themes": [themes[0].id], "action": "status", "status": "included"})
    before, events = _state(db, rnd), _events(db)
    response = convenor.post(
        "/valitut",
        {"themes": [themes[1].id], "action": "route", "route": "not_used"},
        version=old,
        expect=409,
    )
    assert "muutti teemoja samaan aikaan" in response.get_data(as_text=True)
    assert _state(db, rnd) == before and _events(db) == events


def test_refused_bulk_form_keeps_ticks_and_names_every_field(desk, db):
    rnd, convenor, _ = desk
    themes = _themes(db)
    before = _state(db, rnd)
    response = convenor.post(
        "/valitut",
        {
            "themes": [themes[3].id, themes[4].id],
            "action": "route",
            "route": "other",
            "route_other": "",
        },
        expect=400,
    )
    html = response.get_data(as_text=True)
    assert _summary_links(html) == ["route_other"]
    assert f'value="{themes[3].id}" id="tick-{themes[3].id}" aria-labelledby' in html
    assert re.search(rf'value="{themes[3].id}"[^>]*checked', html)
    assert re.search(rf'value="{themes[4].id}"[^>]*checked', html)
    assert not re.search(rf'value="{themes[5].id}"[^>]*checked', html)
    assert 'data-label="Ehdotuksia"' in html  # the overview is shown again
    response = convenor.post("/valitut", {"action": "merge", "position": "x"}, expect=400)
    assert set(_summary_links(response.get_data(as_text=True))) == {"themes", "position"}
    assert _state(db, rnd) == before


def test_reorder_returns_focus_to_the_pressed_button(desk, db):
    rnd, convenor, _ = desk
    themes = _themes(db)
    response = convenor.post(f"/{themes[5].id}/jarjestys/ylos")
    assert response.location.endswith(f"#jarjestys-{themes[5].id}-ylos")
    assert [t.id for t in _themes(db)][4] == themes[5].id
    response = convenor.post(f"/{themes[1].id}/jarjestys/ylos")
    assert _themes(db)[0].id == themes[1].id
    # at the top there is no "up" button: focus goes to its "down"
    assert response.location.endswith(f"#jarjestys-{themes[1].id}-alas")
    html = convenor.page()
    assert f'id="jarjestys-{themes[1].id}-alas"' in html
    assert f'id="jarjestys-{themes[1].id}-ylos"' not in html


def test_follow_up_form_reports_every_wrong_field_and_keeps_what_was_typed(desk, db):
    rnd, convenor, _ = desk
    theme = _themes(db)[0]
    before = _state(db, rnd)
    response = convenor.post(
        f"/{theme.id}/seuranta",
        {
            "route": "other",
            "route_other": "",
            "status": "partly_included",
            "status_date": "31.2.2019",
            "status_note": "Luku 4 käsittelee asiaa osin",
        },
        page=f"/{theme.id}",
        expect=400,
    )
    html = response.get_data(as_text=True)
    assert set(_summary_links(html)) == {"route_other", "status_date"}
    assert "Nimeä muu asiakirja." in html and "Anna kelvollinen päivämäärä" in html
    assert 'value="31.2.2019"' in html
    assert "Luku 4 käsittelee asiaa osin</textarea>" in html
    assert re.search(r'<option selected value="other">|<option value="other" selected', html)
    assert re.search(r'value="partly_included" selected|selected value="partly_included"', html)
    assert _state(db, rnd) == before


def test_delete_from_the_theme_page_asks_then_moves_proposals_out(desk, db):
    rnd, convenor, _ = desk
    theme = _themes(db)[3]
    ids = {m.proposal_id for m in theme.members}
    page = convenor.page(f"/{theme.id}")
    assert "data-confirm=" in page and f"/{theme.id}/poista" in page
    asked = convenor.post(f"/{theme.id}/poista", page=f"/{theme.id}", expect=200)
    text = asked.get_data(as_text=True)
    assert f"Poistetaanko nosto ”{theme.title}”?" in text and "3 ehdotusta" in text
    assert db.session.get(Highlight, theme.id) is not None
    convenor.post(f"/{theme.id}/poista", {"confirm": "yes"}, page=f"/{theme.id}")
    assert theme.id not in {t.id for t in _themes(db)}
    from consult.curation.queries import unassigned

    assert ids <= {r.id for r in unassigned(rnd)}


def _post(client, url, data, page_url):
    page = client.get(page_url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token(page)})


def test_delete_question_asks_first(client, login, factory, db):
    login()
    rnd = factory.round(questions=("Palvelulupaus", "Poistettava kysymys"))
    detail = f"/kierrokset/{rnd.slug}"
    question = rnd.questions[1]
    page = client.get(detail).get_data(as_text=True)
    assert "data-confirm=" in page
    asked = _post(client, f"{detail}/kysymykset/{question.id}/poista", {}, detail)
    assert asked.status_code == 200
    text = asked.get_data(as_text=True)
    assert "Poistetaanko kysymys ”Poistettava kysymys”?" in text and "Tätä ei voi perua" in text
    assert db.session.get(Question, question.id) is not None
    done = _post(client, f"{detail}/kysymykset/{question.id}/poista", {"confirm": "yes"}, detail)
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, question.id) is None


def test_round_question_workshop_and_organisation_forms_name_every_wrong_field(
    client, login, factory, db
):
    login()
    response = _post(
        client,
        "/kierrokset/uusi",
        {"title": "", "purpose": "Tarkoitus jää", "opens_on": "1.9.2018", "closes_on": "31.2.2019"},
        "/kierrokset/uusi",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and set(_summary_links(html)) == {"title", "closes_on"}
    assert "Tarkoitus jää</textarea>" in html and 'value="31.2.2019"' in html

    rnd = factory.round()
    detail = f"/kierrokset/{rnd.slug}"
    response = _post(
        client, f"{detail}/kysymykset", {"text": "", "help_text": "Apu", "position": "0"}, detail
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and set(_summary_links(html)) == {"text", "position"}
    assert "Apu</textarea>" in html
    response = _post(
        client,
        f"{detail}/tyopajat",
        {"network": "", "date": "32.1.2018", "place": "Kempele"},
        detail,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and set(_summary_links(html)) == {"network", "date"}
    assert 'value="Kempele"' in html and 'value="32.1.2018"' in html

    from consult.submissions.services import find_or_create_organisation

    org = find_or_create_organisation("Oulun Yhdistys ry", kind="sote", municipality="Oulu")
    db.session.commit()
    response = _post(
        client,
        f"/organisaatiot/{org.id}",
        {"name": "", "kind": "sote", "municipality": "Oulu", "business_id": "1234567-2"},
        f"/organisaatiot/{org.id}",
    )
    html = response.get_data(as_text=True)
    assert set(_summary_links(html)) == {"name", "business_id"}
    assert 'value="1234567-2"' in html


def test_public_form_names_every_wrong_field_and_keeps_the_proposals(client, factory, db):
    rnd = factory.round()
    url = f"/k/{rnd.slug}"
    q1 = rnd.questions[0]
    response = _post(
        client,
        url,
        {
            "organisation": "",
            "kind": "sote",
            "municipality": "",
            "contact_email": "ei-osoite",
            f"q_{q1.id}": "Tilat maksuttomiksi\nAvustukset ajoissa",
        },
        url,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert set(_summary_links(html)) == {"organisation", "municipality", "contact_email"}
    assert "Tilat maksuttomiksi\nAvustukset ajoissa</textarea>" in html
    assert 'value="ei-osoite"' in html


def test_capture_form_without_javascript_names_every_wrong_field(client, factory, db):
    from consult.workshops.services import workshop_token

    rnd = factory.round()
    workshop = factory.workshop(rnd)
    url = f"/tyopaja/{workshop_token(workshop)}"
    q1 = rnd.questions[0]
    response = _post(
        client,
        url,
        {
            "org_reps": "-3",
            "staff": "kaksi",
            "residents": "0",
            "others": "0",
            "organisations": "Oulun yhdistys ry\n" + "x" * 250,
            f"q_{q1.id}": "Kirjoitettu ehdotus",
            "report": "Hyvä tilaisuus",
        },
        url,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert set(_summary_links(html)) == {"org_reps", "staff", "organisations"}
    assert "Kirjoitettu ehdotus</textarea>" in html and "Hyvä tilaisuus</textarea>" in html


def test_run_page_polls_instead_of_reloading(client, login, factory, db):
    from consult.themes import services as themes

    user = login()
    rnd = factory.round()
    run = themes.create_run(rnd, question_id=None, user_id=user.id, n_themes=None)
    run.progress, run.stage = 40, "clustering"
    db.session.commit()
    html = client.get(f"/kierrokset/{rnd.slug}/analyysi/{run.id}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in html
    assert "/static/progress.js" in html and 'aria-live="polite"' in html
    assert f'data-status-url="/kierrokset/{rnd.slug}/analyysi/{run.id}/tila.json"' in html
    assert 'value="40"' in html and "ryhmitellään teemoiksi" in html
    state = client.get(f"/kierrokset/{rnd.slug}/analyysi/{run.id}/tila.json").json
    assert state["progress"] == 40 and state["stage"] == "clustering"


def test_no_inline_scripts_or_handlers_on_convenor_pages(desk, client, db):
    rnd, convenor, _ = desk
    theme = _themes(db)[0]
    for path in (
        "/kierrokset/",
        f"/kierrokset/{rnd.slug}",
        f"/kierrokset/{rnd.slug}/nostot",
        f"/kierrokset/{rnd.slug}/nostot/{theme.id}",
        f"/kierrokset/{rnd.slug}/osallistuminen",
    ):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"\son[a-z]+=", html), path
        assert not re.search(r"<script(?![^>]*\ssrc=)(?![^>]*application/json)", html), path
