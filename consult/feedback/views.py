"""Pages of the feedback feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("feedback", __name__)
