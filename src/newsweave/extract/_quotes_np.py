"""Noun-phrase scanning for :mod:`quotes`: quotation spans and the speaker before or after a cue."""

from __future__ import annotations

import re

from ._lexicon import FUNCTION_WORDS
from ._quotes_cues import CUE_RE as _CUE_IN, FORM_TO_BASE as _FORM_TO_BASE

_QUOTE_OPEN = "\"“"
_QUOTE_CLOSE = "\"”"
_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "some", "many", "most", "several", "his", "her",
                          "their", "its", "our", "both", "all", "few", "two", "three", "other", "these", "those",
                          "this", "that", "each", "former", "senior", "top", "u.s.", "no", "my", "your", "any"})
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"})
_CLAUSE_VERBS = re.compile(r"\b(?:is|are|was|were|be|been|being|will|would|has been|have been|do|does|did|"
                           r"didn['’]t|doesn['’]t|don['’]t|wasn['’]t|isn['’]t)\b",
                           re.IGNORECASE)
# "the second time Joe Biden has authorised": a perfect tense inside the phrase is a clause.
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:[a-z]+ly\s+|not\s+|never\s+)?[a-z]+(?:ed|en|wn|ght)\b")
# A speaker noun phrase longer than this (in words) is a clause the scan ran into, not a name.
_MAX_SPEAKER_WORDS = 12
_MAX_APPOSITIVE_WORDS = 24


