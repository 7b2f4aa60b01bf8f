"""Convenor: analyse a round, read the themes, download Markdown and CSV."""

from __future__ import annotations

import csv
import io
import re

import sqlalchemy as sa

from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal
from consult.workshops import services as workshops
from consult.workshops.services import workshop_token
from tests.conftest import csrf_token
from tests.seeds import ACCESS, GRANTS, SPACES, seed_round


def test_analyse_shows_themes_with_support_and_downloads(client, login, factory, db):
    rnd = seed_round(factory, db, independent='=HYPERLINK("http://evil")')
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"question": "", "n_themes": "", "csrf_token": token})
    assert response.status_code == 302
    run = db.session.scalar(sa.select(AnalysisRun))
    assert run.status == "done", run.error
    assert run.n_proposals == 15 and run.engine_version and run.duration_seconds is not None
    themes = db.session.scalars(sa.select(CandidateTheme).order_by(CandidateTheme.position)).all()
    assert len(themes) >= 2
    # every proposal is in exactly one theme, none dropped
    members = db.session.scalars(sa.select(CandidateThemeProposal.proposal_id)).all()
    assert len(members) == len(set(members)) == 15
    # inflected forms met: the interpreting proposals share a theme
    by_text = {}
    for theme in themes:
        for m in theme.members:
            by_text[m.proposal.text] = theme.id
    assert len({by_text[t] for t in ACCESS}) == 1
    access_theme = db.session.get(CandidateTheme, by_text[ACCESS[0]])
    assert any("tulkkaus" in k for k in access_theme.keywords)
    assert (access_theme.n_workshops, access_theme.n_organisations) == (1, 0)
    spaces_theme = db.session.get(CandidateTheme, by_text[SPACES[3]])
    assert spaces_theme.n_organisations == 1  # the independent answer

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert access_theme.title in page and "Viittomakielinen tulkkaus kaikkiin palveluihin" in page
    assert "Kuurojen verkosto" in page  # where each proposal came from
    cloud = client.get(f"/kierrokset/{rnd.slug}/teemat/{access_theme.id}/sanapilvi.png")
    assert cloud.status_code == 200 and cloud.data[:8] == b"\x89PNG\r\n\x1a\n"

    q_cloud = client.get(
        f"/kierrokset/{rnd.slug}/analyysi/{run.id}/kysymys-{rnd.questions[0].id}.png"
    )
    assert q_cloud.status_code == 200 and q_cloud.data[:4] == b"\x89PNG"
    assert f"kysymys-{rnd.questions[0].id}.png" in page

    md = client.get(f"/kierrokset/{rnd.slug}/analyysi/{run.id}/teemat.md")
    text = md.get_data(as_text=True)
    assert md.headers["Content-Disposition"].startswith("attachment")
    assert text.startswith(f"# {rnd.title}")
    for theme in themes:
        assert theme.title.replace("*", "\\*") in text
    assert text.count("\n- ") == 15  # every proposal listed once

    raw = client.get(f"/kierrokset/{rnd.slug}/analyysi/{run.id}/teemat.csv").data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 16
    assert sorted(r[-1] for r in rows[1:]) == sorted(ACCESS + GRANTS + SPACES)
    sources = {r[-2] for r in rows[1:]}
    assert '\'=HYPERLINK("http://evil")' in sources  # formula neutralised
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_analyse_one_question_and_reject_bad_input(client, login, factory, db):
    rnd = seed_round(factory, db, independent='=HYPERLINK("http://evil")')
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    bad = client.post(url, data={"question": "", "n_themes": "500", "csrf_token": token})
    assert bad.status_code == 400 and "Anna luku väliltä 2–40" in bad.get_data(as_text=True)
    bad = client.post(url, data={"question": "999999", "csrf_token": token})
    assert bad.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(AnalysisRun.id))) == 0
    ok = client.post(
        url, data={"question": str(rnd.questions[0].id), "n_themes": "3", "csrf_token": token}
    )
    assert ok.status_code == 302
    run = db.session.scalar(sa.select(AnalysisRun))
    assert run.question_id == rnd.questions[0].id and run.status == "done"


