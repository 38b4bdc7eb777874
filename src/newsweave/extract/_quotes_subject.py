"""Sentence-initial subjects with appositives for :mod:`quotes`.

"Jane Doe, 59, of Ashton, Md., who watched the ceremony, said ..." / "China, Pyongyang's only ally, said ...":
the scan in :mod:`_quotes_np` stops at the last comma before the cue; here the subject is read from the
sentence start instead, keeping noun-phrase appositives (PolNeAR includes them in the source) and dropping
the clause-like ones (relative clauses, participles, adverbials) that PolNeAR usually leaves out.
"""

from __future__ import annotations

import re

from ._lexicon import FUNCTION_WORDS
from ._quotes_cues import CUE_RE
from ._quotes_np import _DETERMINERS, _np_ok, _trim, _words

_MAX_WORDS = 40
# Pieces that open a clause or adjunct rather than a noun phrase: they end the source.
_CLAUSAL = re.compile(r"(?:who|which|whose|whom|that|when|while|after|before|as|in|on|at|during|speaking|"
                      r"according|however|though|although|because|if|since|meanwhile|like|unlike|despite|"
                      r"amid|with|without|for|by|from|to|not|also|too|\w+ing|\w+ly|[a-z]+ed)\b")


def _pieces(raw: str, a: int, b: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of raw[a:b], commas inside parentheses ignored."""
    out, depth, start = [], 0, a
    for i in range(a, b):
        c = raw[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return [_trim(raw, x, y, " \t\n") for x, y in out if raw[x:y].strip()]


def _head_ok(text: str) -> bool:
    ws = _words(text)
    if not ws or not _np_ok(text):
        return False
    first = ws[0].casefold()
    if first in FUNCTION_WORDS and first not in _DETERMINERS:
        return False
    if len(ws) == 1 and (first.endswith("ly") or not ws[0][:1].isupper()):
        return False
    # A determiner phrase must end in a noun-ish word, and a name must be capitalised.
    return ws[0][:1].isupper() or first in _DETERMINERS


def _appositive_ok(text: str) -> bool:
    ws = _words(text)
    if not ws or re.search(r"[\"“”;:]", text) or ws[0] in ("and", "but", "or", "so", "yet"):
        return False  # "..., and the meeting deteriorated": a coordinated clause, not an appositive
    # Relative clauses and "including ..." lists stay in the source ("Derek Mitchell, who served as ...,"),
    # unless the clause reports speech of its own ("Mr. Kamin, who emphasized that ...").
    if ws[0].casefold() in ("who", "which", "whose", "including", "like") and len(ws) <= 30:
        return not (ws[0].casefold() in ("who", "which") and CUE_RE.search(text))
    if _CLAUSAL.match(text) and not ws[0][:1].isupper():
        return False
    return ws[0].casefold() in _DETERMINERS or ws[0][:1].isupper() or ws[0][:1].isdigit() or \
        ws[0].casefold() == "of" or (ws[0].islower() and len(ws) <= 24)


def subject_before(raw: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The subject 'HEAD, APPOSITIVE, ...,' running from ``lo`` to the comma before the cue."""
    a, b = _trim(raw, lo, cue_start, " \t\n")
    if b <= a or raw[b - 1] != ",":
        return None
    pieces = _pieces(raw, a, b - 1)
    if len(pieces) < 2 or len(_words(raw[a:b])) > _MAX_WORDS + 20:
        return None
    head = pieces[0]
    if not _head_ok(raw[head[0]:head[1]]):
        return None
    end = head[1]
    nominal = 0
    for ps, pe in pieces[1:]:
        text = raw[ps:pe]
        if not _appositive_ok(text):
            # A clause-like piece ends the source, but only pieces that can be skipped may follow it.
            break
        if len(_words(raw[head[0]:pe])) > _MAX_WORDS:
            break
        if _second_appositive(text, nominal):
            break
        nominal += 1
        end = pe
    return head[0], end


def _second_appositive(text: str, nominal: int) -> bool:
    """'Ayrault, the foreign minister of France, a permanent member of the Council,': the second noun
    phrase describes the last word of the first (France), so PolNeAR ends the source before it; ages,
    places ("59, of Ashton, Md.") and relative clauses do not count."""
    first = _words(text)[0].casefold()
    # "X, president of the federation, which represents teachers,": "which" describes the organisation.
    return nominal >= 1 and (first in _DETERMINERS and first not in ("former", "senior", "top", "u.s.")
                             or first == "which")
