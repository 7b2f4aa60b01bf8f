"""Curate the round's highlights (nostot): edit, merge, split, move, route and undo."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.auth.decorators import convenor_required
from consult.confirmation import confirmation_page, confirmed
from consult.curation import intake, queries, routing, services
from consult.curation.errors import CurationError, NotInSelection, StaleSelection
from consult.curation.labels import ROUTE_LABELS, STATUS_LABELS
from consult.curation.models import Highlight
from consult.errors import user_message
from consult.extensions import db
from consult.formatting import format_datetime_short
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404
from consult.themes.models import AnalysisRun
from consult.themes.pages import run_or_404, run_section
from consult.themes.queries import latest_runs
from consult.utils import is_id
from forms import curation as forms

bp = Blueprint("curation", __name__, url_prefix="/kierrokset")

UNASSIGNED_PAGE = 100

Response = Any


@bp.context_processor
def curation_helpers() -> dict[str, Any]:
    return {
        "describe": queries.describe_event,
        "route_label": queries.route_label,
        "status_label": queries.status_label,
    }


def _theme_or_404(rnd: Round, theme_id: int) -> Highlight:
    theme = db.session.get(Highlight, theme_id)
    if theme is None or theme.round_id != rnd.id:
        abort(404)
    return theme


def refused(rnd: Round, message: str, back: str, status: int) -> Response:
    """Say why a change was refused; show back what was typed, so that nothing is lost."""
    db.session.rollback()
    typed = {k: v for k, v in request.form.items() if k in forms.TYPED_FIELDS and v.strip()}
    if not typed and status != 409:
        flash(message, "error")
        return redirect(back)
    return render_template(
        "curation/conflict.html", rnd=rnd, message=message, typed=typed, back=back
    ), status


def apply(
    rnd: Round, form: Any, change: Callable[..., Any], done: str, back: str, validated: bool = False
) -> Response:
    """Validate, make the change with the form's version, commit; a stale form gets 409."""
    if not validated and not form.validate_on_submit():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return refused(rnd, message, back, 400)
    try:
        change(user_id=current_user.id, version=form.version.data)
    except CurationError as exc:
        return refused(
            rnd, user_message(exc), back, 409 if isinstance(exc, StaleSelection) else 400
        )
    db.session.commit()
    flash(done, "success")
    return redirect(back)


def _error_texts(form: Any) -> list[str]:
    return [
        f"{form[name].label.text}: {' '.join(map(str, errors))}"
        for name, errors in form.errors.items()
        if name in form
    ]


def back_path() -> str | None:
    """The page a form came from, when it is a path of this site."""
    back = request.form.get("back", "")
    return back if back.startswith("/") and not back.startswith("//") else None


def _index_url(rnd: Round, theme_id: int | None = None) -> str:
    anchor = f"nosto-{theme_id}" if theme_id else None
    return url_for("curation.index", slug=rnd.slug, _anchor=anchor)


def _theme_url(rnd: Round, theme_id: int, anchor: str | None = None) -> str:
    return url_for("curation.theme", slug=rnd.slug, theme_id=theme_id, _anchor=anchor)


def follow_up_form(theme: Highlight | None = None, **data: Any) -> forms.FollowUpForm:
    """The route and follow-up form, posted (no ``data``) or filled from ``theme``."""
    form = forms.FollowUpForm(formdata=None, obj=theme, **data) if data else forms.FollowUpForm()
    form.set_choices(ROUTE_LABELS, STATUS_LABELS)
    return form


# --- the overview ----------------------------------------------------------------------


@bp.route("/<slug>/nostot")
@login_required
def index(slug: str) -> Response:
    """The highlights as a compact overview, with bulk actions."""
    return _index_page(round_or_404(slug))


def _done_runs(rnd: Round) -> list[AnalysisRun]:
    return [r for r in latest_runs(rnd, limit=20) if r.status == "done"]


def _bulk_form(rnd: Round, themes: list[Highlight], **kwargs: Any) -> forms.BulkForm:
    bulk = forms.BulkForm(version=queries.version(rnd), **kwargs)
    bulk.set_choices(themes, ROUTE_LABELS, STATUS_LABELS)
    return bulk


