"""Who said what: direct quotes and reported speech, each with the speaker, the cue and their spans.

Rules, not a model: attribution in news follows a handful of shapes ("...," X said / X said that ... /
according to X, ...) that a cue-verb lexicon and a noun-phrase scan recover with exact spans, which
attribution models trained on PARC/PolNeAR need GPUs and downloads to match. Spans follow the PolNeAR
conventions: the source is the whole noun phrase (appositive included), the content excludes the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..models import Article, Evidence, Quote
from ..text import Sentence, split_sentences
from ._lexicon import FUNCTION_WORDS, PRONOUNS_PERSON
from .entities import _chunks, _classify, evidence_for, find_mentions, make_resolver, merge_entities

__all__ = ["find_quotes", "CUE_VERBS"]

# Reporting and stance verbs, base form -> inflections. Ordered by how often they introduce attributions.
CUE_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "say"), "tell": ("told", "tells", "tell"), "add": ("added", "adds"),
    "note": ("noted", "notes"), "write": ("wrote", "writes"), "report": ("reported", "reports"),
    "argue": ("argued", "argues"), "claim": ("claimed", "claims"), "announce": ("announced", "announces"),
    "state": ("stated",), "explain": ("explained", "explains"), "insist": ("insisted", "insists"),
    "warn": ("warned", "warns"), "acknowledge": ("acknowledged", "acknowledges"), "admit": ("admitted", "admits"),
    "recall": ("recalled", "recalls"), "suggest": ("suggested", "suggests"), "believe": ("believed", "believes"),
    "think": ("thought", "thinks"), "declare": ("declared", "declares"), "predict": ("predicted", "predicts"),
    "confirm": ("confirmed", "confirms"), "tweet": ("tweeted",), "reply": ("replied", "replies"),
    "respond": ("responded", "responds"), "answer": ("answered", "answers"), "conclude": ("concluded", "concludes"),
    "contend": ("contended", "contends"), "maintain": ("maintained", "maintains"),
    "emphasize": ("emphasized", "emphasised", "emphasizes", "emphasises"), "stress": ("stressed", "stresses"),
    "point out": ("pointed out", "points out"), "complain": ("complained", "complains"),
    "counter": ("countered", "counters"), "allege": ("alleged", "alleges"), "assert": ("asserted", "asserts"),
    "observe": ("observed", "observes"), "reveal": ("revealed", "reveals"), "agree": ("agreed", "agrees"),
    "show": ("showed", "shows"), "find": ("found", "finds"), "estimate": ("estimated", "estimates"),
    "hope": ("hoped",), "fear": ("feared",), "know": ("knew", "knows"), "ask": ("asked", "asks"),
    "joke": ("joked", "jokes"), "quip": ("quipped", "quips"), 
    "testify": ("testified", "testifies"), "concede": ("conceded", "concedes"), "boast": ("boasted", "boasts"),
    "caution": ("cautioned", "cautions"), "indicate": ("indicated", "indicates"),
    "promise": ("promised", "promises"), "vow": ("vowed", "vows"), "pledge": ("pledged", "pledges"),
    "deny": ("denied", "denies"), "charge": ("charged",), "expect": ("expected", "expects"),
    "worry": ("worried", "worries"), "speculate": ("speculated", "speculates"), "remark": ("remarked",),
    "post": ("posted",), "describe": ("described", "describes"), "cite": ("cited",),
    "mention": ("mentioned", "mentions"), "hint": ("hinted", "hints"), "feel": ("felt", "feels"),
    "recount": ("recounted", "recounts"), "exclaim": ("exclaimed",), "shout": ("shouted",),
}
# Verbs that take a clause directly ("X said the strikes ..."); the rest need "that", ":" or a quote.
_BARE_CLAUSE = frozenset({
    "say", "add", "note", "write", "report", "argue", "claim", "announce", "state", "explain", "insist", "warn",
    "acknowledge", "admit", "suggest", "believe", "think", "predict", "confirm", "tweet", "conclude", "contend",
    "maintain", "stress", "point out", "allege", "assert", "reveal", "show", "find", "estimate", "hope", "fear",
    "know", "recall", "concede", "indicate", "expect", "feel", "testify", "emphasize", "observe", "agree",
    "continue", "reply", "respond", "boast", "joke", "quip", "caution", "promise", "vow", "pledge", "deny",
})
_FORM_TO_BASE = {form: base for base, forms in CUE_VERBS.items() for form in forms}
_CUE_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(f) for f in _FORM_TO_BASE), key=len, reverse=True))
                     + r")\b", re.IGNORECASE)
# Auxiliaries and adverbs written between a speaker and the verb belong to the cue ("has also said").
_AUX = re.compile(r"(?:\b(?:has|have|had|also|later|then|previously|repeatedly|often|once|would|will|could|"
                  r"may|might|did|does|do|not|never|recently|publicly|reportedly|further|again|earlier|already|"
                  r"privately|separately|simply|flatly|bluntly|just|even|still|first|now|long|always|since|meanwhile|\w+ly|\w+n['’]t)\s+)+$",
                  re.IGNORECASE)
# What may follow a sentence-final cue: "in a statement", "on Tuesday", "in an interview with CNN".
_TAIL = re.compile(r"^\s*(?:(?:in|on|at|during|to|after|before|late|early|last|this|from|via|over|with)\b"
                   r"[^,;\"“”]{0,60}|[A-Z][a-z]+day(?: [a-z]+)?|tonight|today|yesterday)?\s*[.!?]?[\"”’]?\s*$")
_QUOTE_OPEN = "\"“"
_QUOTE_CLOSE = "\"”"
_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "some", "many", "most", "several", "his", "her",
                          "their", "its", "our", "both", "all", "few", "two", "three", "other", "these", "those",
                          "this", "that", "each", "former", "senior", "top", "u.s.", "no", "my", "your", "any"})
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"})
_CLAUSE_VERBS = re.compile(r"\b(?:is|are|was|were|be|been|being|will|would|has been|have been|do|does)\b",
                           re.IGNORECASE)
# A speaker noun phrase longer than this (in words) is a clause the scan ran into, not a name.
_MAX_SPEAKER_WORDS = 12
_MAX_APPOSITIVE_WORDS = 24


@dataclass
class _Found:
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    content: list[tuple[int, int]]
    direct: bool


def _quote_spans(raw: str, s0: int, e0: int) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included; an unclosed one runs to the paragraph end (the news
    convention for a quote that continues in the next paragraph)."""
    spans: list[tuple[int, int]] = []
    start = None
    for i in range(s0, e0):
        c = raw[i]
        if start is None:
            if c in _QUOTE_OPEN and (c == "“" or i == s0 or not raw[i - 1].isalnum()):
                start = i
        elif c in _QUOTE_CLOSE:
            if i - start > 1:
                spans.append((start, i + 1))
            start = None
    if start is not None and e0 - start > 1:
        spans.append((start, e0))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b - 1 for a, b in spans)


