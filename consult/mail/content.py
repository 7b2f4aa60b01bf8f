"""Round content in the visitor's language: Swedish and English versions of the Finnish
texts, each falling back to Finnish when it is missing."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

#: The language the main texts of rounds and questions are written in.
BASE_LANGUAGE = "fi"
#: Languages a text can be given in besides the base one.
OTHER_LANGUAGES = ("sv", "en")


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


def translations_from(values: dict[str, str], fields: tuple[str, ...]) -> dict[str, dict]:
    """``{"sv": {...}, "en": {...}}`` from form values named ``<field>_<lang>``, blanks
    left out."""
    result: dict[str, dict] = {}
    for lang in OTHER_LANGUAGES:
        texts = {f: (values.get(f"{f}_{lang}") or "").strip() for f in fields}
        texts = {f: t for f, t in texts.items() if t}
        if texts:
            result[lang] = texts
    return result


def translation_values(obj: Any, fields: tuple[str, ...]) -> dict[str, str]:
    """The reverse of :func:`translations_from`: form data for the translation fields."""
    data = {}
    for lang in OTHER_LANGUAGES:
        for f in fields:
            data[f"{f}_{lang}"] = ((obj.translations or {}).get(lang) or {}).get(f, "")
    return data


def other_title() -> str:
    """The analysis engine's catch-all theme ("Muut") in the current language."""
    return _("Others (no common theme)")
