"""Dense against sparse (Lanczos) eigensolver on the engine's graphs: where the switch goes.

    .venv/bin/python tools/eigen_speed.py [DATA.csv] --embeddings FILE.npy

Builds the engine's kNN graph (``analysis.cluster.knn_graph``) for random samples of 300 to
3,000 texts of DATA.csv (default: the Yle 6,400 set) and times the top eigenpairs the engine
asks for with ``scipy.linalg.eigh`` (dense, the path below ``DENSE_EIGH_MAX_N``) and with
``scipy.sparse.linalg.eigsh`` as ``analysis.cluster.spectrum`` calls it; prints both, the
largest eigenvalue difference and the number of themes each spectrum gives.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.sparse.linalg import eigsh

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import bench  # noqa: E402
from analysis.cluster import eigengap_k, k_range, knn_graph, n_neighbours  # noqa: E402
from analysis.lemmatise import Lemmatiser  # noqa: E402
from analysis.vectorise import tfidf  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("data", nargs="?", default="../shared/bench/yle2015_fi.csv")
    p.add_argument("--embeddings", required=True)
    args = p.parse_args(argv)
    texts, _, _ = bench.read_csv(args.data)
    E = np.load(args.embeddings)
    tokens = Lemmatiser().normalise(texts)
    rng = np.random.default_rng(0)
    for n in (300, 600, 1000, 1500, 2000, 3000):
        if n > len(texts):
            break
        idx = rng.choice(len(texts), n, replace=False)
        L, _ = tfidf([tokens[i] for i in idx])
        W = knn_graph(n, n_neighbours(n, False), E[idx], L, 0.7)
        d = np.asarray(W.sum(axis=1)).ravel()
        inv = sp.diags(1.0 / np.sqrt(d))
        A = (inv @ W @ inv).tocsr()
        m = k_range(n)[1] + 1
        t0 = time.perf_counter()
        dense, _ = eigh(A.toarray(), subset_by_index=[n - m, n - 1])
        t_dense = time.perf_counter() - t0
        v0 = np.random.default_rng(0).uniform(0.5, 1.0, size=n)
        t0 = time.perf_counter()
        ncv = min(n - 1, max(m + 20, int(1.5 * m)))
        sparse, _ = eigsh(A, k=m, which="LA", v0=v0, tol=1e-4, ncv=ncv)
        t_sparse = time.perf_counter() - t0
        dense, sparse = np.sort(dense)[::-1], np.sort(sparse)[::-1]
        print(
            f"n={n:>5} pairs={m:>3}  dense {t_dense:6.3f} s  sparse {t_sparse:6.3f} s  "
            f"max |difference| {np.abs(dense - sparse).max():.1e}  themes "
            f"{eigengap_k(dense, *k_range(n))} / {eigengap_k(sparse, *k_range(n))}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
