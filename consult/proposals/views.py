"""The proposals browser: search, filter, sort, page through, act on many; moderate one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.auth.decorators import convenor_required
from consult.curation import queries as curation_queries
from consult.curation import services as curation_services
from consult.errors import DomainError, ErrorCode, user_message
from consult.extensions import db
from consult.organisations.models import ORGANISATION_KINDS
from consult.proposals import queries, services
from consult.rounds.pages import round_or_404
from consult.submissions.models import Proposal, Submission
from consult.utils import is_id

bp = Blueprint("proposals", __name__, url_prefix="/kierrokset")


def _int(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if is_id(value) else None


def _filters() -> queries.Filters:
    args = request.args
    hidden = args.get("nakyvyys", "visible")
    sort = args.get("jarjestys", "new")
    highlight = args.get("nosto", "")
    return queries.Filters(
        q=" ".join(args.get("q", "").split())[:200],
        question=_int("kysymys"),
        workshop=_int("tyopaja"),
        organisation=_int("organisaatio"),
        municipality=args.get("kunta", "")[:100],
        kind=args.get("tyyppi", "") if args.get("tyyppi", "") in ORGANISATION_KINDS else "",
        highlight=highlight if highlight == "none" or is_id(highlight) else "",
        hidden=hidden if hidden in ("visible", "hidden", "all") else "visible",
        sort=sort if sort in queries.SORTS else "new",
        page=_int("sivu") or 1,
    )


@bp.get("/<slug>/ehdotukset")
@login_required
def index(slug: str):
    """Every proposal of the round, searchable and filterable, a page at a time."""
    rnd = round_or_404(slug)
    filters = _filters()
    return render_template(
        "proposals/index.html",
        rnd=rnd,
        f=filters,
        page=queries.browse(rnd, filters),
        choices=queries.choices(rnd),
        kinds=ORGANISATION_KINDS,
        version=curation_queries.version(rnd),
    )


def _back(slug: str) -> str:
    target = request.form.get("next", "")
    prefix = url_for("proposals.index", slug=slug)
    return target if target.startswith(prefix) else prefix


def _bulk_action(rnd, ids: list[int], action: str) -> str:
    """Carry out one bulk action; the success message. Raises the services' refusals."""
    form = request.form
    if action == "assign":
        target, version = form.get("highlight", ""), form.get("version", "")
        if not is_id(target):
            raise services.ModerationError(ErrorCode.HIGHLIGHT_NOT_CHOSEN)
        services.round_proposals(rnd, ids)
        curation_services.move_proposals(
            rnd,
            ids,
            int(target),
            user_id=current_user.id,
            version=int(version) if is_id(version) else -1,
        )
        return _("%(n)d proposals were moved to the highlight.", n=len(ids))
    if action == "hide":
        chosen = services.round_proposals(rnd, ids)
        n = services.hide(chosen, form.get("reason", ""), user_id=current_user.id)
        return _("%(n)d proposals were hidden.", n=n)
    if action == "unhide":
        n = services.unhide(services.round_proposals(rnd, ids), user_id=current_user.id)
        return _("%(n)d proposals were brought back.", n=n)
    raise services.ModerationError(ErrorCode.MODERATION_ACTION_MISSING)


def _refusal(exc: DomainError) -> str:
    # Curation's refusals still carry their own message (curation's package); ours a code.
    message = getattr(exc, "message", None)
    return str(message) if message is not None else user_message(exc)


@bp.post("/<slug>/ehdotukset/toiminto")
@convenor_required
def bulk(slug: str):
    """Assign the chosen proposals to a highlight, hide them or bring them back."""
    rnd = round_or_404(slug)
    ids = [int(v) for v in request.form.getlist("ids") if is_id(v)]
    try:
        message = _bulk_action(rnd, ids, request.form.get("action", ""))
    except (curation_services.CurationError, services.ModerationError) as exc:
        db.session.rollback()
        flash(_refusal(exc), "error")
        return redirect(_back(slug))
    db.session.commit()
    flash(message, "success")
    return redirect(_back(slug))


def _proposal_or_404(rnd, proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    submission = db.session.get(Submission, proposal.submission_id) if proposal else None
    if proposal is None or submission is None or submission.round_id != rnd.id:
        abort(404)
    return proposal


@bp.get("/<slug>/ehdotukset/<int:proposal_id>")
@login_required
def detail(slug: str, proposal_id: int):
    """One proposal with its source, moderation forms and history."""
    rnd = round_or_404(slug)
    proposal = _proposal_or_404(rnd, proposal_id)
    return _detail_page(rnd, proposal)


def _detail_page(rnd, proposal: Proposal, status: int = 200, error: str = ""):
    return render_template(
        "proposals/detail.html",
        rnd=rnd,
        p=proposal,
        history=services.history(proposal),
        error=error,
        typed=request.form if request.method == "POST" else {},
    ), status


def _moderate(proposal: Proposal, action: str) -> str:
    """Carry out one moderation; the success message. Raises ModerationError."""
    form, user_id = request.form, current_user.id
    if action == "hide":
        services.hide([proposal], form.get("reason", ""), user_id=user_id)
        return _("The proposal was hidden.")
    if action == "unhide":
        services.unhide([proposal], user_id=user_id)
        return _("The proposal was brought back.")
    if action == "edit":
        text, reason = form.get("text", ""), form.get("reason", "")
        changed = services.edit(proposal, text, reason, user_id=user_id)
        return _("The text was saved.") if changed else _("The text did not change.")
    if action == "redact":
        services.redact(proposal, form.get("span", ""), user_id=user_id)
        return _("The personal data was removed.")
    abort(400)


@bp.post("/<slug>/ehdotukset/<int:proposal_id>")
@convenor_required
def moderate(slug: str, proposal_id: int):
    """Hide, unhide, edit or redact one proposal."""
    rnd = round_or_404(slug)
    proposal = _proposal_or_404(rnd, proposal_id)
    try:
        message = _moderate(proposal, request.form.get("action", ""))
    except services.ModerationError as exc:
        db.session.rollback()
        return _detail_page(rnd, proposal, 400, user_message(exc))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("proposals.detail", slug=slug, proposal_id=proposal_id))
