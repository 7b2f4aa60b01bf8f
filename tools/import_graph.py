"""Print the feature-level import graph of consult and its cycles.

A feature is a direct subpackage of consult (consult.rounds, consult.themes, ...). Feature A
depends on feature B when any module of A imports any module of B. Run from the repository
root:

    PYTHONPATH=. .venv/bin/python tools/import_graph.py

Prints one line per feature (``a -> b, c``), then every elementary cycle between features,
and exits with status 1 when there is one (the feature graph must stay a DAG; ``make lint``
runs it). Imports under ``if TYPE_CHECKING:`` are left out, as in the import-linter contracts
(``--with-type-checking`` counts them too).
"""

from __future__ import annotations

import sys

import grimp

PACKAGE = "consult"


def feature_of(module: str, features: set[str]) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != PACKAGE:
        return None
    name = parts[1]
    return name if name in features else None


def feature_graph(with_type_checking: bool = False) -> dict[str, set[str]]:
    graph = grimp.build_graph(PACKAGE, exclude_type_checking_imports=not with_type_checking)
    features = {
        child.split(".")[1]
        for child in graph.find_children(PACKAGE)
        if graph.find_children(child)  # subpackages only, not top-level modules
    }
    edges: dict[str, set[str]] = {f: set() for f in features}
    for module in graph.modules:
        source = feature_of(module, features)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = feature_of(imported, features)
            if target is not None and target != source:
                edges[source].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Elementary cycles, each listed once starting from its smallest feature name."""
    found: list[list[str]] = []
    nodes = sorted(edges)

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(edges[node]):
            if nxt == start:
                found.append([*path, start])
            elif nxt > start and nxt not in path:
                walk(start, nxt, [*path, nxt])

    for start in nodes:
        walk(start, start, [start])
    return found


def main() -> int:
    edges = feature_graph(with_type_checking="--with-type-checking" in sys.argv)
    for feature in sorted(edges):
        print(f"{feature} -> {', '.join(sorted(edges[feature]))}")
    loops = cycles(edges)
    two_way = sorted(f"{a} <-> {b}" for a in edges for b in edges[a] if a < b and a in edges[b])
    print(f"\n{len(edges)} features, {sum(map(len, edges.values()))} edges")
    print(f"two-way pairs ({len(two_way)}): {', '.join(two_way) or 'none'}")
    print(f"cycles: {len(loops)}")
    for loop in sorted(loops, key=len)[:40]:
        print("  " + " -> ".join(loop))
    if len(loops) > 40:
        print(f"  ... and {len(loops) - 40} more")
    return 1 if loops else 0


if __name__ == "__main__":
    sys.exit(main())
