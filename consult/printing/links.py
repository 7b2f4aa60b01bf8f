"""What a workshop's printed card and the links PDF say: shared by the printing pages and
the facilitator's e-mail (which attaches the same PDF)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from consult.feedback.services import feedback_token
from consult.formatting import format_date_short
from consult.printing import services
from consult.workshops.models import Workshop
from consult.workshops.services import workshop_token


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
