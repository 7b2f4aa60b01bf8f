"""Display helpers shared by templates and exports."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime, lazy_gettext

ORGANISATION_KIND_LABELS = {
    "sote": lazy_gettext("Social and health"),
    "culture": lazy_gettext("Culture"),
    "youth": lazy_gettext("Youth"),
    "sports": lazy_gettext("Sports"),
    "village": lazy_gettext("Village or residents"),
    "parish": lazy_gettext("Parish"),
    "municipality": lazy_gettext("Municipality"),
    "other": lazy_gettext("Other"),
}

PARTICIPANT_KIND_LABELS = {
    "org_reps": lazy_gettext("Organisations' representatives"),
    "staff": lazy_gettext("Municipality or wellbeing county staff"),
    "residents": lazy_gettext("Residents"),
    "others": lazy_gettext("Others"),
}


def organisation_kind_label(kind: str) -> str:
    return str(ORGANISATION_KIND_LABELS.get(kind, kind))


def participant_kind_label(kind: str) -> str:
    return str(PARTICIPANT_KIND_LABELS.get(kind, kind))


def format_date_short(value: date | None) -> str:
    """``29.8.2018`` in Finnish, the locale's medium form elsewhere."""
    if value is None:
        return ""
    return format_date(value, "d.M.yyyy")


def format_datetime_short(value: datetime | None) -> str:
    if value is None:
        return ""
    return format_datetime(value, "d.M.yyyy HH:mm")
