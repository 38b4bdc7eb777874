"""Text utilities shared by every stage (stages may import this package, never each other).

Sentence splitting is written by hand: the libraries that do it well (spaCy, NLTK punkt, stanza) either need
model downloads at run time or are heavy for a rule that news prose satisfies with a short abbreviation list;
and we need exact character offsets into ``raw_text`` which a regex scanner gives for free.
"""

from __future__ import annotations

from ._sentences import Sentence, body_sentences, split_sentences
from ._normalise import normalise, tokens

__all__ = ["Sentence", "split_sentences", "body_sentences", "normalise", "tokens"]
