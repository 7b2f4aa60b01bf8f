"""The capture page's JavaScript: its unit tests (tests/js/, node's own test runner) run with
the suite, and every ES module it is made of is kept by the service worker for offline use.

Without Node the unit tests are skipped on a laptop, but fail in CI (``CI`` set), where a
skipped test would hide a broken outbox."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from consult.workshops.services import workshop_token

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "consult" / "static"
JS_TESTS = ROOT / "tests" / "js"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("no node on PATH: CI must run the JavaScript unit tests (tests/js/)")
        pytest.skip("no node on PATH: the JavaScript unit tests (tests/js/) are not run")
    return node


def test_javascript_unit_tests_pass():
    # `node --test tests/js/` on Node 20; the files are named, since Node 22+ takes a
    # directory argument for a file (and Node 18 takes no glob).
    files = sorted(JS_TESTS.glob("*.test.mjs"))
    declared = sum(
        len(re.findall(r"^\s*test\(", path.read_text(encoding="utf-8"), re.M)) for path in files
    )
    result = subprocess.run(  # noqa: S603 - node from PATH, our own test files
        [_node(), "--test", *(path.relative_to(ROOT).as_posix() for path in files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    counted = re.search(r"^# tests (\d+)$", result.stdout, re.M)
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.M)
    assert counted and passed, output
    # every test written ran and passed (a file that failed to load would count fewer)
    assert int(counted.group(1)) == int(passed.group(1)) == declared > 0, output


def _modules() -> set[str]:
    files = [STATIC / "capture.js", *sorted((STATIC / "capture").glob("*.js"))]
    return {"/" + path.relative_to(STATIC.parent).as_posix() for path in files}


def test_the_service_worker_keeps_every_module_of_the_capture_page():
    worker = (STATIC / "capture-sw.js").read_text(encoding="utf-8")
    listed = re.search(r"var MODULES = \[(.*?)\];", worker, re.S)
    assert listed, "capture-sw.js has no MODULES list"
    assert set(re.findall(r'"([^"]+)"', listed.group(1))) == _modules()


def test_every_module_import_resolves_to_a_shipped_file():
    imported: set[str] = set()
    for path in [STATIC / "capture.js", *(STATIC / "capture").glob("*.js")]:
        for spec in re.findall(r'^import .* from "([^"]+)";$', path.read_text("utf-8"), re.M):
            assert spec.startswith("./"), f"{path.name}: {spec} is not a relative module"
            target = (path.parent / spec).resolve()
            assert target.is_file(), f"{path.name} imports {spec}, which does not exist"
            imported.add("/" + target.relative_to(STATIC.parent).as_posix())
    # every module in capture/ is used by the page (none left behind after a move)
    assert imported | {"/static/capture.js"} == _modules()


def test_the_capture_page_loads_its_script_as_a_module(client, factory):
    workshop = factory.workshop(factory.round())
    page = client.get(f"/tyopaja/{workshop_token(workshop)}").get_data(as_text=True)
    assert re.search(r'<script type="module" src="/static/capture\.js[^"]*"></script>', page)
    # a module is only run when served with a script MIME type
    for path in sorted(_modules()):
        response = client.get(path)
        assert response.status_code == 200 and "javascript" in response.content_type, path
        response.close()
