"""Numeric statements -- casualties, troops, facilities, attacks -- with who claims them and about whom.

Conventions for vague quantities (so that low/high stay comparable across sources):

* "five" -> 5/5; "at least five" -> low 5, high None; "more than 150" / "over 150" -> low 151, high None
  (strictly more); "up to 10" / "as many as 10" -> low None, high 10; "fewer/less than 10" -> high 9;
  "nearly/almost 10" -> low None, high 10; "around/about/some 2,500" -> 2,500/2,500 (a reported estimate
  is its own best value); "between 3 and 5" / "3 to 5" -> 3/5.
* "several" -> low 3, high None; "dozens" -> low 24, high None (at least two dozen); "scores" -> low 40;
  "hundreds" -> low 200; "thousands" -> low 2,000; "a"/"an" before a casualty noun -> 1/1.
* "no immediate reports of casualties" -> slot killed, 0/0, negated; "did not say whether anyone was killed
  or injured" -> slots killed and injured, unknown, claimant the subject of "did not say".

The claimant is the speaker of the innermost attribution whose content holds the number (see
:mod:`.quotes`), else the outlet itself.
"""

from __future__ import annotations

import re
from typing import Callable

from ..models import Article, Claim, Evidence, Quote
from ..text import Sentence, body_sentences
from ._lexicon import SCALES, TENS, UNITS
from .entities import evidence_for
from .quotes import find_quotes

__all__ = ["find_claims", "parse_number"]

_KILLED = r"(?:killed|dead|died|die|dies|deaths?|killing|slain|fatalities|lost their lives|perished|casualties)"
_INJURED = r"(?:wounded|injured|hurt|injuries|wounding|injuring)"
_OTHER_SLOTS = {
    "troops": r"(?:troops|soldiers|personnel|service ?members|marines|forces)",
    "facilities": r"(?:facilities|sites|buildings|locations|bases|depots|warehouses|compounds|facility|site)",
    "attacks": r"(?:attacks|strikes|airstrikes|air strikes|rockets|missiles|drones|raids|attack|strike)",
    "targets": r"(?:targets|target)",
    "people": r"(?:people|civilians|persons|fighters|militants|militiamen|children|child|members|men|women)",
}
_NUMBER_WORDS = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|thousand|hundred))?"
        r"|(?:" + _NUMBER_WORDS + r")(?:[\s-]+(?:and\s+)?(?:" + _NUMBER_WORDS + r"))*")
_VAGUE = {"several": (3, None), "dozens": (24, None), "scores": (40, None), "hundreds": (200, None),
          "thousands": (2000, None), "a dozen": (12, 12), "a handful": (3, None)}
_MOD = (r"(?P<mod>at least|more than|over|up to|as many as|fewer than|less than|nearly|almost|around|about|"
        r"some|approximately|roughly|an estimated|at most|no fewer than|no more than|just over|just under)")
_QTY = re.compile(
    r"(?i:\b(?:" + _MOD + r"\s+)?)"
    r"(?P<num>(?i:between\s+)?(?i:" + _NUM + r")(?:\s+(?:and|to|-)\s+(?i:" + _NUM + r"))?"
    r"|(?i:several|dozens|scores|hundreds|thousands|a dozen|a handful)"
    r"|(?-i:\b[Aa]n?)(?=\s+(?:\w+\s+)?(?:child|civilian|soldier|person|man|woman|boy|girl|fighter|"
    r"contractor|service member|member|commander|journalist)\b))\b",
)
_NOT_COUNT_AFTER = re.compile(
    r"^(?:-|\s*%|\s+(?:percent|per cent|years?|months?|weeks?|days?|hours?|minutes?|seconds?|km|kilomet\w*|"
    r"miles?|met(?:er|re)s?|kg|tons?|tonnes?|dollars?|euros?|pounds?|p\.m\.|a\.m\.|am|pm|of\b|another\b|"
    r"that\b|in\s+(?:\d|which)|o'clock|times\b|st\b|nd\b|rd\b|th\b|January|February|March|April|May|June|July|"
    r"August|September|October|November|December))",
    re.IGNORECASE,
)
_NEG = re.compile(r"\bno\s+(?:immediate\s+|initial\s+|official\s+|confirmed\s+|reported\s+)*"
                  r"(?:reports?\s+of\s+|word\s+(?:of|on)\s+)?(?P<what>casualties|deaths|injuries|fatalities|"
                  r"one\s+(?:was\s+)?(?:killed|hurt|injured|wounded)|\w+\s+(?:have|has|had|were|was)\s+been\s+"
                  r"(?:killed|hurt|injured|wounded)|\w+\s+(?:were|was)\s+(?:killed|hurt|injured|wounded))", re.I)
