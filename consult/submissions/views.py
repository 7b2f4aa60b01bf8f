"""The round's public page, independent submissions and their private edit links."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consult.errors import RoundClosed
from consult.extensions import db
from consult.formatting import format_date_short
from consult.rounds.services import round_or_404
from consult.submissions import services
from consult.submissions.models import Submission
from consult.themes import jobs
from forms.fields import question_field_name, split_lines, typed_lines
from forms.submissions import SubmissionForm, submission_form

bp = Blueprint("submissions", __name__)


def _today() -> date:
    from flask import current_app

    fixed = current_app.config.get("TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def _values(form: SubmissionForm, questions) -> dict:
    return {
        "organisation": form.organisation.data,
        "kind": form.kind.data,
        "municipality": form.municipality.data,
        "contact_name": form.contact_name.data or "",
        "contact_email": form.contact_email.data or "",
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


@bp.route("/k/<slug>", methods=["GET", "POST"])
def public(slug: str):
    """Read the instructions and answer as an organisation."""
    rnd = round_or_404(slug)
    form = submission_form(rnd.questions)
    is_open = rnd.is_open(_today())
    if request.method == "POST":
        if not is_open:
            return render_template(
                "submissions/public.html",
                rnd=rnd,
                form=form,
                is_open=False,
                closed_message=_closed_message(rnd),
                unsent=typed_lines(request.form, [q.id for q in rnd.questions]),
            ), 409
        if form.validate_on_submit():
            try:
                submission, token = services.create_independent_submission(
                    rnd, today=_today(), **_values(form, rnd.questions)
                )
                submission.quote_consent = bool(form.quote_consent.data)
            except RoundClosed:
                abort(409)
            jobs.queue_embeddings(rnd.id)
            db.session.commit()
            return redirect(url_for("submissions.thanks", token=token))
        flash(_("Nothing was sent yet: check the fields marked below."), "error")
        return render_template("submissions/public.html", rnd=rnd, form=form, is_open=True), 400
    return render_template(
        "submissions/public.html",
        rnd=rnd,
        form=form,
        is_open=is_open,
        closed_message=None if is_open else _closed_message(rnd),
    )


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


@bp.route("/v/<token>", methods=["GET", "POST"])
def edit(token: str):
    """Edit an independent answer until the round closes."""
    submission = _submission_or_404(token)
    rnd = submission.round
    is_open = rnd.is_open(_today())
    texts = services.proposals_by_question(submission)
    if request.method == "GET":
        data = {
            "organisation": submission.organisation.name if submission.organisation else "",
            "kind": submission.organisation.kind if submission.organisation else "",
            "municipality": submission.organisation.municipality if submission.organisation else "",
            "contact_name": submission.contact_name,
            "contact_email": submission.contact_email,
            "quote_consent": submission.quote_consent,
        }
        for q in rnd.questions:
            data[question_field_name(q.id)] = "\n".join(texts.get(q.id, []))
        form = submission_form(rnd.questions, data=data)
        return render_template(
            "submissions/edit.html",
            submission=submission,
            form=form,
            is_open=is_open,
            texts=texts,
            closed_message=None if is_open else _closed_message(rnd),
        )
    form = submission_form(rnd.questions)
    if not is_open:
        # Show what was typed, so that nothing is lost even though it can no longer be saved.
        unsent = typed_lines(request.form, [q.id for q in rnd.questions])
        return render_template(
            "submissions/edit.html",
            submission=submission,
            form=form,
            is_open=False,
            texts=texts,
            closed_message=_closed_message(rnd),
            unsent=unsent,
        ), 409
    if form.validate_on_submit():
        services.update_independent_submission(
            submission, today=_today(), **_values(form, rnd.questions)
        )
        submission.quote_consent = bool(form.quote_consent.data)
        jobs.queue_embeddings(rnd.id)
        db.session.commit()
        flash(_("Your changes have been saved."), "success")
        return redirect(url_for("submissions.edit", token=token))
    flash(_("Nothing was saved yet: check the fields marked below."), "error")
    return render_template(
        "submissions/edit.html",
        submission=submission,
        form=form,
        is_open=True,
        texts=texts,
        closed_message=None,
    ), 400


@bp.route("/v/<token>/poista-yhteystiedot", methods=["POST"])
def delete_contact(token: str):
    """Remove the contact person's name and email; proposals stay."""
    submission = _submission_or_404(token)
    services.delete_contact(submission)
    db.session.commit()
    flash(_("The contact details have been deleted."), "success")
    return redirect(url_for("submissions.edit", token=token))
