"""Email pages: sending facilitators their links, invitations, the messages' status,
lost edit links and unsubscribing."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.errors import DomainError, user_message
from consult.extensions import db, limiter
from consult.mail import links, queries, services
from consult.mail import receivers as _receivers  # noqa: F401 - connects the signals
from consult.mail.content import lang_attribute, other_title, text_in
from consult.mail.models import Invitation, OutgoingMessage
from consult.organisations.models import Organisation
from consult.rounds.models import Round
from consult.rounds.pages import detail_section, round_or_404
from consult.submissions.pages import answer_page
from consult.utils import is_id
from consult.workshops.models import Workshop
from forms.mail import ConfirmForm, LostLinkForm, ReminderForm

bp = Blueprint("mail", __name__)


@bp.app_template_global()
def tr(obj, field: str) -> str:
    """A round's or question's text in the visitor's language (Finnish when not given)."""
    return text_in(obj, field, str(get_locale()))[0]


@bp.app_template_global()
def tr_lang(obj, field: str):
    """`` lang="…"`` for a text shown in another language than the page."""
    return lang_attribute(obj, field, str(get_locale()))


@bp.app_template_global()
def theme_title(theme) -> str:
    """A theme's title; the analysis engine's catch-all "Muut" in the page's language."""
    return other_title() if getattr(theme, "is_other", False) else theme.title


def kind_label(kind: str) -> str:
    return {
        "facilitator": _("Session link to the facilitator"),
        "invitation": _("Invitation"),
        "reminder": _("Reminder"),
        "edit_link": _("Edit link"),
        "lost_link": _("New edit link"),
        "results": _("Results published"),
        "status": _("Highlight status changed"),
    }.get(kind, kind)


def status_label(status: str) -> str:
    return {
        "queued": _("Queued"),
        "sent": _("Sent"),
        "failed": _("Failed"),
        "bounced": _("Refused by the recipient's server"),
    }.get(status, status)


bp.add_app_template_global(kind_label, "mail_kind_label")
bp.add_app_template_global(status_label, "mail_status_label")


def _workshop(slug: str, workshop_id: int) -> Workshop:
    rnd = round_or_404(slug)
    workshop = db.get_or_404(Workshop, workshop_id)
    if workshop.round_id != rnd.id:
        abort(404)
    return workshop


@bp.route("/kierrokset/<slug>/tyopajat/<int:workshop_id>/laheta", methods=["POST"])
@convenor_required
def send_facilitator(slug: str, workshop_id: int):
    """Email the facilitator the session link and the QR sheet."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    workshop = _workshop(slug, workshop_id)
    try:
        services.send_to_facilitator(workshop)
    except DomainError:
        flash(_("Add the facilitator's email to the workshop first."), "error")
    else:
        db.session.commit()
        flash(_("The session link and QR sheet are on their way to the facilitator."), "success")
    return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))


@bp.route("/kierrokset/<slug>/tyopajat/laheta", methods=["POST"])
@convenor_required
def send_facilitators(slug: str):
    """Email every facilitator with an address their session link and QR sheet."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    rnd = round_or_404(slug)
    sent = 0
    for workshop in rnd.workshops:
        if workshop.facilitator_email:
            services.send_to_facilitator(workshop)
            sent += 1
    db.session.commit()
    flash(_("%(n)d facilitators are being sent their links.", n=sent), "success")
    return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))


@bp.route("/kierrokset/<slug>/sahkopostit")
@login_required
def messages(slug: str):
    """Every email of the round with its status; failures and refusals first to see."""
    rnd = round_or_404(slug)
    return render_template(
        "mail/messages.html",
        rnd=rnd,
        messages=queries.messages(rnd),
        counts=queries.status_counts(rnd),
        resendable=services.RESENDABLE,
    )


