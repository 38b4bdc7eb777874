"""Who said what: direct quotes and reported speech, each with the speaker, the cue and their spans.

Rules, not a model: attribution in news follows a handful of shapes ("...," X said / X said that ... /
according to X, ...) that a cue-verb lexicon and a noun-phrase scan recover with exact spans, which
attribution models trained on PARC/PolNeAR need GPUs and downloads to match. Spans follow the PolNeAR
conventions: the source is the whole noun phrase (appositive included), the content excludes the cue.
"""

from __future__ import annotations

import re
from typing import Callable

from ..models import Article, Quote
from ..text import Sentence, split_sentences
from ._lexicon import PRONOUNS_PERSON
from ._quotes_cues import BARE_CLAUSE, CUE_RE, CUE_VERBS, FORM_TO_BASE
from ._quotes_np import (
    _ABBR_END, _INDEFINITE, _QUOTE_OPEN, _inside, _np_ok, _quote_spans, _speaker_after, _speaker_before,
)
from ._quotes_indirect import _BARE_DETERMINERS, _TAIL, _Found, _cue_span, _indirect
from ._quotes_layout import headline, labelled_line, signed_quote
from ._quotes_subject import subject_before
from ._quotes_vp import relative_clauses, subject_verb
from .entities import _chunks, _classify, evidence_for, find_mentions, make_resolver, merge_entities

__all__ = ["find_quotes", "is_speech", "CUE_VERBS"]

# The cue lexicon lives in _quotes_cues (inflected by rule); these names are kept for the rules below.
_BARE_CLAUSE = BARE_CLAUSE
_FORM_TO_BASE = FORM_TO_BASE
_CUE_RE = CUE_RE


def is_speech(quote: Quote) -> bool:
    """Whether a found attribution is speech or stance ("said", "denied", "believes", "according to") rather
    than any finite verb. PolNeAR, which scores :func:`find_quotes`, counts "Cruz has endorsed Trump" as an
    attribution, so the subject-verb fallback finds those too; an event record's quotes keep only speech, or
    "The US has launched airstrikes" would show as a quote of the US."""
    return quote.direct or bool(quote.cue and (_CUE_RE.search(quote.cue) or "according" in quote.cue.casefold()))


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
                if not sp and raw[qe:cue[0]].rstrip().endswith(","):
                    # '"...," Jane Roe, director of the center, said': a name with a bare-noun appositive.
                    sp = subject_before(raw, qe + len(raw[qe:cue[0]]) - len(raw[qe:cue[0]].lstrip(" ,\n\t")), cue[0])
                if sp and not raw[qe:sp[0]].strip(" ,\n\t"):
                    found = _Found(sp, cue, [(qs, qe)], True)
                elif not raw[qe:cm.start()].strip(" ,\n\t"):
                    sp = _speaker_after(raw, cm.end(), hi)
                    if sp:
                        found = _Found(sp, cue, [(qs, qe)], True)
                if found and _new_sentence_after(raw, qs, qe, found, hi):
                    found = None
                    break
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
                if re.fullmatch(r"[\s,]*(?:[.]\s*)?(?:(?:but|and|adding|continuing)[\s,]*)?", between) and \
                        not _has_attribution_after(raw, q2e, quotes, i + 1, e0):
                    found.content.append((q2s, q2e))
                    i += 1
            out.append(found)
            i += 1
            continue
        # Before the quote: 'Mr Austin said: "..."' / 'X said that "..."' inside one sentence.
        sent_lo = max([x.start for x in split_sentences(raw, s0, e0) if x.start <= qs] + [s0])
        pre = raw[sent_lo:qs]
        m = re.search(r"(" + _CUE_RE.pattern + r")(?:\s+" + _ADDRESSEE + r")?\s*(?:,|:|that)?\s*$", pre, re.IGNORECASE)
        if m:
            cs, ce = sent_lo + m.start(1), sent_lo + m.end(1)
            cue = _cue_span(raw, sent_lo, cs, ce)
            sp = _speaker_before(raw, sent_lo, cue[0])
            if sp and cs not in used:
                used.add(cs)
                out.append(_Found(sp, cue, [(qs, qe)], True))
        else:
            # 'Said Ellis: "..."': the speaker follows a sentence-initial cue.
            inv = re.search(r"(?:^|[.!?]\s+)((?:Said|Says|Added|Asked))\s+([A-Z][^,:;\"“”]{1,50}?)\s*[:,]\s*$", pre)
            if inv and _np_ok(inv.group(2)) and sent_lo + inv.start(1) not in used:
                used.add(sent_lo + inv.start(1))
                out.append(_Found((sent_lo + inv.start(2), sent_lo + inv.end(2)),
                                  (sent_lo + inv.start(1), sent_lo + inv.end(1)), [(qs, qe)], True))
        i += 1
    return out


