"""The public answer form, shared by the round's public link (``submissions.public``) and an
invitation's own link (``mail.invited``): a view module of its own, so that mail's view
uses it without importing this feature's views."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from consult import clock
from consult.errors import RoundClosed
from consult.extensions import db
from consult.formatting import format_date_short
from consult.rounds.models import Round
from consult.signals import answer_sent, answers_saved
from consult.submissions import services
from forms.fields import question_field_name, split_lines, typed_lines
from forms.submissions import SubmissionForm, submission_form


def today() -> date:
    """The date answers are checked against (``TODAY`` fixes it in tests and demos)."""
    fixed = current_app.config.get("TODAY")
    return date.fromisoformat(fixed) if fixed else clock.today()


def answer_values(form: SubmissionForm, questions: Any) -> dict[str, Any]:
    """The service's keyword arguments from a valid answer form."""
    return {
        "organisation": form.organisation.data,
        "kind": form.kind.data,
        "municipality": form.municipality.data,
        "contact_name": form.contact_name.data or "",
        "contact_email": form.contact_email.data or "",
        "notify_results": bool(form.notify_results.data),
        "language": str(get_locale()),
        "proposals": {
            q.id: split_lines(getattr(form, question_field_name(q.id)).data) for q in questions
        },
    }


def closed_message(rnd: Round) -> str:
    """Why the round takes no answers today."""
    if today() < rnd.opens_on:
        return _(
            "The round is not open yet. It opens on %(date)s.", date=format_date_short(rnd.opens_on)
        )
    return _(
        "The round closed on %(date)s, so answers can no longer be sent or changed.",
        date=format_date_short(rnd.closes_on),
    )


def _create_once(rnd: Round, form: SubmissionForm, invitation: Any = None) -> str:
    """Save the answer unless this form was sent before; the edit token either way.

    A resend, a double tap or a retry after a timeout carries the same form key: it finds
    the answer stored the first time (also when both arrive at once: the unique key makes
    one of them fail, and that one answers with the other's result).
    """
    key = form.submission_key.data
    try:
        submission, token = services.create_independent_submission(
            rnd, today=today(), submission_key=key, **answer_values(form, rnd.questions)
        )
        submission.quote_consent = bool(form.quote_consent.data)
        send_link = bool(form.send_link.data)
        # mail links the answer to its invitation and sends the edit link if asked for
        answer_sent.send(submission, edit_token=token, send_link=send_link, invitation=invitation)
        if send_link:
            flash(_("The edit link is also on its way to your email."), "success")
        answers_saved.send(None, round_id=rnd.id)  # sent once the answer is committed
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if services.submission_for_key(key) is None:
            raise
        return services.edit_token_for_key(key)
    return token


def answer_page(rnd: Round, invitation: Any = None) -> Any:
    """The public answer form (a view's response).

    ``invitation``: mail's ``Invitation`` when the form is opened through its own link
    (``mail.invited``): its organisation is filled in, and the answer is linked to it.
    """
    data = None
    if invitation is not None:
        org = invitation.organisation
        data = {"organisation": org.name, "kind": org.kind, "municipality": org.municipality}
    form = submission_form(rnd.questions, data=data)
    is_open = rnd.is_open(today())
    page = {"rnd": rnd, "form": form, "invitation": invitation}
    if request.method == "POST":
        sent = services.submission_for_key(form.submission_key.data)
        if sent is not None and sent.round_id == rnd.id:
            # This very form was sent before: the same answer again, never a second one.
            token = services.edit_token_for_key(form.submission_key.data)
            return redirect(url_for("submissions.thanks", token=token))
        if not services.SUBMISSION_KEY.match(form.submission_key.data or ""):
            form.submission_key.data = services.new_submission_key()
        if not is_open:
            return render_template(
                "submissions/public.html",
                **page,
                is_open=False,
                closed_message=closed_message(rnd),
                unsent=typed_lines(request.form, [q.id for q in rnd.questions]),
            ), 409
        if form.validate_on_submit():
            try:
                token = _create_once(rnd, form, invitation)
            except RoundClosed:
                abort(409)
            return redirect(url_for("submissions.thanks", token=token))
        flash(_("Nothing was sent yet: check the fields marked below."), "error")
        return render_template("submissions/public.html", **page, is_open=True), 400
    form.submission_key.data = services.new_submission_key()
    return render_template(
        "submissions/public.html",
        **page,
        is_open=is_open,
        closed_message=None if is_open else closed_message(rnd),
    )
