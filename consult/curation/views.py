"""Curate the round's selected themes (nostot), route them and follow them up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.auth.decorators import convenor_required
from consult.curation import documents, queries, services
from consult.curation.models import FollowUpDocument, SelectedTheme
from consult.extensions import db
from consult.formatting import format_datetime_short
from consult.rounds.models import Round
from consult.rounds.services import round_or_404
from consult.themes.models import AnalysisRun
from consult.themes.queries import latest_runs
from consult.utils import is_id
from forms import curation as forms

bp = Blueprint("curation", __name__, url_prefix="/kierrokset")

UNASSIGNED_PAGE = 100


@bp.context_processor
def curation_helpers() -> dict[str, Any]:
    return {
        "describe": queries.describe_event,
        "route_label": queries.route_label,
        "status_label": queries.status_label,
    }


def _theme_or_404(rnd: Round, theme_id: int):
    theme = db.session.get(SelectedTheme, theme_id)
    if theme is None or theme.round_id != rnd.id:
        abort(404)
    return theme


def _refused(rnd: Round, message: str, back: str, status: int):
    """Say why a change was refused; show back what was typed, so that nothing is lost."""
    db.session.rollback()
    typed = {k: v for k, v in request.form.items() if k in forms.TYPED_FIELDS and v.strip()}
    if not typed and status != 409:
        flash(message, "error")
        return redirect(back)
    return render_template(
        "curation/conflict.html", rnd=rnd, message=message, typed=typed, back=back
    ), status


def _apply(rnd: Round, form, change: Callable[..., Any], done: str, back: str):
    """Validate, make the change with the form's version, commit; a stale form gets 409."""
    if not form.validate_on_submit():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _refused(rnd, message, back, 400)
    try:
        change(user_id=current_user.id, version=form.version.data)
    except services.StaleSelection as exc:
        return _refused(rnd, str(exc.message), back, 409)
    except services.CurationError as exc:
        return _refused(rnd, str(exc.message), back, 400)
    db.session.commit()
    flash(done, "success")
    return redirect(back)


def _back() -> str | None:
    """The page a form came from, when it is a path of this site."""
    back = request.form.get("back", "")
    return back if back.startswith("/") and not back.startswith("//") else None


def _index_url(rnd: Round, theme_id: int | None = None) -> str:
    anchor = f"nosto-{theme_id}" if theme_id else None
    return url_for("curation.index", slug=rnd.slug, _anchor=anchor)


@bp.route("/<slug>/nostot")
@login_required
def index(slug: str):
    """The selected themes with their support, statements and quotes."""
    rnd = round_or_404(slug)
    start = forms.StartForm(version=queries.version(rnd))
    runs = [r for r in latest_runs(rnd, limit=20) if r.status == "done"]
    start.run.choices = forms.choices((r.id, run_label(r)) for r in runs)
    merge = forms.MergeForm(version=queries.version(rnd))
    return render_template(
        "curation/index.html",
        rnd=rnd,
        curation=queries.curation(rnd),
        themes=queries.themes(rnd),
        support=queries.support(rnd),
        members=queries.theme_proposals(rnd),
        n_unassigned=queries.unassigned_count(rnd),
        version=queries.version(rnd),
        undo_event=queries.next_undo(rnd),
        events=queries.events(rnd, limit=5),
        start=start,
        merge=merge,
        add=forms.AddThemeForm(version=queries.version(rnd)),
    )


def run_label(run: AnalysisRun) -> str:
    what = run.question.text if run.question else _("all questions")
    return _(
        "%(when)s · %(what)s · %(n)d themes",
        when=format_datetime_short(run.finished_at or run.created_at),
        what=what,
        n=run.n_themes,
    )


@bp.post("/<slug>/nostot/aloita")
@convenor_required
def start(slug: str):
    """Copy an analysis run's themes into the selection."""
    rnd = round_or_404(slug)
    form = forms.StartForm()
    form.run.choices = forms.choices(
        (r.id, "") for r in latest_runs(rnd, limit=20) if r.status == "done"
    )
    run = db.session.get(AnalysisRun, form.run.data) if form.run.data else None

    def change(**kw):
        if run is None:
            raise services.NotFound()
        services.start_from_run(rnd, run, replace=bool(form.replace.data), **kw)

    return _apply(
        rnd, form, change, _("The selection now holds the analysis's themes."), _index_url(rnd)
    )


@bp.post("/<slug>/nostot/kumoa")
@convenor_required
def undo(slug: str):
    """Undo the latest change."""
    rnd = round_or_404(slug)
    form = forms.ChangeForm()
    return _apply(
        rnd,
        form,
        lambda **kw: services.undo(rnd, **kw),
        _("The latest change was undone."),
        _back() or _index_url(rnd),
    )


@bp.route("/<slug>/nostot/historia")
@login_required
def history(slug: str):
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
def add(slug: str):
    """Add a theme by hand."""
    rnd = round_or_404(slug)
    form = forms.AddThemeForm()
    return _apply(
        rnd,
        form,
        lambda **kw: services.add_theme(
            rnd, title=form.title.data, statement=form.statement.data or "", **kw
        ),
        _("The theme was added."),
        _index_url(rnd),
    )


