"""Organisation directory (business ids, merge, import) and imports of workshops and proposals."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from consult.errors import DomainError, ErrorCode
from consult.organisations.models import Organisation
from consult.organisations.validation import normalise_business_id
from consult.submissions import services as submissions
from consult.submissions.models import Proposal, Submission
from consult.workshops import services as workshops
from consult.workshops.models import Workshop
from consult.workshops.services import workshop_token
from tests.conftest import csrf_token


def test_business_id_check_digit():
    assert normalise_business_id("0737546-2") == "0737546-2"
    assert normalise_business_id(" 737546-2 ") == "0737546-2"  # six-digit form padded
    for bad in ("0737546-3", "0737546-0"):
        with pytest.raises(DomainError) as refused:
            normalise_business_id(bad)
        assert refused.value.code == ErrorCode.BUSINESS_ID_CHECK_DIGIT
    for bad in ("07375462", "0737546-22", "abc", "", "12345-6"):
        with pytest.raises(DomainError) as refused:
            normalise_business_id(bad)
        assert refused.value.code == ErrorCode.BUSINESS_ID_FORMAT


def _upload(client, url, data: bytes, filename: str, **extra):
    token = csrf_token(client.get(url).get_data(as_text=True))
    return client.post(
        url,
        data={"csrf_token": token, "file": (io.BytesIO(data), filename), **extra},
        content_type="multipart/form-data",
    )


def _confirm(client, url, preview_html: str, **extra):
    import re

    payload = re.search(r'name="payload" type="hidden" value="([0-9a-f]{64})"', preview_html).group(
        1
    )
    filename = re.search(r'name="filename" type="hidden" value="([^"]*)"', preview_html).group(1)
    return client.post(
        url,
        data={
            "csrf_token": csrf_token(preview_html),
            "payload": payload,
            "filename": filename,
            "step": "confirm",
            **extra,
        },
    )


def _answers_report(fi, **counts: int) -> str:
    """What the round's page says after an import of answers (rows, orgs, added, existing)."""
    return fi(
        "Import done: %(rows)d rows from %(orgs)d organisations; %(added)d proposals added, %(existing)d were already there.",
        **counts,
    )


def test_edit_rejects_bad_business_id(client, login, db, fi):
    login()
    org = submissions.find_or_create_organisation("Kempeleen Kisa ry", "sports", "Kempele")
    db.session.commit()
    url = f"/organisaatiot/{org.id}"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(
        url,
        data={
            "csrf_token": token,
            "name": "Kempeleen Kisa ry",
            "kind": "sports",
            "municipality": "Kempele",
            "business_id": "0737546-3",
        },
    )
    assert response.status_code == 200 and fi(
        "The check digit of the business ID does not match. Check the number."
    ) in response.get_data(as_text=True)
    db.session.refresh(org)
    assert org.business_id is None
    client.post(
        url,
        data={
            "csrf_token": token,
            "name": "Kempeleen Kisa ry",
            "kind": "sports",
            "municipality": "Kempele",
            "business_id": "737546-2",
        },
    )
    db.session.refresh(org)
    assert org.business_id == "0737546-2"


