"""A highlight's routes and follow-up statuses, and how a change of the selection reads.

Routes and statuses are columns of the highlight, edited on curation's pages and read by
follow-up, exports, results and mail; so their vocabulary lives here, below all of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from flask_babel import lazy_gettext as _l

ROUTES = (
    "strategy",
    "participation_plan",
    "welfare_report",
    "interface_agreement",
    "other",
    "not_used",
)
STATUSES = ("not_started", "in_preparation", "included", "partly_included", "not_included")

ROUTE_LABELS: dict[str, Any] = {
    "strategy": _l("Regional strategy"),
    "participation_plan": _l("Participation plan"),
    "welfare_report": _l("Welfare report"),
    "interface_agreement": _l("Interface agreement"),
    "other": _l("Other document"),
    "not_used": _l("Not used"),
}
STATUS_LABELS: dict[str, Any] = {
    "not_started": _l("Not started"),
    "in_preparation": _l("In preparation"),
    "included": _l("Included"),
    "partly_included": _l("Partly included"),
    "not_included": _l("Not included"),
}
EVENT_MESSAGES: dict[str, Any] = {
    "start": _l("Started the selection from the analysis of %(when)s (%(n)s themes)"),
    "edit": _l("Edited theme “%(title)s”"),
    "merge": _l("Merged %(titles)s into “%(title)s”"),
    "split": _l("Split %(n)s proposals from “%(source)s” into the new theme “%(title)s”"),
    "recluster": _l("Re-grouped “%(source)s” into %(n)s themes"),
    "move": _l("Moved %(n)s proposals to “%(title)s”"),
    "unassign": _l("Took %(n)s proposals out of the themes"),
    "quotable": _l("Marked a proposal of “%(title)s” as a quotable example"),
    "not_quotable": _l("Unmarked a quotable example of “%(title)s”"),
    "reorder": _l("Moved theme “%(title)s” to place %(position)s"),
    "add": _l("Added the theme “%(title)s”"),
    "delete": _l("Deleted the empty theme “%(title)s”"),
    "delete_many": _l("Deleted %(titles)s; their %(n)s proposals are now outside the themes"),
    "move_themes": _l("Moved %(titles)s to place %(position)s"),
    "bulk_route": _l("Set the route of %(titles)s: %(route)s"),
    "bulk_status": _l("Set the follow-up status of %(titles)s: %(status)s"),
    "bulk_follow_up": _l("Set route and follow-up of %(titles)s: %(route)s, %(status)s"),
    "follow_up": _l("Set route and follow-up of “%(title)s”: %(route)s, %(status)s"),
    "assign": _l("Assigned %(n)s new proposals to themes"),
    "undo": _l("Undid: %(what)s"),
    "intake": _l("Took in %(n)s proposals of a new analysis (%(new)s new themes)"),
}


class Routed(Protocol):
    route: str
    route_other: str


def route_label(theme: Routed) -> str:
    if theme.route == "other" and theme.route_other:
        return f"{ROUTE_LABELS['other']}: {theme.route_other}"
    return str(ROUTE_LABELS.get(theme.route, theme.route))


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def describe_event(action: str, params: dict[str, Any]) -> str:
    """A change in words, in the reader's language."""
    message = EVENT_MESSAGES.get(action)
    if message is None:
        return action
    values = dict(params)
    if "titles" in values:
        values["titles"] = ", ".join(f"“{t}”" for t in values["titles"])
    if "route" in values:
        values["route"] = str(ROUTE_LABELS.get(values["route"], values["route"]))
    if "status" in values:
        values["status"] = status_label(values["status"] or "")
    if action == "start" and "when" in values:
        values["when"] = _format_when(values["when"])
    if action == "undo":
        values["what"] = describe_event(values.get("undone", ""), values.get("undone_params", {}))
    try:
        return str(message) % values
    except (KeyError, TypeError, ValueError):
        return str(message)


def _format_when(value: str) -> str:
    from consult.formatting import format_datetime_short

    try:
        return format_datetime_short(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)