@bp.post("/<slug>/nostot/yhdista")
@convenor_required
def merge(slug: str):
    """Merge the chosen themes."""
    rnd = round_or_404(slug)
    form = forms.MergeForm()
    form.themes.choices = forms.choices((t.id, t.title) for t in queries.themes(rnd))
    return _apply(
        rnd,
        form,
        lambda **kw: services.merge(rnd, form.themes.data or [], **kw),
        _("The themes were merged."),
        _index_url(rnd),
    )


@bp.route("/<slug>/nostot/<int:theme_id>")
@login_required
def theme(slug: str, theme_id: int):
    """One selected theme: edit it, pick its proposals to move or split, route it."""
    rnd = round_or_404(slug)
    selected = _theme_or_404(rnd, theme_id)
    version = queries.version(rnd)
    edit = forms.EditThemeForm(
        version=version,
        title=selected.title,
        statement=selected.statement,
        keywords=", ".join(selected.keywords or []),
    )
    follow = forms.FollowUpForm(obj=selected, version=version)
    follow.set_choices(queries.ROUTE_LABELS, queries.STATUS_LABELS)
    return render_template(
        "curation/theme.html",
        rnd=rnd,
        theme=selected,
        rows=queries.theme_proposals(rnd).get(selected.id, []),
        support=queries.support(rnd)[selected.id],
        others=[t for t in queries.themes(rnd) if t.id != selected.id],
        version=version,
        edit=edit,
        follow=follow,
        recluster=forms.ReclusterForm(version=version),
        undo_event=queries.next_undo(rnd),
    )


def _theme_url(rnd: Round, theme_id: int, anchor: str | None = None) -> str:
    return url_for("curation.theme", slug=rnd.slug, theme_id=theme_id, _anchor=anchor)


