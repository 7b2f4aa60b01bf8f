"""Pages of the printing feature."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("printing", __name__)
