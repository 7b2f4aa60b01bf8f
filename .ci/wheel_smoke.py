#!/usr/bin/env python3
"""Wheel smoke test (CI step, stdlib only): build the wheel, install it into a fresh venv,
migrate a fresh SQLite database, load the demo, serve it with gunicorn and fetch real pages;
then run it as the systemd units in deploy/ do (PostgreSQL, Redis, `gunicorn -c
python:consult.gunicorn_config -w 4`, two `consult worker`) and have a worker analyse the demo
round that a convenor starts over HTTP.

    python3 .ci/wheel_smoke.py [--port N] [--keep]

Nothing here imports the source tree: the commands run from an empty directory with the
fresh venv's own `consult` and `gunicorn`, as a user who ran `pip install consult-*.whl`.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = (".git", ".venv", "instance", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
STARTED = time.monotonic()


def step(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"FAILED: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - 127.0.0.1 only
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"FAILED: {message}")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_healthy(base: str, process: subprocess.Popen, log: Path, seconds: int = 240) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if fetch(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None:
            sys.exit(f"FAILED: gunicorn exited:\n{log.read_text()}")
        check(time.monotonic() < deadline, f"gunicorn did not answer /healthz in {seconds} s")
        time.sleep(0.5)


def production(venv: Path, home: Path, env: dict, work: Path, processes: list) -> None:
    """The systemd units' commands (deploy/systemd/) from the wheel, on PostgreSQL and Redis."""
    pg = os.environ.get("CONSULT_SMOKE_PG", "postgresql://postgres@127.0.0.1:5432")
    redis = os.environ.get("CONSULT_SMOKE_REDIS", "redis://127.0.0.1:6379/14")
    name = f"consult_wheel_{secrets.token_hex(4)}"
    run(["psql", pg + "/postgres", "-qc", f"CREATE DATABASE {name}"])
    try:
        _production(venv, home, env, work, processes, f"{pg}/{name}", redis)
    finally:
        for process in processes:
            stop(process)
        processes.clear()
        run(["psql", pg + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"])


def _production(venv, home, env, work, processes, database: str, redis: str) -> None:
    env = env | {
        "CONSULT_DATABASE_URL": database,
        "CONSULT_REDIS_URL": redis,
        "CONSULT_JOBS_QUEUE": f"wheel-{secrets.token_hex(4)}",
    }
    step("production: consult db upgrade + consult demo on PostgreSQL")
    run([str(venv / "bin/consult"), "db", "upgrade"], cwd=home, env=env)
    out = run([str(venv / "bin/consult"), "demo"], cwd=home, env=env)
    slug = re.search(r"Loaded demo round (\S+)\.", out).group(1)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    step(f"production: gunicorn -c python:consult.gunicorn_config -w 4 on {base}, 2 workers")
    log = work / "prod-web.log"
    web = [str(venv / "bin/gunicorn"), "-c", "python:consult.gunicorn_config", "-w", "4"]
    processes.append(
        subprocess.Popen(  # noqa: S603
            [*web, "-b", f"127.0.0.1:{port}", "consult.wsgi:app"],
            cwd=home,
            env=env,
            stdout=open(log, "w"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
        )
    )
    wait_healthy(base, processes[0], log)
    for i in (1, 2):
        processes.append(
            subprocess.Popen(  # noqa: S603
                [str(venv / "bin/consult"), "worker", "--name", f"{env['CONSULT_JOBS_QUEUE']}-{i}"],
                cwd=home,
                env=env,
                stdout=open(work / f"prod-worker{i}.log", "w"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )
        )
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path: str, fields: dict) -> tuple[int, str]:
        page = opener.open(base + path, timeout=30).read().decode()  # noqa: S310
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
        with opener.open(base + path, data=data, timeout=60) as response:  # noqa: S310
            return response.status, response.geturl()

    post("/kirjaudu", {"email": "demo@consult.test", "password": "demo-convenor"})
    status, run_url = post(f"/kierrokset/{slug}/analyysi", {"question": "", "n_themes": ""})
    check(status == 200 and "/analyysi/" in run_url, f"analysis not started: {status} {run_url}")
    step(f"production: analysis started by the convenor -> {urllib.parse.urlsplit(run_url).path}")
    deadline = time.monotonic() + 600
    state: dict = {}
    while time.monotonic() < deadline:
        with opener.open(run_url + "/tila.json", timeout=30) as response:  # noqa: S310
            state = json.loads(response.read())
        if state["status"] in ("done", "failed"):
            break
        time.sleep(2)
    workers_log = "".join((work / f"prod-worker{i}.log").read_text() for i in (1, 2))
    check(state.get("status") == "done", f"analysis ended {state}:\n{workers_log[-3000:]}")
    check("Successfully completed" in workers_log, "no RQ worker ran a job")
    page = opener.open(run_url, timeout=30).read().decode()  # noqa: S310
    themes = len(re.findall(r'id="teema-\d+"', page))
    check(themes >= 3, f"the run page shows {themes} themes")
    step(f"production: a consult worker ran the analysis: {themes} themes on the run page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="consult-wheel-"))
    server = None
    processes: list[subprocess.Popen] = []
    try:
        step("copy the source tree (a clean build, no stale build/ folder)")
        source = work / "src"
        shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*SKIP))
        step("build the wheel")
        run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), "."],
            cwd=source)  # fmt: skip
        wheel = next(work.glob("consult-*.whl"))
        step(f"built {wheel.name} ({wheel.stat().st_size // 1024} KiB)")

        step("install it into a fresh venv (dependencies from the package index)")
        venv = work / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        # --no-compile: byte-compiling numpy, scipy and scikit-learn is most of the install time
        pip = [
            str(venv / "bin/pip"),
            "install",
            "-q",
            "--no-compile",
            "--disable-pip-version-check",
        ]
        run([*pip, str(wheel)])
        home = work / "run"  # an empty directory: nothing from the source tree on the path
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CONSULT_", "FLASK_"))}
        env.pop("PYTHONPATH", None)
        env |= {
            "CONSULT_SECRET_KEY": secrets.token_urlsafe(48),
            "CONSULT_DATABASE_URL": f"sqlite:///{work / 'smoke.sqlite3'}",
        }
        where = run([str(venv / "bin/python"), "-c", "import consult; print(consult.__file__)"],
                    cwd=home, env=env).strip()  # fmt: skip
        check(where.startswith(str(venv)), f"consult imported from {where}, not the venv")
        step(f"consult installed at {Path(where).parent}")

        step("consult db upgrade")
        print("    " + run([str(venv / "bin/consult"), "db", "upgrade"], cwd=home, env=env).strip())
        step("consult demo")
        out = run([str(venv / "bin/consult"), "demo"], cwd=home, env=env)
        print("    " + out.strip().replace("\n", "\n    "))
        slug = re.search(r"Loaded demo round (\S+)\.", out).group(1)

        port = args.port or free_port()
        base = f"http://127.0.0.1:{port}"
        step(f"gunicorn -w 2 consult.wsgi:app on {base}")
        server = subprocess.Popen(  # noqa: S603
            [str(venv / "bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "consult.wsgi:app"],
            cwd=home,
            env=env,
            stdout=open(work / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
            text=True,
        )
        wait_healthy(base, server, work / "gunicorn.log")

        pages = [
            ("/", {}, ["Kuulemiskierrokset", "Maakuntastrategia 2018"]),
            ("/kirjaudu", {}, ["Kirjaudu", "Sähköposti"]),
            (f"/k/{slug}", {}, ["Maakuntastrategia 2018", "Lähetä"]),
            ("/", {"Accept-Language": "sv-FI"}, ["Logga in"]),  # translations shipped
            ("/static/style.css", {}, ["--brand"]),
            ("/static/app.js", {}, ["data-select-on-focus"]),
            # the capture page's ES modules ship too, with a script MIME type (browsers refuse
            # a module served as anything else)
            ("/static/capture.js", {}, ["./capture/outbox.js"]),
            ("/static/capture/outbox.js", {}, ["export class Outbox"]),
        ]
        for path, headers, texts in pages:
            status, response_headers, body = fetch(base + path, **headers)
            check(status == 200, f"GET {path}: {status}\n{body[:500]}")
            missing = [t for t in texts if t not in body]
            check(not missing, f"GET {path}: {missing} not on the page")
            check(
                "script-src 'self'" in response_headers.get("Content-Security-Policy", ""),
                f"GET {path}: no CSP",
            )
            if path.endswith(".js"):
                kind = response_headers.get("Content-Type", "")
                check("javascript" in kind, f"GET {path}: served as {kind!r}, not JavaScript")
            title = re.search(r"<title>(.*?)</title>", body)
            shown = f"title {title.group(1)!r}" if title else f"{len(body)} bytes"
            step(f"GET {path} {headers or ''} -> {status}, {shown}, has {texts}")
        stop(server)
        server = None
        production(venv, home, env, work, processes)
        step("wheel smoke test passed")
    finally:
        for process in [server, *processes]:
            if process is not None:
                stop(process)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
