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
from ._quotes_cues import BARE_CLAUSE, CUE_RE, CUE_VERBS, FORM_TO_BASE, ING_FORMS
from ._quotes_np import (  # noqa: F401 - the scanning helpers the rules below share
    _ABBR_END, _CLAUSE_VERBS, _CONJ, _CUT_CHARS, _DETERMINERS,
    _GROUP_NOUNS, _INDEFINITE, _MAX_APPOSITIVE_WORDS, _MAX_SPEAKER_WORDS, _PARTY_TAG,
    _PERSON_NOUNS, _PRONOUN_SPEAKERS, _QUOTE_CLOSE, _QUOTE_OPEN, _TIME_HEAD,
    _TIME_TAIL, _TIME_WORDS, _inside, _is_name, _joins_names,
    _name_suffix, _np_ok, _phrase_end, _quote_spans, _speaker_after,
    _speaker_before, _trim, _words,
)
from ._quotes_subject import subject_before
from ._quotes_vp import subject_verb
from .entities import _chunks, _classify, evidence_for, find_mentions, make_resolver, merge_entities

__all__ = ["find_quotes", "CUE_VERBS"]

# The cue lexicon lives in _quotes_cues (inflected by rule); these names are kept for the rules below.
_BARE_CLAUSE = BARE_CLAUSE
_FORM_TO_BASE = FORM_TO_BASE
_CUE_RE = CUE_RE
# Auxiliaries and adverbs written between a speaker and the verb belong to the cue ("has also said").
_AUX = re.compile(r"(?:\b(?:is|are|was|were|been|be|am|has|have|had|also|later|then|previously|repeatedly|often|once|would|will|could|"
                  r"may|might|did|does|do|not|never|recently|publicly|reportedly|further|again|earlier|already|"
                  r"privately|separately|simply|flatly|bluntly|just|even|still|first|now|long|always|since|meanwhile|"
                  r"(?!(?:family|ally|rally|reply|supply|assembly|anomaly|monopoly|daily|weekly|monthly|early|only)\b)"
                  r"(?-i:[a-z]+ly)|\w+n['’]t)\s+)+$",
                  re.IGNORECASE)
# What may follow a sentence-final cue: "in a statement", "on Tuesday", "in an interview with CNN".
_TAIL = re.compile(r"^\s*(?:(?:in|on|at|during|to|after|before|late|early|last|this|from|via|over|with)\b"
                   r"[^,;\"“”]{0,60}|[A-Z][a-z]+day(?: [a-z]+)?|tonight|today|yesterday)?\s*[.!?]?[\"”’]?\s*$")
@dataclass
class _Found:
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    content: list[tuple[int, int]]
    direct: bool


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
    # "says in Ohio that ...": a short adjunct between the cue and its clause.
    adj = re.match(r"(?:in|on|at|during|after|before|from|to|with|over)\b[^,;.\"“”]{1,60}?\s(?=that\b)", raw[s:hi])
    if adj:
        s += adj.end()
    e = _strip_end(raw, s, e)
    if len(_words(raw[s:e])) < 2 or _NOT_CONTENT.match(raw[s:e]):
        return None
    if base not in _BARE_CLAUSE and not re.match(r"(?:that\b|[\"“:])", raw[s:e]):
        return None
    return s, e