def _index_page(
    rnd: Round, bulk: forms.BulkForm | None = None, add: Any = None, status: int = 200
) -> Response:
    """The overview; a refused bulk form is shown back with its ticks and errors."""
    themes = queries.themes(rnd)
    version = queries.version(rnd)
    start = forms.StartForm(version=version, formdata=None)
    start.run.choices = forms.choices((r.id, run_label(r)) for r in _done_runs(rnd))
    bulk = bulk or _bulk_form(rnd, themes, formdata=None)
    return render_template(
        "curation/index.html",
        rnd=rnd,
        curation=queries.curation(rnd),
        themes=themes,
        support=queries.support(rnd),
        n_unassigned=queries.unassigned_count(rnd),
        version=version,
        undo_event=queries.next_undo(rnd),
        start=start,
        bulk=bulk,
        ticked=set(bulk.themes.data or []),
        add=add or forms.AddThemeForm(version=version, formdata=None),
    ), status


def run_label(run: AnalysisRun) -> str:
    what = run.question.text if run.question else _("all questions")
    return _(
        "%(when)s · %(what)s · %(n)d themes",
        when=format_datetime_short(run.finished_at or run.created_at),
        what=what,
        n=run.n_themes,
    )


def _confirm_start(rnd: Round, n: int, run: AnalysisRun) -> Response:
    return confirmation_page(
        title=_("Start again from this analysis?"),
        consequences=[
            _(
                "The current %(n)d highlights are replaced by the themes of the analysis "
                "of %(when)s.",
                n=n,
                when=format_datetime_short(run.finished_at or run.created_at),
            ),
            _(
                "Titles, statements, merges, routes and follow-up statuses written for "
                "the current highlights are no longer shown."
            ),
            _("You can undo this afterwards with “Undo” or from the change history."),
        ],
        confirm_label=_("Yes, start again"),
        back=_index_url(rnd),
    )


@bp.post("/<slug>/nostot/aloita")
@convenor_required
def start(slug: str) -> Response:
    """Copy an analysis run's themes into the selection; starting again asks first."""
    rnd = round_or_404(slug)
    form = forms.StartForm()
    form.run.choices = forms.choices((r.id, "") for r in _done_runs(rnd))
    run = db.session.get(AnalysisRun, form.run.data) if form.run.data else None
    n_themes = len(queries.themes(rnd))
    agreed = bool(form.replace.data) or confirmed()
    if n_themes and not agreed and run is not None and run.round_id == rnd.id:
        return _confirm_start(rnd, n_themes, run)

    def change(**kw: Any) -> None:
        if run is None:
            raise NotInSelection()
        services.start_from_run(rnd, run, replace=agreed, **kw)

    done = _("The selection now holds the analysis's themes.")
    return apply(rnd, form, change, done, _index_url(rnd))


@bp.post("/<slug>/nostot/kumoa")
@convenor_required
def undo(slug: str) -> Response:
    """Undo the latest change."""
    rnd = round_or_404(slug)
    return apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.undo(rnd, **kw),
        _("The latest change was undone."),
        back_path() or _index_url(rnd),
    )


@bp.route("/<slug>/nostot/historia")
@login_required
def history(slug: str) -> Response:
    """Every change of the selection: who, when, what."""
    rnd = round_or_404(slug)
    return render_template(
        "curation/history.html",
        rnd=rnd,
        events=queries.events(rnd, limit=1000),
        version=queries.version(rnd),
        undo_event=queries.next_undo(rnd),
    )


@bp.post("/<slug>/nostot/uusi")
@convenor_required
def add(slug: str) -> Response:
    """Add a highlight by hand."""
    rnd = round_or_404(slug)
    form = forms.AddThemeForm()
    ok = form.validate_on_submit()
    if not ok and "version" not in form.errors:
        return _index_page(rnd, add=form, status=400)
    return apply(
        rnd,
        form,
        lambda **kw: services.add_theme(
            rnd, title=form.title.data, statement=form.statement.data or "", **kw
        ),
        _("The theme was added."),
        _index_url(rnd),
        validated=ok,
    )


@bp.post("/<slug>/nostot/yhdista")
@convenor_required
def merge(slug: str) -> Response:
    """Merge the chosen highlights."""
    rnd = round_or_404(slug)
    form = forms.MergeForm()
    form.themes.choices = forms.choices((t.id, t.title) for t in queries.themes(rnd))
    return apply(
        rnd,
        form,
        lambda **kw: services.merge(rnd, form.themes.data or [], **kw),
        _("The themes were merged."),
        _index_url(rnd),
    )


