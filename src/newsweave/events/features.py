"""What an article says about *its own* incident, as weighted text fields for TF-IDF.

An article is split into four fields, each vectorised against one shared corpus vocabulary and mixed with
fixed weights (see :func:`newsweave.events.vectors.vectorise`):

- ``title``   the headline: the densest statement of the incident;
- ``lead``    body sentences that report the incident now;
- ``recap``   body sentences with past-time cues ("In February, ...", "since 2009", "the second time",
              "last year") -- background about *other* incidents, down-weighted so that two reports that
              both recap the same history are not pulled together;
- ``names``   capitalised multiword names and numbers (ages, counts, street numbers), the tokens that tell
              two same-kind incidents apart (two shootings, two earthquakes);
- ``years``   the year the report is dated by: its publication year, or, undated, the years of the dates its
              head writes out ("Posted 11 / 27 / 2005", "September 17, 2013 4: 16 PM ET"), so that two
              look-alike undated reports of different years can be told apart (``dated`` says which); not a
              vector field: pair evidence where one report is undated (events/years.py).

Hand-written because no library marks recap sentences; names are found with a capitalisation rule rather
than an NER model because models are not allowed to download at run time and the rule is what the eval
corpora reward (capitalised names and numbers are the incident-specific tokens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Article
from ..text import split_sentences

__all__ = ["ArticleFields", "article_fields", "is_recap", "names_in", "numbers_in", "years_in", "YEAR_HEAD_CHARS"]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_SEASONS = "spring|summer|autumn|fall|winter"

# Past-time cues that mark a sentence as background. "In <Month>" only counts at the start of a sentence or
# after "in/since/earlier/last": a report of the incident itself names its weekday ("on Sunday") far more
# often than its month.
_RECAP = re.compile(
    r"(?:"
    rf"^\W*(?:in|since|by|until|during|back in)\s+(?:early |late |mid-?)?(?:{_MONTHS}|{_SEASONS}|(?:19|20)\d\d)\b"
    rf"|\b(?:since|back in|in early|in late|in mid-?|as of)\s+(?:{_MONTHS}|(?:19|20)\d\d)\b"
    r"|\bin\s+(?:19|20)\d\d\b"
    r"|\b(?:earlier|last|previous|prior)\s+(?:this\s+)?(?:year|month|week|decade|summer|spring|autumn|fall|winter)\b"
    r"|\b(?:years?|months?|decades?)\s+(?:ago|earlier|before)\b"
    r"|\b(?:the|a)\s+(?:second|third|fourth|fifth|latest|last)\s+(?:time|such|round|attack|incident|shooting)\b"
    r"|\bprevious(?:ly)?\b|\bformerly\b|\bpreviously\b|\bhad (?:been|also)\b"
    r"|\bonce before\b|\bonly once before\b|\bin the past\b|\bhistory of\b"
    r")",
    re.IGNORECASE,
)

# A capitalised word (allowing inner apostrophes and hyphens: "Kata'ib", "al-Shuhada", "O'Brien").
_CAP = r"[A-Z][\w'’\-]*"
_CONNECT = r"(?:of|the|de|al|la|van|von|du|del|bin|ibn|and)"
_NAME = re.compile(rf"\b{_CAP}(?:\s+(?:{_CONNECT}\s+)?{_CAP})+")
_NUMBER = re.compile(r"\b\d[\d,.:]*\b")
# Capitalised words that open sentences or headlines without naming anything specific.
_WEAK = {
    "the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "of", "to", "by", "as", "with", "from",
    "he", "she", "it", "they", "we", "i", "his", "her", "their", "this", "that", "these", "those", "there",
    "police", "officials", "authorities", "update", "updated", "breaking", "watch", "video", "photos",
    "mr", "mrs", "ms", "dr", "when", "after", "before", "according", "if", "while", "said", "says",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


# Substrings without which no cue of ``_RECAP`` can match: a cheap filter that spares the regex most sentences.
_CUES = (
    "19", "20", "since", "earlier", "last", "previous", "prior", "ago", "before", "second", "third", "fourth",
    "fifth", "latest", "formerly", "had been", "had also", "in the past", "history of", "in early", "in late",
    "in mid", "as of", "back in",
)
_MONTH_START = re.compile(r"^\W*(?:in|since|by|until|during|back in)\s", re.IGNORECASE)


def is_recap(sentence: str) -> bool:
    """True when the sentence recaps earlier events rather than reporting the current one."""
    low = sentence.lower()
    if not any(c in low for c in _CUES) and not _MONTH_START.match(sentence):
        return False
    return _RECAP.search(sentence) is not None


def names_in(text: str) -> list[str]:
    """Capitalised multiword names, lower-cased and joined with "_" (one feature per name).

    Leading weak words are dropped ("The Pentagon said" -> "pentagon"); a name must keep two words, or one
    word of an all-capitals acronym, to count.
    """
    out: list[str] = []
    for m in _NAME.finditer(text):
        # Apostrophes go: transliterations of one name differ in them ("Kata'ib", "Kataib").
        words = [w.strip("'’-").casefold().replace("’", "").replace("'", "") for w in m.group(0).split()]
        while words and words[0] in _WEAK:
            words.pop(0)
        while words and words[-1] in _WEAK:
            words.pop()
        if len(words) >= 2:
            out.append("_".join(words))
    return out


def numbers_in(text: str) -> list[str]:
    """Numbers with separators removed ("2,500" -> "2500"); years are kept (they date the incident)."""
    out = []
    for m in _NUMBER.finditer(text):
        n = m.group(0).rstrip(".,:").replace(",", "")
        if n:
            out.append("#" + n)
    return out


# A year as part of a date ("November 28, 2005", "28 November 2005", "11 / 27 / 2005", "2013-09-18",
# "September 2013"): how a report states when it was written or when its incident happened. A bare year is
# mostly a topic instead ("the 2020 race", "the 2008-09 season"): neus-dev's headlines name a year in 639
# undated reports, in a date in 64; ecbplus-dev's heads 193 and 162 (before two-digit years, "11 / 30 / 09").
# Month names and their abbreviations, for the date patterns here and in years.py (which captures them).
MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?"
)
# Each month's number, by the first three letters of any of its names.
MONTH_NUMBERS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MON = rf"(?:{MONTH_NAMES})\b\.?"
_YR = r"((?:19|20)\d\d)\b"
_DATE_YEAR = re.compile(
    rf"\b{_MON}\s*\d{{1,2}}(?:st|nd|rd|th)?\s*[,.\-]?\s*{_YR}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON}\s*,?\s*{_YR}"
    rf"|\b\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*{_YR}"
    rf"|\b{_YR}\s*[\-.]\s*\d\d\s*[\-.]\s*\d\d\b"
    rf"|\b{_MON}\s+{_YR}"
    r"|\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d\d)\b(?!\s*/)",
    re.IGNORECASE,
)
_PUBLISHED_YEAR = re.compile(r"(?:19|20)\d\d")
# An undated report's head -- the headline and this many characters of its reporting sentences -- is where it
# states its own date ("Posted 11 / 27 / 2005", "Published: November 28, 2005"); dates further down are
# mostly other happenings (and recap sentences, which name most of them, are not read at all). B3 F1 at 80 /
# 150 / 200 / 300 / 500 characters, measured when the years were a vector block (events/years.py says why they
# no longer are): ecbplus-dev 0.9445 / 0.9490 / 0.9490 / 0.9490 / 0.9490, neus-dev 0.8116 /
# 0.8115 / 0.8112 / 0.8109 / 0.8110. The first 300 characters of the body instead, recap sentences included:
# ecbplus-dev 0.9456, neus-dev 0.8102.
YEAR_HEAD_CHARS = 200


def years_in(text: str) -> list[str]:
    """The years of the dates ``text`` writes out, in order, each once ("11 / 30 / 09" is 2009, "12/3/97" 1997)."""
    out = []
    for m in _DATE_YEAR.finditer(text):
        y = next(g for g in m.groups() if g)
        out.append(y if len(y) == 4 else ("19" if int(y) >= 70 else "20") + y)
    return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class ArticleFields:
    title: str
    lead: str
    recap: str
    names: tuple[str, ...]
    years: tuple[str, ...] = ()
    dated: bool = False  # the article has a publication date (``years`` is its year)


def article_fields(article: Article, *, max_sentences: int = 40) -> ArticleFields:
    """Split an article into the fields :mod:`vectors` weighs.

    Only the first ``max_sentences`` body sentences are read: incident facts sit at the top of a news
    report, and long tails (related stories, comment threads) add topic words rather than incident words.
    """
    body = article.text
    title = article.title or ""
    lead: list[str] = []
    recap: list[str] = []
    for s in split_sentences(body)[:max_sentences]:
        (recap if is_recap(s.text) else lead).append(s.text)
    if not title and lead:
        title = lead[0]
    lead_text = " ".join(lead)
    names = tuple(names_in(title) + names_in(lead_text) + numbers_in(title) + numbers_in(lead_text))
    published = _PUBLISHED_YEAR.match(article.published or "")
    years = (published.group(0),) if published else tuple(years_in(f"{title} {lead_text[:YEAR_HEAD_CHARS]}"))
    return ArticleFields(
        title=title, lead=lead_text, recap=" ".join(recap), names=names, years=years, dated=published is not None
    )
