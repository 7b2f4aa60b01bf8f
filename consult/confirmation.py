"""Destructive actions ask first: a confirmation page that says what will happen.

Without JavaScript the button posts to its action, which answers with this page until the
form carries ``confirm=yes``; with JavaScript (static/confirm.js) a dialog asks the same
question on the page and adds ``confirm=yes`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import render_template, request


def confirmed() -> bool:
    """Whether the posted form says the person confirmed the action."""
    return request.form.get("confirm") == "yes"


def confirmation_page(
    *, title: str, consequences: Sequence[str], confirm_label: str, back: str
) -> str:
    """A page that says what the action does and posts the same form again, confirmed."""
    hidden = [
        (name, value)
        for name in request.form
        if name != "confirm"
        for value in request.form.getlist(name)
    ]
    return render_template(
        "confirm.html",
        title=title,
        consequences=consequences,
        confirm_label=confirm_label,
        back=back,
        hidden=hidden,
        action=request.path,
    )