# A "content" starting like this is the rest of a verb phrase ("showed up at", "says is a lie"), not speech.
_NOT_CONTENT = re.compile(r"(?:is|are|was|were|has|have|had|will|would|up|out|off|down|of|with|for|about|at|by|from|"
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
        hi = _sentence_stop(raw, qe, nxt_q)
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


def _sentence_stop(raw: str, s: int, hi: int) -> int:
    """First sentence-ending . ! ? after ``s`` that does not close an abbreviation ("said Rep. Elijah Cummings")."""
    for m in re.finditer(r"[.!?](?=\s|$)", raw[s:hi]):
        if m.group() == "." and _ABBR_END.search(raw[s:s + m.start()]):
            continue
        return s + m.start()
    return hi


def _has_attribution_after(raw: str, qe: int, quotes: list[tuple[int, int]], i: int, e0: int) -> bool:
    nxt = quotes[i + 1][0] if i + 1 < len(quotes) else e0
    tail = raw[qe:nxt]
    m = re.match(r"[\s,]*[^.!?]{0,60}", tail)
    return bool(m and _CUE_RE.search(m.group()))


_STRICT_DET = frozenset({"the", "a", "an", "this", "its", "his", "her", "their", "our", "another", "one"})


def _not_a_cue(raw: str, form: str, cue: tuple[int, int], cs: int) -> bool:
    """Passives ("is expected to"), "so-called", "self-described": the verb form is there, the speaker is not."""
    if raw[cs - 1:cs] == "-" or re.search(r"\bso\s+$", raw[max(0, cs - 4):cs]):
        return True
    return not form.casefold().endswith("ing") and bool(
        re.search(r"\b(?:is|are|was|were|been|be|am)\b", raw[cue[0]:cs], re.I))


def _noun_plural(form: str, speaker: str) -> bool:
    """'18 states', 'terrorist attacks': an -s form that is a plural noun after a bare modifier."""
    low = form.casefold()
    base = _FORM_TO_BASE.get(low, "")
    if not low.endswith("s") or base in ("say", "tell") or low == base:
        return False
    ws = _words(speaker)
    return bool(ws) and ws[-1].islower() and ws[0].casefold() not in _STRICT_DET and ws[0].casefold() not in \
        _PRONOUN_SPEAKERS and not ws[0][:1].isupper()


def _participial(raw: str, s0: int, e0: int, cs: int, ce: int, prior: list[_Found]) -> _Found | None:
    """'Trump attacked the plan, saying it ...': the speaker of the clause the participle hangs on."""
    content = _trim(raw, ce, e0, " \t\n,:;.")
    if len(_words(raw[content[0]:content[1]])) < 2 or _NOT_CONTENT.match(raw[content[0]:content[1]]):
        return None
    for f in reversed(prior):
        if f.speaker and s0 <= f.cue[0] < cs:
            return _Found(f.speaker, (cs, ce), [content], False)
    m = re.match(r"\s*(?:(?:[A-Z][\w.’'\-]*|of|for|the|al|de)\s+)*?[A-Z][\w.’'\-]*(?=,?\s+[a-z])|\s*(?:He|She|They|We|I)\b",
                 raw[s0:cs])
    if not m:
        return None
    sp = _trim(raw, s0, s0 + m.end(), " \t\n,")
    if sp[1] <= sp[0] or not _np_ok(raw[sp[0]:sp[1]]) or _words(raw[sp[0]:sp[1]])[0].casefold() in FUNCTION_WORDS - {"the"}:
        return None
    return _Found(sp, (cs, ce), [content], False)


def _indirect(raw: str, sent: Sentence, quotes: list[tuple[int, int]], used: set[int],
              taken: list[tuple[int, int]], prior: list[_Found] = ()) -> list[_Found]:
    out: list[_Found] = []
    s0, e0 = sent.start, sent.end
    for m in _CUE_RE.finditer(raw, s0, e0):
        cs, ce = m.start(), m.end()
        form = m.group()
        participle = (form.casefold() in ING_FORMS and re.search(r",\s*$", raw[max(s0, cs - 3):cs])) or \
            re.search(r"\b(?:and|but|yet)\s+$", raw[max(s0, cs - 5):cs])
        if cs in used or _inside(cs, quotes) or (any(a <= cs < b for a, b in taken) and not participle):
            continue
        if form[:1].isupper() and form.casefold() not in ("says", "said"):
            continue
        base = _FORM_TO_BASE[form.casefold()]
        lo = max([b for a, b in quotes if b <= cs and a >= s0] + [s0])
        cue = _cue_span(raw, lo, cs, ce)
        if form.casefold() in ING_FORMS:
            # "X, saying ..." belongs to the clause's subject; "X is demanding ..." needs its auxiliary.
            if re.search(r",\s*$", raw[lo:cs]):
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
        if sp and _noun_plural(form, raw[sp[0]:sp[1]]):
            continue
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
        elif raw[lo:cs].rstrip().rstrip("\"”’'").endswith(",") and base in ("say", "add", "tell", "write", "note") \
                and _speaker_after(raw, ce, e0):
            sp = _speaker_after(raw, ce, e0)
            if sp:
                content = _trim(raw, lo if lo > s0 else s0, cs, " \t\n,")
                if len(_words(raw[content[0]:content[1]])) >= 3:
                    found = _Found(sp, cue, [content], False)
        elif lo == s0 and raw[lo:cue[0]].rstrip().endswith(","):
            # "Jane Doe, a lawyer for the group, said ...": the subject opens the sentence.
            sp = subject_before(raw, lo, cue[0])
            content = _after_cue_content(raw, base, ce, e0) if sp else None
            if content:
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
            new = _indirect(raw, sent, quotes, used, taken, direct)
            found.extend(new)
            if not new and not any(sent.start <= f.cue[0] < sent.end for f in found) and \
                    not _inside(sent.start, quotes):
                vp = subject_verb(raw, sent.start, sent.end)
                if vp:
                    found.append(_Found(vp[0], vp[1], [vp[2]], False))
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
