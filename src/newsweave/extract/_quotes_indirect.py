"""Reported-speech rules for :mod:`quotes`: 'X said (that) ...', parentheticals, participles, 'according to'.

Split out of :mod:`quotes` to keep modules small; :mod:`quotes` runs the direct-quote rules first and hands
the sentences they left to :func:`_indirect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import Sentence
from ._lexicon import FUNCTION_WORDS
from ._quotes_cues import BARE_CLAUSE as _BARE_CLAUSE, CUE_RE as _CUE_RE, FORM_TO_BASE as _FORM_TO_BASE, ING_FORMS
from ._quotes_np import (
    _PRONOUN_SPEAKERS, _inside, _np_ok, _phrase_end, _speaker_after, _speaker_before, _trim, _words,
)
from ._quotes_subject import subject_before
from ._quotes_vp import subject_verb

# Auxiliaries and adverbs written between a speaker and the verb belong to the cue ("has also said").
_AUX = re.compile(r"(?:\b(?:is|are|was|were|been|be|am|has|have|had|also|later|then|previously|repeatedly|often|once|would|will|could|"
                  r"should|must|can|almost|"
                  r"may|might|did|does|do|not|never|recently|publicly|reportedly|further|again|earlier|already|"
                  r"privately|separately|simply|flatly|bluntly|just|even|still|first|now|long|always|since|meanwhile|"
                  r"(?!(?:family|ally|rally|reply|supply|assembly|anomaly|monopoly|daily|weekly|monthly|early|only)\b)"
                  r"(?-i:[a-z]+ly)|\w+n['’]t)\s+)+$",
                  re.IGNORECASE)
# What may follow a sentence-final cue: "in a statement", "on Tuesday", "in an interview with CNN".
_TAIL = re.compile(r"^\s*(?:(?:in|on|at|during|to|after|before|late|early|last|this|from|via|over|with)\b"
                   r"[^,;\"“”]{0,60}|[A-Z][a-z]+day(?: [a-z]+)?|tonight|today|yesterday)?\s*[.!?]?[\"”’]?\s*$")
# "..., top black lawmakers said Friday, as they bristled at ...": the closing cue may be followed by an
# adverbial clause; the reported content is still the part before the speaker.
_TAIL_CLAUSE = re.compile(r"\s*(?:(?:in|on|at|during|late|early|last|this|from|via|over|with)\b[^,;\"“”]{0,50}|"
                          r"[A-Z][a-z]+day(?: [a-z]+)?)?\s*,\s*(?:as|while|after|when|because|though|although|"
                          r"adding|saying|noting|citing|and|but|even|despite|since|before)\b")
_CLOSING_CUES = frozenset({"say", "add", "tell", "write", "note", "explain", "argue", "claim", "insist", "warn",
                           "report", "confirm"})


@dataclass
class _Found:
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    content: list[tuple[int, int]]
    direct: bool


def _cue_span(raw: str, lo: int, m_start: int, m_end: int) -> tuple[int, int]:
    aux = _AUX.search(raw[lo:m_start])
    if not aux:
        return m_start, m_end
    start = lo + aux.start()
    # A capitalised "May" / "Will" is the end of a name ("Theresa May said"), not an auxiliary.
    while start < m_start and raw[start].isupper():
        nxt = re.compile(r"\S+\s+").match(raw, start)
        start = nxt.end() if nxt else m_start
    return start, m_end


def _after_cue_content(raw: str, base: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """The reported clause after the cue: 'said (that) ...', 'told AFP that ...'."""
    pos = cue_end
    rest = raw[pos:hi]
    if base == "tell":
        # The addressee may hold a quoted title ('told MSNBC's "Morning Joe" that'), and the clause may be
        # an infinitive or a wh-clause ('told supporters to "go to your place"', 'told X how surprised he is').
        m = re.match(r"\s+(?:[^,.;\"“”]|[\"“][^\"“”]{1,30}[\"”])+?\s+"
                     r"(?=(?:that|to|how|what|why|whether|if)\b)", rest[:120]) or re.match(
            r"\s+(?:[A-Z][\w.]*|reporters|journalists|him|her|them|me|us|the \w+)(?: news agency)?[,:]?\s+", rest)
        if m:
            pos += m.end()
        else:
            return None
    s, e = _trim(raw, pos, hi, " \t\n,:;.")
    # "says in Ohio that ...": a short adjunct between the cue and its clause.
    adj = re.match(r"(?:in|on|at|during|after|before|from|to|with|over|of)\b[^;.\"“”]{1,70}?[\s,]"
                   r"(?=that\b|[\"“])", raw[s:hi])
    if adj:
        s += adj.end()
    e = _strip_end(raw, s, e)
    if len(_words(raw[s:e])) < 2 or _NOT_CONTENT.match(raw[s:e]):
        return None
    if base not in _BARE_CLAUSE and not re.match(r"(?:that\b|[\"“:])", raw[s:e]) and not (
            base == "tell" and re.match(r"(?:to|how|what|why|whether|if)\b", raw[s:e])):
        return None
    return s, e


# A "content" starting like this is the rest of a verb phrase ("showed up at", "says is a lie"), not speech.
_NOT_CONTENT = re.compile(r"(?:is|are|was|were|has|have|had|will|would|up|out|off|down|of|with|for|about|at|by|from|"
                          r"in|on|into|over|back|away)\b", re.I)


def _strip_end(raw: str, s: int, e: int) -> int:
    while e > s and raw[e - 1] in " \t\n.;,":
        e -= 1
    return e



# Openers before a sentence's subject: a conjunction or a short fronted adjunct ("On Tuesday,", "In a letter,").
_FRONTED = re.compile(r"\s*(?:(?:But|And|So|Yet|Still|Meanwhile|However|Instead|Now|Later|Earlier|Separately|Also),?\s+)?"
                      r"(?:(?:On|In|At|During|After|Before|Late|Early|Last|This|Earlier|Later|Speaking|Asked|"
                      r"Writing|Separately|Meanwhile|However|Since|Over|From|Through|Within|Under|Like|Unlike)"
                      r"\b[^,;:\"“”]{0,70},\s+)?")


def _subject_first(raw: str, s0: int, lo: int, cue: tuple[int, int], base: str, ce: int,
                   e0: int) -> _Found | None:
    """'(But|On Tuesday,) Jane Doe, a lawyer for the group, said ...': the subject opens the sentence."""
    if lo != s0 or not raw[lo:cue[0]].rstrip().endswith(","):
        return None
    m = _FRONTED.match(raw, s0, cue[0])
    start = m.end() if m else s0
    sp = subject_before(raw, start, cue[0])
    if not sp and start > s0:
        sp = subject_before(raw, s0, cue[0])
    content = _after_cue_content(raw, base, ce, e0) if sp else None
    return _Found(sp, cue, [content], False) if content else None


_STRICT_DET = frozenset({"the", "a", "an", "this", "its", "his", "her", "their", "our", "another", "one"})


def _not_a_cue(raw: str, form: str, cue: tuple[int, int], cs: int) -> bool:
    """Passives ("is expected to"), "so-called", "self-described": the verb form is there, the speaker is not."""
    if raw[cs - 1:cs] == "-" or re.search(r"\bso\s+$", raw[max(0, cs - 4):cs]):
        return True
    return not form.casefold().endswith("ing") and bool(
        re.search(r"\b(?:is|are|was|were|been|be|am)\b", raw[cue[0]:cs], re.I))


_BARE_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this"})
# What follows a plural noun or a noun modifier, never a reporting verb: "battleground states could be",
# "his plans ran into trouble", "the appeals court".
_AFTER_NOUN = re.compile(r"\s*(?:(?:could|would|can|will|may|might|should|must|is|are|was|were|have|has|had|"
                         r"do|does|did|don['’]t|didn['’]t|like|such|ran|came|court|trump)\b)")


def _noun_use(raw: str, form: str, ce: int, e0: int) -> bool:
    low = form.casefold()
    if not low.endswith("s") or low in ("says", "tells", "adds", "notes", "writes"):
        return False
    return bool(_AFTER_NOUN.match(raw, ce, e0))


def _noun_plural(form: str, speaker: str) -> bool:
    """'18 states', 'terrorist attacks': an -s form that is a plural noun after a bare modifier."""
    low = form.casefold()
    base = _FORM_TO_BASE.get(low, "")
    if not low.endswith("s") or base in ("say", "tell") or low == base:
        return False
    ws = _words(speaker)
    return bool(ws) and ws[-1].islower() and ws[0].casefold() not in _STRICT_DET and ws[0].casefold() not in \
        _PRONOUN_SPEAKERS and not ws[0][:1].isupper()


_NEW_CLAUSE = re.compile(r"(?:,\s*|\s(?:and|but|though|although|while|whereas|because)\s+|[,;—–]\s*(?:and|but)\s+)"
                         r"(?P<subj>(?:he|she|they|we|I|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}))"
                         r"(?:\s+(?:also|later|then|further|has|have|had|would|will|again|previously|repeatedly|"
                         r"[a-z]+ly))*\s+$")


def _after_comma(raw: str, s0: int, pos: int) -> bool:
    """A participle opening an adjunct: ', saying', ',” comparing' (the comma inside the closing quote)."""
    return bool(re.search(r",[\"”’']?\s*$", raw[max(s0, pos - 4):pos]))


def _participial(raw: str, s0: int, e0: int, cs: int, ce: int, prior: list[_Found]) -> _Found | None:
    """'Trump attacked the plan, saying it ...': the speaker of the clause the participle hangs on."""
    content = _trim(raw, ce, e0, " \t\n,:;.")
    if len(_words(raw[content[0]:content[1]])) < 2 or _NOT_CONTENT.match(raw[content[0]:content[1]]):
        return None
    for f in reversed(prior):
        if f.speaker and s0 <= f.cue[0] < cs:
            return _Found(f.speaker, (cs, ce), [content], False)
    # "(In 1986,) the Supreme Court blocked ..., citing ...": the main clause's subject, after a fronted adjunct.
    fronted = _FRONTED.match(raw, s0, cs)
    for start in dict.fromkeys((s0, fronted.end() if fronted else s0)):
        vp = subject_verb(raw, start, cs)
        if vp:
            return _Found(vp[0], (cs, ce), [content], False)
    sp = _opening_subject(raw, s0, cs)
    if not sp:
        return None
    first = _words(raw[sp[0]:sp[1]])[0].casefold()
    if sp[1] <= sp[0] or not _np_ok(raw[sp[0]:sp[1]]) or first in FUNCTION_WORDS - {"the"}:
        return None
    return _Found(sp, (cs, ce), [content], False)


def _opening_subject(raw: str, s0: int, cs: int) -> tuple[int, int] | None:
    """The noun phrase opening the sentence: the longest run ending in a capitalised word before a lowercase
    one that reads as a source ("Democratic presidential nominee Hillary Clinton chimed in ...")."""
    if re.match(r"\s*(?:He|She|They|We|I)\b", raw[s0:cs]):
        m = re.match(r"\s*(?:He|She|They|We|I)\b", raw[s0:cs])
        return _trim(raw, s0, s0 + m.end(), " \t\n,")
    best = None
    for m in re.finditer(r"[A-Z][\w.’'\-]*(?:\s+\([^()]{1,12}\))?(?=,?\s+[a-z])", raw[s0:min(cs, s0 + 120)]):
        sp = _trim(raw, s0, s0 + m.end(), " \t\n,")
        if "," in raw[sp[0]:sp[1]]:
            break
        if _np_ok(raw[sp[0]:sp[1]]):
            best = sp
    return best


def _indirect(raw: str, sent: Sentence, quotes: list[tuple[int, int]], used: set[int],
              taken: list[tuple[int, int]], prior: list[_Found] = ()) -> list[_Found]:
    out: list[_Found] = []
    s0, e0 = sent.start, sent.end
    for m in _CUE_RE.finditer(raw, s0, e0):
        cs, ce = m.start(), m.end()
        form = m.group()
        # A closing ", sources said." governs the whole sentence, even when a verb inside the clause it
        # reports already made an attribution ("Sana reported that ..., AFP said."): both are kept.
        closing = _FORM_TO_BASE.get(form.casefold()) in _CLOSING_CUES and _TAIL.match(raw[ce:e0]) and \
            re.search(r",[\"”’']?\s+[^,]{1,60}$", raw[s0:cs])
        # "Kerry said A, and he urged B" / "..., though she noted B": a second clause with its own subject
        # and cue inside the first one's content; the first content then ends before the conjunction.
        clause = _NEW_CLAUSE.search(raw, max(s0, cs - 80), cs)
        participle = (form.casefold() in ING_FORMS and _after_comma(raw, s0, cs)) or \
            re.search(r"\b(?:and|but|yet)\s+$", raw[max(s0, cs - 5):cs]) or closing or clause
        if cs in used or _inside(cs, quotes) or (any(a <= cs < b for a, b in taken) and not participle):
            continue
        if form[:1].isupper() and form.casefold() not in ("says", "said"):
            continue
        base = _FORM_TO_BASE[form.casefold()]
        lo = max([b for a, b in quotes if b <= cs and a >= s0] + [s0])
        cue = _cue_span(raw, lo, cs, ce)
        if form.casefold() in ING_FORMS:
            # "X, saying ..." belongs to the clause's subject; "X is demanding ..." needs its auxiliary.
            if _after_comma(raw, s0, cue[0]):
                f = _participial(raw, s0, e0, cs, ce, prior + out)
                if f:
                    used.add(cs)
                    # The clause the participle hangs on ends before its comma.
                    for g in out:
                        g.content = [(a, min(b, _trim(raw, a, cs, " \t\n,")[1])) if a < cs < b else (a, b)
                                     for a, b in g.content]
                    out.append(f)
                continue
            if not re.search(r"\b(?:is|are|was|were|been|be|am)\b", raw[cue[0]:cs], re.I):
                continue
        if _not_a_cue(raw, form, cue, cs):
            continue
        sp = _speaker_before(raw, lo, cue[0])
        if sp and (_noun_plural(form, raw[sp[0]:sp[1]]) or _noun_use(raw, form, ce, e0)):
            continue
        if sp and raw[sp[0]:sp[1]].casefold() in _BARE_DETERMINERS:
            continue  # "the think tank", "the accepted truth": the cue word is a modifier
        if not sp and re.search(r"\b(?:and|but|yet)\s*$", raw[lo:cue[0]]) and base in _BARE_CLAUSE:
            # "He has promoted X and downplayed Y": a second verb of the same subject.
            f = _participial(raw, s0, e0, cue[0], ce, prior + out)
            if f:
                used.add(cs)
                for g in out:  # the first verb's content ends before the conjunction
                    g.content = [(a, min(b, _trim(raw, a, lo + re.search(r"\s*\b(?:and|but|yet)\s*$",
                                                                         raw[lo:cue[0]]).start(), " \t\n,")[1]))
                                 if a < cs < b else (a, b) for a, b in g.content]
                out.append(f)
            continue
        found = None
        if sp and sp[0] == s0 and "," in raw[sp[0]:sp[1]] and re.match(r"\s*,\s*\S", raw[ce:e0]):
            # "The museum, Mr. Obama said, would ...": the phrase before the comma is the content, not an
            # appositive of the speaker.
            sp = _trim(raw, raw.rfind(",", sp[0], sp[1]) + 1, sp[1])
        if sp:
            tail = raw[ce:e0]
            if (_TAIL.match(tail) or (_TAIL_CLAUSE.match(tail) and raw[s0:sp[0]].rstrip().endswith(","))) \
                    and sp[0] > s0:
                content = _trim(raw, s0, sp[0], " \t\n,—–-")
                if len(_words(raw[content[0]:content[1]])) >= 3:
                    found = _Found(sp, cue, [content], False)
            elif re.match(r"\s*,\s*\S", tail) and sp[0] > s0 and raw[s0:sp[0]].rstrip().endswith(","):
                # Parenthetical: "Climate change, Mr. Obama often says, is the greatest threat."
                first = _trim(raw, s0, sp[0], " \t\n,")
                second = _trim(raw, ce, e0, " \t\n,.")
                if len(_words(raw[first[0]:first[1]])) >= 1 and len(_words(raw[second[0]:second[1]])) >= 2:
                    found = _Found(sp, cue, [first, second], False)
            else:
                content = _after_cue_content(raw, base, ce, e0)
                if content:
                    found = _Found(sp, cue, [content], False)
        else:
            found = _subject_first(raw, s0, lo, cue, base, ce, e0)
            if not found and raw[lo:cs].rstrip().rstrip("\"”’'").endswith(",") and \
                    base in ("say", "add", "tell", "write", "note"):
                sp = _speaker_after(raw, ce, e0)
                if sp:
                    content = _trim(raw, lo if lo > s0 else s0, cs, " \t\n,")
                    if len(_words(raw[content[0]:content[1]])) >= 3:
                        found = _Found(sp, cue, [content], False)
        if found:
            used.add(cs)
            if clause and found.speaker and found.speaker[0] >= clause.start("subj"):
                for g in out:
                    g.content = [(a, min(b, _trim(raw, a, clause.start(), " \t\n,—–")[1])) if a < cs < b else (a, b)
                                 for a, b in g.content]
            out.append(found)
            spans = [*found.content, found.cue] + ([found.speaker] if found.speaker else [])
            taken.append((min(a for a, _ in spans), max(b for _, b in spans)))
    # "according to X, ..." / "..., according to X."
    for m in re.finditer(r"\b[Aa]ccording to\s+", raw[s0:e0]):
        cs, ce = s0 + m.start(), s0 + m.start() + len("according to")
        if _inside(cs, quotes) or any(a <= cs < b for a, b in taken):
            continue
        end = _phrase_end(raw, s0 + m.end(), e0)
        comma = raw.find(",", s0 + m.end(), end)
        sp = _trim(raw, s0 + m.end(), comma if comma >= 0 else end)
        if not _np_ok(raw[sp[0]:sp[1]], appositive=True) or any(a < sp[1] and cs < b for a, b in taken):
            continue
        before = _trim(raw, s0, cs, " \t\n,")
        if len(_words(raw[before[0]:before[1]])) >= 3:
            content = before
        else:
            content = _trim(raw, sp[1], e0, " \t\n,.")
        if content[1] > content[0]:
            out.append(_Found(sp, (cs, ce), [content], False))
            taken.append((min(content[0], cs), max(content[1], sp[1])))
    return out