def _quote_spans(raw: str, s0: int, e0: int) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included; an unclosed one runs to the paragraph end (the news
    convention for a quote that continues in the next paragraph)."""
    spans: list[tuple[int, int]] = []
    start = None
    i = s0
    while i < e0:
        c = raw[i]
        # Two apostrophes are a quotation mark in some archives (the New York Times' ''...'').
        if c == "'" and raw[i + 1:i + 2] == "'":
            c, i = '"', i + 1
        if start is None:
            if c in _QUOTE_OPEN and (c == "“" or i == s0 or not raw[i - 1].isalnum() or raw[i - 1] == "'"):
                start = i - 1 if raw[i] == "'" else i
        elif c in _QUOTE_CLOSE:
            if i - start > 2:
                spans.append((start, i + 1))
            start = None
        i += 1
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


def _modified_name(ws: list[str]) -> bool:
    """'retired Air Force general Lloyd Newton', 'panel Chairman Jason Chaffetz': lowercase modifiers before
    a name of two or more capitalised words, with no function word or verb form among them."""
    if len(ws) < 3 or len(ws) > 9 or not (ws[-1][:1].isupper() and ws[-2][:1].isupper()):
        return False
    return not any(w.casefold() in FUNCTION_WORDS or (w.islower() and (w in _FORM_TO_BASE or w.endswith("ly")))
                   for w in ws)


def _np_ok(text: str, appositive: bool = False) -> bool:
    ws = _words(text)
    if not ws or len(ws) > (_MAX_APPOSITIVE_WORDS if appositive else _MAX_SPEAKER_WORDS):
        return False
    first = ws[0]
    if first.casefold() in _PRONOUN_SPEAKERS:
        return len(ws) == 1
    bare_noun = first.casefold().rstrip("s") in _PERSON_NOUNS or first.casefold() in _GROUP_NOUNS or \
        _bare_group(ws)
    if not (first[:1].isupper() or first.casefold() in _DETERMINERS or first[:1].isdigit() or bare_noun
            or _modified_name(ws)):
        return False
    if _CLAUSE_VERBS.search(text) or _PERFECT.search(text) or re.search(r"[\"“”]", text):
        return False
    # "the president declined to", "some of the": a phrase that stops mid-way is not a speaker.
    if len(ws) > 1 and ws[-1].casefold() in _CLOSED_CLASS and not (
            ws[-1][:1].isupper() and ws[-2][:1].isupper() and ws[-1].casefold() in _NAME_MONTHS):
        return False
    # "PolitiFact rated 32% of Republican": a verb inside the phrase means the scan crossed a clause.
    for k, (prev, w) in enumerate(zip(ws, ws[1:])):
        if prev[:1].isupper() and w.islower() and w.endswith("ed") and len(w) > 4 and \
                ws[k + 2:k + 3] != ["by"] and prev.casefold() not in _DETERMINERS:
            return False  # "PolitiFact rated 22% of", "Megyn Kelly confronted him": a clause, not a phrase
        if w.islower() and w in _FORM_TO_BASE and prev.casefold() not in _DETERMINERS and not w.endswith("ing"):
            # "a poll released Friday", "an analysis published by the agency": a participle inside the phrase.
            nxt = ws[k + 2] if k + 2 < len(ws) else ""
            if not (w.endswith("ed") and (nxt in ("by", "last", "this", "earlier", "on", "in")
                                          or re.fullmatch(r"[A-Z][a-z]+day", nxt))) and \
                    not (w.endswith("s") and nxt in ("", "of", "from", "by", "that", "in", "on")):
                return False  # ... "campaign-finance reports", "reports of ...": a plural noun
    return True


# FUNCTION_WORDS also lists nouns that open scraping debris ("Source:", "Photo"); a speaker may end in them.
_CLOSED_CLASS = FUNCTION_WORDS - {"source", "comment", "photo", "image", "read", "see", "click", "watch", "more"}
# ... and month names that are surnames when capitalised ("Theresa May", "Jane April").
_NAME_MONTHS = frozenset({"may", "june", "april", "august"})
def _bare_group(ws: list[str]) -> bool:
    """'restructuring experts', 'top black lawmakers', 'labor-policy experts from ...': lowercase modifiers
    before a person or group noun within the first four words."""
    for k, w in enumerate(ws[:4]):
        low = w.casefold()
        if low in _GROUP_NOUNS or (low.endswith("s") and low.rstrip("s") in _PERSON_NOUNS):
            return k > 0 and all(x.islower() and x not in _CLOSED_CLASS and x not in _FORM_TO_BASE for x in ws[:k])
    return False


_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "two", "three", "several", "many"})
_TIME_WORDS = re.compile(r"\b(?:ago|weeks?|months?|years?|days?|time|night|morning|evening|earlier|later)\b", re.I)
_PERSON_NOUNS = frozenset({"official", "source", "leader", "spokesman", "spokeswoman", "spokesperson", "aide",
                           "analyst", "expert", "diplomat", "officer", "commander", "witness", "resident", "lawmaker",
                           "minister", "secretary", "adviser", "advisor", "member", "director", "activist",
                           "economist", "scientist", "historian", "strategist", "pollster", "researcher", "lawyer",
                           "attorney", "judge", "advocate", "insider", "staffer", "organizer", "protester",
                           "demonstrator", "doctor", "teacher", "parent", "student", "veteran", "worker"})
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
    return ps + toks[k].start() if k < len(toks) else ps


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
        if m.end() > best and not _joins_names(body, m) and not _joins_phrases(body, best, cut, m):
            piece = _words(body[best:m.start()])
            # "a Britain-based group that monitors ...": a relative clause inside the noun phrase.
            if m.group().strip().casefold() in ("that", "who", "which") and piece and \
                    piece[0].casefold() in _DETERMINERS and len(piece) <= 5:
                continue
            best = m.end()
    s, e = _trim(raw, a + best, a + len(body), " \t\n,")
    h = _TIME_HEAD.match(raw[s:e])
    if h and h.end() < e - s:
        s += h.end()
    s = _strip_opener(raw, s, e)
    if re.fullmatch(r"(?:I|[Ww]e|[Tt]hey|[Yy]ou)['’](?:ve|d|ll|re|m)", raw[s:e]):
        e = s + len(re.split(r"['’]", raw[s:e])[0])  # "I've suggested": the pronoun is the source
    t = _TIME_TAIL.search(raw, s, e)
    if t and t.start() > s and not trailing_comma:
        e = t.start()
    if e > s and not _np_ok(raw[s:e]) and best > cut + 1:
        # "Experts on North Korea and nuclear nonproliferation": the conjunction was inside the phrase.
        s2, _ = _trim(raw, a + cut + 1, e, " \t\n,")
        if _np_ok(raw[s2:e]) and not re.search(r"\b(?:that|but|while|because|when|if|although|though)\b",
                                               raw[s2:e], re.I):
            s = s2
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


_OPENERS = re.compile(r"(?:(?:Then|After|Before|When|While|Once|Since|If|Although|Though|Because|As|Say|Now|So|Still|"
                      r"Also|Meanwhile|Instead|Yet|Thus|Later|Earlier)\s+|"
                      r"[A-Z]{3,}(?:\s+[A-Z]{2,})*,?\s+(?:--|―|—|–)\s+)(?=\S)")
_PREP_OPENER = re.compile(r"(?:In|On|At|During|With|From|Under|For|By|Through|Following|Over|Amid|Despite)\s")


def _strip_opener(raw: str, s: int, e: int) -> int:
    """'Then someone', 'After campaign aides', 'WASHINGTON -- President Obama', 'In a Bloomberg interview
    Trump': a fronted adverb, subordinator, dateline or prepositional phrase is not part of the source."""
    m = _OPENERS.match(raw, s, e)
    if m and len(_words(raw[m.end():e])) >= 1:
        s = m.end()
    if _PREP_OPENER.match(raw, s, e):
        ns = _name_suffix(raw, s, e)
        if ns > s:
            s = ns
    return s


