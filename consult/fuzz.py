"""Fuzz every form and JSON endpoint: ``python -m consult.fuzz [--examples N] [--seconds S]``.

Bounded and offline: the app runs in this process on a database of its own (a temporary
SQLite file, or with ``--database-url postgresql://...`` a fresh PostgreSQL database made
beside the one named and dropped afterwards) and is driven through Flask's test client, so
nothing listens on a port and nothing leaves the machine. Hypothesis generates the input:
any Unicode (lone surrogates in JSON included), NUL characters, huge and negative numbers,
wrong types, hostile files for the imports (zip bombs, entity bombs, sparse sheets, random
bytes). CSRF checks and rate limits are off so that the input reaches the validation.

For each endpoint it prints the inputs tried, the answers by status, the 500s (goal 0) and
the refused inputs (4xx) after which the database had changed (goal 0). The exit status is
1 when either goal is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
import time
import uuid
import zipfile
from collections import Counter, defaultdict
from urllib.parse import quote

from consult import clock

# Columns that a refused input may change by design (a failed login counts towards lockout).
VOLATILE = {"users": {"failed_logins", "locked_until"}}


class Fuzzer:
    """Sends inputs, counts answers, and checks the database after every refusal."""

    def __init__(self, app, seconds: float) -> None:
        self.app = app
        self.deadline = time.monotonic() + seconds
        self.tried: Counter[str] = Counter()
        self.statuses: dict[str, Counter[int]] = defaultdict(Counter)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.changed_on_refusal: dict[str, list[str]] = defaultdict(list)
        self.last_exception: str | None = None
        from flask import got_request_exception

        got_request_exception.connect(self._record_exception, app)

    def _record_exception(self, _sender, exception, **_extra) -> None:
        self.last_exception = f"{type(exception).__name__}: {str(exception)[:200]}"

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline

    def snapshot(self) -> str:
        """A digest of every row of every table (but columns allowed to change)."""
        import sqlalchemy as sa

        from consult.extensions import db

        digest = hashlib.sha256()
        with self.app.app_context():
            for table in db.metadata.sorted_tables:
                skip = VOLATILE.get(table.name, set())
                cols = [c for c in table.columns if c.name not in skip]
                rows = db.session.execute(sa.select(*cols).order_by(*table.primary_key.columns))
                for row in rows:
                    digest.update(repr(tuple(row)).encode("utf-8", "backslashreplace"))
                digest.update(table.name.encode())
            db.session.remove()
        return digest.hexdigest()

    def send(self, name: str, client, method: str, url: str, describe: str, **kwargs) -> int:
        before = self.snapshot()
        self.last_exception = None
        try:
            response = client.open(url, method=method, **kwargs)
            status = response.status_code
        except Exception as exc:  # noqa: BLE001 - an escaped exception counts as a 500
            status, self.last_exception = 500, f"{type(exc).__name__}: {str(exc)[:200]}"
        self.tried[name] += 1
        self.statuses[name][status] += 1
        if status >= 500:
            self.errors[name].append(f"{describe[:160]!r} -> {self.last_exception}")
        elif 400 <= status < 500 and self.snapshot() != before:
            self.changed_on_refusal[name].append(f"{status} {describe[:160]!r}")
        return status

    def report(self) -> bool:
        total = sum(self.tried.values())
        print(f"{'endpoint':34} {'inputs':>7} {'500s':>5} {'refused+changed':>16}  statuses")
        for name in sorted(self.tried):
            codes = " ".join(f"{c}:{n}" for c, n in sorted(self.statuses[name].items()))
            print(
                f"{name:34} {self.tried[name]:7d} {len(self.errors[name]):5d} "
                f"{len(self.changed_on_refusal[name]):16d}  {codes}"
            )
        n500 = sum(len(v) for v in self.errors.values())
        nchanged = sum(len(v) for v in self.changed_on_refusal.values())
        print(f"\ninputs tried: {total}")
        print(f"HTTP 500: {n500} (goal 0)")
        print(f"database changed on refused input: {nchanged} (goal 0)")
        for name, items in {**self.errors, **self.changed_on_refusal}.items():
            for item in items[:3]:
                print(f"  {name}: {item}")
        return n500 == 0 and nchanged == 0


# ---------- hostile files ----------


def xlsx(fill) -> bytes:
    """A workbook as bytes, its sheet filled by ``fill(sheet)``."""
    from openpyxl import Workbook

    workbook = Workbook()
    fill(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _replace_member(base: bytes, name: str, writer) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            if item.filename == name:
                with dst.open(name, "w", force_zip64=True) as member:
                    writer(member)
            else:
                dst.writestr(item, src.read(item.filename))
    return out.getvalue()


def hostile_files() -> list[tuple[str, bytes]]:
    base = xlsx(lambda ws: ws.append(["nimi", "kunta", "kysymys", "ehdotus"]))
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&e;</t></si></sst>"
    )

    def sparse(ws):
        ws.append(["nimi"])
        ws.cell(row=1_000_000, column=1, value="x")

    def wide(ws):
        ws.append(["nimi"])
        ws.cell(row=2, column=16000, value="x")

    def with_member(name, data):
        return _replace_member(base, name, lambda m: m.write(data))

    def bomb(member):
        chunk = b" " * 2**20
        for _ in range(120):
            member.write(chunk)

    many_rows = ("nimi;kunta\n" + "".join(f"Yhdistys {i};Oulu\n" for i in range(60_000))).encode()
    return [
        ("zip-bomb.xlsx", _replace_member(base, "xl/worksheets/sheet1.xml", bomb)),
        ("sparse.xlsx", xlsx(sparse)),
        ("wide.xlsx", xlsx(wide)),
        ("laughs.xlsx", with_member("xl/sharedStrings.xml", laughs)),
        ("xxe.xlsx", with_member("xl/sharedStrings.xml", xxe)),
        ("truncated.xlsx", base[: len(base) // 2]),
        ("not-a-zip.xlsx", b"PK\x03\x04" + os.urandom(2000)),
        ("many-rows.csv", many_rows),
        ("long-cell.csv", b"nimi;kuvaus\nA ry;" + b"x" * 40_000 + b"\n"),
        ("nul.csv", b"nimi\nA\x00B\n"),
        ("utf16.csv", "nimi;kunta\nÄ ry;Oulu\n".encode("utf-16")),
        ("empty.csv", b""),
        ("random.bin", os.urandom(5000)),
    ]


# ---------- the run ----------


def _setup(app):
    """A convenor, a round with two questions, a workshop, an organisation, an answer."""
    from consult.auth.services import create_user
    from consult.extensions import db
    from consult.feedback.services import feedback_token
    from consult.seeding import open_round, workshop
    from consult.submissions.services import create_independent_submission
    from consult.workshops import services as workshops_services

    with app.app_context():
        create_user("fuzz@example.fi", "Fuzzing kettu kulkee kaislikossa")
        rnd = open_round(
            "Fuzz", ["Palvelulupaus", "Toimintaedellytykset"], purpose="p", instructions="i"
        )
        added = workshop(rnd, "Verkosto", facilitator="F")
        db.session.flush()
        _sub, edit_token = create_independent_submission(
            rnd,
            today=clock.today(),
            organisation="Fuzz ry",
            kind="sports",
            municipality="Oulu",
            contact_name="",
            contact_email="",
            proposals={rnd.questions[0].id: ["Ensimmäinen"]},
        )
        db.session.commit()
        from consult.organisations.models import Organisation

        org_id = db.session.scalar(db.select(Organisation.id))
        info = {
            "slug": rnd.slug,
            "questions": [q.id for q in rnd.questions],
            "workshop": workshops_services.workshop_token(added),
            "workshop_id": added.id,
            "feedback": feedback_token(added),
            "edit": edit_token,
            "org_id": org_id,
        }
        db.session.remove()
    return info


def run(app, examples: int, seconds: float) -> bool:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    info = _setup(app)
    fuzz = Fuzzer(app, seconds)
    anon = app.test_client()
    convenor = app.test_client()
    convenor.post(
        "/kirjaudu",
        data={"email": "fuzz@example.fi", "password": "Fuzzing kettu kulkee kaislikossa"},
    )
    q1, q2 = info["questions"]
    capture = f"/tyopaja/{info['workshop']}/api"

    # Any Unicode the form encoding can carry (no lone surrogates: not encodable in a form).
    form_text = st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
        st.sampled_from(["", " ", "\x00", "a\x00b", "x" * 5000, "<script>", "'; DROP TABLE x"]),
    )
    # JSON can carry anything, lone surrogates included.
    json_text = st.one_of(st.text(max_size=300), st.sampled_from(["\ud800", "a\udfffb", "\x00"]))
    json_value = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | json_text,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(json_text, inner, max_size=5),
        max_leaves=20,
    )
    number = st.one_of(st.integers(), st.just(2**80), json_text, st.none())
    common = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )

    def form_case(name, client, url, fields):
        @common
        @given(st.fixed_dictionaries({k: v for k, v in fields.items()}))
        def case(data):
            if not fuzz.out_of_time():
                fuzz.send(name, client, "POST", url, repr(data), data=data)

        case()

    def json_case(name, method, path_strategy, body_strategy):
        @common
        @given(path_strategy, body_strategy)
        def case(path, body):
            if fuzz.out_of_time():
                return
            raw = json.dumps(body, ensure_ascii=True)  # lone surrogates travel as \\udXXX
            fuzz.send(
                name,
                anon,
                method,
                capture + path,
                f"{path} {raw}",
                data=raw,
                content_type="application/json",
            )

        case()

    key = st.one_of(st.text(max_size=80), st.just(uuid.uuid4().hex + "abcdefgh"))
    public_fields = {
        "organisation": form_text,
        "kind": st.one_of(st.sampled_from(["sote", "sports", "other", ""]), form_text),
        "municipality": form_text,
        "contact_name": form_text,
        "contact_email": st.one_of(form_text, st.emails().map(str)),
        f"q_{q1}": form_text,
        f"q_{q2}": form_text,
        "submission_key": key,
    }
    form_case("POST /k/<slug>", anon, f"/k/{info['slug']}", public_fields)
    form_case("POST /v/<token>", anon, f"/v/{info['edit']}", public_fields)
    # Imports: every hostile file into every importer, then random bytes.
    importers = [
        ("POST /organisaatiot/tuo", "/organisaatiot/tuo"),
        ("POST /kierrokset/<slug>/tuo/tyopajat", f"/kierrokset/{info['slug']}/tuo/tyopajat"),
        ("POST /kierrokset/<slug>/tuo/ehdotukset", f"/kierrokset/{info['slug']}/tuo/ehdotukset"),
    ]
    for filename, data in hostile_files():
        for name, url in importers:
            if fuzz.out_of_time():
                break
            fuzz.send(
                name,
                convenor,
                "POST",
                url,
                filename,
                data={"file": (io.BytesIO(data), filename)},
                content_type="multipart/form-data",
            )

    form_case(
        "POST /kirjaudu",
        app.test_client(),
        "/kirjaudu",
        {"email": form_text, "password": form_text},
    )
    form_case(
        "POST /palaute/<id>/<token>",
        app.test_client(),
        f"/palaute/{info['workshop_id']}/{info['feedback']}",
        {"grade": form_text, "useful": form_text, "comment": form_text},
    )
    form_case(
        "POST /organisaatiot/<id>",
        convenor,
        f"/organisaatiot/{info['org_id']}",
        {
            "name": form_text,
            "kind": st.one_of(st.sampled_from(["sote", "other"]), form_text),
            "municipality": form_text,
            "business_id": st.one_of(form_text, st.sampled_from(["0737546-2", "1234567-8"])),
            "register_number": form_text,
        },
    )
    form_case(
        "POST /organisaatiot/yhdista",
        convenor,
        "/organisaatiot/yhdista",
        {"ids": st.lists(form_text, max_size=4), "target": form_text},
    )
    form_case(
        "POST /tili/salasana",
        convenor,
        "/tili/salasana",
        {"current": form_text, "new": form_text, "repeat": form_text},
    )

    @common
    @given(form_text)
    def searches(q):
        if fuzz.out_of_time():
            return
        for name, client, url in (
            ("GET /organisaatiot/?q=", convenor, "/organisaatiot/"),
            ("GET capture organisations?q=", anon, capture + "/organisations"),
            ("GET /k/<slug>?q=", anon, f"/k/{info['slug']}"),
        ):
            fuzz.send(name, client, "GET", url, repr(q), query_string={"q": q})

    searches()

    client_id = st.one_of(
        st.from_regex(r"\A[A-Za-z0-9_-]{1,64}\Z"), st.text(min_size=1, max_size=80)
    )
    proposal = st.one_of(
        json_value,
        st.fixed_dictionaries(
            {"question_id": st.one_of(st.sampled_from([q1, q2]), number), "text": json_text},
            optional={"position": number},
        ),
    )
    json_case(
        "PUT capture /proposals/<id>",
        "PUT",
        client_id.map(lambda c: "/proposals/" + quote(c, safe="")),
        proposal,
    )
    json_case(
        "DELETE capture /proposals/<id>",
        "DELETE",
        client_id.map(lambda c: "/proposals/" + quote(c, safe="")),
        st.none(),
    )
    json_case(
        "POST capture /order",
        "POST",
        st.just("/order"),
        st.one_of(
            json_value,
            st.fixed_dictionaries(
                {"question_id": number, "order": st.lists(json_text | number, max_size=5)}
            ),
        ),
    )
    json_case(
        "PUT capture /counts",
        "PUT",
        st.just("/counts"),
        st.one_of(
            json_value, st.fixed_dictionaries({"counts": st.dictionaries(json_text, number)})
        ),
    )
    json_case(
        "PUT capture /report",
        "PUT",
        st.just("/report"),
        st.one_of(json_value, st.fixed_dictionaries({"report": json_text})),
    )
    for path in ("/organisations", "/organisations/remove"):
        json_case(
            f"POST capture {path}",
            "POST",
            st.just(path),
            st.one_of(json_value, st.fixed_dictionaries({"name": json_text})),
        )

    @common
    @given(st.binary(max_size=3000), st.sampled_from(["x.csv", "x.xlsx", "x.txt", ""]))
    def random_files(data, filename):
        if fuzz.out_of_time():
            return
        for name, url in importers:
            fuzz.send(
                name,
                convenor,
                "POST",
                url,
                f"{filename} {data[:40]!r}",
                data={"file": (io.BytesIO(data), filename or "upload")},
                content_type="multipart/form-data",
            )

    random_files()
    return fuzz.report()


def _database(url: str | None):
    """(database url, cleanup) — a temporary SQLite file or a fresh PostgreSQL database."""
    import sqlalchemy as sa

    if not url:
        folder = tempfile.mkdtemp(prefix="consult-fuzz-")
        return f"sqlite:///{folder}/fuzz.sqlite3", lambda: None
    base = sa.engine.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    if base.host not in ("127.0.0.1", "localhost", "::1", None):
        raise SystemExit("the fuzzer only talks to a database on this machine")
    name = f"{base.database or 'consult'}_fuzz_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="PostgreSQL on this machine; a fresh database named after it is made and dropped "
        "(default: a temporary SQLite file)",
    )
    parser.add_argument("--examples", type=int, default=60, help="inputs per endpoint")
    parser.add_argument("--seconds", type=float, default=600, help="stop generating after this")
    args = parser.parse_args(argv)

    from consult import create_app
    from consult.migrate import upgrade

    url, cleanup = _database(args.database_url)
    try:
        app = create_app(
            {
                "DATABASE_URL": url,
                "SECRET_KEY": uuid.uuid4().hex * 2,
                "TESTING": False,
                "PROPAGATE_EXCEPTIONS": False,
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "JOBS_SYNC": True,
                "EMBED_ON_SAVE": False,
            }
        )
        upgrade(app)
        app.logger.setLevel("CRITICAL")  # the fuzzer records every exception itself
        started = time.monotonic()
        print(f"fuzzing on {app.config['SQLALCHEMY_DATABASE_URI'].split('://')[0]} ...")
        ok = run(app, args.examples, args.seconds)
        print(f"time: {time.monotonic() - started:.0f} s")
        with app.app_context():
            from consult.extensions import db

            db.engine.dispose()
    finally:
        cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