_UNKNOWN = re.compile(r"\b(?:did not|didn't|would not|wouldn't|declined to|could not|couldn't)\s+"
                      r"(?:say|confirm|disclose|specify|give)\s+(?:whether|if|how many)\b[^.]*?"
                      r"(?P<what>killed|injured|wounded|casualties|hurt)(?:\s+or\s+(?P<what2>killed|injured|wounded|"
                      r"hurt))?|\bunclear\s+(?:whether|if|how many)\b[^.]*?(?P<what3>killed|injured|wounded|"
                      r"casualties)", re.I)


def parse_number(text: str) -> int | None:
    """'2,500' -> 2500, 'twenty-five' -> 25, 'two hundred' -> 200, 'a'/'an' -> 1."""
    t = text.strip().casefold().replace(",", "")
    if t in ("a", "an"):
        return 1
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(million|thousand|hundred))?", t)
    if m:
        return int(float(m.group(1)) * (SCALES[m.group(2)] if m.group(2) else 1))
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w == "and":
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _bounds(mod: str | None, num: str) -> tuple[int | None, int | None] | None:
    low_num = num.casefold()
    if low_num in _VAGUE:
        return _VAGUE[low_num]
    rng = re.fullmatch(r"(?:between\s+)?(.+?)\s+(?:and|to|-)\s+(.+)", num, re.I)
    if rng and parse_number(rng.group(1)) is not None and parse_number(rng.group(2)) is not None:
        return parse_number(rng.group(1)), parse_number(rng.group(2))
    value = parse_number(num)
    if value is None:
        return None
    mod = (mod or "").casefold()
    if mod in ("at least", "no fewer than"):
        return value, None
    if mod in ("more than", "over", "just over"):
        return value + 1, None
    if mod in ("up to", "as many as", "nearly", "almost", "at most", "no more than"):
        return None, value
    if mod in ("fewer than", "less than", "just under"):
        return None, value - 1
    return value, value


_SUBJECT_STOP = re.compile(
    r"^(?:were|was|had|have|has|are|is|be|been|in|on|at|of|and|or|but|to|from|by|with|for|as|since|after|"
    r"that|who|which|more|other|during|across|inside|near|so|far|" + _KILLED[3:-1] + "|" + _INJURED[3:-1] + r")$",
    re.I)


def _subject(after: str) -> str | None:
    """The noun phrase after the number: up to four words, stopping at verbs, prepositions, punctuation."""
    words = []
    for tok in re.finditer(r"\s*([\w.'’-]+)|\s*\S", after):
        w = tok.group(1)
        if w is None or len(words) >= 4:
            break
        if w.casefold() in ("other", "more") and not words:
            continue
        w = w.rstrip(".")
        if _SUBJECT_STOP.match(w) or (words and re.fullmatch(r"[a-z]+ed", w)):
            break
        words.append(w)
        if tok.group().rstrip() != tok.group() or after[tok.end():tok.end() + 1] in ",;:.":
            if after[tok.end():tok.end() + 1] in ",;:":
                break
    return " ".join(words) or None


def _slot_and_subject(after: str, before: str) -> tuple[str, str | None]:
    """Slot from the casualty words around the number; subject from the noun phrase after it."""
    after = re.sub(r"^\s+of\b", "", after)
    subject = _subject(after)
    noun = subject.split()[-1] if subject else ""
    if re.search(r"\b(?:killing|killed)\s*$", before, re.I):
        return "killed", subject
    if re.search(r"\b(?:wounding|injuring|wounded|injured)\s*$", before, re.I):
        return "injured", subject
    clause = re.split(r"[;:,]|\s(?:and|but|while)\s+(?=(?:at least|some|about|\d|one|two|three|four|five|six|seven|"
                      r"eight|nine|ten|a |an |several|dozens))", after, maxsplit=1)[0]
    window = " ".join(clause.split()[:9])
    k = re.search(r"\b" + _KILLED + r"\b", window, re.I)
    j = re.search(r"\b" + _INJURED + r"\b", window, re.I)
    if k and (not j or k.start() < j.start()):
        return "killed", subject
    if j:
        return "injured", subject
    for slot, pattern in _OTHER_SLOTS.items():
        if re.fullmatch(pattern, noun, re.I):
            return slot, subject
    return "other", subject