def _new_sentence_after(raw: str, qs: int, qe: int, found: _Found, hi: int) -> bool:
    """'... of "fanatic recklessness." President Park said Kim's state is ...': a quotation that closes its
    sentence is followed by a new sentence, not by its own attribution, when the cue goes on to a clause."""
    end = max(found.cue[1], found.speaker[1]) if found.speaker else found.cue[1]
    rest = raw[end:hi + 1]
    if re.search(r"[.!?][\"”’']*$", raw[qs:qe]) and not raw[qe:found.cue[0]].lstrip()[:1].islower():
        return not (_TAIL.match(rest) or re.match(r"\s*,", rest))
    # 'on "Fox News Sunday," Gov. Mike Pence said his running mate ...': a quoted title, not the speech,
    # when the cue goes on to a clause of its own.
    words = raw[qs:qe].strip("\"“”'’ ,.").split()
    title = 0 < len(words) <= 6 and all(w[:1].isupper() or w.casefold() in ("of", "the", "a", "and", "in", "to", "for")
                                         for w in words)
    return title and not _TAIL.match(rest) and not re.match(r"\s*(?:[,;:—–]|and\b|but\b|[“\"])", rest)


# The addressee between a cue and its quotation: 'told me, "..."', 'told reporters: "..."'.
_ADDRESSEE = r"(?:me|us|him|her|them|reporters|journalists|the crowd|supporters)"


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
        layouts = [labelled_line(raw, seg.start, seg.end), signed_quote(raw, seg.start, seg.end, quotes)]
        if k == 0 and not layouts[0]:  # a headline-like first line
            layouts.append(headline(raw, seg.start, seg.end))
        for layout in layouts:
            if layout and not any(f.content[0][0] <= layout.content[0][0] < f.content[-1][1] for f in direct):
                direct.append(layout)
                used.add(layout.cue[0])
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
            found.extend(_fallbacks(raw, sent, quotes, found))
    # A bare determiner ("The" before "unreleased video") is never a source, whichever rule proposed it.
    found = [f for f in found if not (f.speaker and raw[f.speaker[0]:f.speaker[1]].casefold() in _BARE_DETERMINERS)]
    found.sort(key=lambda f: f.content[0][0])
    return _to_quotes(article, found, resolve)


_CLAUSE_START = re.compile(r"(?:;|\s[—–]|\s--?)\s+(?=[A-Z])")


def _fallbacks(raw: str, sent: Sentence, quotes: list[tuple[int, int]], found: list[_Found]) -> list[_Found]:
    """Relative clauses ("..., who said ...") and the subject-verb fallback at the sentence start and at
    clause starts after a semicolon or a dash ("... - Donald J. Trump has vowed to ...")."""
    out: list[_Found] = []
    if _inside(sent.start, quotes):
        return out
    for rs, rc, rt in relative_clauses(raw, sent.start, sent.end):
        if not any(f.cue[0] < rc[1] and rc[0] < f.cue[1] or (f.speaker and f.speaker[0] <= rs[0] < f.speaker[1])
                   for f in found + out):
            out.append(_Found(rs, rc, [rt], False))
    starts = [sent.start] + [m.end() for m in _CLAUSE_START.finditer(raw, sent.start, sent.end)
                             if not _inside(m.end(), quotes)]
    for k, c in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else sent.end
        vp = subject_verb(raw, c, end)
        if not vp:
            continue
        # The fallback yields to any cue at or before its verb; a later participle or second verb ("...,
        # even suggesting", "... and encouraged") leaves the main clause to it. At the sentence start it
        # also yields when the sentence is itself reported content ("..., sources said").
        if any(c <= f.cue[0] < vp[1][1] for f in found + out):
            continue
        if k == 0 and any(sent.start <= f.cue[0] < sent.end and f.content[0][0] <= vp[0][0] for f in found + out):
            continue
        if k > 0 and any(f.content[0][0] <= c < f.content[-1][1] for f in found + out):
            continue
        out.append(_Found(vp[0], vp[1], [vp[2]], False))
    return out


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
