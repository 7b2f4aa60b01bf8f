"""Links on paper: the printable page and the PDF of a round's links with QR codes."""

from __future__ import annotations

import base64
import io
import re

import segno
from PIL import Image
from pypdf import PdfReader

from consult.feedback.services import feedback_token
from consult.workshops.services import workshop_token


def _round(factory):
    rnd = factory.round(title="Maakuntastrategia 2018")
    first = factory.workshop(rnd, network="Ikäihmisten elämänkaariverkosto/Oulu")
    second = factory.workshop(rnd, network="Pohjois-Pohjanmaan kylät ry")
    return rnd, [first, second]


def _expected_urls(rnd, workshops) -> dict[str, list[str]]:
    return {
        "public": [f"http://consult.test/k/{rnd.slug}"],
        "session": [f"http://consult.test/tyopaja/{workshop_token(w)}" for w in workshops],
        "feedback": [f"http://consult.test/palaute/{w.id}/{feedback_token(w)}" for w in workshops],
    }


def _matrix_of_png(data_uri: str, url: str) -> list[list[bool]]:
    """The dark modules of a QR code image, sampled at the centre of each module."""
    png = base64.b64decode(data_uri.removeprefix("data:image/png;base64,"))
    image = Image.open(io.BytesIO(png)).convert("L")
    size = len(segno.make(url, error="m").matrix)  # modules across, without the quiet zone
    module = image.width / (size + 8)  # 4 modules of quiet zone on each side
    assert module == int(module) and image.width == image.height
    return [
        [
            image.getpixel((int((4 + x + 0.5) * module), int((4 + y + 0.5) * module))) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def test_printable_page_has_a_qr_code_for_every_link(client, login, factory):
    login()
    rnd, workshops = _round(factory)
    response = client.get(f"/kierrokset/{rnd.slug}/linkit")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    html = response.get_data(as_text=True)
    images = dict(
        (url, src)
        for src, url in re.findall(r'<img src="([^"]+)" alt="[^"]*" data-url="([^"]+)"', html)
    )
    urls = _expected_urls(rnd, workshops)
    expected = [url for group in urls.values() for url in group]
    assert len(re.findall(r"<img ", html)) == len(expected) == 5
    assert sorted(images) == sorted(expected)
    for url in expected:
        assert url in html.replace("&amp;", "&")  # the URL in text as well
        qr = segno.make(url, error="m")
        assert _matrix_of_png(images[url], url) == [[bool(m) for m in row] for row in qr.matrix]
    for w in workshops:
        assert w.network in html and "29.8.2018" in html and "Oulu" in html and "Maija" in html
    # print rules live in a static stylesheet (CSP: no inline style) that the page links
    assert 'href="/static/printing.css"' in html
    css = client.get("/static/printing.css")
    styles = css.get_data(as_text=True)
    css.close()
    assert "@media print" in styles and "page-break-inside: avoid" in styles
    assert workshop_token(workshops[0]) != feedback_token(workshops[0])


def test_pdf_has_every_workshop_with_its_links(client, login, factory):
    login()
    rnd, workshops = _round(factory)
    response = client.get(f"/kierrokset/{rnd.slug}/linkit.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for w in workshops:
        assert w.network in text
    for group in _expected_urls(rnd, workshops).values():
        for url in group:
            assert url in text
    images = sum(len(page.images) for page in reader.pages)
    assert images == 5  # a QR image for the public link and two for each workshop


def test_links_need_a_convenor(client, login, factory):
    rnd, _ = _round(factory)
    for url in (f"/kierrokset/{rnd.slug}/linkit", f"/kierrokset/{rnd.slug}/linkit.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and "/kirjaudu" in response.headers["Location"]
    login(email="board@example.fi", role="observer")
    for url in (f"/kierrokset/{rnd.slug}/linkit", f"/kierrokset/{rnd.slug}/linkit.pdf"):
        assert client.get(url).status_code == 403
    assert client.get("/kierrokset/ei-ole/linkit").status_code == 403


def test_unknown_round_is_not_found(client, login):
    login()
    assert client.get("/kierrokset/ei-ole/linkit").status_code == 404
    assert client.get("/kierrokset/ei-ole/linkit.pdf").status_code == 404


def test_feedback_only_sheets_leave_the_session_links_out(client, login, factory):
    login()
    rnd, workshops = _round(factory)
    urls = _expected_urls(rnd, workshops)
    html = client.get(f"/kierrokset/{rnd.slug}/linkit?nayta=palaute").get_data(as_text=True)
    pdf = client.get(f"/kierrokset/{rnd.slug}/linkit.pdf?nayta=palaute").data
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for page in (html, text):
        assert all(url in page for url in urls["feedback"])
        assert not any(url in page for url in urls["session"] + urls["public"])
    assert len(re.findall(r"<img ", html)) == 2
    html = client.get(f"/kierrokset/{rnd.slug}/linkit?nayta=tyopaja").get_data(as_text=True)
    assert all(url in html for url in urls["session"])
    assert not any(url in html for url in urls["feedback"])
