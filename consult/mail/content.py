"""Round content in the visitor's language: Swedish and English versions of the Finnish
texts, each falling back to Finnish when it is missing."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from consult.rounds.models import BASE_LANGUAGE


def text_in(obj: Any, field: str, locale: str) -> tuple[str, str]:
    """The text of ``obj.field`` in ``locale`` when given, else the Finnish one.

    Returns:
        (text, the language it is in)
    """
    if locale != BASE_LANGUAGE:
        translated = ((obj.translations or {}).get(locale) or {}).get(field) or ""
        if translated.strip():
            return translated, locale
    return getattr(obj, field) or "", BASE_LANGUAGE


def lang_attribute(obj: Any, field: str, locale: str) -> Markup:
    """`` lang="fi"`` when the text shown is in another language than the page, else ""."""
    language = text_in(obj, field, locale)[1]
    return Markup(' lang="%s"') % language if language != locale else Markup("")


def other_title() -> str:
    """The analysis engine's catch-all theme ("Muut") in the current language."""
    return _("Others (no common theme)")
