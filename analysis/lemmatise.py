"""Text normalisation: tokens -> readable lemmas.

Finnish goes through Voikko (lemma plus compound parts). Two backends give the same lemmas:

- ``libvoikko``: Debian's C library (``apt install libvoikko1 voikko-fi``), the faster path;
- ``pyvoikko``: pip-installable, ships the voikko-fi transducer (run by ``kfst``), so every
  machine gets real base forms with only ``pip install``; the default dependency.

Only if neither imports does Finnish fall back to the Snowball stemmer (stems like "palaut"),
with ``Lemmatiser.warning`` set so the app can tell the convenor. Swedish and English
proposals are detected with a small function-word count and stemmed with Snowball.

``Lemmatiser`` is an ordinary object with bounded caches: make one and pass it around
(``ThemeFinder(lemmatiser=...)``); nothing here keeps mutable state at module level except
``default_lemmatiser()``, a lazily built shared instance for callers that pass none.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .stopwords import ENGLISH, FINNISH, SWEDISH, _words

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# One Voikko analysis: (base form, word class, compound parts as (surface, lemma or None)).
_Analysis = tuple[str, str | None, list[tuple[str, str | None]]]

# Words with letters (and digits), joined by hyphens or a colon ("sote-uudistus", "EU:n").
_TOKEN_RE = re.compile(r"[^\W\d_][\w]*(?:[-:][\w]+)*", re.UNICODE)
# "+surface(base)" segments; a few analyses carry a second group: "+ost(ostaa)(+o)".
_WORDBASE_RE = re.compile(r"\+([^+()]*)(?:\(([^)]*)\))?(?:\([^)]*\))*")

# Voikko word classes that carry no theme.
_DROP_CLASSES = frozenset(
    {
        "sidesana",  # conjunction
        "asemosana",  # pronoun
        "kieltosana",  # negation verb
        "huudahdussana",  # interjection
        "seikkasana",  # adverb
        "suhdesana",  # adposition
        "lukusana",  # numeral
        "kysymyssana",
        "etuliite",
    }
)

# Unambiguous function words (none is a Finnish word) for language detection.
_SV_MARKERS = _words(
    "och att det som är för på inte med har av till den jag ska skall kan vi eller också "
    "men detta alla mycket måste bör skulle finns"
)
_EN_MARKERS = _words(
    "the and of to is in that it for be are not with this should we at by an or but from "
    "have has will would can must which who what there they"
)

_MAX_WORD_LEN = 60  # longer "words" are URLs or noise; Voikko is slow on them
# Words cached per lemmatiser. The 41,574 Yle texts have about 70,000 distinct word forms;
# 200,000 entries (~60 MB) keep a whole large round in cache, and no process grows beyond it.
DEFAULT_CACHE_SIZE = 200_000

BACKENDS = ("auto", "libvoikko", "pyvoikko", "snowball")


class BoundedCache(dict[Any, Any]):
    """A dict that forgets its oldest half when full (cheap, and bounded)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = max(1, int(limit))

    def put(self, key: Any, value: Any) -> None:
        if len(self) >= self.limit:
            for old in list(self)[: max(1, self.limit // 2)]:
                self.pop(old, None)  # another thread may have dropped it already
        self[key] = value


def detect_language(text: str) -> str:
    """Guess 'fi', 'sv' or 'en' from function words (offline, cheap).

    Finnish is the default: a text must contain at least two marker words of another
    language, and markers must make up a visible share of its words.
    """
    words = [w.lower() for w in _TOKEN_RE.findall(text)]
    if not words:
        return "fi"
    sv = sum(w in _SV_MARKERS for w in words)
    en = sum(w in _EN_MARKERS for w in words)
    best, count = ("sv", sv) if sv >= en else ("en", en)
    if count >= 2 and count >= 0.15 * len(words):
        return best
    return "fi"


def _load_libvoikko() -> Any:
    import libvoikko

    return libvoikko.Voikko("fi")


def _load_pyvoikko() -> Any:
    import pyvoikko

    return pyvoikko


def _parse_wordbases(wordbases: str) -> list[list[tuple[str, str | None]]]:
    """Split a WORDBASES string into compound parts, each a list of (surface, base).

    A segment whose base starts with '+' (or has no base) is a derivational suffix and
    stays with the part before it; '-' separates parts.
    """
    parts: list[list[tuple[str, str | None]]] = []
    boundary = True
    for surface, base in _WORDBASE_RE.findall(wordbases):
        base = base or None
        if surface == "-":
            boundary = True
            continue
        if boundary or not parts or (base is not None and not base.startswith("+")):
            parts.append([(surface, base)])
        else:
            parts[-1].append((surface, base))
        boundary = False
    return [p for p in parts if p]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class _VoikkoLemmas:
    """Shared logic: (word class, [whole lemma, compound part lemmas...]) with a cache.

    Subclasses give ``_analyses(word)``: a list of ``(baseform, class, parts)`` where parts is
    a list of ``(surface, part lemma or None)`` for compound words (None: a bound part).
    """

    name = ""

    def __init__(self, cache_size: int) -> None:
        self._cache = BoundedCache(cache_size)
        self._analysis_cache = BoundedCache(cache_size)
        self._lock = threading.Lock()
        # Compound parts met without a base form of their own ("yhteis" in "yhteistyö").
        self.bound = BoundedCache(max(1000, cache_size // 20))
        # Case and number of words that may make a title's adjective + noun (few: kept small).
        self._forms = BoundedCache(max(1000, cache_size // 20))

    def _raw(self, word: str) -> list[_Analysis]:
        raise NotImplementedError

    def _raw_forms(self, word: str) -> frozenset[tuple[str | None, str | None]]:
        raise NotImplementedError

    def forms(self, word: str) -> frozenset[tuple[str | None, str | None]]:
        """(case, number) of each analysis of ``word``: ("osanto", "singular") for "pysyvää".

        An adjective and the noun after it make a phrase only if they agree: "pysyvää
        rahoitusta" does, "on otettava kiintiöpakolaisia" does not.
        """
        return self._cached(self._forms, self._raw_forms, word)

    def _analyses(self, word: str) -> list[_Analysis]:
        return self._cached(self._analysis_cache, self._raw, word)

    def _cached(self, cache: BoundedCache, ask: Callable[[str], _T], word: str) -> _T:
        """``ask(word)`` of Voikko, remembered in ``cache``."""
        found: _T | None = cache.get(word)
        if found is None:
            with self._lock:  # Voikko handles are not thread-safe
                found = ask(word)
            cache.put(word, found)
        return found

    def is_word(self, token: str) -> bool:
        """Whether Voikko knows ``token`` as a word of its own."""
        return bool(self._analyses(token))

    def _best(self, word: str) -> _Analysis | None:
        analyses = self._analyses(word)
        if not analyses:
            return None
        low = word.lower()

        # Fewest compound parts first (keeps lexicalised units whole); then the lemma that
        # shares most with the written form (turva over turpa for "turvan"); then function
        # words ("joissa" is "joka", not "joki"), as libvoikko orders them and pyvoikko not.
        # (Preferring a lemma equal to the written form was tried, stop 18: pyvoikko then
        # agreed with libvoikko on 88.8 % of the Yle texts instead of 86.0 %, but libvoikko
        # itself changed in 239 of 6,400: some for the better ("pieni", not the verb "pieniä"),
        # some for the worse ("ei pysty" became the adjective "pysty", "jää pois" the noun
        # "jää"). Without the sentence the tie stays a tie.)
        def key(item: tuple[int, _Analysis]) -> tuple[int, int, int, int]:
            i, (base, cls, parts) = item
            closed = 0 if cls in _DROP_CLASSES else 1
            return (len(parts), -_common_prefix(base.lower(), low), closed, i)

        return min(enumerate(analyses), key=key)[1]

    def lemmas(self, word: str) -> tuple[str | None, tuple[str, ...]]:
        cached = self._cache.get(word)
        if cached is None:
            cached = self._lemmas(word)
            self._cache.put(word, cached)
        return cached

    def _lemmas(self, word: str) -> tuple[str | None, tuple[str, ...]]:
        a = self._best(word)
        if a is None:
            if "-" in word:  # unknown hyphenated compound: whole word plus known halves
                out = [word.lower()]
                for piece in word.split("-"):
                    if piece:
                        out.extend(self.lemmas(piece)[1])
                return None, tuple(dict.fromkeys(out))
            return None, (word.lower(),)
        baseform, cls, parts = a
        baseform = baseform.lower()
        if len(parts) < 2:
            return cls, (baseform,)
        out = [baseform]
        for surface, lemma in parts[:-1]:
            if lemma is None:
                self.bound.put(surface, True)
                lemma = surface
            out.append(lemma)
        out.append(parts[-1][1] or parts[-1][0])
        return cls, tuple(dict.fromkeys(t for t in out if t))


class LibVoikkoLemmas(_VoikkoLemmas):
    """Debian's libvoikko (C library): about ten times faster than pyvoikko."""

    name = "libvoikko"

    def __init__(self, voikko: Any, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        super().__init__(cache_size)
        self._voikko = voikko

    def _raw_forms(self, word: str) -> frozenset[tuple[str | None, str | None]]:
        return frozenset((a.get("SIJAMUOTO"), a.get("NUMBER")) for a in self._voikko.analyze(word))

    def _raw(self, word: str) -> list[_Analysis]:
        out = []
        for a in self._voikko.analyze(word):
            base = a.get("BASEFORM", word).lower()
            segments = _parse_wordbases(a.get("WORDBASES", ""))
            parts: list[tuple[str, str | None]] = []
            if len(segments) >= 2:
                prefix = ""
                for seg in segments[:-1]:
                    surface = "".join(s for s, _ in seg).lower()
                    parts.append((surface, self._part_lemma(seg)))
                    prefix += surface
                rest = base[len(prefix) :] if base.startswith(prefix) else ""
                rest = rest.lstrip("-")
                if not rest:
                    last = segments[-1][0][1] or segments[-1][0][0]
                    rest = last.replace("=", "").lower()
                parts.append(("", rest))
            else:
                parts = [("", base)] * len(segments)
            out.append((base, a.get("CLASS"), parts))
        return out

    def _part_lemma(self, part: list[tuple[str, str | None]]) -> str | None:
        """Lemma of a non-final compound part (None: a bound part with no base form)."""
        surface = "".join(s for s, _ in part).lower()
        if len(part) == 1:
            base = part[0][1]
            if base is None:
                return None
            base = base.replace("=", "").lower()
            # Compound form of a -minen noun ("kokoontumis-") names the action noun.
            if surface.endswith("mis") and base != surface:
                return surface[:-1] + "nen"
            return base
        # Derived part ("työttömyys", "avustus"): ask Voikko for its base form.
        analyses = self._voikko.analyze(surface)
        single = [a for a in analyses if len(_parse_wordbases(a.get("WORDBASES", ""))) == 1]
        if single:
            return str(single[0]["BASEFORM"]).lower()
        return surface


class PyVoikkoLemmas(_VoikkoLemmas):
    """pyvoikko: the voikko-fi transducer from pip (kfst); same lemmas as libvoikko."""

    name = "pyvoikko"

    def __init__(self, module: Any, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        super().__init__(cache_size)
        self._module = module

    def _raw_forms(self, word: str) -> frozenset[tuple[str | None, str | None]]:
        return frozenset(
            (getattr(a, "SIJAMUOTO", None), getattr(a, "NUMBER", None))
            for a in self._module.analyse(word.lower())
        )

    def _raw(self, word: str) -> list[_Analysis]:
        # The transducer knows lower-case forms only ("helsingissä" -> Helsinki).
        analyses = self._module.analyse(word.lower())
        out = []
        for a in analyses:
            base = a.BASEFORM.replace("=", "").replace("--", "-").lower()
            parts: list[tuple[str, str | None]] = []
            compound = a.COMPOUND_PARTS or []
            if len(compound) >= 2:
                # pyvoikko spells adjective parts in their base form ("omainenhoitaja");
                # Voikko's own base form keeps the written first parts ("omaishoitaja").
                head = "".join(p.FORM for p in compound[:-1]).lower()
                tail = compound[-1].BASEFORM.replace("=", "").lower()
                base = (head + tail).replace("--", "-")
            if len(compound) >= 2:
                for p in compound[:-1]:
                    surface = p.FORM.lower().rstrip("-")
                    if p.CLASS == "etuliite" or not p.BASEFORM:
                        parts.append((surface, None))
                    elif p.CLASS == "teonsana" and surface.endswith("mis"):
                        parts.append((surface, surface[:-1] + "nen"))  # kokoontumis -> -minen
                    else:
                        parts.append((surface, p.BASEFORM.replace("=", "").lower()))
                last = compound[-1].BASEFORM.replace("=", "").lower()
                parts.append(("", last))
            out.append((base, a.CLASS, parts))
        return out


class Lemmatiser:
    """Turns texts into lists of lemma tokens; holds the language tools and their caches.

    Args:
        backend: "auto" (libvoikko if present, else pyvoikko, else Snowball), or one of
            "libvoikko", "pyvoikko", "snowball" (raises ValueError if it cannot be loaded).
        cache_size: Words remembered per cache (bounded; oldest half dropped when full).

    Attributes:
        backend_name: "libvoikko", "pyvoikko" or "snowball" (the Finnish backend in use).
        warning: A sentence for people when Finnish is only stemmed, else None.
    """

    def __init__(self, backend: str = "auto", cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        if not isinstance(cache_size, int) or cache_size < 1:
            raise ValueError(f"cache_size must be a positive integer, not {cache_size!r}")
        self.finnish: _VoikkoLemmas | None = None
        failures = []
        order = ("libvoikko", "pyvoikko") if backend == "auto" else (backend,)
        for name in order:
            if name == "snowball":
                break
            try:
                if name == "libvoikko":
                    self.finnish = LibVoikkoLemmas(_load_libvoikko(), cache_size)
                else:
                    self.finnish = PyVoikkoLemmas(_load_pyvoikko(), cache_size)
                break
            except Exception as exc:  # ImportError, OSError from the C library, no dictionary
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
        if self.finnish is None and backend not in ("auto", "snowball"):
            raise ValueError(f"lemmatiser backend {backend} unavailable ({'; '.join(failures)})")
        self.backend_name = self.finnish.name if self.finnish is not None else "snowball"
        self.warning = None
        if self.finnish is None and backend == "auto":
            self.warning = (
                "Finnish words were only stemmed (Snowball): neither pyvoikko nor libvoikko "
                "could be loaded, so keywords and titles may show cut-off words"
            )
            log.warning("%s (%s)", self.warning, "; ".join(failures))
        self._stemmers: dict[str, Any] = {}
        self._stem_cache = BoundedCache(cache_size)

    def __repr__(self) -> str:
        return f"Lemmatiser(backend={self.backend_name!r})"

    def __deepcopy__(self, memo: dict[int, object]) -> Lemmatiser:
        # A tool, not data: sklearn's clone() deep-copies parameters, and a copy would
        # reload Voikko and lose the caches. Sharing is safe (lookups are locked).
        return self

    @property
    def uses_voikko(self) -> bool:
        return self.finnish is not None

    def is_bound_form(self, token: str) -> bool:
        """A compound part that is no word of its own ("yhteis"): a feature, never a keyword."""
        return (
            self.finnish is not None
            and token in self.finnish.bound
            and not self.finnish.is_word(token)
        )

    def _stem(self, lang: str, word: str) -> str:
        key = (lang, word)
        stem = self._stem_cache.get(key)
        if stem is None:
            stemmer = self._stemmers.get(lang)
            if stemmer is None:
                import snowballstemmer

                name = {"fi": "finnish", "sv": "swedish", "en": "english"}[lang]
                stemmer = self._stemmers[lang] = snowballstemmer.stemmer(name)
            stem = str(stemmer.stemWord(word))
            self._stem_cache.put(key, stem)
        return stem

    def tokens(self, text: str, stop: frozenset[str] = frozenset()) -> list[str]:
        """Lemma tokens of one text, stop words removed."""
        lang = detect_language(text)
        words = [w for w in _TOKEN_RE.findall(text) if len(w) <= _MAX_WORD_LEN]
        out: list[str] = []
        if lang == "fi" and self.finnish is not None:
            for w in words:
                cls, lemmas = self.finnish.lemmas(w)
                if cls in _DROP_CLASSES:
                    continue
                if lemmas and lemmas[0] in stop:
                    continue  # a common compound ("maakunta") takes its parts ("maa") with it
                out.extend(t for t in lemmas if len(t) > 1 and t not in FINNISH and t not in stop)
            return out
        lang_stop = {"fi": FINNISH, "sv": SWEDISH, "en": ENGLISH}[lang]
        for w in words:
            low = w.lower()
            if len(low) < 2 or low in lang_stop or low in stop:
                continue
            stem = self._stem(lang, low)
            if stem not in stop:
                out.append(stem)
        return out

    def normalise(self, texts: list[str], extra_stop_words: Iterable[str] = ()) -> list[list[str]]:
        """Lemma tokens per text (see the module function ``normalise``)."""
        stop = frozenset(w.lower() for w in extra_stop_words)
        return [self.tokens(t or "", stop) for t in texts]


# Kept for callers of the previous name.
Normaliser = Lemmatiser


@functools.lru_cache(maxsize=1)
def default_lemmatiser() -> Lemmatiser:
    """A shared Lemmatiser for callers that pass none (its caches are bounded)."""
    return Lemmatiser()


get_normaliser = default_lemmatiser


def reset_normaliser() -> None:
    """Forget the shared lemmatiser (tests use this to simulate missing libraries)."""
    default_lemmatiser.cache_clear()


def is_bound_form(token: str, lemmatiser: Lemmatiser | None = None) -> bool:
    """Whether a token is a bound compound part that should not be shown to people."""
    return (lemmatiser or default_lemmatiser()).is_bound_form(token)


def normalise(
    texts: list[str], extra_stop_words: Iterable[str] = (), lemmatiser: Lemmatiser | None = None
) -> list[list[str]]:
    """Lemma tokens per text.

    Args:
        texts: Proposals in Finnish, Swedish or English.
        extra_stop_words: Lemmas to drop in addition to the built-in stop words
            (e.g. words common to every theme of a round).

    Returns:
        One list of tokens per text: for Finnish, lemmas plus the lemmas of compound parts
        (``järjestöavustusten`` -> ``järjestöavustus, järjestö, avustus``); for Swedish
        and English, Snowball stems.
    """
    return (lemmatiser or default_lemmatiser()).normalise(texts, extra_stop_words)