@bp.post("/<slug>/nostot/<int:theme_id>/muokkaa")
@convenor_required
def edit(slug: str, theme_id: int):
    """Rename a theme and write its statement."""
    rnd = round_or_404(slug)
    form = forms.EditThemeForm()
    return _apply(
        rnd,
        form,
        lambda **kw: services.edit_theme(
            rnd,
            theme_id,
            title=form.title.data,
            statement=form.statement.data or "",
            keywords=form.keyword_list(),
            **kw,
        ),
        _("Changes saved."),
        _back() or _theme_url(rnd, theme_id),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/jarjestys/<direction>")
@convenor_required
def reorder(slug: str, theme_id: int, direction: str):
    """Move a theme one place up or down."""
    rnd = round_or_404(slug)
    if direction not in ("ylos", "alas"):
        abort(404)
    step = -1 if direction == "ylos" else 1
    return _apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.reorder(rnd, theme_id, step, **kw),
        _("The order was changed."),
        _index_url(rnd, theme_id),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/poista")
@convenor_required
def delete(slug: str, theme_id: int):
    """Delete an empty theme."""
    rnd = round_or_404(slug)
    return _apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.delete_theme(rnd, theme_id, **kw),
        _("The theme was deleted."),
        _index_url(rnd),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/ehdotukset")
@convenor_required
def proposals(slug: str, theme_id: int):
    """Move the picked proposals to another theme, out of the themes, or into a new theme."""
    rnd = round_or_404(slug)
    selected = _theme_or_404(rnd, theme_id)
    form = forms.ProposalsForm()
    form.proposals.choices = forms.choices((m.proposal_id, "") for m in selected.members)
    picked = form.proposals.data or []
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
    return _apply(rnd, form, change, _("The proposals were moved."), _theme_url(rnd, theme_id))


@bp.post("/<slug>/nostot/<int:theme_id>/lainaus/<int:proposal_id>")
@convenor_required
def quotable(slug: str, theme_id: int, proposal_id: int):
    """Mark or unmark a proposal as a quotable example."""
    rnd = round_or_404(slug)
    value = request.form.get("quotable") == "1"
    return _apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.set_quotable(rnd, theme_id, proposal_id, value, **kw),
        _("Saved."),
        _theme_url(rnd, theme_id, f"ehdotus-{proposal_id}"),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/ryhmittele")
@convenor_required
def recluster(slug: str, theme_id: int):
    """Re-group one theme's proposals into several themes."""
    rnd = round_or_404(slug)
    form = forms.ReclusterForm()
    return _apply(
        rnd,
        form,
        lambda **kw: services.recluster(rnd, theme_id, n_themes=form.n_themes.data, **kw),
        _("The theme was split into new themes; check their titles."),
        _index_url(rnd, theme_id),
    )


@bp.post("/<slug>/nostot/<int:theme_id>/seuranta")
@convenor_required
def follow_up(slug: str, theme_id: int):
    """Set a theme's route and follow-up status."""
    rnd = round_or_404(slug)
    form = forms.FollowUpForm()
    form.set_choices(queries.ROUTE_LABELS, queries.STATUS_LABELS)
    return _apply(
        rnd,
        form,
        lambda **kw: services.set_follow_up(
            rnd,
            theme_id,
            route=form.route.data,
            route_other=form.route_other.data or "",
            status=form.status.data,
            status_date=form.status_date.data,
            status_note=form.status_note.data or "",
            **kw,
        ),
        _("Route and follow-up saved."),
        _back() or _theme_url(rnd, theme_id, "seuranta"),
    )


@bp.route("/<slug>/nostot/kohdistamattomat")
@login_required
def unassigned(slug: str):
    """Proposals in no selected theme, each with the nearest theme suggested; 100 a page."""
    rnd = round_or_404(slug)
    total = queries.unassigned_count(rnd)
    pages = max(1, -(-total // UNASSIGNED_PAGE))
    value = request.args.get("sivu", "")
    page = min(int(value), pages) if is_id(value) and int(value) >= 1 else 1
    rows = queries.unassigned(rnd, offset=(page - 1) * UNASSIGNED_PAGE, limit=UNASSIGNED_PAGE)
    return render_template(
        "curation/unassigned.html",
        rnd=rnd,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        suggested=queries.suggestions(rnd, rows),
        themes=queries.themes(rnd),
        version=queries.version(rnd),
    )


@bp.post("/<slug>/nostot/kohdista")
@convenor_required
def assign(slug: str):
    """Put one proposal into a theme."""
    rnd = round_or_404(slug)
    form = forms.AssignForm()
    pid = int(form.proposal.data) if is_id(form.proposal.data) else 0
    return _apply(
        rnd,
        form,
        lambda **kw: services.move_proposals(rnd, [pid], form.theme.data, action="assign", **kw),
        _("The proposal was added to the theme."),
        url_for("curation.unassigned", slug=rnd.slug),
    )


@bp.post("/<slug>/nostot/kohdista-ehdotetut")
@convenor_required
def assign_suggested(slug: str):
    """Put every unassigned proposal into its suggested theme."""
    rnd = round_or_404(slug)
    rows = queries.unassigned(rnd)
    pairs = {pid: t.id for pid, t in queries.suggestions(rnd, rows).items()}
    return _apply(
        rnd,
        forms.ChangeForm(),
        lambda **kw: services.assign_many(rnd, pairs, **kw),
        _("The proposals were added to their suggested themes."),
        url_for("curation.unassigned", slug=rnd.slug),
    )


@bp.route("/<slug>/seuranta")
@login_required
def follow_up_overview(slug: str):
    """Every selected theme's route and follow-up, and the documents compared."""
    rnd = round_or_404(slug)
    return render_template(
        "curation/follow_up.html",
        rnd=rnd,
        themes=queries.selected_summary_themes(rnd),
        documents=queries.documents(rnd),
        upload=forms.DocumentForm(),
    )


@bp.post("/<slug>/seuranta/asiakirjat")
@convenor_required
def upload(slug: str):
    """Upload a draft or final document to compare with the themes."""
    rnd = round_or_404(slug)
    form = forms.DocumentForm()
    back = url_for("curation.follow_up_overview", slug=rnd.slug, _anchor="asiakirjat")
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
        return redirect(back)
    data = form.file.data.read(forms.MAX_DOCUMENT_BYTES + 1)
    try:
        if len(data) > forms.MAX_DOCUMENT_BYTES:
            raise services.CurationError(_("The file is too large (at most 20 MB)."))
        document = documents.add_document(
            rnd,
            name=form.name.data or "",
            stage=form.stage.data,
            filename=form.file.data.filename or "",
            data=data,
            user_id=current_user.id,
        )
    except services.CurationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(back)
    db.session.commit()
    return redirect(url_for("curation.document", slug=rnd.slug, document_id=document.id))


@bp.route("/<slug>/seuranta/asiakirjat/<int:document_id>")
@login_required
def document(slug: str, document_id: int):
    """How closely the document's passages answer each selected theme."""
    rnd = round_or_404(slug)
    doc = db.get_or_404(FollowUpDocument, document_id)
    if doc.round_id != rnd.id:
        abort(404)
    version = queries.version(rnd)

    def follow_form(theme: SelectedTheme, suggested: str) -> forms.FollowUpForm:
        form = forms.FollowUpForm(
            formdata=None, obj=theme, version=version, status=suggested, status_date=date.today()
        )
        form.set_choices(queries.ROUTE_LABELS, queries.STATUS_LABELS)
        for f in form:
            f.id = f"{f.id}-{theme.id}"
        return form

    return render_template(
        "curation/document.html",
        follow_form=follow_form,
        rnd=rnd,
        document=doc,
        rows=queries.document_coverage(rnd, doc),
        version=version,
        routes=queries.ROUTE_LABELS,
        statuses=queries.STATUS_LABELS,
    )


@bp.post("/<slug>/seuranta/asiakirjat/<int:document_id>/poista")
@convenor_required
def delete_document(slug: str, document_id: int):
    """Remove an uploaded document."""
    rnd = round_or_404(slug)
    try:
        documents.delete_document(rnd, document_id)
    except services.CurationError:
        abort(404)
    db.session.commit()
    flash(_("The document was removed."), "success")
    return redirect(url_for("curation.follow_up_overview", slug=rnd.slug, _anchor="asiakirjat"))
