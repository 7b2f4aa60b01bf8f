"""Pages of the printing feature: a round's links as QR codes, on a page and in a PDF."""

from __future__ import annotations

import io

from flask import Blueprint, render_template, request, send_file, url_for

from consult.auth.decorators import convenor_required
from consult.printing import services
from consult.printing.links import pdf_texts, workshop_links
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404

bp = Blueprint("printing", __name__, url_prefix="/kierrokset")

# ?nayta= chooses the links: all, only the feedback links (safe to pin on the wall), or only
# the facilitators' session links.
SHOW_CHOICES = ("kaikki", "palaute", "tyopaja")


def _show() -> str:
    show = request.args.get("nayta", "kaikki")
    return show if show in SHOW_CHOICES else "kaikki"


def _links(rnd: Round) -> tuple[str, list[services.WorkshopLinks]]:
    public_url = url_for("submissions.public", slug=rnd.slug, _external=True)
    workshops = [workshop_links(w) for w in sorted(rnd.workshops, key=lambda w: (w.date, w.id))]
    return public_url, workshops


@bp.route("/<slug>/linkit")
@convenor_required
def links(slug: str):
    """Printable page: the public link and every workshop's session and feedback links."""
    rnd = round_or_404(slug)
    public_url, workshops = _links(rnd)
    page = render_template(
        "printing/links.html",
        rnd=rnd,
        public_url=public_url,
        workshops=workshops,
        qr=services.qr_data_uri,
        show=_show(),
    )
    return page, {"Cache-Control": "private, no-store"}


@bp.route("/<slug>/linkit.pdf")
@convenor_required
def links_pdf(slug: str):
    """The same links as an A4 PDF."""
    rnd = round_or_404(slug)
    public_url, workshops = _links(rnd)
    texts = pdf_texts()
    show = _show()
    pdf = services.links_pdf(
        round_title=rnd.title,
        public_url=public_url if show == "kaikki" else None,
        workshops=workshops,
        texts=texts,
        sessions=show != "palaute",
        feedback=show != "tyopaja",
    )
    response = send_file(
        io.BytesIO(pdf),
        mimetype="application/pdf",
        download_name=f"{rnd.slug}-linkit.pdf" if show == "kaikki" else f"{rnd.slug}-{show}.pdf",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
