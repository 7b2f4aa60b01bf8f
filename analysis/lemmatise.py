"""Text normalisation: tokens -> readable lemmas.

Finnish goes through Voikko (lemma plus compound parts from its WORDBASES analysis);
Swedish and English proposals are detected with a small function-word count and stemmed
with Snowball. If libvoikko cannot be loaded, Finnish falls back to the Snowball Finnish
stemmer with a logged warning.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

import snowballstemmer

from .stopwords import ENGLISH, FINNISH, SWEDISH, _words

log = logging.getLogger(__name__)

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
_CACHE_LIMIT = 500_000


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


def _load_voikko():
    """Return a Finnish Voikko handle, or None (with a warning) if unavailable."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as exc:  # ImportError, OSError from the C library, missing dictionary
        log.warning(
            "libvoikko unavailable (%s: %s); falling back to the Snowball Finnish stemmer",
            type(exc).__name__,
            exc,
        )
        return None


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


class FinnishLemmatiser:
    """Voikko lemmatiser with a per-word cache.

    ``lemmas(word)`` returns ``(word class, [whole lemma, compound part lemmas...])``.
    Voikko handles are not thread-safe, hence the lock.
    """

    def __init__(self, voikko) -> None:
        self._voikko = voikko
        self._cache: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self._lock = threading.Lock()
        # Compound parts met without a base form of their own ("yhteis" in "yhteistyö").
        self.bound: set[str] = set()
        self._words: dict[str, bool] = {}

    def is_word(self, token: str) -> bool:
        """Whether Voikko knows ``token`` as a word of its own."""
        known = self._words.get(token)
        if known is None:
            known = self._words[token] = bool(self._analyse(token))
        return known

    def _analyse(self, word: str) -> list[dict]:
        with self._lock:
            return self._voikko.analyze(word)

    def _best(self, word: str) -> dict | None:
        analyses = self._analyse(word)
        if not analyses:
            return None
        low = word.lower()

        # Fewest compound parts first (keeps lexicalised units whole); then the lemma that
        # shares most with the written form (turva over turpa for "turvan").
        def key(item):
            i, a = item
            n_parts = len(_parse_wordbases(a.get("WORDBASES", "")))
            prefix = _common_prefix(a.get("BASEFORM", "").lower(), low)
            return (n_parts, -prefix, i)

        return min(enumerate(analyses), key=key)[1]

    def _part_lemma(self, part: list[tuple[str, str | None]]) -> str:
        """Lemma of a non-final compound part."""
        surface = "".join(s for s, _ in part).lower()
        if len(part) == 1:
            base = part[0][1]
            if base is None:
                self.bound.add(surface)
                return surface
            base = base.replace("=", "").lower()
            # Compound form of a -minen noun ("kokoontumis-") names the action noun.
            if surface.endswith("mis") and base != surface:
                return surface[:-1] + "nen"
            return base
        # Derived part ("työttömyys", "avustus"): ask Voikko for its base form.
        a = self._best(surface)
        if a is not None and len(_parse_wordbases(a.get("WORDBASES", ""))) == 1:
            return a["BASEFORM"].lower()
        return surface

    def lemmas(self, word: str) -> tuple[str | None, tuple[str, ...]]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._lemmas(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

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
        baseform = a.get("BASEFORM", word).lower()
        cls = a.get("CLASS")
        parts = _parse_wordbases(a.get("WORDBASES", ""))
        if len(parts) < 2:
            return cls, (baseform,)
        out = [baseform]
        prefix = ""
        for part in parts[:-1]:
            out.append(self._part_lemma(part))
            prefix += "".join(s for s, _ in part).lower()
        rest = baseform[len(prefix) :] if baseform.startswith(prefix) else ""
        rest = rest.lstrip("-")
        if not rest:
            last = parts[-1][0][1] or parts[-1][0][0]
            rest = last.replace("=", "").lower()
        out.append(rest)
        return cls, tuple(dict.fromkeys(t for t in out if t))


class Normaliser:
    """Turns texts into lists of lemma tokens; holds the (cached) language tools."""

    def __init__(self) -> None:
        voikko = _load_voikko()
        self.finnish = FinnishLemmatiser(voikko) if voikko is not None else None
        self._stemmers = {
            "fi": snowballstemmer.stemmer("finnish"),
            "sv": snowballstemmer.stemmer("swedish"),
            "en": snowballstemmer.stemmer("english"),
        }
        self._stem_cache: dict[tuple[str, str], str] = {}

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
            stem = self._stemmers[lang].stemWord(word)
            if len(self._stem_cache) >= _CACHE_LIMIT:
                self._stem_cache.clear()
            self._stem_cache[key] = stem
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


_default: Normaliser | None = None
_default_lock = threading.Lock()


def get_normaliser() -> Normaliser:
    """Process-wide normaliser, so the per-word caches survive between calls."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Normaliser()
        return _default


def is_bound_form(token: str) -> bool:
    """Whether a token is a bound compound part that should not be shown to people."""
    return get_normaliser().is_bound_form(token)


def reset_normaliser() -> None:
    """Forget the process-wide normaliser (tests use this to simulate a missing libvoikko)."""
    global _default
    with _default_lock:
        _default = None


def normalise(texts: list[str], extra_stop_words: Iterable[str] = ()) -> list[list[str]]:
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
    norm = get_normaliser()
    stop = frozenset(w.lower() for w in extra_stop_words)
    return [norm.tokens(t or "", stop) for t in texts]