_CONJ = re.compile(r"\b(?:that|what|which|whom|but|while|as|because|when|if|after|before|since|where|so|though|"
                   r"although|"
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


_VERBISH = re.compile(r"\b(?:[a-z]+ed|won|lost|made|took|gave|went|got|had|has|have|did|does|do|is|are|was|were|"
                      r"will|would|can|could|may|might|must|should|said|says|told|tells)\b")


def _joins_phrases(text: str, best: int, cut: int, m: re.Match) -> bool:
    """'Developers and supporters in Congress say', 'The Republican nominee and his aides': two short noun
    phrases joined by "and" at the start of the clause are one source."""
    if m.group().strip().casefold() != "and" or best != cut + 1:
        return False
    left = text[best:m.start()].strip()
    ws = _words(left)
    after = text[m.end():].split()
    return 0 < len(ws) <= 5 and bool(after) and _np_ok(left) and not _VERBISH.search(left) and \
        (after[0][:1].isupper() or after[0].casefold() in _DETERMINERS or after[0].islower())


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
    if e <= s:
        return None
    e = _appositive_end(raw, s, e)
    paren = re.search(r"\s\((?![RDI]-|[A-Z][\w.]{0,6}\))", raw[s:e])
    if paren:  # "Mr. Burman (a view echoed by ...)": an aside, not the source; "(R-Ky.)" stays
        e = s + paren.start()
    first = _words(raw[s:e])[:1]
    # '..." said the ruling.': a short determiner phrase closing the sentence is the source.
    short = first and first[0].casefold() in ("the", "a", "an", "one", "another") and \
        len(_words(raw[s:e])) <= 4 and "," not in raw[s:e] and not raw[e:hi].strip(" .\n\"”’')")
    if not raw[s:s + 1].isupper() and raw[s:e].casefold() not in _PRONOUN_SPEAKERS and not short and \
            not (first and first[0].casefold() in _DETERMINERS and any(
                w.casefold().rstrip("s") in _PERSON_NOUNS or w.casefold() in _GROUP_NOUNS for w in _words(raw[s:e]))):
        return None
    if _np_ok(raw[s:e], appositive="," in raw[s:e]):
        return s, e
    # "said Jane Doe, a lawyer who has been involved in ...": the name, then an appositive that may hold a
    # relative clause; PolNeAR keeps the appositive in the source.
    comma = raw.find(",", s, e)
    if comma < 0 or not _np_ok(raw[s:comma]):
        return None
    app = _words(raw[comma:e])
    if app and len(app) <= 40 and (app[0].casefold() in _DETERMINERS or app[0][:1].isupper()
                                   or app[0].casefold() in ("who", "which")) and not re.search(r"[\"“”]", raw[comma:e]):
        return s, e
    return _trim(raw, s, comma)


_ADJUNCT = re.compile(r"(?:in|on|at|during|for|to|with|from|after|before|speaking|summing|adding|referring|"
                      r"[a-z]+ing)\b")


def _appositive_end(raw: str, s: int, e: int) -> int:
    """'Mr. Smith, a spokesman, in a statement' / 'Tusk, summing up ...' / 'Ayrault, the minister of France,
    a permanent member of the Council': the source ends before an adjunct, a participle, a second noun
    appositive or a relative clause that reports speech itself ("Mr. Kamin, who emphasized that ...")."""
    pieces = [m for m in re.finditer(r"[^,]+", raw[s:e])]
    end = s + pieces[0].end()
    nominal = 0
    for m in pieces[1:]:
        text = m.group().strip()
        first = text.split()[0] if text.split() else ""
        if _ADJUNCT.match(text) or (first in ("who", "which") and _CUE_IN.search(text)) or \
                (first == "which" and nominal):
            break
        if first.casefold() in _DETERMINERS:
            if nominal:
                break
            nominal += 1
        end = s + m.end()
    return end
