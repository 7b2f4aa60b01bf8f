"""The round's public page, independent submissions and their private edit links."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from consult import clock
from consult.errors import RoundClosed
from consult.extensions import db, limiter
from consult.formatting import format_date_short
from consult.mail import services as mail_services
from consult.organisations.queries import directory_count
from consult.rounds.pages import round_or_404
from consult.signals import answers_saved
from consult.submissions import queries, services
from consult.submissions import receivers as _receivers  # noqa: F401 - connects the signals
from consult.submissions.models import Submission
from forms.fields import question_field_name, split_lines, typed_lines
from forms.submissions import SubmissionForm, edit_data, submission_form

bp = Blueprint("submissions", __name__)

# The organisation directory shows how many answers each organisation gave.
directory_count("submissions")(queries.answers_by_organisation)


def _today() -> date:
    from flask import current_app

    fixed = current_app.config.get("TODAY")
    return date.fromisoformat(fixed) if fixed else clock.today()


def _values(form: SubmissionForm, questions) -> dict:
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


def _closed_message(rnd) -> str:
    if _today() < rnd.opens_on:
        return _(
            "The round is not open yet. It opens on %(date)s.", date=format_date_short(rnd.opens_on)
        )
    return _(
        "The round closed on %(date)s, so answers can no longer be sent or changed.",
        date=format_date_short(rnd.closes_on),
    )


def _create_once(rnd, form: SubmissionForm, invitation=None) -> str:
    """Save the answer unless this form was sent before; the edit token either way.

    A resend, a double tap or a retry after a timeout carries the same form key: it finds
    the answer stored the first time (also when both arrive at once: the unique key makes
    one of them fail, and that one answers with the other's result).
    """
    key = form.submission_key.data
    try:
        submission, token = services.create_independent_submission(
            rnd, today=_today(), submission_key=key, **_values(form, rnd.questions)
        )
        submission.quote_consent = bool(form.quote_consent.data)
        _tell_mail(submission, token, form, invitation)
        answers_saved.send(None, round_id=rnd.id)  # sent once the answer is committed
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if services.submission_for_key(key) is None:
            raise
        return services.edit_token_for_key(key)
    return token


def _tell_mail(submission, token: str, form: SubmissionForm, invitation) -> None:
    """Link the answer to its invitation and send the edit link if asked (after the commit)."""
    from consult.mail import services as mail

    if invitation is not None:
        mail.link_answer(invitation, submission)
    else:
        mail.link_answer_by_organisation(submission)
    if form.send_link.data:
        mail.send_edit_link(submission, token)
        flash(_("The edit link is also on its way to your email."), "success")


@bp.route("/k/<slug>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PUBLIC_FORM_RATE_LIMIT"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["PUBLIC_FORM_LINK_RATE_LIMIT"],
    methods=["POST"],
    key_func=lambda: "link:" + request.path,
)
def public(slug: str):
    """Read the instructions and answer as an organisation."""
    return answer_page(round_or_404(slug))


def answer_page(rnd, invitation=None):
    """The public answer form; through an invitation the organisation is filled in and the
    answer is linked to the invitation."""
    data = None
    if invitation is not None:
        org = invitation.organisation
        data = {"organisation": org.name, "kind": org.kind, "municipality": org.municipality}
    form = submission_form(rnd.questions, data=data)
    is_open = rnd.is_open(_today())
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
                closed_message=_closed_message(rnd),
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
        closed_message=None if is_open else _closed_message(rnd),
    )


@bp.errorhandler(429)
def too_many(error):
    """Rate limited: the form comes back with what was typed, to send again in a minute."""
    if request.endpoint != "submissions.public" or request.method != "POST":
        return render_template("errors/error.html", code=429), 429
    rnd = round_or_404((request.view_args or {})["slug"])
    form = submission_form(rnd.questions)
    flash(
        _(
            "Too many answers were sent from your network just now. Nothing was sent yet: wait a minute and press Send again; what you typed is kept below."
        ),
        "error",
    )
    return render_template("submissions/public.html", rnd=rnd, form=form, is_open=True), 429


def _submission_or_404(token: str) -> Submission:
    submission = services.submission_for_token(token)
    if submission is None:
        abort(404)
    return submission


@bp.route("/v/<token>/kiitos")
def thanks(token: str):
    """Confirmation with the private edit link."""
    submission = _submission_or_404(token)
    return render_template(
        "submissions/thanks.html",
        submission=submission,
        token=token,
        texts=services.proposals_by_question(submission),
    )


def _edit_page(
    submission: Submission, form, texts: dict, is_open: bool, status: int = 200, **extra
):
    closed_message = None if is_open else _closed_message(submission.round)
    return render_template(
        "submissions/edit.html",
        submission=submission,
        form=form,
        is_open=is_open,
        texts=texts,
        closed_message=closed_message,
        **extra,
    ), status


@bp.route("/v/<token>", methods=["GET", "POST"])
def edit(token: str):
    """Edit an independent answer until the round closes."""
    submission = _submission_or_404(token)
    rnd = submission.round
    is_open = rnd.is_open(_today())
    texts = services.proposals_by_question(submission)
    if request.method == "GET":
        form = submission_form(rnd.questions, data=edit_data(submission, texts))
        return _edit_page(submission, form, texts, is_open)
    form = submission_form(rnd.questions)
    if not is_open:
        # Show what was typed, so that nothing is lost even though it can no longer be saved.
        unsent = typed_lines(request.form, [q.id for q in rnd.questions])
        return _edit_page(submission, form, texts, False, 409, unsent=unsent)
    if form.validate_on_submit():
        services.update_independent_submission(
            submission, today=_today(), **_values(form, rnd.questions)
        )
        submission.quote_consent = bool(form.quote_consent.data)
        answers_saved.send(None, round_id=rnd.id)
        db.session.commit()
        flash(_("Your changes have been saved."), "success")
        return redirect(url_for("submissions.edit", token=token))
    flash(_("Nothing was saved yet: check the fields marked below."), "error")
    return _edit_page(submission, form, texts, True, 400)


@bp.route("/v/<token>/poista-yhteystiedot", methods=["POST"])
def delete_contact(token: str):
    """Remove the contact person's name and email; proposals stay."""
    from consult.mail.services import forget_recipients

    submission = _submission_or_404(token)
    services.delete_contact(submission)
    forget_recipients(submission.id)
    db.session.commit()
    flash(_("The contact details have been deleted."), "success")
    return redirect(url_for("submissions.edit", token=token))


@bp.route("/kutsu/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PUBLIC_FORM_RATE_LIMIT"], methods=["POST"])
def invited(token: str):
    """An invitation's own link: the public form with the organisation filled in."""
    invitation = mail_services.invitation_for_token(token)
    if invitation is None:
        abort(404)
    return answer_page(invitation.round, invitation=invitation)
