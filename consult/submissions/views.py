"""The round's public page, independent submissions and their private edit links."""

from __future__ import annotations

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
from flask_babel import gettext as _

from consult.extensions import db, limiter
from consult.organisations.queries import directory_count
from consult.rounds.pages import round_or_404
from consult.signals import answers_saved, contact_deleted
from consult.submissions import queries, services
from consult.submissions import receivers as _receivers  # noqa: F401 - connects the signals
from consult.submissions.models import Submission
from consult.submissions.pages import answer_page, answer_values, closed_message, today
from forms.fields import typed_lines
from forms.submissions import edit_data, submission_form

bp = Blueprint("submissions", __name__)

# The organisation directory shows how many answers each organisation gave.
directory_count("submissions")(queries.answers_by_organisation)


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
    message = None if is_open else closed_message(submission.round)
    return render_template(
        "submissions/edit.html",
        submission=submission,
        form=form,
        is_open=is_open,
        texts=texts,
        closed_message=message,
        **extra,
    ), status


@bp.route("/v/<token>", methods=["GET", "POST"])
def edit(token: str):
    """Edit an independent answer until the round closes."""
    submission = _submission_or_404(token)
    rnd = submission.round
    is_open = rnd.is_open(today())
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
            submission, today=today(), **answer_values(form, rnd.questions)
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
    submission = _submission_or_404(token)
    services.delete_contact(submission)
    contact_deleted.send(submission)  # mail keeps no copy of the address either
    db.session.commit()
    flash(_("The contact details have been deleted."), "success")
    return redirect(url_for("submissions.edit", token=token))