def _bulk_change(rnd: Round, form: forms.BulkForm, ids: list[int]) -> tuple[Any, str]:
    """The change a bulk action makes, and what to say when it is done."""
    n = len(ids)
    return {
        "merge": (partial(services.merge, rnd, ids), _("The highlights were merged.")),
        "move": (
            partial(services.move_themes, rnd, ids, form.position.data),
            _("The highlights were moved."),
        ),
        "route": (
            partial(
                routing.bulk_follow_up,
                rnd,
                ids,
                route=form.route.data,
                route_other=form.route_other.data or "",
            ),
            _("The route of %(n)d highlights was set.", n=n),
        ),
        "status": (
            partial(
                routing.bulk_follow_up,
                rnd,
                ids,
                status=form.status.data,
                status_date=form.status_date.data,
            ),
            _("The follow-up status of %(n)d highlights was set.", n=n),
        ),
        "delete": (
            partial(services.delete_themes, rnd, ids),
            _("%(n)d highlights were deleted.", n=n),
        ),
    }[form.action.data]


@bp.post("/<slug>/nostot/valitut")
@convenor_required
def bulk(slug: str) -> Response:
    """Merge, move, route, set the status of or delete the ticked highlights at once."""
    rnd = round_or_404(slug)
    themes = queries.themes(rnd)
    form = _bulk_form(rnd, themes)
    action = form.action.data = request.form.get("action", "")
    if action not in forms.BULK_ACTIONS:
        abort(400)
    if not form.validate_on_submit():
        db.session.rollback()
        return _index_page(rnd, form, status=400)
    ids = form.themes.data
    if action == "delete" and not confirmed():
        return _confirm_delete([t for t in themes if t.id in set(ids)], _index_url(rnd))
    change, done = _bulk_change(rnd, form, ids)
    back = _index_url(rnd, ids[0] if action in ("merge", "move") else None)
    return apply(rnd, form, change, done, back, validated=True)


def _confirm_delete(chosen: list[Highlight], back: str) -> Response:
    """Ask before deleting highlights; say what becomes of their proposals."""
    members = sum(len(t.members) for t in chosen)
    return confirmation_page(
        title=_("Delete the highlight “%(title)s”?", title=chosen[0].title)
        if len(chosen) == 1
        else _("Delete %(n)d highlights?", n=len(chosen)),
        consequences=[
            _("Deleted: %(titles)s.", titles=", ".join(f"“{t.title}”" for t in chosen)),
            _(
                "Their titles, statements, routes and follow-up statuses are removed; their "
                "%(n)d proposals move outside the themes, where they can be added to other "
                "highlights.",
                n=members,
            ),
            _("You can undo this afterwards with “Undo” or from the change history."),
        ],
        confirm_label=_("Yes, delete the highlight")
        if len(chosen) == 1
        else _("Yes, delete %(n)d highlights", n=len(chosen)),
        back=back,
    )


# --- one highlight ---------------------------------------------------------------------


@bp.route("/<slug>/nostot/<int:theme_id>")
@login_required
def theme(slug: str, theme_id: int) -> Response:
    """One highlight: edit it, pick its proposals to move or split, route it."""
    rnd = round_or_404(slug)
    return _theme_page(rnd, _theme_or_404(rnd, theme_id))


def _theme_page(
    rnd: Round, selected: Highlight, edit: Any = None, follow: Any = None, status: int = 200
) -> Response:
    """A highlight's page; a refused form is shown back as typed, with its errors."""
    version = queries.version(rnd)
    if edit is None:
        edit = forms.EditThemeForm(
            formdata=None,
            version=version,
            title=selected.title,
            statement=selected.statement,
            keywords=", ".join(selected.keywords or []),
        )
    themes = queries.themes(rnd)
    return render_template(
        "curation/theme.html",
        rnd=rnd,
        theme=selected,
        rows=queries.theme_proposals(rnd, selected.id).get(selected.id, []),
        support=queries.support(rnd)[selected.id],
        others=[t for t in themes if t.id != selected.id],
        version=version,
        edit=edit,
        follow=follow or follow_up_form(selected, version=version),
        recluster=forms.ReclusterForm(version=version, formdata=None),
        undo_event=queries.next_undo(rnd),
    ), status