@bp.route("/kierrokset/<slug>/sahkopostit/<int:message_id>/uudelleen", methods=["POST"])
@convenor_required
def resend(slug: str, message_id: int):
    """Send a failed message again."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    rnd = round_or_404(slug)
    message = db.get_or_404(OutgoingMessage, message_id)
    if message.round_id != rnd.id:
        abort(404)
    try:
        services.resend(message)
    except DomainError as exc:
        flash(user_message(exc), "error")
    else:
        db.session.commit()
        flash(_("The message is being sent again."), "success")
    return redirect(url_for("mail.messages", slug=slug))


def _invite_chosen(rnd: Round) -> None:
    """Invite the organisations ticked on the form (those without an address are skipped)."""
    ids = {int(i) for i in request.form.getlist("org") if is_id(i)}
    orgs = list(db.session.scalars(sa.select(Organisation).where(Organisation.id.in_(ids))))
    created = services.invite(rnd, orgs)
    db.session.commit()
    if created:
        flash(_("%(n)d invitations are being sent.", n=len(created)), "success")
    else:
        flash(_("Choose at least one organisation with an email address."), "error")


@bp.route("/kierrokset/<slug>/kutsut", methods=["GET", "POST"])
@convenor_required
def invitations(slug: str):
    """Invite organisations from the directory; who was invited, when, and who answered."""
    rnd = round_or_404(slug)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        _invite_chosen(rnd)
        return redirect(url_for("mail.invitations", slug=slug))
    orgs, without_email = queries.invitable(rnd)
    return render_template(
        "mail/invitations.html",
        rnd=rnd,
        form=form,
        reminder_form=ReminderForm(obj=rnd),
        invitations=queries.invitations(rnd),
        latest=queries.latest_by(rnd, OutgoingMessage.invitation_id),
        invitable=orgs,
        without_email=without_email,
    )


@bp.route("/kierrokset/<slug>/muistutus", methods=["POST"])
@convenor_required
def reminder_days(slug: str):
    """Set how many days before closing the invited who have not answered are reminded."""
    rnd = round_or_404(slug)
    form = ReminderForm()
    if form.validate_on_submit():
        rnd.reminder_days = form.reminder_days.data
        db.session.commit()
        flash(_("Changes saved."), "success")
    else:
        flash(" ".join(str(e) for e in form.reminder_days.errors) or _("Not saved."), "error")
    return redirect(url_for("mail.invitations", slug=slug, _anchor="muistutus"))


@bp.route("/k/<slug>/kadonnut-linkki", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOST_LINK_RATE_LIMIT"], methods=["POST"])
def lost_link(slug: str):
    """Send a new edit link to the address given with the answer (the old one stops)."""
    rnd = round_or_404(slug)
    form = LostLinkForm()
    if form.validate_on_submit():
        services.send_new_edit_links(rnd, form.email.data)
        db.session.commit()
        # The same answer whether or not an answer was given with this address.
        return render_template("mail/lost_link.html", rnd=rnd, form=None, done=True)
    status = 400 if request.method == "POST" else 200
    return render_template("mail/lost_link.html", rnd=rnd, form=form, done=False), status


@bp.route("/sahkoposti/peru/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """Stop reminders (or results notices): a page with a button, so a link preview that
    opens the address changes nothing."""
    target = links.read_unsubscribe_token(token)
    if target is None:
        abort(404)
    kind, target_id = target
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if not services.unsubscribe(kind, target_id):
            abort(404)
        db.session.commit()
        return render_template("mail/unsubscribe.html", form=None, kind=kind, done=True)
    if kind == "i" and db.session.get(Invitation, target_id) is None:
        abort(404)
    return render_template("mail/unsubscribe.html", form=form, kind=kind, done=False)


@detail_section
def _round_page(rnd: Round) -> dict:
    """The round overview's facilitator mail and the count of messages by status."""
    return {
        "facilitator_mail": queries.latest_by(rnd, OutgoingMessage.workshop_id),
        "mail_counts": queries.status_counts(rnd),
    }


@bp.route("/kutsu/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PUBLIC_FORM_RATE_LIMIT"], methods=["POST"])
def invited(token: str):
    """An invitation's own link: the public form with the organisation filled in."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        abort(404)
    return answer_page(invitation.round, invitation=invitation)
