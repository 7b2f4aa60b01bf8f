"""Convenor: curate the selected themes (nostot), undo, route, follow up against documents."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from consult.curation import queries, services
from consult.curation.models import CurationEvent, Highlight
from consult.themes.models import AnalysisRun, CandidateTheme
from tests.conftest import csrf_token
from tests.seeds import ACCESS, SPACES, add_independent, seed_round


def _analyse(client, rnd):
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"question": "", "n_themes": "", "csrf_token": token})
    assert response.status_code == 302


def _version(html: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match, "page has no version"
    return match.group(1)


class Convenor:
    """Posts forms as a browser does: the token and version come from the page shown."""

    def __init__(self, client, rnd):
        self.client, self.rnd = client, rnd
        self.base = f"/kierrokset/{rnd.slug}/nostot"

    def page(self, path=""):
        response = self.client.get(self.base + path)
        assert response.status_code == 200, response.status_code
        return response.get_data(as_text=True)

    def post(self, path, data=None, page="", version=None, expect=302):
        html = self.page(page)
        form = {"csrf_token": csrf_token(html), "version": version or _version(html)}
        response = self.client.post(self.base + path, data={**form, **(data or {})})
        assert response.status_code == expect, (response.status_code, response.get_data(True))
        return response


def _themes(db):
    db.session.expire_all()
    return db.session.scalars(sa.select(Highlight).order_by(Highlight.position)).all()


def _state(db, rnd):
    db.session.expire_all()
    return services.snapshot(rnd)


def _theme_of(db, text):
    for theme in _themes(db):
        if any(m.proposal.text == text for m in theme.members):
            return theme
    return None


@pytest.fixture
def curated(client, login, factory, db):
    rnd = seed_round(factory, db)
    user = login()
    # English msgids: the Finnish catalogue is filled separately
    page = client.get("/").get_data(as_text=True)
    client.post("/kieli/en", data={"csrf_token": csrf_token(page), "next": "/"})
    _analyse(client, rnd)
    run = db.session.scalar(sa.select(AnalysisRun))
    assert run.status == "done", run.error
    convenor = Convenor(client, rnd)
    assert "Start from an analysis" in convenor.page()
    convenor.post("/aloita", {"run": str(run.id)})
    return rnd, run, convenor, user


def test_start_copies_candidates_without_muut_and_leaves_the_run_untouched(curated, db):
    rnd, run, convenor, _ = curated
    candidates = [t for t in run.themes if not t.is_other]
    themes = _themes(db)
    assert [t.title for t in themes] == [t.title for t in candidates]
    for selected, candidate in zip(themes, candidates, strict=True):
        assert {m.proposal_id for m in selected.members} == {
            m.proposal_id for m in candidate.members
        }
        assert selected.keywords == candidate.keywords
    other = [m.proposal_id for t in run.themes if t.is_other for m in t.members]
    assert {r.id for r in queries.unassigned(rnd)} == set(other)
    page = convenor.page()
    assert themes[0].title in page
    row = page[page.index(f'id="nosto-{themes[0].id}"') :]
    assert f'data-label="Proposals">{len(themes[0].members)}<' in row.split("</tr>")[0]

    theme = themes[0]
    convenor.post(
        f"/{theme.id}/muokkaa",
        {
            "title": "Tulkkaus kaikkiin palveluihin",
            "statement": "Tulkkaus on turvattava.",
            "keywords": "tulkkaus, esteettömyys",
        },
        page=f"/{theme.id}",
    )
    db.session.expire_all()
    assert db.session.get(Highlight, theme.id).title == "Tulkkaus kaikkiin palveluihin"
    assert db.session.get(Highlight, theme.id).keywords == ["tulkkaus", "esteettömyys"]
    assert (
        db.session.get(CandidateTheme, candidates[0].id).title == candidates[0].title
    )  # run untouched
    assert "Tulkkaus on turvattava." in convenor.page()


def test_starting_again_asks_for_confirmation_and_can_be_undone(curated, db):
    rnd, run, convenor, _ = curated
    first = _themes(db)[0]
    convenor.post(
        f"/{first.id}/muokkaa", {"title": "Oma otsikko", "statement": ""}, page=f"/{first.id}"
    )
    before = _state(db, rnd)
    # no confirmation: a page says what would happen, and nothing changes
    asked = convenor.post("/aloita", {"run": str(run.id)}, expect=200).get_data(as_text=True)
    assert "Start again from this analysis?" in asked and "are replaced by" in asked
    assert 'name="confirm" value="yes"' in asked
    assert _state(db, rnd) == before
    assert "replaces the current selection" in convenor.page()
    convenor.post("/aloita", {"run": str(run.id), "confirm": "yes"})
    assert "Oma otsikko" not in [t.title for t in _themes(db)]
    convenor.post("/kumoa")
    assert _state(db, rnd) == before


def test_merge_split_move_quotable_reorder_add_delete_then_undo_step_by_step(curated, db):
    rnd, _, convenor, _ = curated
    states = [_state(db, rnd)]

    themes = _themes(db)
    assert len(themes) >= 2
    a, b = themes[0], themes[1]
    n_a, n_b = len(a.members), len(b.members)
    convenor.post("/yhdista", {"themes": [str(a.id), str(b.id)]})
    themes = _themes(db)
    assert b.id not in [t.id for t in themes] and len(themes[0].members) == n_a + n_b
    states.append(_state(db, rnd))

    merged = themes[0]
    picked = [m.proposal_id for m in merged.members][:2]
    convenor.post(
        f"/{merged.id}/ehdotukset",
        {"proposals": [str(p) for p in picked], "action": "split", "title": "Irrotettu"},
        page=f"/{merged.id}",
    )
    themes = _themes(db)
    new = next(t for t in themes if t.title == "Irrotettu")
    assert new.position == 2 and {m.proposal_id for m in new.members} == set(picked)
    assert not set(picked) & {m.proposal_id for m in themes[0].members}
    states.append(_state(db, rnd))

    moving = picked[0]
    convenor.post(
        f"/{new.id}/ehdotukset",
        {"proposals": [str(moving)], "action": "move", "target": str(merged.id)},
        page=f"/{new.id}",
    )
    db.session.expire_all()
    assert moving in {m.proposal_id for m in db.session.get(Highlight, merged.id).members}
    states.append(_state(db, rnd))

    convenor.post(f"/{merged.id}/lainaus/{moving}", {"quotable": "1"}, page=f"/{merged.id}")
    summary = queries.selected_summary_themes(rnd)
    quoted = next(s for s in summary if s.id == merged.id)
    db.session.expire_all()
    from consult.submissions.models import Proposal

    assert [q.text for q in quoted.quotes] == [db.session.get(Proposal, moving).text]
    states.append(_state(db, rnd))

    convenor.post(f"/{new.id}/jarjestys/ylos")
    assert _themes(db)[0].id == new.id
    states.append(_state(db, rnd))

    convenor.post("/uusi", {"title": "Käsin lisätty", "statement": "Oma nosto"})
    added = _themes(db)[-1]
    assert (added.title, added.statement, added.members) == ("Käsin lisätty", "Oma nosto", [])
    states.append(_state(db, rnd))

    asked = convenor.post(f"/{added.id}/poista", expect=200).get_data(as_text=True)
    assert "Delete the highlight “Käsin lisätty”?" in asked  # asks first, says what happens
    assert "Käsin lisätty" in [t.title for t in _themes(db)]
    convenor.post(f"/{added.id}/poista", {"confirm": "yes"})
    assert "Käsin lisätty" not in [t.title for t in _themes(db)]
    states.append(_state(db, rnd))

    # a theme with proposals is not deleted without confirmation
    asked = convenor.post(f"/{merged.id}/poista", expect=200).get_data(as_text=True)
    assert f"{len(merged.members)} proposals move outside the themes" in asked
    assert _state(db, rnd) == states[-1]

    history = convenor.page("/historia")
    assert "Merged" in history and "Deleted the empty theme" in history
    assert "convenor@example.fi" in history

    for expected in reversed(states[:-1]):
        convenor.post("/kumoa")
        assert _state(db, rnd) == expected
    convenor.post("/kumoa")  # back to before the start: nothing selected
    assert _themes(db) == []
    events = db.session.scalars(sa.select(CurationEvent)).all()
    assert sum(e.action == "undo" for e in events) == len(states)


def test_recluster_splits_a_theme_into_several(curated, db):
    rnd, _, convenor, _ = curated
    ids = [t.id for t in _themes(db)]
    convenor.post("/yhdista", {"themes": [str(i) for i in ids]})
    (only,) = _themes(db)
    total = len(only.members)
    convenor.post(f"/{only.id}/ryhmittele", {"n_themes": "2"}, page=f"/{only.id}")
    themes = _themes(db)
    assert len(themes) >= 2 and themes[0].id == only.id
    assert sum(len(t.members) for t in themes) == total
    assert all(t.title for t in themes)


def test_stale_version_is_refused_and_changes_nothing(curated, db):
    rnd, _, convenor, _ = curated
    theme = _themes(db)[0]
    html = convenor.page(f"/{theme.id}")
    old_version = _version(html)
    convenor.post(
        f"/{theme.id}/muokkaa", {"title": "Ensimmäinen", "statement": ""}, page=f"/{theme.id}"
    )
    before = _state(db, rnd)
    n_events = db.session.scalar(sa.select(sa.func.count()).select_from(CurationEvent))
    response = convenor.post(
        f"/{theme.id}/muokkaa",
        {"title": "Toinen", "statement": "Kirjoitettu nosto"},
        page=f"/{theme.id}",
        version=old_version,
        expect=409,
    )
    text = response.get_data(as_text=True)
    assert "Someone else changed the themes meanwhile" in text
    assert "Kirjoitettu nosto" in text  # what was typed is shown again
    assert _state(db, rnd) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CurationEvent)) == n_events
    convenor.post("/kumoa", version=old_version, expect=409)
    assert _state(db, rnd) == before


def test_new_proposals_get_a_suggested_theme_and_can_be_assigned(curated, db):
    rnd, _, convenor, _ = curated
    access = _theme_of(db, ACCESS[0])
    spaces = _theme_of(db, SPACES[0])
    assert access and spaces and access.id != spaces.id
    add_independent(
        rnd, "Kuurojen Liitto ry", ["Tulkkauspalvelua tarvitaan kaikkiin tilaisuuksiin"]
    )
    add_independent(rnd, "Kylätoimikunta", ["Maksuttomat tilat kokoontumiseen kylätaloilla"])
    db.session.commit()
    html = convenor.page("/kohdistamattomat")
    assert "Tulkkauspalvelua tarvitaan kaikkiin tilaisuuksiin" in html
    rows = {r.text: r for r in queries.unassigned(rnd)}
    suggested = queries.suggestions(rnd, list(rows.values()))
    new_access = rows["Tulkkauspalvelua tarvitaan kaikkiin tilaisuuksiin"]
    new_space = rows["Maksuttomat tilat kokoontumiseen kylätaloilla"]
    assert suggested[new_access.id].id == access.id
    assert suggested[new_space.id].id == spaces.id
    assert re.search(rf'<option value="{access.id}" selected>[^<]*\(suggested\)', html)

    convenor.post(
        "/kohdista",
        {"proposal": str(new_access.id), "theme": str(access.id)},
        page="/kohdistamattomat",
    )
    assert _theme_of(db, new_access.text).id == access.id
    convenor.post("/kohdista-ehdotetut", page="/kohdistamattomat")
    assert _theme_of(db, new_space.text).id == spaces.id
    assert queries.unassigned(rnd) == []


def test_route_and_follow_up_status_on_the_round_page(curated, db, client):
    rnd, _, convenor, _ = curated
    theme = _themes(db)[0]
    convenor.post(
        f"/{theme.id}/seuranta",
        {"route": "other", "route_other": "", "status": "included"},
        page=f"/{theme.id}",
        expect=400,
    )
    db.session.expire_all()
    assert db.session.get(Highlight, theme.id).route == "strategy"  # other needs a name
    convenor.post(
        f"/{theme.id}/seuranta",
        {
            "route": "other",
            "route_other": "Lasten ja nuorten suunnitelma",
            "status": "partly_included",
            "status_date": "3.12.2018",
            "status_note": "Mukana luvussa 4",
        },
        page=f"/{theme.id}",
    )
    db.session.expire_all()
    saved = db.session.get(Highlight, theme.id)
    assert (saved.route, saved.status, saved.status_date.isoformat()) == (
        "other",
        "partly_included",
        "2018-12-03",
    )
    page = client.get(f"/kierrokset/{rnd.slug}/seuranta").get_data(as_text=True)
    assert "Lasten ja nuorten suunnitelma" in page and "Partly included" in page
    assert "Mukana luvussa 4" in page and "3.12.2018" in page
    summary = queries.selected_summary_themes(rnd)[0]
    assert summary.route_label.endswith("Lasten ja nuorten suunnitelma")
    assert summary.status_label == "Partly included"
    assert summary.n_proposals == len(saved.members) and summary.proposals[0].source


STATEMENTS = {
    0: "Viittomakielinen tulkkaus ja tulkkauspalvelut on turvattava kaikissa palveluissa.",
    1: "Järjestöavustusten haun tulee olla ennakoitavaa ja avustukset maksetaan ajoissa.",
}


def test_observer_reads_but_cannot_change(curated, db, client, factory):
    rnd, _, convenor, _ = curated
    theme = _themes(db)[0]
    html = convenor.page(f"/{theme.id}")
    token, version = csrf_token(html), _version(html)
    client.post("/kirjaudu-ulos", data={"csrf_token": token})
    factory.user("observer@example.fi", "correct horse battery", "observer")
    page = client.get("/kirjaudu").get_data(as_text=True)
    client.post(
        "/kirjaudu",
        data={
            "email": "observer@example.fi",
            "password": "correct horse battery",
            "csrf_token": csrf_token(page),
        },
    )
    before = _state(db, rnd)
    base = f"/kierrokset/{rnd.slug}"
    for path in (
        "/nostot",
        f"/nostot/{theme.id}",
        "/nostot/historia",
        "/nostot/kohdistamattomat",
        "/seuranta",
    ):
        response = client.get(base + path)
        assert response.status_code == 200, path
        assert 'name="version"' not in response.get_data(as_text=True)
    token = csrf_token(client.get(base + "/nostot").get_data(as_text=True))
    for path in (
        f"/nostot/{theme.id}/muokkaa",
        "/nostot/kumoa",
        "/nostot/uusi",
        "/nostot/yhdista",
        f"/nostot/{theme.id}/seuranta",
        "/nostot/kohdista-ehdotetut",
        "/seuranta/asiakirjat",
    ):
        response = client.post(
            base + path, data={"csrf_token": token, "version": version, "title": "x"}
        )
        assert response.status_code == 403, path
    assert _state(db, rnd) == before


def test_curated_highlights_download_as_docx_and_pdf(curated, db, client):

    from docx import Document
    from pypdf import PdfReader

    rnd, _, convenor, _ = curated
    theme = _themes(db)[0]
    convenor.post(
        f"/{theme.id}/muokkaa",
        {
            "title": "Tulkkaus kaikkiin palveluihin",
            "statement": "Tulkkaus on turvattava kaikille.",
            "keywords": "tulkkaus",
        },
        page=f"/{theme.id}",
    )
    convenor.post(
        f"/{theme.id}/seuranta",
        {"route": "other", "route_other": "Vammaispoliittinen ohjelma", "status": "included"},
        page=f"/{theme.id}",
    )
    db.session.expire_all()
    themes = _themes(db)
    docx = client.get(f"/kierrokset/{rnd.slug}/nostot/yhteenveto.docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.data))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for selected in themes:
        assert selected.title in text
    assert "Tulkkaus on turvattava kaikille." in text and "Vammaispoliittinen ohjelma" in text
    member_texts = [m.proposal.text for t in themes for m in t.members]
    for proposal in member_texts:
        assert proposal in text
    pdf = client.get(f"/kierrokset/{rnd.slug}/nostot/yhteenveto.pdf")
    pdf_text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(pdf.data)).pages
    )
    assert "Tulkkaus on turvattava kaikille." in pdf_text
    assert "Vammaispoliittinen ohjelma" in pdf_text


def test_refused_change_shows_back_what_was_typed(curated, db):
    _, _, convenor, _ = curated
    theme = _themes(db)[0]
    response = convenor.post(
        f"/{theme.id}/seuranta",
        {
            "route": "other",
            "route_other": "",
            "status": "included",
            "status_note": "Pitkä muistiinpano luvusta 4",
        },
        page=f"/{theme.id}",
        expect=400,
    )
    html = response.get_data(as_text=True)
    assert "Pitkä muistiinpano luvusta 4" in html and "Name the other document." in html
    db.session.expire_all()
    assert db.session.get(Highlight, theme.id).status_note == ""


def test_history_stores_what_a_change_touched_and_still_undoes_whole_snapshots(curated, db):
    rnd, _, convenor, _ = curated
    first, second = _themes(db)[:2]
    before = _state(db, rnd)
    convenor.post(f"/{first.id}/muokkaa", {"title": "Uusi otsikko", "statement": ""}, page="")
    event = db.session.scalars(sa.select(CurationEvent).order_by(CurationEvent.id.desc())).first()
    assert event.snapshot["diff"] == 1
    assert [t["id"] for t in event.snapshot["themes"]] == [first.id]  # not the whole selection
    assert event.snapshot["added"] == []
    convenor.post("/kumoa")
    assert _state(db, rnd) == before

    # an event recorded before the history stored diffs holds the whole selection
    convenor.post(f"/{second.id}/muokkaa", {"title": "Toinen", "statement": ""}, page="")
    event = db.session.scalars(sa.select(CurationEvent).order_by(CurationEvent.id.desc())).first()
    event.snapshot = before
    db.session.commit()
    convenor.post("/kumoa")
    assert _state(db, rnd) == before


def test_unassigned_pages_count_all_and_a_page_past_the_end_shows_the_last(curated, db):
    rnd, _, convenor, _ = curated
    before = queries.unassigned_count(rnd)
    add_independent(rnd, "Iso kyläyhdistys ry", [f"Uusi ehdotus numero {i}" for i in range(230)])
    db.session.commit()
    total = before + 230
    assert queries.unassigned_count(rnd) == total
    ids = {r.id for r in queries.unassigned(rnd)}
    seen: set[int] = set()
    pages = -(-total // 100)
    for number in range(1, pages + 1):
        rows, counted, page = queries.unassigned_page(rnd, number, 100)
        assert (counted, page) == (total, number)
        assert len(rows) == (100 if number < pages else total - 100 * (pages - 1))
        seen |= {r.id for r in rows}
    assert seen == ids  # every unassigned proposal on exactly one page
    last, counted, page = queries.unassigned_page(rnd, pages + 5, 100)
    assert (counted, page) == (total, pages)
    assert {r.id for r in last} == {r.id for r in queries.unassigned_page(rnd, pages, 100)[0]}
    html = convenor.page(f"/kohdistamattomat?sivu={pages + 5}")
    assert "Uusi ehdotus numero 229" in html  # the newest, on the last page