@bp.post("/<slug>/nostot/<int:theme_id>/muokkaa")
@convenor_required
def edit(slug: str, theme_id: int) -> Response:
    """Rename a highlight and write its statement."""
    rnd = round_or_404(slug)
    form = forms.EditThemeForm()
    ok = form.validate_on_submit()
    if not ok and "version" not in form.errors:
        return _theme_page(rnd, _theme_or_404(rnd, theme_id), edit=form, status=400)
    title, statement, keywords = form.title.data, form.statement.data or "", form.keyword_list()
    return apply(
        rnd,
        form,
        lambda **kw: services.edit_theme(
            rnd, theme_id, title=title, statement=statement, keywords=keywords, **kw
        ),
        _("Changes saved."),
        back_path() or _theme_url(rnd, theme_id),
        validated=ok,
    )


@bp.post("/<slug>/nostot/<int:theme_id>/jarjestys/<direction>")
@convenor_required
def reorder(slug: str, theme_id: int, direction: str) -> Response:
    """Move a highlight one place up or down."""
    rnd = round_or_404(slug)
    if direction not in ("ylos", "alas"):
        abort(404)
    step = -1 if direction == "ylos" else 1
    response = apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.reorder(rnd, theme_id, step, **kw),
        _("The order was changed."),
        _index_url(rnd, theme_id),
    )
    if getattr(response, "status_code", None) == 302:
        response.location = _reordered_url(rnd, theme_id, step, direction)
    return response


def _reordered_url(rnd: Round, theme_id: int, step: int, direction: str) -> str:
    """Back to the pressed button (or its pair, when the highlight reached an end)."""
    themes = queries.themes(rnd)
    at_end = themes and themes[0 if step < 0 else -1].id == theme_id
    direction = ("alas" if step < 0 else "ylos") if at_end else direction
    return url_for("curation.index", slug=rnd.slug, _anchor=f"jarjestys-{theme_id}-{direction}")


@bp.post("/<slug>/nostot/<int:theme_id>/poista")
@convenor_required
def delete(slug: str, theme_id: int) -> Response:
    """Delete a highlight, after confirmation; its proposals move outside the themes."""
    rnd = round_or_404(slug)
    selected = _theme_or_404(rnd, theme_id)
    if not confirmed():
        return _confirm_delete([selected], back_path() or _theme_url(rnd, theme_id))
    return apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.delete_theme(rnd, theme_id, **kw),
        _("The theme was deleted."),
        _index_url(rnd),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/ehdotukset")
@convenor_required
def proposals(slug: str, theme_id: int) -> Response:
    """Move the picked proposals to another highlight, out of them, or into a new one."""
    rnd = round_or_404(slug)
    selected = _theme_or_404(rnd, theme_id)
    form = forms.ProposalsForm()
    form.proposals.choices = forms.choices((m.proposal_id, "") for m in selected.members)
    picked = form.proposals.data or []
    change: Callable[..., Any]
    if request.form.get("action") == "split":
        change = lambda **kw: services.split_pick(  # noqa: E731
            rnd, theme_id, picked, title=form.title.data or "", **kw
        )
    else:
        target = int(form.target.data) if is_id(form.target.data) else None
        change = lambda **kw: services.move_proposals(rnd, picked, target, **kw)  # noqa: E731
    if not picked:
        flash(_("Pick at least one proposal first."), "error")
        return redirect(_theme_url(rnd, theme_id))
    return apply(rnd, form, change, _("The proposals were moved."), _theme_url(rnd, theme_id))


@bp.post("/<slug>/nostot/<int:theme_id>/lainaus/<int:proposal_id>")
@convenor_required
def quotable(slug: str, theme_id: int, proposal_id: int) -> Response:
    """Mark or unmark a proposal as a quotable example."""
    rnd = round_or_404(slug)
    value = request.form.get("quotable") == "1"
    return apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.set_quotable(rnd, theme_id, proposal_id, value, **kw),
        _("Saved."),
        _theme_url(rnd, theme_id, f"ehdotus-{proposal_id}"),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/ryhmittele")
