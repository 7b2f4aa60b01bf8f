"""Writing a recorded message: subject, plain text and HTML in the recipient's language,
with its links (and, for facilitators, the QR sheet as a PDF)."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from consult.extensions import db
from consult.formatting import format_date_short
from consult.mail import links
from consult.mail.content import text_in
from consult.mail.models import Invitation, OutgoingMessage
from consult.submissions.models import Submission
from consult.workshops.models import Workshop


def _base_url(message: OutgoingMessage) -> str:
    config = current_app.config
    if message.base_url:
        return message.base_url
    if config.get("BASE_URL"):
        return config["BASE_URL"]
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME') or 'http'}://{config['SERVER_NAME']}/"
    return "http://localhost/"


def _context(message: OutgoingMessage, secret: str | None) -> tuple[str, dict[str, Any]]:
    """The subject and the template context of a message, in the current language."""
    rnd = message.round
    lang = message.language
    title = text_in(rnd, "title", lang)[0] if rnd else ""
    ctx: dict[str, Any] = {"rnd": rnd, "round_title": title, "lang": lang}
    if rnd is not None:
        ctx["closes_on"] = format_date_short(rnd.closes_on)
        ctx["public_url"] = url_for("submissions.public", slug=rnd.slug, _external=True)
    kind = message.kind
    if kind == "facilitator":
        from consult.printing.links import workshop_links

        workshop = db.session.get(Workshop, message.workshop_id)
        assert workshop is not None  # a facilitator's message names its workshop
        ctx.update(workshop=workshop, card=workshop_links(workshop))
        return _("Session link for the workshop %(network)s", network=workshop.network), ctx
    if kind in ("invitation", "reminder"):
        invitation = db.session.get(Invitation, message.invitation_id)
        assert invitation is not None  # invitations and reminders name their invitation
        token = links.invitation_token(invitation.link_nonce)
        ctx.update(
            organisation=invitation.organisation.name,
            answer_url=url_for("mail.invited", token=token, _external=True),
            unsubscribe_url=url_for(
                "mail.unsubscribe",
                token=links.unsubscribe_token("i", invitation.id),
                _external=True,
            ),
        )
        if kind == "invitation":
            return _("Invitation to give your views: %(title)s", title=title), ctx
        return _("Reminder: %(title)s closes on %(date)s", title=title, date=ctx["closes_on"]), ctx
    submission = db.session.get(Submission, message.submission_id)
    assert submission is not None and rnd is not None  # the other kinds answer a submission
    ctx["organisation"] = submission.organisation.name if submission.organisation else ""
    if kind in ("edit_link", "lost_link"):
        ctx["edit_url"] = url_for("submissions.edit", token=secret, _external=True)
        return _("Your private edit link: %(title)s", title=title), ctx
    ctx["results_url"] = links.results_url(rnd.slug)
    ctx["unsubscribe_url"] = url_for(
        "mail.unsubscribe", token=links.unsubscribe_token("s", submission.id), _external=True
    )
    if kind == "results":
        return _("The results have been published: %(title)s", title=title), ctx
    from consult.curation.models import Highlight
    from consult.curation.queries import route_label, status_label

    highlight = db.session.get(Highlight, message.highlight_id or 0)
    if highlight is not None:
        ctx.update(
            highlight=highlight,
            status=status_label(highlight.status),
            route=route_label(highlight),
            status_date=format_date_short(highlight.status_date) if highlight.status_date else "",
        )
    return _("A highlight has moved on: %(title)s", title=title), ctx


def compose(message: OutgoingMessage, secret: str | None = None) -> EmailMessage:
    """The email of a recorded message, ready to send."""
    config = current_app.config
    with (
        current_app.test_request_context("/", base_url=_base_url(message)),
        force_locale(message.language),
    ):
        subject, ctx = _context(message, secret)
        text = render_template(f"email/{message.kind}.txt", **ctx)
        html = render_template(f"email/{message.kind}.html", subject=subject, **ctx)
        attachment = None
        if message.kind == "facilitator":
            from consult.printing.links import pdf_texts
            from consult.printing.services import links_pdf

            attachment = links_pdf(
                round_title=ctx["round_title"],
                public_url=None,
                workshops=[ctx["card"]],
                texts=pdf_texts(),
            )
    email = EmailMessage()
    email["Subject"] = subject
    email["From"] = config.get("MAIL_DEFAULT_SENDER") or "consult@localhost"
    email["To"] = message.recipient
    email["Message-ID"] = make_msgid(domain=Address(addr_spec=_sender_address(config)).domain)
    if "unsubscribe_url" in ctx:
        email["List-Unsubscribe"] = f"<{ctx['unsubscribe_url']}>"
    email.set_content(text)
    email.add_alternative(html, subtype="html")
    if attachment is not None:
        assert message.round is not None  # a facilitator's message belongs to a round
        email.add_attachment(
            attachment,
            maintype="application",
            subtype="pdf",
            filename=f"{message.round.slug}-{message.workshop_id}.pdf",
        )
    email["Content-Language"] = message.language  # after the body: set_content clears it
    return email


def _sender_address(config) -> str:
    from email.utils import parseaddr

    address = parseaddr(config.get("MAIL_DEFAULT_SENDER") or "")[1]
    return address if "@" in address else "consult@localhost"