def _trim(raw: str, a: int, b: int, chars: str = " \t\n,;:") -> tuple[int, int]:
    while a < b and (raw[a] in chars or raw[a].isspace()):
        a += 1
    while b > a and (raw[b - 1] in chars or raw[b - 1].isspace()):
        b -= 1
    return a, b


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’.\-]+", text)


def _np_ok(text: str, appositive: bool = False) -> bool:
    ws = _words(text)
    if not ws or len(ws) > (_MAX_APPOSITIVE_WORDS if appositive else _MAX_SPEAKER_WORDS):
        return False
    first = ws[0]
    if first.casefold() in _PRONOUN_SPEAKERS:
        return len(ws) == 1
    bare_noun = first.casefold().rstrip("s") in _PERSON_NOUNS or first.casefold() in _GROUP_NOUNS
    if not (first[:1].isupper() or first.casefold() in _DETERMINERS or first[:1].isdigit() or bare_noun):
        return False
    if _CLAUSE_VERBS.search(text) or re.search(r"[\"“”]", text):
        return False
    return True


_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "two", "three", "several", "many"})
_TIME_WORDS = re.compile(r"\b(?:ago|weeks?|months?|years?|days?|time|night|morning|evening|earlier|later)\b", re.I)
_PERSON_NOUNS = frozenset({"official", "source", "leader", "spokesman", "spokeswoman", "spokesperson", "aide",
                           "analyst", "expert", "diplomat", "officer", "commander", "witness", "resident", "lawmaker",
                           "minister", "secretary", "adviser", "advisor", "member", "director", "activist"})