def _claimant(quotes: list[Quote], start: int, end: int, outlet: str | None) -> tuple[str | None, Evidence | None]:
    holding = [q for q in quotes if q.evidence.start <= start and end <= q.evidence.end and q.speaker_evidence]
    if not holding:
        return outlet, None
    q = min(holding, key=lambda q: q.evidence.end - q.evidence.start)  # innermost attribution
    return q.speaker or q.speaker_evidence.text, q.speaker_evidence


def find_claims(article: Article, resolve: Callable[[str], str | None] | None = None) -> list[Claim]:
    """Numeric and casualty claims in the body, each with evidence for the number and its sentence."""
    quotes = find_quotes(article, resolve)
    out: list[Claim] = []
    for sent in body_sentences(article):
        out.extend(_sentence_claims(article, sent, quotes))
    return out


def _sentence_claims(article: Article, sent: Sentence, quotes: list[Quote]) -> list[Claim]:
    text = sent.text
    out: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def claim(slot, low, high, subject, s, e, **kw) -> Claim:
        claimant, cev = _claimant(quotes, s, e, article.outlet)
        return Claim(slot=slot, low=low, high=high, claimant=claimant, subject=subject,
                     evidence=evidence_for(article, s, e, sent), claimant_evidence=cev, **kw)

    for m in _NEG.finditer(text):
        s, e = sent.start + m.start(), sent.start + m.end()
        what = m.group("what").casefold()
        slot = "injured" if re.search(_INJURED, what) else "killed"
        subj = m.group("what").split()[0] if " " in what and not what.startswith("one") else None
        out.append(claim(slot, 0, 0, subj, s, e, negated=True))
        taken.append((s, e))
    for m in _UNKNOWN.finditer(text):
        s, e = sent.start + m.start(), sent.start + m.end()
        words = {w.casefold() for w in (m.group("what"), m.group("what2"), m.group("what3")) if w}
        slots = sorted({"injured" if re.fullmatch(_INJURED, w) else "killed" for w in words})
        claimant, cev = _claimant(quotes, e - 1, e, article.outlet)
        for slot in slots:
            out.append(Claim(slot=slot, low=None, high=None, claimant=claimant, subject=None,
                             evidence=evidence_for(article, s, e, sent), unknown=True, claimant_evidence=cev))
        taken.append((s, e))
    prev_slot: str | None = None
    prev_subject: str | None = None
    for m in _QTY.finditer(text):
        s, e = sent.start + m.start(), sent.start + m.end()
        if any(a <= s < b for a, b in taken):
            continue
        num = m.group("num")
        after, before = text[m.end():], text[:m.start()]
        vague = num.casefold() in _VAGUE
        if (_NOT_COUNT_AFTER.match(after) and not (vague and re.match(r"\s+of\b", after))) \
                or re.search(r"[$€£#]\s*$|\b(?:mid|since)\s*-?$|\d[-/]$", before, re.I):
            continue
        if re.fullmatch(r"\d{4}", num) and 1900 <= int(num) <= 2100:
            continue  # a year
        if num.casefold() == "one" and re.match(r"\s+(?:of|that|who|which)\b", after):
            continue
        bounds = _bounds(m.group("mod"), num)
        if bounds is None:
            continue
        slot, subject = _slot_and_subject(after, before)
        # Ellipsis: "2,500 troops in Iraq and 900 in Syria", "two targets in Syria and one in Iraq".
        rest = after
        if subject and subject in after:
            rest = after[after.index(subject) + len(subject):]
        place = re.match(r"\s+in\s+((?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)", rest)
        if place and subject is None and prev_slot:
            slot, subject = prev_slot, prev_subject
        if subject is None and slot in ("killed", "injured") and prev_subject:
            subject = prev_subject
        if slot == "other" and subject is None:
            continue
        if place and subject:
            base = prev_subject if subject == prev_subject else subject
            subject = f"{base} in {place.group(1)}"
        out.append(claim(slot, bounds[0], bounds[1], subject, s, e))
        taken.append((s, e))
        prev_slot, prev_subject = slot, (subject.split(" in ")[0] if subject else subject)
        # "five militia fighters were killed and several more wounded": the second figure shares the noun.
    return out
