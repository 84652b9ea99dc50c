"""Detect a text's language by counting the stop words of each language's table.

Counting a few dozen function words is enough to tell French, English and Spanish apart on
a page of text, needs no model, and extends to a new language with its ``sections.toml``.
"""

from __future__ import annotations

import re
from collections import Counter

from reskg.errors import LanguageError
from reskg.parse.phrases import languages, phrases

_WORD = re.compile(r"[^\W\d_]+")
# Enough text to decide; longer texts only cost time.
SAMPLE = 20_000
# Fewer hits than this is not text in any known language (a table, a list of numbers).
MIN_HITS = 3


def detect_language(text: str, *, path: str | None = None) -> str:
    """The code of the language whose stop words occur most often in ``text``."""
    words = Counter(w.casefold() for w in _WORD.findall(text[:SAMPLE]))
    scores = {code: sum(words[w] for w in phrases(code).stopwords) for code in languages()}
    best = max(sorted(scores), key=lambda code: scores[code], default=None)
    if best is None or scores[best] < MIN_HITS:
        raise LanguageError(
            f"cannot tell the language (stop-word hits: {scores}); pass language=", path=path
        )
    return best