def test_names_match_case_and_space_insensitively_and_merge_moves_everything(
    client, login, factory, db, fi
):
    rnd = factory.round()
    a = submissions.find_or_create_organisation("MLL Kuivasjärven yhdistys ry", "youth", "Oulu")
    assert submissions.find_or_create_organisation("  mll kuivasjärven   yhdistys RY") is a
    b = submissions.find_or_create_organisation(
        "Mannerheimin Lastensuojeluliiton Kuivasjärven yhdistys", "youth"
    )
    w = factory.workshop(rnd)
    workshops.save_output(w, counts={}, organisations=[b.name, a.name], proposals={}, report="")
    q = rnd.questions[0]
    sub, _ = submissions.create_independent_submission(
        rnd,
        today=rnd.opens_on,
        organisation=b.name,
        kind="youth",
        municipality="Oulu",
        contact_name="",
        contact_email="",
        proposals={q.id: ["Perheille kohtaamispaikka"]},
    )
    db.session.commit()
    login()
    token = csrf_token(client.get("/organisaatiot/").get_data(as_text=True))
    response = client.post(
        "/organisaatiot/yhdista",
        data={"csrf_token": token, "ids": [str(a.id), str(b.id)], "target": str(a.id)},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalars(sa.select(Organisation.name)).all() == [
        "MLL Kuivasjärven yhdistys ry"
    ]
    assert db.session.get(Submission, sub.id).organisation_id == a.id
    assert [o.id for o in db.session.get(Workshop, w.id).organisations] == [a.id]
    # the directory counts what submissions and workshops registered for it
    from consult.organisations.queries import directory

    assert [(r.org.id, r.counts) for r in directory()] == [
        (a.id, {"submissions": 1, "workshops": 1})
    ]
    # merging without choosing who stays is refused and changes nothing
    response = client.post("/organisaatiot/yhdista", data={"csrf_token": token, "ids": [str(a.id)]})
    assert fi("Tick at least two organisations and choose which one stays.") in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 1


ORGS_CSV = "nimi;tyyppi;kunta;y-tunnus\nKempeleen Kisa ry;liikunta;Kempele;0737546-2\nNivalan seurakunta;seurakunta;Nivala;\nRaahen Nuoret ry;nuoriso;Raahe;\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_organisation_import_in_each_encoding_and_reimport_adds_nothing(
    client, login, db, encoding
):
    login()
    url = "/organisaatiot/tuo"
    preview = _upload(client, url, ORGS_CSV.encode(encoding), "org.csv")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Nivalan seurakunta" in html
    assert (
        db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0
    )  # preview saves nothing
    assert _confirm(client, url, html).status_code == 302
    orgs = {o.name: o for o in db.session.scalars(sa.select(Organisation))}
    assert set(orgs) == {"Kempeleen Kisa ry", "Nivalan seurakunta", "Raahen Nuoret ry"}
    assert (orgs["Kempeleen Kisa ry"].kind, orgs["Kempeleen Kisa ry"].business_id) == (
        "sports",
        "0737546-2",
    )
    assert orgs["Nivalan seurakunta"].kind == "parish"
    again = _upload(client, url, ORGS_CSV.encode(encoding), "org.csv")
    _confirm(client, url, again.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 3


def test_broken_organisation_file_changes_nothing_and_names_the_row(client, login, db, fi):
    login()
    bad = ORGS_CSV + "Kalajoen Kylät ry;kylä;Kalajoki;1234567-0\n"
    response = _upload(client, "/organisaatiot/tuo", bad.encode(), "org.csv")
    html = response.get_data(as_text=True)
    assert fi("Row %(n)d", n=5) in html
    assert 'name="step" value="confirm"' not in html
    response = _upload(client, "/organisaatiot/tuo", b"\x00\x01\x02garbage", "org.csv")
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


WORKSHOPS_CSV = (
    "Päivämäärä;Verkosto;Paikka;Fasilitaattori;Osallistujia\n"
    "29.8.2018;Ikäihmisten elämänkaariverkosto/Oulu;Oulu;Anneli;12\n"
    "24.9.2018;Työikäisten elämänkaariverkosto/Oulu;Oulu;Juha;10\n"
    "16.11.2018;MLL Kuivasjärven yhdistys ry;Kuivasjärvi;Tiina;4\n"
)


def test_workshop_import_cp1252_semicolons_and_reimport(client, login, factory, db):
    rnd = factory.round()
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/tyopajat"
    preview = _upload(client, url, WORKSHOPS_CSV.encode("cp1252"), "tyopajat.csv")
    html = preview.get_data(as_text=True)
    assert "Työikäisten elämänkaariverkosto/Oulu" in html
    _confirm(client, url, html)
    rows = db.session.execute(
        sa.select(Workshop.date, Workshop.network, Workshop.others).order_by(Workshop.date)
    ).all()
    assert [(r.date.isoformat(), r.others) for r in rows] == [
        ("2018-08-29", 12),
        ("2018-09-24", 10),
        ("2018-11-16", 4),
    ]
    assert rows[0].network == "Ikäihmisten elämänkaariverkosto/Oulu"
    _confirm(
        client,
        url,
        _upload(client, url, WORKSHOPS_CSV.encode("utf-8-sig"), "t.csv").get_data(as_text=True),
    )
    assert db.session.scalar(sa.select(sa.func.count(Workshop.id))) == 3
    # every imported workshop got its own working session link
    for w in db.session.scalars(sa.select(Workshop)):
        assert client.get(f"/tyopaja/{workshop_token(w)}").status_code == 200


def test_broken_workshop_file_says_which_row(client, login, factory, db, fi):
    rnd = factory.round()
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/tyopajat"
    bad = WORKSHOPS_CSV + "31.2.2018;Kylät;Muhos;Eija;4\n"
    response = _upload(client, url, bad.encode(), "t.csv")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert fi("Row %(n)d", n=5) in html
    assert db.session.scalar(sa.select(sa.func.count(Workshop.id))) == 0


def _answers_xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_proposal_import_from_xlsx_and_csv_maps_columns_and_reimport_adds_nothing(
    client, login, factory, db, fi
):
    rnd = factory.round()
    q1, q2 = rnd.questions
    header = ["Vastaaja", "Organisaatio", "Kotikunta", q1.text, q2.text]
    rows = [
        header,
        [
            1,
            "Kempeleen Kisa ry",
            "Kempele",
            "Liikuntapaikat esteettömiksi\nSeuroille maksuttomat vuorot",
            "Avustukset ajoissa",
        ],
        [2, "Nivalan seurakunta", "Nivala", "", "Tilat yhteiseen käyttöön"],
        [3, "", "", "", ""],  # an empty row is skipped
        [4, "@Oulun Kulttuuriyhdistys ry", "Oulu", "+Tulkkaus kaikkiin palveluihin", None],
    ]
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/ehdotukset"
    preview = _upload(client, url, _answers_xlsx(rows), "webropol.xlsx")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Liikuntapaikat esteettömiksi" in html
    mapping = {
        "map_organisation": "1",
        "map_municipality": "2",
        f"map_q_{q1.id}": "3",
        f"map_q_{q2.id}": "4",
    }
    assert _confirm(client, url, html, **mapping).status_code == 302
    texts = sorted(db.session.scalars(sa.select(Proposal.text)))
    assert texts == sorted(
        [
            "Liikuntapaikat esteettömiksi",
            "Seuroille maksuttomat vuorot",
            "Avustukset ajoissa",
            "Tilat yhteiseen käyttöön",
            "+Tulkkaus kaikkiin palveluihin",
        ]
    )
    assert db.session.scalar(sa.select(sa.func.count(Submission.id))) == 3
    # the same answers again as a Finnish-Excel CSV: nothing new
    csv_text = (
        "\n".join(
            ";".join('"' + str(c or "").replace('"', '""') + '"' for c in row) for row in rows
        )
        + "\n"
    )
    again = _upload(client, url, csv_text.encode("cp1252"), "webropol.csv")
    response = _confirm(client, url, again.get_data(as_text=True), **mapping)
    assert response.status_code == 302
    report = _answers_report(fi, rows=3, orgs=3, added=0, existing=5)
    assert report in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 5


def test_proposal_import_is_all_or_nothing(client, login, factory, db, fi):
    rnd = factory.round()
    q1, _ = rnd.questions
    rows = [
        ["Organisaatio", "Vastaus"],
        ["Kempeleen Kisa ry", "Hyvä ehdotus"],
        ["", "Ehdotus ilman organisaatiota"],
    ]
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/ehdotukset"
    html = _upload(client, url, _answers_xlsx(rows), "a.xlsx").get_data(as_text=True)
    response = _confirm(client, url, html, map_organisation="0", **{f"map_q_{q1.id}": "1"})
    assert response.status_code == 400
    assert fi("Row %(n)d", n=3) in response.get_data(as_text=True)
    missing_org = _confirm(client, url, html, **{f"map_q_{q1.id}": "1"})
    assert missing_org.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_merge_takes_over_the_duplicates_business_id(client, login, db):
    login()
    typed = submissions.find_or_create_organisation("Kempeleen Kisa", "other")
    imported = submissions.find_or_create_organisation("Kempeleen Kisa ry", "sports", "Kempele")
    imported.business_id = "0737546-2"
    db.session.commit()
    token = csrf_token(client.get("/organisaatiot/").get_data(as_text=True))
    response = client.post(
        "/organisaatiot/yhdista",
        data={
            "csrf_token": token,
            "ids": [str(typed.id), str(imported.id)],
            "target": str(typed.id),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    kept = db.session.scalar(sa.select(Organisation))
    assert (kept.id, kept.business_id, kept.kind) == (typed.id, "0737546-2", "sports")


def test_tampered_preview_copy_is_refused(client, login, factory, db):
    rnd = factory.round()
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/ehdotukset"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(
        url,
        data={
            "csrf_token": token,
            "payload": "not base64!!",
            "filename": "a.csv",
            "step": "confirm",
        },
    )
    assert response.status_code == 400
    response = client.post(
        "/organisaatiot/tuo",
        data={
            "csrf_token": token,
            "payload": "not base64!!",
            "filename": "a.csv",
            "step": "confirm",
        },
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_long_file_adds_questions_keeps_upload_server_side_and_reimport_adds_nothing(
    app, client, login, factory, db, fi
):
    import os
    import time
    from pathlib import Path

    from consult.imports import uploads
    from consult.rounds.models import Question

    rnd = factory.round(questions=("Palvelulupaus",))
    rows = [
        ["id", "text", "label"],
        ["a1", "Järjestöavustuksia on korotettava", "Palvelulupaus"],
        ["a2", "Kokoontumistiloja tarvitaan lisää\nIltaisin myös", "Uusi kysymys"],
        ["a3", "", "Uusi kysymys"],
    ]
    data = "\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode()
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/ehdotukset"
    preview = _upload(client, url, data, "pitka.csv")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "base64" not in html
    key = re.search(r'name="payload" type="hidden" value="([0-9a-f]{64})"', html).group(1)
    folder = Path(app.instance_path) / "uploads"
    assert (folder / key).read_bytes() == data and len(html) < 20_000
    response = _confirm(client, url, html, map_question="2", map_text="1")
    assert response.status_code == 302
    assert not (folder / key).exists() and not (folder / f"{key}.table").exists()
    questions = db.session.scalars(
        sa.select(Question.text).where(Question.round_id == rnd.id).order_by(Question.position)
    ).all()
    assert questions == ["Palvelulupaus", "Uusi kysymys"]
    saved = db.session.scalars(sa.select(Proposal).order_by(Proposal.id)).all()
    assert [p.text for p in saved] == [
        "Järjestöavustuksia on korotettava",
        "Kokoontumistiloja tarvitaan lisää",
        "Iltaisin myös",
    ]
    assert " järjestöavustus " in saved[0].search_text  # lemmas for search
    assert saved[0].submission.organisation_id is None
    again = _upload(client, url, data, "pitka.csv").get_data(as_text=True)
    response = _confirm(client, url, again, map_question="2", map_text="1")
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 3
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == 2
    # an upload never confirmed is removed after a day
    _upload(client, url, b"nimi\nx\n", "vanha.csv")
    stale = folder / uploads.hashlib.sha256(b"nimi\nx\n").hexdigest()
    assert stale.exists()
    day_ago = time.time() - 25 * 3600
    os.utime(stale, (day_ago, day_ago))
    with app.test_request_context("/"):
        assert uploads.cleanup() >= 1
    assert not stale.exists()
    # a key that was never stored is refused as a tampered form
    gone = _confirm(client, url, again.replace(key, "0" * 64), map_question="2", map_text="1")
    assert gone.status_code == 400


def test_big_import_runs_as_a_job_and_the_progress_page_reports_it(
    app, client, login, factory, db, fi
):
    from consult.jobs.models import BackgroundJob

    app.config["IMPORT_INLINE_ROWS"] = 1  # anything above one row counts as big here
    rnd = factory.round(questions=("Palvelulupaus",))
    rows = [
        ["Organisaatio", "Palvelulupaus"],
        ["Kisa ry", "Avustuksia lisää"],
        ["Kylä ry", "Tiloja"],
    ]
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/ehdotukset"
    html = _upload(client, url, _answers_xlsx(rows), "iso.xlsx").get_data(as_text=True)
    assert (
        fi("A file this large is imported in the background; a progress bar shows how it goes.")
        in html
    )
    response = _confirm(
        client, url, html, map_organisation="0", **{f"map_q_{rnd.questions[0].id}": "1"}
    )
    assert response.status_code == 302 and "/tyo/" in response.headers["Location"]
    job = db.session.scalar(
        sa.select(BackgroundJob).where(BackgroundJob.task == "consult.imports.tasks:import_answers")
    )
    assert job.status == "done"
    assert sorted(db.session.scalars(sa.select(Proposal.text))) == ["Avustuksia lisää", "Tiloja"]
    assert all(p.search_text for p in db.session.scalars(sa.select(Proposal)))
    page = client.get(response.headers["Location"])
    assert page.status_code == 302
    report = _answers_report(fi, rows=2, orgs=2, added=2, existing=0)
    assert report in client.get(page.headers["Location"]).get_data(as_text=True)


def test_imported_proposals_go_in_with_one_statement_and_keep_their_timestamp(
    app, client, login, factory, db
):
    """Proposals are inserted through the driver's executemany (one INSERT for the chunk),
    and the timestamp written that way reads back as the aware datetime it was."""
    from consult.utils import utcnow

    rnd = factory.round(questions=("Palvelulupaus",))
    data = "Organisaatio,Palvelulupaus\nKisa ry,Avustuksia lisää\nKylä ry,Tiloja\n".encode()
    login()
    url = f"/kierrokset/{rnd.slug}/tuo/ehdotukset"
    html = _upload(client, url, data, "a.csv").get_data(as_text=True)
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):  # noqa: ANN001, ANN002
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", seen)
    try:
        response = _confirm(
            client, url, html, map_organisation="0", **{f"map_q_{rnd.questions[0].id}": "1"}
        )
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", seen)
    assert response.status_code == 302
    assert sorted(db.session.scalars(sa.select(Proposal.text))) == ["Avustuksia lisää", "Tiloja"]
    inserts = [s for s in statements if s.startswith("INSERT INTO proposals")]
    assert len(inserts) == 1
    stamps = db.session.scalars(sa.select(Proposal.created_at)).all()
    assert len(stamps) == 2
    assert all(
        abs((utcnow() - s.replace(tzinfo=s.tzinfo or utcnow().tzinfo)).total_seconds()) < 120
        for s in stamps
    )


def test_rows_checked_at_confirm_are_kept_for_the_job_under_their_mapping(app):
    from consult.imports import services, uploads

    parsed = services.Parsed(
        rows=[
            services.AnswerRow(2, "Kisa ry", "Oulu", "association", {7: ["Tiloja"], "Uusi": ["A"]})
        ]
    )
    mapping = {"organisation": 0, "questions": {"7": 1}, "question_column": None}
    key = "ab" * 32
    with app.test_request_context("/"):
        uploads.store_checked(key, mapping, services.rows_as_tuples(parsed))
        kept = uploads.load_checked(key, dict(reversed(mapping.items())))  # same mapping
        assert kept is not None
        assert services.parsed_from_tuples(kept).rows == parsed.rows
        assert uploads.load_checked(key, {**mapping, "organisation": 1}) is None  # other mapping
        assert uploads.load_checked("not a key", mapping) is None
        uploads.discard(key)
        assert uploads.load_checked(key, mapping) is None
