"""Access rules for logged-in users."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required


def convenor_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only convenors may change things; observers only read."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_convenor:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
