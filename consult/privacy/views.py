"""Retention of a round's contact details, deleting a round, an organisation's own copy."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.extensions import db
from consult.privacy import services
from consult.rounds.pages import round_or_404
from consult.submissions.services import submission_for_token
from forms.privacy import DeleteRoundForm, RetentionForm

bp = Blueprint("privacy", __name__)


def _settings_page(rnd, retention: RetentionForm, delete: DeleteRoundForm, status: int = 200):
    return render_template(
        "privacy/round.html",
        rnd=rnd,
        retention=retention,
        delete=delete,
        removed_on=services.contacts_removed_on(rnd),
        kept=services.contacts_kept(rnd),
    ), status


@bp.route("/kierrokset/<slug>/henkilotiedot")
@login_required
def round_settings(slug: str):
    """How long the round keeps contact details; deleting the round."""
    rnd = round_or_404(slug)
    return _settings_page(
        rnd, RetentionForm(contact_months=services.contact_months(rnd)), DeleteRoundForm()
    )


@bp.post("/kierrokset/<slug>/henkilotiedot")
@convenor_required
def save_retention(slug: str):
    """Save the retention time of contact details."""
    rnd = round_or_404(slug)
    form = RetentionForm()
    if not form.validate_on_submit():
        return _settings_page(rnd, form, DeleteRoundForm(), 400)
    services.set_contact_months(rnd, form.contact_months.data)
    db.session.commit()
    flash(_("The retention time was saved."), "success")
    return redirect(url_for("privacy.round_settings", slug=rnd.slug))


@bp.post("/kierrokset/<slug>/poista")
@convenor_required
def delete_round(slug: str):
    """Delete the round and all its personal data, once its address name is typed."""
    rnd = round_or_404(slug)
    form = DeleteRoundForm()
    if not form.validate_on_submit() or form.confirm.data.strip() != rnd.slug:
        if form.confirm.data and not form.confirm.errors:
            form.confirm.errors = [_("The address name does not match; nothing was deleted.")]
        retention = RetentionForm(formdata=None, contact_months=services.contact_months(rnd))
        return _settings_page(rnd, retention, form, 400)
    title = rnd.title
    services.delete_round(rnd)
    db.session.commit()
    flash(_("The round “%(title)s” and all its data were deleted.", title=title), "success")
    return redirect(url_for("rounds.index"))


def _text_labels() -> dict[str, str]:
    """The headings of the plain-text download, in the current language."""
    return {
        "organisation": _("Organisation"),
        "municipality": _("Municipality"),
        "contact": _("Contact person"),
        "consent": _("May be quoted by name in published results"),
        "yes": _("Yes"),
        "no": _("No"),
    }


@bp.route("/v/<token>/omat-tiedot.<any(json, txt):kind>")
def own_data(token: str, kind: str):
    """An organisation downloads what it submitted, through its private link."""
    submission = submission_for_token(token)
    if submission is None:
        abort(404)
    if kind == "json":
        body, mimetype = services.submission_json(submission), "application/json"
    else:
        body = services.submission_text(submission, _text_labels()).encode("utf-8")
        mimetype = "text/plain; charset=utf-8"
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="vastaus-{submission.id}.{kind}"',
            "Cache-Control": "no-store",
        },
    )
