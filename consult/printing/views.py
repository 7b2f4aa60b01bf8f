"""Pages of the printing feature: a round's links as QR codes, on a page and in a PDF."""

from __future__ import annotations

import io

from flask import Blueprint, render_template, request, send_file, url_for
from flask_babel import gettext as _

from consult.auth.decorators import convenor_required
from consult.feedback.services import feedback_token
from consult.formatting import format_date_short
from consult.printing import services
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404
from consult.workshops.models import Workshop
from consult.workshops.services import workshop_token

bp = Blueprint("printing", __name__, url_prefix="/kierrokset")

# ?nayta= chooses the links: all, only the feedback links (safe to pin on the wall), or only
# the facilitators' session links.
SHOW_CHOICES = ("kaikki", "palaute", "tyopaja")


def _show() -> str:
    show = request.args.get("nayta", "kaikki")
    return show if show in SHOW_CHOICES else "kaikki"


def workshop_links(w: Workshop) -> services.WorkshopLinks:
    """A workshop's card: its details and its session and feedback links."""
    return services.WorkshopLinks(
        network=w.network,
        date=format_date_short(w.date),
        place=w.place,
        facilitator=w.facilitator,
        session_url=url_for("workshops.session", token=workshop_token(w), _external=True),
        feedback_url=url_for(
            "feedback.answer", workshop_id=w.id, token=feedback_token(w), _external=True
        ),
    )


def _links(rnd: Round) -> tuple[str, list[services.WorkshopLinks]]:
    public_url = url_for("submissions.public", slug=rnd.slug, _external=True)
    workshops = [workshop_links(w) for w in sorted(rnd.workshops, key=lambda w: (w.date, w.id))]
    return public_url, workshops


def pdf_texts() -> services.PdfTexts:
    """The PDF's texts in the current language."""
    return services.PdfTexts(
        title=_("Links and QR codes"),
        warning=_(
            "The session links are like keys: anyone with the link can change the workshop's "
            "output. Give each one only to its facilitator."
        ),
        public_heading=_("Public link for organisations"),
        public_hint=_("Any organisation can answer independently through this link."),
        session_heading=_("Session link for the facilitator"),
        session_hint=_("Only for the facilitator: records the workshop's output."),
        feedback_heading=_("Feedback link for participants"),
        feedback_hint=_("Show at the end of the workshop: anonymous feedback in a minute."),
        facilitator=_("Facilitator"),
        page=_("Page %(n)d"),
    )


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
