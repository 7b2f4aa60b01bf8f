"""Finnish first: every message has a Finnish (and Swedish) translation, and the UI switches."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import csrf_token

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "consult" / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
METHOD_MAP = [
    ("consult/**.py", "python"),
    ("forms/**.py", "python"),
    ("templates/**.html", "jinja2"),
]


@pytest.fixture(scope="module")
def source_messages() -> set[str]:
    """Every message id written in the code and templates today."""
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map=METHOD_MAP,
        keywords=KEYWORDS,
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_every_message_is_translated(locale, source_messages):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        catalog = read_po(fh)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and m.string and not m.fuzzy and (isinstance(m.string, str) or all(m.string))
    }
    missing = sorted(source_messages - translated)
    assert missing == [], f"{len(missing)} messages lack a {locale} translation: {missing[:10]}"


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_compiled_catalogue_matches_the_po_file(locale):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id and m.string and not m.fuzzy}
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo", "rb") as fh:
        mo = {m.id: m.string for m in read_mo(io.BytesIO(fh.read())) if m.id}
    assert po == mo, "run `make translations` to compile the catalogues"


def test_language_can_be_switched(client):
    page = client.get("/").get_data(as_text=True)
    assert 'lang="fi"' in page and "Kuulemiskierrokset" in page
    client.post("/kieli/sv", data={"csrf_token": csrf_token(page), "next": "/"})
    page = client.get("/").get_data(as_text=True)
    assert 'lang="sv"' in page and "Logga in" in page
    client.post("/kieli/en", data={"csrf_token": csrf_token(page), "next": "/"})
    assert "Log in" in client.get("/").get_data(as_text=True)
    assert client.post("/kieli/de", data={"csrf_token": csrf_token(page)}).status_code == 404


def test_swedish_browser_gets_swedish(client):
    page = client.get("/", headers={"Accept-Language": "sv-FI,sv;q=0.9"}).get_data(as_text=True)
    assert 'lang="sv"' in page
    assert 'lang="fi"' in client.get("/", headers={"Accept-Language": "en-US"}).get_data(
        as_text=True
    )
