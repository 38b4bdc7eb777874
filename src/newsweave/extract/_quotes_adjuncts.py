"""Attribution shapes around a cue that is not a finite verb with its subject, for :mod:`quotes`.

* "..., as a Homeland Security memo put it." -- the speaker inside an "as" clause;
* "The nominee has been endorsed by dozens of papers" -- a passive speech or stance verb whose by-phrase
  is the source (PolNeAR annotates the agent; the passive subject is the content);
* "Citing a conspiracy theory, Trump accused ..." -- a fronted participle of a cue verb, whose source is the
  main clause's subject.

Split from :mod:`_quotes_indirect`, which runs them after its cue-verb loop on the sentences it left.
"""

from __future__ import annotations

import re

from ._lexicon import FUNCTION_WORDS
from ._quotes_cues import FORM_TO_BASE
from ._quotes_indirect import _Found
from ._quotes_np import _inside, _np_ok, _phrase_end, _trim, _words
from ._quotes_vp import subject_verb

__all__ = ["as_put_it", "passive_agent", "fronted_participle"]


_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<sp>[^;:\"“”]{2,120}?),?\s+"
                     r"(?:(?:once|also|recently|later|memorably|[a-z]+ly)\s+)?"
                     r"(?P<cue>put\s+it)\b")


def as_put_it(raw: str, s0: int, e0: int, quotes: list[tuple[int, int]], used: set[int],
               taken: list[tuple[int, int]]) -> list[_Found]:
    """'..., as a Homeland Security memo put it.' / 'As Ms. Simonyan put it in a statement, RT is ...': the
    speaker sits inside an "as" clause; the content is the rest of the sentence on the other side of it."""
    out = []
    for m in _PUT_IT.finditer(raw, s0, e0):
        cs, ce = m.span("cue")
        sp = _trim(raw, *m.span("sp"))
        if cs in used or _inside(cs, quotes) or any(a <= cs < b for a, b in taken) or \
                not _np_ok(raw[sp[0]:sp[1]], appositive="," in raw[sp[0]:sp[1]]):
            continue
        before = _trim(raw, s0, m.start(), " \t\n,—–-")
        if len(_words(raw[before[0]:before[1]])) >= 3:
            content = before
        else:
            comma = raw.find(",", ce, e0)
            content = _trim(raw, comma + 1, e0, " \t\n,.") if comma >= 0 else (ce, ce)
        if len(_words(raw[content[0]:content[1]])) >= 2:
            used.add(cs)
            out.append(_Found(sp, (cs, ce), [content], False))
            taken.append((min(content[0], sp[0]), max(content[1], ce)))
    return out


_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:(?:first|also|widely|[a-z]+ly|likely\s+to\s+be)\s+)?"
                      r"(?P<verb>[a-z]+(?:ed|en)|told|said|held|found|known|thought)\s+by\s+"
                      r"(?!the\s+(?:time|end)\b|far\b|then\b|now\b|way\b)")
# Where the agent phrase stops: a comma, a relative clause or a time/place adjunct ("... Council in 2015").
_AGENT_STOP = re.compile(r",|\s(?:in|on|at|for|during|after|before|since|over|last|when|while|because|which|who|as|"
                         r"that)\s")
# Only verbs of saying, reporting and taking a position: "the bodies were found by a resident", "identities
# were released by police" are events, not attributions.
_PASSIVE_CUES = frozenset({"report", "endorse", "support", "echo", "reject", "tell", "decide", "back", "criticize",
                           "criticise", "praise", "oppose", "dispute", "deny", "confirm", "condemn", "welcome",
                           "applaud", "announce", "predict", "recommend", "propose", "write", "say", "state",
                           "estimate", "dismiss", "challenge", "contest", "refute", "contradict", "declare"})


def passive_agent(raw: str, s0: int, e0: int, quotes: list[tuple[int, int]], used: set[int],
                  taken: list[tuple[int, int]]) -> list[_Found]:
    """'The registration issue was first reported by The Washington Post': a passive cue verb (an auxiliary
    is required; a bare participle "released by" is mostly a noun modifier) with the by-phrase as source."""
    out = []
    for m in _PASSIVE.finditer(raw, s0, e0):
        if FORM_TO_BASE.get(m.group("verb")) not in _PASSIVE_CUES:
            continue
        cs, ce = m.start(), m.start("verb") + len(m.group("verb"))
        if cs in used or _inside(cs, quotes) or any(a <= cs < b for a, b in taken):
            continue
        end = _phrase_end(raw, m.end(), e0)
        stop = _AGENT_STOP.search(raw, m.end(), end)
        sp = _trim(raw, m.end(), stop.start() if stop else end)
        if not (1 <= len(_words(raw[sp[0]:sp[1]])) <= 25) or not _np_ok(raw[sp[0]:sp[1]]):
            continue
        content = _trim(raw, s0, cs, " \t\n,—–-")
        if len(_words(raw[content[0]:content[1]])) < 1:
            continue
        used.add(cs)
        out.append(_Found(sp, (cs, ce), [content], False))
        taken.append((content[0], sp[1]))
    return out


_FRONTED_ING = re.compile(r"\s*(?:(?:But|And|Yet|So)\s+)?(?P<cue>[A-Z][a-z]+ing)\b(?P<obj>[^,;:.!?\"“”]{3,160}"
                          r"(?:[\"“][^\"“”]{0,80}[\"”][^,;:.!?\"“”]{0,80})?),\s+")


def fronted_participle(raw: str, s0: int, e0: int, quotes: list[tuple[int, int]], used: set[int],
                       prior: list[_Found]) -> _Found | None:
    """'Citing an unfounded conspiracy theory, Trump accused ...': a sentence-opening participial clause with
    a cue verb belongs to the main clause's subject, as PolNeAR annotates it."""
    m = _FRONTED_ING.match(raw, s0, e0)
    if not m or m.group("cue").casefold() not in FORM_TO_BASE or m.start("cue") in used:
        return None
    first = m.group("obj").split()[0] if m.group("obj").split() else ""
    if not (first.casefold() in FUNCTION_WORDS or first[:1].isupper() or first[:1] in "\"“'"):
        return None  # "Responding officers did CPR": an adjective, not a clause of the subject's
    after = m.end()
    sp = next((f.speaker for f in prior if f.speaker and f.speaker[0] == after), None)
    if sp is None:
        vp = subject_verb(raw, after, e0)
        sp = vp[0] if vp and vp[0][0] == after else None
    content = _trim(raw, m.start("obj"), m.end("obj"), " \t\n,")
    if sp is None or len(_words(raw[content[0]:content[1]])) < 2:
        return None
    used.add(m.start("cue"))
    return _Found(sp, m.span("cue"), [content], False)