def test_analysis_without_proposals_says_so(client, login, factory, db):
    rnd = factory.round()
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"question": "", "csrf_token": token})
    assert response.status_code == 400 and "Ehdotuksia ei ole vielä" in response.get_data(
        as_text=True
    )


def test_background_run_records_progress_and_finishes(app, factory, db, login, client):
    from consult.jobs import get_job
    from consult.jobs.queue import wait_for_threads

    rnd = seed_round(factory, db, independent='=HYPERLINK("http://evil")')
    app.config["JOBS_SYNC"] = False  # the in-process thread pool, as under `make run`
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"question": "", "csrf_token": token})
    run_url = response.headers["Location"]
    wait_for_threads()
    status = client.get(run_url.rstrip("/") + "/tila.json").json
    assert status == {"status": "done", "progress": 100, "stage": "done"}
    run = db.session.scalar(sa.select(AnalysisRun))
    job = get_job(run.settings["job_id"])
    assert (job.status, job.progress, job.attempts) == ("done", 100, 1)
    assert client.get(f"/tyot/{job.id}.json").json["status"] == "done"


def test_participation_page_and_csv(client, login, factory, db):
    rnd = seed_round(factory, db, independent='=HYPERLINK("http://evil")')
    login()
    page = client.get(f"/kierrokset/{rnd.slug}/osallistuminen").get_data(as_text=True)
    assert re.search(r"Yhteensä.*?<strong>14</strong>", page, re.S)
    raw = client.get(f"/kierrokset/{rnd.slug}/osallistuminen.csv").data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Päivämäärä", "Verkosto", "Osallistujia"]
    assert [r[1] for r in rows[1:3]] == ["Kuurojen verkosto", "Kylät ry"]
    total = next(r for r in rows if r[1] == "Yhteensä")
    assert total[2] == "14"
    assert next(r for r in rows if r[1] == "Itsenäiset vastaukset")[2] == "1"
    assert next(r for r in rows if r[1] == "Eri organisaatioita")[2] == "3"


def test_session_link_is_not_usable_as_edit_link(client, factory):
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    assert client.get(f"/v/{workshop_token(workshop)}").status_code == 404


def test_same_proposals_give_the_same_themes_run_after_run(client, login, factory, db):
    rnd = seed_round(factory, db, independent='=HYPERLINK("http://evil")')
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi"
    for _ in range(2):
        token = csrf_token(client.get(url).get_data(as_text=True))
        assert client.post(url, data={"question": "", "csrf_token": token}).status_code == 302
    first, second = db.session.scalars(sa.select(AnalysisRun).order_by(AnalysisRun.id)).all()

    def shape(run):
        return [
            (t.title, tuple(t.keywords), tuple(sorted(m.proposal_id for m in t.members)))
            for t in run.themes
        ]

    assert shape(first) == shape(second)
    assert first.settings["common_words"] == second.settings["common_words"]


def test_all_questions_are_analysed_each_on_its_own_and_shown_together(client, login, factory, db):
    from consult.submissions.models import Proposal

    rnd = factory.round(questions=("Toimintaedellytykset", "Palvelulupaus"))
    q1, q2 = rnd.questions
    workshop = factory.workshop(rnd)
    workshops.save_output(
        workshop,
        counts={},
        organisations=[],
        report="",
        proposals={
            q1.id: SPACES + GRANTS,
            q2.id: ACCESS
            + [
                "Palvelut lähelle kyliä",
                "Lähipalvelut turvattava haja-asutusalueilla",
                "Kotiin vietävät palvelut ikäihmisille",
            ],
        },
    )
    db.session.commit()
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    assert client.post(url, data={"question": "", "csrf_token": token}).status_code == 302
    run = db.session.scalar(sa.select(AnalysisRun))
    assert run.status == "done" and run.settings["per_question"] is True
    question_of = dict(db.session.execute(sa.select(Proposal.id, Proposal.question_id)).all())
    seen = []
    for theme in run.themes:
        ids = [m.proposal_id for m in theme.members]
        assert len({question_of[i] for i in ids}) == 1  # a theme stays within one question
        seen += ids
    assert sorted(seen) == sorted(question_of)  # every proposal in exactly one theme
    assert {question_of[m.proposal_id] for t in run.themes for m in t.members} == {q1.id, q2.id}
    sizes = [t.n_proposals for t in run.themes if not t.is_other]
    assert sizes == sorted(sizes, reverse=True)