@convenor_required
def recluster(slug: str, theme_id: int) -> Response:
    """Re-group one highlight's proposals into several highlights."""
    rnd = round_or_404(slug)
    form = forms.ReclusterForm()
    return apply(
        rnd,
        form,
        lambda **kw: services.recluster(rnd, theme_id, n_themes=form.n_themes.data, **kw),
        _("The theme was split into new themes; check their titles."),
        _index_url(rnd, theme_id),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/seuranta")
@convenor_required
def follow_up(slug: str, theme_id: int) -> Response:
    """Set a highlight's route and follow-up status."""
    rnd = round_or_404(slug)
    form = follow_up_form()
    ok = form.validate_on_submit()
    back = back_path()
    if not ok and "version" not in form.errors:
        if back:  # sent from a document's coverage page: say why there
            return refused(rnd, " ".join(_error_texts(form)), back, 400)
        return _theme_page(rnd, _theme_or_404(rnd, theme_id), follow=form, status=400)
    return apply(
        rnd,
        form,
        lambda **kw: routing.set_follow_up(rnd, theme_id, **_follow_up_data(form), **kw),
        _("Route and follow-up saved."),
        back or _theme_url(rnd, theme_id, "seuranta"),
        validated=ok,
    )


def _follow_up_data(form: forms.FollowUpForm) -> dict[str, Any]:
    return {
        "route": form.route.data,
        "route_other": form.route_other.data or "",
        "status": form.status.data,
        "status_date": form.status_date.data,
        "status_note": form.status_note.data or "",
    }


# --- proposals outside the highlights --------------------------------------------------


@bp.route("/<slug>/nostot/kohdistamattomat")
@login_required
def unassigned(slug: str) -> Response:
    """Proposals in no highlight, each with the nearest highlight suggested; 100 a page."""
    rnd = round_or_404(slug)
    value = request.args.get("sivu", "")
    asked = min(int(value), 1_000_000) if is_id(value) else 1
    rows, total, page = queries.unassigned_page(rnd, asked, UNASSIGNED_PAGE)
    pages = max(1, -(-total // UNASSIGNED_PAGE))
    themes = queries.themes(rnd)
    return render_template(
        "curation/unassigned.html",
        rnd=rnd,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        suggested=queries.suggestions(rnd, rows),
        themes=themes,
        choices=[(t.id, f"{t.position}. {t.title}") for t in themes],
        suggested_word=_("suggested"),
        version=queries.version(rnd),
    )


@bp.post("/<slug>/nostot/kohdista")
@convenor_required
def assign(slug: str) -> Response:
    """Put one proposal into a highlight."""
    rnd = round_or_404(slug)
    form = forms.AssignForm()
    pid = int(form.proposal.data) if is_id(form.proposal.data) else 0
    return apply(
        rnd,
        form,
        lambda **kw: services.move_proposals(rnd, [pid], form.theme.data, action="assign", **kw),
        _("The proposal was added to the theme."),
        url_for("curation.unassigned", slug=rnd.slug),
    )


@bp.post("/<slug>/nostot/kohdista-ehdotetut")
@convenor_required
def assign_suggested(slug: str) -> Response:
    """Put every unassigned proposal into its suggested highlight."""
    rnd = round_or_404(slug)
    rows = queries.unassigned(rnd)
    pairs = {pid: t.id for pid, t in queries.suggestions(rnd, rows).items()}
    return apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.assign_many(rnd, pairs, **kw),
        _("The proposals were added to their suggested themes."),
        url_for("curation.unassigned", slug=rnd.slug),
    )


@run_section
def _intake_offer(run: AnalysisRun) -> dict[str, Any]:
    """On a run's page: whether its proposals can be taken into the existing selection."""
    if run.status != "done" or not current_user.is_convenor:
        return {"intake": None}
    current = queries.curation(run.round)
    if current is None or current.source_run_id == run.id or not queries.themes(run.round):
        return {"intake": None}
    joins, new_themes = intake.plan(run.round, run)
    n = sum(len(ids) for ids in joins.values()) + sum(len(ids) for _, ids in new_themes)
    if n == 0:
        return {"intake": None}
    offer = {"n": n, "new": len(new_themes), "form": forms.ChangeForm(version=current.version)}
    return {"intake": offer}


@bp.post("/<slug>/analyysi/<int:run_id>/ota-nostoihin")
@convenor_required
def take_in(slug: str, run_id: int) -> Response:
    """Add this run's proposals that are in no selected theme to the selection."""
    run = run_or_404(slug, run_id)
    form = forms.ChangeForm()
    back = url_for("themes.run", slug=slug, run_id=run.id)
    if not form.validate_on_submit():
        flash(_("The form expired. Reload the page and try again."), "error")
        return redirect(back)
    try:
        added = intake.take_in_run(
            run.round, run, user_id=current_user.id, version=form.version.data
        )
    except CurationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(back)
    db.session.commit()
    flash(_("%(n)d proposals were added to the highlights.", n=added), "success")
    return redirect(url_for("curation.index", slug=slug))