_TIME_TAIL = re.compile(r"\s+(?:(?:on|late|early)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|"
                        r"(?:just\s+)?(?:this|last|earlier this)\s+(?:week|month|year|morning))$")
_GROUP_NOUNS = frozenset({"officials", "sources", "police", "authorities", "critics", "residents", "witnesses",
                          "analysts", "experts", "observers", "activists", "investigators", "prosecutors", "aides",
                          "diplomats", "lawmakers", "voters", "supporters", "opponents", "democrats", "republicans",
                          "polls", "surveys", "reports", "studies", "documents", "records", "data", "others"})
_TIME_HEAD = re.compile(r"^(?:(?:On|By|Late|Early|Earlier|Later)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                        r"Today|Yesterday|Last\s+\w+|(?:In|On)\s+(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)(?:\s+\d+)?)\s+(?=\S)")
_CUT_CHARS = ",;:—–\"“”"
_PARTY_TAG = re.compile(r"^(?:[RDI]-[A-Z][\w.]*|(?:Democrat|Republican|Independent)\b)")


def _name_suffix(raw: str, ps: int, pe: int) -> int:
    """Start of the name that ends the piece ("But according to AFP the Syrian Observatory for Human Rights"
    -> "the Syrian Observatory for Human Rights"); the piece itself when it does not end in a name."""
    toks = list(re.finditer(r"\S+", raw[ps:pe]))
    k = len(toks)
    while k > 0 and (toks[k - 1].group()[:1].isupper() or toks[k - 1].group() in ("of", "for", "al", "de", "bin")):
        k -= 1
    if k == len(toks) or k == 0:
        return ps
    while k < len(toks) and not toks[k].group()[:1].isupper():
        k += 1
    if k > 0 and toks[k - 1].group().casefold() == "the":
        k -= 1
    return ps + toks[k].start()


def _is_name(words: list[str]) -> bool:
    if words and words[0].casefold() == "the":
        words = words[1:]
    return bool(words) and words[0].casefold().strip(".") not in FUNCTION_WORDS and all(
        w[:1].isupper() or w[:1] == "(" or w.casefold() in ("of", "for", "al", "de", "bin", "van", "von") for w in words)