def test_run_whose_worker_died_says_so_on_any_host(client, login, factory, db, fi):
    from datetime import timedelta

    from consult.jobs import BackgroundJob
    from consult.themes import jobs, services
    from consult.utils import utcnow

    rnd = seed_round(factory, db)
    login()
    # A worker started the run and died: no process, no host, only an old heartbeat.
    dead = services.create_run(rnd, question_id=None, user_id=None)
    jobs.submit_run(dead)
    dead.status = "running"
    alive = services.create_run(rnd, question_id=None, user_id=None)
    jobs.submit_run(alive)
    alive.status = "running"
    db.session.flush()
    long_ago = utcnow() - timedelta(minutes=10)
    for run, beat in ((dead, long_ago), (alive, utcnow())):
        job = db.session.get(BackgroundJob, run.settings["job_id"])
        job.status, job.attempts, job.heartbeat_at = "running", 3, beat
    db.session.info.pop("consult.jobs.pending")  # delivered long ago, to the worker that died
    db.session.commit()
    page = client.get(f"/kierrokset/{rnd.slug}/analyysi/{dead.id}").get_data(as_text=True)
    assert (
        fi(
            "The analysis was interrupted because the server restarted. Start it again; the proposals already embedded are not embedded again."
        )
        in page
    )
    assert fi("Analyse again") in page
    status = client.get(f"/kierrokset/{rnd.slug}/analyysi/{dead.id}/tila.json").json
    assert status["status"] == "failed"
    db.session.expire_all()
    assert db.session.get(AnalysisRun, dead.id).status == "running"  # a GET writes nothing
    alive_status = client.get(f"/kierrokset/{rnd.slug}/analyysi/{alive.id}/tila.json").json
    assert alive_status["status"] == "running"  # heartbeat fresh: still working somewhere


def test_a_run_with_many_themes_shows_them_a_page_at_a_time(app, client, login, factory, db):
    """Cards come THEMES_PER_PAGE at a time; the contents list every theme and lead to its
    page; a link to one theme (``teema``) opens the page that holds it."""
    app.config["THEMES_PER_PAGE"] = 3
    rnd = factory.round()
    run = AnalysisRun(round_id=rnd.id, status="done", n_themes=7, n_proposals=0)
    run.themes = [
        CandidateTheme(position=i, title=f"Aihe numero {i}", keywords=["sana"], n_proposals=0)
        for i in range(1, 8)
    ]
    db.session.add(run)
    db.session.commit()
    login()
    url = f"/kierrokset/{rnd.slug}/analyysi/{run.id}"

    def cards(html):
        return re.findall(r'<h2 id="teema-\d+-h">(\d+)\.', html)

    first = client.get(url).get_data(as_text=True)
    ids = {t.position: t.id for t in run.themes}
    assert cards(first) == ["1", "2", "3"]
    assert "Teemat 1–3 (yhteensä 7):" in first
    # every theme is in the contents; those on other pages link to their page
    assert f'href="#teema-{ids[2]}"' in first
    assert f'href="{url}?teemasivu=2#teema-{ids[5]}"' in first
    assert f'href="{url}?teemasivu=3#teema-{ids[7]}"' in first
    second = client.get(url, query_string={"teemasivu": 2}).get_data(as_text=True)
    assert cards(second) == ["4", "5", "6"]
    opened = client.get(url, query_string={"teema": ids[7]}).get_data(as_text=True)
    assert cards(opened) == ["7"]
    # a page number past the end shows the last page
    assert cards(client.get(url, query_string={"teemasivu": 99}).get_data(as_text=True)) == ["7"]
