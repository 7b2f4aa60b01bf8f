"""List consult's views (functions decorated with ``route``/``get``/``post``) by length.

    .venv/bin/python tools/view_lengths.py [--limit N] [--max 25]

Length is ``end_lineno - lineno + 1`` of the function (decorators not counted). Prints the
longest first and how many are over the limit (25 lines by default).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEW_DECORATORS = {"route", "get", "post"}


def is_view(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call):
            func = decorator.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in VIEW_DECORATORS:
                return True
    return False


def views(root: Path) -> list[tuple[int, str]]:
    found = []
    for path in sorted((root / "consult").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and is_view(node):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((length, f"{path.relative_to(root)}:{node.lineno} {node.name}"))
    return sorted(found, key=lambda item: (-item[0], item[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=20, help="how many to list")
    parser.add_argument("--max", type=int, default=25, help="longest allowed view")
    args = parser.parse_args()
    found = views(ROOT)
    for length, where in found[: args.limit]:
        print(f"{length:4d}  {where}")
    over = sum(1 for length, _ in found if length > args.max)
    print(f"{len(found)} views, {over} over {args.max} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