def _speaker_before(raw: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``cue_start`` and starts after the last clause boundary at or after
    ``lo``; an appositive ("Douglas Brinkley, a historian who ...,") is kept whole as PolNeAR does."""
    a, b = _trim(raw, lo, cue_start, " \t\n")
    if b <= a:
        return None
    # Parentheses ("Rep. Gwen Moore (D-Wis.)") are inside the phrase: mask their punctuation.
    text = re.sub(r"\([^()]*\)", lambda m: "(" + "x" * (len(m.group()) - 2) + ")", raw[a:b])
    m = re.search(r"\b(who|which)$", text)
    if m:  # relative pronouns are their own source ("..., who said")
        return a + m.start(), b
    trailing_comma = text.endswith(",")
    body = text[:-1] if trailing_comma else text
    cut = max(body.rfind(ch) for ch in _CUT_CHARS)
    best = cut + 1
    for m in _CONJ.finditer(body):
        if m.end() > best and not _joins_names(body, m):
            piece = _words(body[best:m.start()])
            # "a Britain-based group that monitors ...": a relative clause inside the noun phrase.
            if m.group().strip().casefold() in ("that", "who") and piece and piece[0].casefold() in _DETERMINERS \
                    and len(piece) <= 5:
                continue
            best = m.end()
    s, e = _trim(raw, a + best, a + len(body), " \t\n,")
    h = _TIME_HEAD.match(raw[s:e])
    if h and h.end() < e - s:
        s += h.end()
    t = _TIME_TAIL.search(raw, s, e)
    if t and t.start() > s and not trailing_comma:
        e = t.start()
    if e <= s or not _np_ok(raw[s:e]):
        return None
    if cut >= 0 and body[cut] == "," and best == cut + 1:
        p_cut = max(body.rfind(ch, 0, cut) for ch in _CUT_CHARS)
        ps, pe = _trim(raw, a + p_cut + 1, a + cut, " \t\n")
        ns = _name_suffix(raw, ps, pe)
        prefix = raw[ps:ns].casefold()
        # The appositive must open its clause: "Syria, the Pentagon said" is a list end, not an appositive.
        if ns > ps and "according to" not in prefix and not all(w in FUNCTION_WORDS for w in _words(prefix)):
            ns = pe
        ps = ns
        pw, cw = _words(raw[ps:pe]), _words(raw[s:e])
        if pw and cw and not _CONJ.search(raw[ps:pe]) and not re.search(r"\b(?:and|or)\b", raw[ps:pe]):
            det = lambda ws: ws[0].casefold() in _DETERMINERS  # noqa: E731
            join = (
                (_is_name(pw) and len(pw) <= 7 and (det(cw) or (_PARTY_TAG.match(raw[s:e]) and len(cw) <= 4)))
                or (_is_name(cw) and det(pw) and len(pw) <= 8 and not _TIME_WORDS.search(raw[ps:pe]))
            )
            if join and _np_ok(raw[ps:e], appositive=True):
                return ps, (b if trailing_comma else e)
    if trailing_comma:  # "the meeting deteriorated, said one source": the speaker follows the cue
        return None
    return s, e


_CONJ = re.compile(r"\b(?:that|but|while|as|because|when|if|after|before|since|where|so|though|although|"
                   r"whereas|than|and|or|then|yet|until|once|unless|whether|said|says)\s+", re.I)


def _joins_names(text: str, m: re.Match) -> bool:
    """'and' between two capitalised names is part of one source ("Mr. Obama and Hillary Clinton")."""
    if m.group().strip().casefold() != "and":
        return False
    before = text[: m.start()].rstrip()
    after = text[m.end():]
    if not before:
        return False
    if before.split()[-1][:1].isupper() and after[:1].isupper():
        return True
    # "A security official and a leader of ...": two people who speak together.
    return before.split()[-1].casefold().rstrip("s") in _PERSON_NOUNS and after.split()[0].casefold() in _DETERMINERS


_ABBR_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Del|Lt|Col|St|Jr|Sr|Prof|Rev|Sgt|Capt|Adm|Maj)|\b[A-Z]|"
                       r"(?:[A-Z]\.)+[A-Z])$")


def _phrase_end(raw: str, s: int, hi: int) -> int:
    """End of the phrase starting at ``s``: the next ; ! ? or full stop that does not close an abbreviation."""
    for m in re.finditer(r"[.;!?\"“”](?=\s|$)|[;!?\"“”]", raw[s:hi]):
        if m.group() == "." and _ABBR_END.search(raw[s : s + m.start()]):
            continue
        return s + m.start()
    return hi


def _speaker_after(raw: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """Inverted order: '..., said Mr. Smith, a spokesman.' -- the noun phrase after the cue."""
    s, e = _trim(raw, cue_end, _phrase_end(raw, cue_end, hi), " \t\n,")
    if e <= s or not _np_ok(raw[s:e], appositive="," in raw[s:e]):
        return None
    if not raw[s:s + 1].isupper() and raw[s:e].casefold() not in _PRONOUN_SPEAKERS:
        return None
    return s, e


def _cue_span(raw: str, lo: int, m_start: int, m_end: int) -> tuple[int, int]:
    aux = _AUX.search(raw[lo:m_start])
    return (lo + aux.start() if aux else m_start), m_end


def _after_cue_content(raw: str, base: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """The reported clause after the cue: 'said (that) ...', 'told AFP that ...'."""
    pos = cue_end
    rest = raw[pos:hi]
    if base == "tell":
        m = re.match(r"\s+[^,.;\"“”]{1,60}?\s+(?=that\b)", rest) or re.match(
            r"\s+(?:[A-Z][\w.]*|reporters|journalists|him|her|them|me|us|the \w+)(?: news agency)?[,:]?\s+", rest)
        if m:
            pos += m.end()
        else:
            return None
    s, e = _trim(raw, pos, hi, " \t\n,:;.")
    e = _strip_end(raw, s, e)
    if len(_words(raw[s:e])) < 2 or _NOT_CONTENT.match(raw[s:e]):
        return None
    if base not in _BARE_CLAUSE and not re.match(r"(?:that\b|[\"“:])", raw[s:e]):
        return None
    return s, e


# A "content" starting like this is the rest of a verb phrase ("showed up at", "says is a lie"), not speech.
_NOT_CONTENT = re.compile(r"(?:is|are|was|were|has|have|had|will|would|up|out|off|down|of|with|for|about|at|by|"
                          r"in|on|into|over|back|away)\b", re.I)


def _strip_end(raw: str, s: int, e: int) -> int:
    while e > s and raw[e - 1] in " \t\n.;,":
        e -= 1
    return e


def _direct(raw: str, s0: int, e0: int, quotes: list[tuple[int, int]], used: set[int]) -> list[_Found]:
    out: list[_Found] = []
    i = 0
    while i < len(quotes):
        qs, qe = quotes[i]
        # After the quote: '"...," Mr Austin said' / '"...," said Mr Austin' up to the sentence end.
        nxt_q = quotes[i + 1][0] if i + 1 < len(quotes) else e0
        m_end = re.search(r"[.!?](?:\s|$)|$", raw[qe:nxt_q])
        hi = qe + (m_end.start() if m_end else nxt_q - qe)
        tail = raw[qe:hi]
        found = None
        if re.match(r"\s*,?\s*\S", tail):
            for cm in _CUE_RE.finditer(raw, qe, hi):
                if cm.group()[:1].isupper() and cm.group().casefold() not in ("says", "said"):
                    continue
                cue = _cue_span(raw, qe, cm.start(), cm.end())
                sp = _speaker_before(raw, qe, cue[0])
                if sp and not raw[qe:sp[0]].strip(" ,\n\t"):
                    found = _Found(sp, cue, [(qs, qe)], True)
                elif not raw[qe:cm.start()].strip(" ,\n\t"):
                    sp = _speaker_after(raw, cm.end(), hi)
                    if sp:
                        found = _Found(sp, cue, [(qs, qe)], True)
                if found:
                    used.add(cm.start())
                    break
        if found and i > 0 and (not out or out[-1].content[-1][1] <= quotes[i - 1][0]):
            # Split quote with the cue after the second part: '"A," but "B," he said'.
            p0, p1 = quotes[i - 1]
            if p0 >= s0 and re.fullmatch(r"[\s,]*(?:(?:but|and)[\s,]*)?", raw[p1:qs]):
                found.content.insert(0, (p0, p1))
        if found:
            # Split quote: '"A," X said, "B."' or '... but "B"'.
            if i + 1 < len(quotes):
                q2s, q2e = quotes[i + 1]
                between = raw[max(found.speaker[1], found.cue[1]):q2s]
                if re.fullmatch(r"[\s,]*(?:(?:but|and|adding|continuing)[\s,]*)?", between) and \
                        not _has_attribution_after(raw, q2e, quotes, i + 1, e0):
                    found.content.append((q2s, q2e))
                    i += 1
            out.append(found)
            i += 1
            continue
        # Before the quote: 'Mr Austin said: "..."' / 'X said that "..."' inside one sentence.
        sent_lo = max([x.start for x in split_sentences(raw, s0, e0) if x.start <= qs] + [s0])
        pre = raw[sent_lo:qs]
        m = re.search(r"(" + _CUE_RE.pattern + r")\s*(?:,|:|that)?\s*$", pre, re.IGNORECASE)
        if m:
            cs, ce = sent_lo + m.start(1), sent_lo + m.end(1)
            cue = _cue_span(raw, sent_lo, cs, ce)
            sp = _speaker_before(raw, sent_lo, cue[0])
            if sp and cs not in used:
                used.add(cs)
                out.append(_Found(sp, cue, [(qs, qe)], True))
        i += 1
    return out


def _has_attribution_after(raw: str, qe: int, quotes: list[tuple[int, int]], i: int, e0: int) -> bool:
    nxt = quotes[i + 1][0] if i + 1 < len(quotes) else e0
    tail = raw[qe:nxt]
    m = re.match(r"[\s,]*[^.!?]{0,60}", tail)
    return bool(m and _CUE_RE.search(m.group()))


def _indirect(raw: str, sent: Sentence, quotes: list[tuple[int, int]], used: set[int],
              taken: list[tuple[int, int]]) -> list[_Found]:
    out: list[_Found] = []
    s0, e0 = sent.start, sent.end
    for m in _CUE_RE.finditer(raw, s0, e0):
        cs, ce = m.start(), m.end()
        if cs in used or _inside(cs, quotes) or any(a <= cs < b for a, b in taken):
            continue
        form = m.group()
        if form[:1].isupper() and form.casefold() not in ("says", "said"):
            continue
        base = _FORM_TO_BASE[form.casefold()]
        lo = max([b for a, b in quotes if b <= cs and a >= s0] + [s0])
        cue = _cue_span(raw, lo, cs, ce)
        sp = _speaker_before(raw, lo, cue[0])
        found = None
        if sp:
            tail = raw[ce:e0]
            if _TAIL.match(tail) and sp[0] > s0:
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
        elif raw[lo:cs].rstrip().endswith(",") and base in ("say", "add", "tell", "write", "note"):
            sp = _speaker_after(raw, ce, e0)
            if sp:
                content = _trim(raw, lo if lo > s0 else s0, cs, " \t\n,")
                if len(_words(raw[content[0]:content[1]])) >= 3:
                    found = _Found(sp, cue, [content], False)
        if found:
            used.add(cs)
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


def _default_resolver(article: Article) -> Callable[[str], str | None]:
    entities, _ = merge_entities({article.id: find_mentions(article)})
    return make_resolver(entities)


def _name_in(raw: str, s: int, e: int) -> str | None:
    """The name inside a speaker phrase: a person beats an organisation, which beats other names
    ("The Pentagon press secretary, John Kirby" -> "John Kirby"; "Syrian state news agency Sana" -> "Sana")."""
    by_kind: dict[str, list[str]] = {}
    for ch in _chunks(raw, Sentence(s, e, raw[s:e])):
        by_kind.setdefault(_classify(ch.tokens, ch.titled), []).append(raw[ch.start:ch.end])
    if "person" in by_kind:
        return by_kind["person"][0]
    if raw[s:e].split()[0].casefold() in _INDEFINITE:  # "a security official" is the speaker, not its employer
        return raw[s:e].strip(" ,")
    if "org" in by_kind:
        return by_kind["org"][0]
    if "other" in by_kind:
        return by_kind["other"][-1]
    return None


def find_quotes(article: Article, resolve: Callable[[str], str | None] | None = None) -> list[Quote]:
    """Direct and reported speech in the article body, in text order.

    ``resolve`` maps a surface name to a canonical one (see :func:`entities.make_resolver`); without it the
    article's own names are merged and used. Pronoun speakers take the most recent compatible speaker.
    """
    resolve = resolve or _default_resolver(article)
    raw = article.raw_text
    found: list[_Found] = []
    body = [s for s in article.segments if s.kind == "body"]
    for k, seg in enumerate(body):
        quotes = _quote_spans(raw, seg.start, seg.end)
        used: set[int] = set()
        direct = _direct(raw, seg.start, seg.end, quotes, used)
        # 'Kirby said:' closing one paragraph and the quotation opening the next.
        if k + 1 < len(body):
            m = re.search(r"(" + _CUE_RE.pattern + r")\s*:\s*$", raw[seg.start:seg.end], re.IGNORECASE)
            nxt = body[k + 1]
            if m and raw[nxt.start:nxt.start + 1] in _QUOTE_OPEN:
                cs = seg.start + m.start(1)
                lo = max(raw.rfind(". ", seg.start, cs) + 1, seg.start)
                sp = _speaker_before(raw, lo, cs)
                if sp:
                    q = _quote_spans(raw, nxt.start, nxt.end)
                    used.add(cs)
                    direct.append(_Found(sp, _cue_span(raw, lo, cs, seg.start + m.end(1)),
                                         [q[0] if q else (nxt.start, nxt.end)], True))
        taken = [(min(a for a, _ in f.content + [f.speaker]), max(b for _, b in f.content + [f.speaker]))
                 for f in direct if f.speaker]
        found.extend(direct)
        for sent in split_sentences(raw, seg.start, seg.end):
            found.extend(_indirect(raw, sent, quotes, used, taken))
    found.sort(key=lambda f: f.content[0][0])
    return _to_quotes(article, found, resolve)


def _sentence_of(article: Article, start: int, sentences: list[Sentence]) -> Sentence | None:
    for s in sentences:
        if s.start <= start < s.end:
            return s
    return None


def _to_quotes(article: Article, found: list[_Found], resolve: Callable[[str], str | None]) -> list[Quote]:
    raw = article.raw_text
    sentences = [s for seg in article.segments if seg.kind == "body"
                 for s in split_sentences(raw, seg.start, seg.end)]
    last_person: str | None = None
    last_any: str | None = None
    out: list[Quote] = []
    for f in sorted(found, key=lambda f: (f.speaker or f.cue)[0]):
        c0, c1 = min(a for a, _ in f.content), max(b for _, b in f.content)
        content = " ".join(raw[a:b] for a, b in f.content)
        speaker_name = None
        speaker_ev = None
        if f.speaker:
            s, e = f.speaker
            surface = raw[s:e]
            speaker_ev = evidence_for(article, s, e, _sentence_of(article, s, sentences))
            low = surface.casefold()
            if low in PRONOUNS_PERSON:
                speaker_name = last_person
            elif low in ("it", "they", "we", "who", "which"):
                speaker_name = last_any
            else:
                name = _name_in(raw, s, e)
                speaker_name = resolve(name or surface) or name or surface
                if name and _is_person(name, resolve, raw, s, e):
                    last_person = speaker_name
                last_any = speaker_name
        cue_text = raw[f.cue[0]:f.cue[1]]
        out.append(Quote(
            speaker=speaker_name,
            speaker_entity=None,
            cue=cue_text,
            content=content,
            direct=f.direct,
            evidence=evidence_for(article, c0, c1, _sentence_of(article, c0, sentences)),
            speaker_evidence=speaker_ev,
            cue_evidence=evidence_for(article, f.cue[0], f.cue[1], _sentence_of(article, f.cue[0], sentences)),
        ))
    return out


def _is_person(name: str, resolve, raw: str, s: int, e: int) -> bool:
    for ch in _chunks(raw, Sentence(s, e, raw[s:e])):
        if raw[ch.start:ch.end] == name:
            if _classify(ch.tokens, ch.titled) == "person":
                return True
    # A single surname the resolver completes to a full name ("Austin" -> "Lloyd Austin").
    full = resolve(name)
    return bool(full and len(full.split()) >= 2 and full.split()[-1] == name.split()[-1])
