"""Describing themes: class-based TF-IDF keywords, titles, representatives."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from .lemmatise import _TOKEN_RE, Lemmatiser, default_lemmatiser

OTHER_LABEL = -1
OTHER_TITLE = "Muut"


@dataclass
class FoundTheme:
    """One theme found in a set of proposals.

    Attributes:
        label: Cluster label as in ``ThemeFinder.labels_`` (-1 is the "Muut" theme).
        title: Suggested heading: a key phrase in base forms ("Maksuton tila",
            "Järjestöavustus ja haku").
        statement: Suggested nosto statement: the most central short proposal.
        keywords: Readable lemmas, most characteristic first.
        members: Indices of the proposals in this theme.
        representatives: Up to five members closest to the theme's centre, best first.
        size: Number of members.
        word_frequencies: Keyword weights for a word cloud.
    """

    label: int
    title: str
    keywords: list[str]
    members: list[int]
    representatives: list[int]
    size: int
    word_frequencies: dict[str, float] = field(default_factory=dict)
    statement: str = ""


def class_tfidf(
    token_lists: list[list[str]],
    labels: np.ndarray,
    label_set: list[int],
    lemmatiser: Lemmatiser | None = None,
) -> dict[int, dict[str, float]]:
    """c-TF-IDF (BERTopic's formula): tf within the class times log(1 + A / f_t).

    ``A`` is the average number of tokens per class and ``f_t`` the term's frequency over all
    classes, so words frequent in one theme but rare elsewhere score high.
    """
    lemmatiser = lemmatiser or default_lemmatiser()
    counts: dict[int, Counter[str]] = {lab: Counter() for lab in label_set}
    for toks, lab in zip(token_lists, labels, strict=True):
        counts[int(lab)].update(toks)
    bound = {t for c in counts.values() for t in c if lemmatiser.is_bound_form(t)}
    for c in counts.values():
        for t in bound & c.keys():
            del c[t]
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    avg = max(1.0, sum(total.values()) / max(1, len(label_set)))
    scores: dict[int, dict[str, float]] = {}
    for lab, c in counts.items():
        n_tokens = sum(c.values()) or 1
        scores[lab] = {
            t: (f / n_tokens) * float(np.log1p(avg / total[t]))
            for t, f in c.items()
            if f >= 2 or len(c) < 50  # a word used once is no keyword unless text is scarce
        }
        if not scores[lab]:
            scores[lab] = {
                t: (f / n_tokens) * float(np.log1p(avg / total[t])) for t, f in c.items()
            }
    return scores


def pick_keywords(scores: dict[str, float], n: int = 10) -> list[str]:
    """Top terms by score, one per compound family.

    Compound lemmas come with their parts ("lapsilisä", "lapsi", "lisä"); showing all three
    wastes space. A term overlapping a chosen keyword is skipped, except that a compound
    scoring at least 0.4 times as high replaces its parts (it reads better).
    """
    chosen: list[str] = []
    for term, score in sorted(scores.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        overlap = [i for i, c in enumerate(chosen) if term in c or c in term]
        if overlap:
            parts = [chosen[i] for i in overlap]
            if all(c in term for c in parts) and score >= 0.4 * max(scores[c] for c in parts):
                chosen[overlap[0]] = term  # "ydinvoima" replaces "voima" and "ydin"
                for i in reversed(overlap[1:]):
                    del chosen[i]
            continue
        if len(chosen) < n:
            chosen.append(term)
        elif score < scores[chosen[-1]] * 0.5:
            break
    return chosen


def make_title(keywords: list[str], n: int = 3) -> str:
    """'Lapsilisä, verotus ja perhe' from the top keywords (the old style, kept for callers)."""
    words = keywords[:n]
    if not words:
        return ""
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " ja " + words[-1]
    return text[0].upper() + text[1:]


# Word classes (Voikko) that can head a Finnish title in their base form. Words Voikko does
# not know (dialect "ihimiset", typos, site names) head a title only if no noun is known.
_NOUNS = frozenset({"nimisana", "nimisana_laatusana", "paikannimi", "lyhenne", "nimi"})
_ADJECTIVES = frozenset({"laatusana", "nimisana_laatusana"})
_PROPER = frozenset({"paikannimi", "nimi", "etunimi", "sukunimi"})


def _necessive(before: tuple[str | None, tuple[str, ...]], word: str) -> bool:
    """A present passive participle after a form of "olla": "on otettava", "oli tehtävä"."""
    return bool(before[1]) and before[1][0] == "olla" and word.lower().endswith(_NECESSIVE)


_NECESSIVE = ("tava", "tävä")


def _display_forms(words: list[str], central_texts: list[str], finnish: Any) -> dict[str, str]:
    """How names and abbreviations among ``words`` (lemmas) are written: "suomi" -> "Suomi".

    A lemma with only name analyses is a name ("etelä-eurooppa" -> "Etelä-Eurooppa"). Any
    other keeps the capitals the texts give it inside a sentence, where they do so more often
    than not: "...kuin Suomen..." -> "Suomi", "EU:n" -> "EU", "Nato-jäsenyyden" ->
    "Nato-jäsenyys", "YouTubessa" -> "YouTube". "suomi" the language, a word that only starts
    a sentence, a stray capital and a word in capitals for emphasis ("RAHAA", unless Voikko
    knows it as an abbreviation) leave it lower case.
    """
    shown: dict[str, str] = {}
    for word in words:
        analyses = finnish._analyses(word)
        if analyses and all(c in _PROPER for _b, c, _p in analyses):
            shown[word] = "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
    names = set(shown)
    wanted = set(words)
    capitalised: dict[str, Counter[str]] = {}
    lower: Counter[str] = Counter()
    for text in central_texts:
        for match in _TOKEN_RE.finditer(text):
            written = match.group(0).split(":")[0]  # "EU:n"
            if _sentence_start(text, match.start()):
                continue
            cls, lemmas = finnish.lemmas(written)
            if not lemmas or lemmas[0] not in wanted:
                continue
            if written.islower():
                lower[lemmas[0]] += 1
                continue
            lemma_parts, written_parts = lemmas[0].split("-"), written.split("-")
            if len(lemma_parts) != len(written_parts):
                continue
            shouted = any(len(w) > 1 and w.isupper() for w in written_parts)
            if shouted and cls != "lyhenne":
                continue  # "RAHAA" is emphasis, "EU" an abbreviation
            form = "-".join(
                _cased(lem, w) for lem, w in zip(lemma_parts, written_parts, strict=True)
            )
            capitalised.setdefault(lemmas[0], Counter())[form] += 1
    for lemma, forms in capitalised.items():
        if lemma in names or forms.total() > lower[lemma]:
            shown[lemma] = forms.most_common(1)[0][0]  # a name as the texts spell it
    return shown


def _cased(lemma: str, written: str) -> str:
    """The lemma with the written form's capitals where they share letters: "YouTube"."""
    same = 0
    while same < min(len(lemma), len(written)) and lemma[same] == written[same].lower():
        same += 1
    return written[:same] + lemma[same:]


def _sentence_start(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence, line, list item or bracket."""
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in ".!?:;\"'»”–—-…•()\n\r"


def key_phrase(
    keywords: list[str], central_texts: list[str], lemmatiser: Lemmatiser | None = None
) -> str:
    """A heading a Finnish reader accepts, in base forms spelled as Voikko spells them.

    1. An adjective + noun pair that stands side by side, agreeing in case and number, in at
       least two of the most central proposals, the noun among the top keywords: "Maksuton
       tila", "Pieni järjestö" (a nominative adjective and noun agree, so the base forms read
       as Finnish). Names and abbreviations keep their capitals ("Talous ja Suomi", "EU").
    2. Else the two best noun keywords joined with "ja": "Järjestöavustus ja haku".
    3. Else the best keyword. Verbs ("vuokrata") and words unknown to Voikko never head a
       title while a known noun is among the top keywords.
    Without Voikko (Snowball stems) the word classes are unknown and keywords are used.
    """
    lemmatiser = lemmatiser or default_lemmatiser()
    if not keywords:
        return ""
    finnish = lemmatiser.finnish
    top = keywords[:6]

    def cls(word: str) -> str | None:
        return finnish.lemmas(word)[0] if finnish is not None else None

    nouns = [k for k in top if cls(k) in _NOUNS and not lemmatiser.is_bound_form(k)]
    if finnish is not None and nouns:
        pairs: Counter[tuple[str, str]] = Counter()
        for text in central_texts:
            seen = set()
            written = _TOKEN_RE.findall(text)
            analysed = [finnish.lemmas(w) for w in written]
            for i, ((c1, l1), (c2, l2)) in enumerate(zip(analysed, analysed[1:], strict=False)):
                # an attribute agrees with its noun in case and number, and "on oltava
                # vaihtoehto" is a duty, not an "oltava" option
                if (
                    c1 in _ADJECTIVES
                    and c2 in _NOUNS
                    and l1
                    and l2
                    and l2[0] in nouns
                    and not (i > 0 and _necessive(analysed[i - 1], written[i]))
                    and finnish.forms(written[i]) & finnish.forms(written[i + 1])
                ):
                    seen.add((l1[0], l2[0]))
            pairs.update(seen)
        good = [(c, p) for p, c in pairs.items() if c >= 2]
        if good:
            _count, (adj, noun) = max(good, key=lambda cp: (cp[0], -nouns.index(cp[1][1])))
            forms = _display_forms([noun], central_texts, finnish)
            return f"{adj[0].upper()}{adj[1:]} {forms.get(noun, noun)}"
    words = (nouns or top)[:2]
    forms = _display_forms(words, central_texts, finnish) if finnish is not None else {}
    shown = [forms.get(w, w) for w in words]
    text = shown[0] if len(shown) == 1 else f"{shown[0]} ja {shown[1]}"
    return text[0].upper() + text[1:]


def suggested_statement(members_by_centrality: list[int], texts: list[str]) -> str:
    """The most central short proposal, as a first draft of the nosto statement.

    "Short" is 20-240 characters: a sentence or two that reads as a claim on a slide; the
    Yle and demo proposals have a median of about 150, so most themes have several to choose
    from. Failing that, the most central proposal's first sentence(s), cut at 240.
    """
    for i in members_by_centrality[:20]:
        text = " ".join(texts[i].split())
        if 20 <= len(text) <= 240:
            return text
    if not members_by_centrality:
        return ""
    text = " ".join(texts[members_by_centrality[0]].split())
    if len(text) <= 240:
        return text
    cut = text[:240]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end >= 40 else cut.rsplit(" ", 1)[0] + " …"


def representatives(
    members: np.ndarray,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
    n: int | None = 5,
) -> list[int]:
    """Members most similar to their theme's centre (mixed cosine, as in the graph)."""
    if len(members) == 0:
        return []
    sims = np.zeros(len(members), dtype=np.float64)
    for block, w in ((embeddings, embedding_weight), (lexical, 1.0 - embedding_weight)):
        if block is None or w <= 0 or block.shape[1] == 0:
            continue
        rows = block[members]
        centre = np.asarray(rows.mean(axis=0)).ravel()
        norm = np.linalg.norm(centre)
        if norm > 0:
            sims += w * np.asarray(rows @ (centre / norm)).ravel()
    order = np.lexsort((members, -sims))  # ties by index: deterministic
    return [int(members[i]) for i in (order if n is None else order[:n])]


def describe(
    token_lists: list[list[str]],
    labels: np.ndarray,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
    n_keywords: int = 10,
    n_cloud: int = 50,
    texts: list[str] | None = None,
    lemmatiser: Lemmatiser | None = None,
) -> list[FoundTheme]:
    """Build FoundTheme objects for every label (including -1), largest first, "Muut" last."""
    label_set = sorted({int(x) for x in labels})
    if not label_set:
        return []
    lemmatiser = lemmatiser or default_lemmatiser()
    texts = texts if texts is not None else [" ".join(t) for t in token_lists]
    scores = class_tfidf(token_lists, labels, label_set, lemmatiser)
    themes = []
    for lab in label_set:
        members = np.flatnonzero(labels == lab)
        kw = pick_keywords(scores[lab], n_keywords)
        cloud_terms = pick_keywords(scores[lab], n_cloud)
        top = max((scores[lab][t] for t in cloud_terms), default=1.0) or 1.0
        central = representatives(members, embeddings, lexical, embedding_weight, n=None)
        if lab == OTHER_LABEL:
            title, statement = OTHER_TITLE, ""
        else:
            title = key_phrase(kw, [texts[i] for i in central[:10]], lemmatiser)
            title = title or f"Teema {lab + 1}"
            statement = suggested_statement(central, texts)
        themes.append(
            FoundTheme(
                label=lab,
                title=title,
                keywords=kw,
                members=[int(i) for i in members],
                representatives=central[:5],
                size=len(members),
                word_frequencies={t: round(scores[lab][t] / top, 6) for t in cloud_terms},
                statement=statement,
            )
        )
    themes.sort(key=lambda t: (t.label == OTHER_LABEL, -t.size, t.label))
    return themes
