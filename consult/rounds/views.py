"""Convenor pages: rounds and their questions (workshops: consult.workshops.views)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult import clock
from consult.auth.decorators import convenor_required
from consult.confirmation import confirmation_page, confirmed
from consult.errors import DomainError
from consult.extensions import db
from consult.rounds import services
from consult.rounds.models import Question, Round
from consult.rounds.pages import detail_values, round_or_404
from forms.fields import translation_values, translations_from
from forms.rounds import QuestionForm, RoundForm

bp = Blueprint("rounds", __name__, url_prefix="/kierrokset")

ROUND_TEXTS = ("title", "purpose", "instructions")
QUESTION_TEXTS = ("text", "help_text")


def _round_values(form: RoundForm) -> dict:
    return {
        "title": form.title.data,
        "purpose": form.purpose.data or "",
        "instructions": form.instructions.data or "",
        "opens_on": form.opens_on.data,
        "closes_on": form.closes_on.data,
        "translations": translations_from(form.data, ROUND_TEXTS),
    }


def _question_values(form: QuestionForm) -> dict:
    return {
        "text": form.text.data,
        "help_text": form.help_text.data or "",
        "position": form.position.data,
        "translations": translations_from(form.data, QUESTION_TEXTS),
    }


def _question_or_404(rnd: Round, question_id: int) -> Question:
    question = db.get_or_404(Question, question_id)
    if question.round_id != rnd.id:
        abort(404)
    return question


def _questions(slug: str):
    return redirect(url_for("rounds.detail", slug=slug, _anchor="kysymykset"))


@bp.route("/")
@login_required
def index():
    """The rounds a convenor runs."""
    return render_template("rounds/index.html", rounds=services.list_rounds())


@bp.route("/uusi", methods=["GET", "POST"])
@convenor_required
def new():
    """Create a round."""
    form = RoundForm()
    if form.validate_on_submit():
        rnd = services.create_round(**_round_values(form), created_by_id=current_user.id)
        db.session.commit()
        flash(_("The round was created. Add its questions and workshops next."), "success")
        return redirect(url_for("rounds.detail", slug=rnd.slug))
    return render_template("rounds/form.html", form=form, rnd=None)


@bp.route("/<slug>")
@login_required
def detail(slug: str):
    """A round's overview: questions, workshops with session links, participation, analyses."""
    rnd = round_or_404(slug)
    return render_template(
        "rounds/detail.html",
        rnd=rnd,
        question_form=QuestionForm(),
        today=clock.today(),
        **detail_values(rnd),
    )


@bp.route("/<slug>/muokkaa", methods=["GET", "POST"])
@convenor_required
def edit(slug: str):
    """Edit a round's title, texts and dates."""
    rnd = round_or_404(slug)
    form = RoundForm(obj=rnd, data=translation_values(rnd, ROUND_TEXTS))
    if form.validate_on_submit():
        services.update_round(rnd, **_round_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("rounds.detail", slug=rnd.slug))
    return render_template("rounds/form.html", form=form, rnd=rnd)


@bp.route("/<slug>/kysymykset", methods=["POST"])
@convenor_required
def add_question(slug: str):
    """Add a question."""
    rnd = round_or_404(slug)
    form = QuestionForm()
    if form.validate_on_submit():
        services.add_question(rnd, **_question_values(form))
        db.session.commit()
        flash(_("Question added."), "success")
        return _questions(slug)
    return render_template("rounds/question_form.html", form=form, rnd=rnd, question=None), 400


@bp.route("/<slug>/kysymykset/<int:question_id>", methods=["GET", "POST"])
@convenor_required
def edit_question(slug: str, question_id: int):
    """Edit or reorder a question."""
    rnd = round_or_404(slug)
    question = _question_or_404(rnd, question_id)
    form = QuestionForm(obj=question, data=translation_values(question, QUESTION_TEXTS))
    if form.validate_on_submit():
        services.update_question(question, **_question_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return _questions(slug)
    return render_template("rounds/question_form.html", form=form, rnd=rnd, question=question)


@bp.route("/<slug>/kysymykset/<int:question_id>/poista", methods=["POST"])
@convenor_required
def delete_question(slug: str, question_id: int):
    """Delete a question without proposals."""
    rnd = round_or_404(slug)
    question = _question_or_404(rnd, question_id)
    if not confirmed():
        return confirmation_page(
            title=_("Delete the question “%(text)s”?", text=question.text),
            consequences=[
                _("The question is removed from the round and from its public form."),
                _("The workshops' session links no longer ask for it."),
                _("This cannot be undone; you can add the question again by hand."),
            ],
            confirm_label=_("Yes, delete the question"),
            back=url_for("rounds.detail", slug=slug, _anchor="kysymykset"),
        )
    try:
        services.delete_question(question)
    except DomainError:
        flash(_("The question already has proposals, so it cannot be deleted."), "error")
    else:
        db.session.commit()
        flash(_("Question deleted."), "success")
    return _questions(slug)
