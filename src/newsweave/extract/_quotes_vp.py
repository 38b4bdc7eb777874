"""Subject + verb-phrase attributions for :mod:`quotes`.

PolNeAR annotates far more than speech verbs: a named or role subject followed by almost any finite verb
phrase ("Cruz has endorsed Trump", "He offered no proof that ...", "The Republican nominee continues to
insist ...") is a source with its content. This rule is the fallback for sentences no cue-verb rule claimed:
a sentence-initial subject noun phrase, optional auxiliaries and adverbs, a finite lexical verb, and the rest
of the sentence as content.
"""

from __future__ import annotations

import re

from ._lexicon import FUNCTION_WORDS
from ._quotes_cues import FORM_TO_BASE
from ._quotes_np import _trim, _words

_SUBJ_PRONOUN = r"(?:He|She|They|We|I)"
_NAME_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St)\.|[A-Z][\w’'\-]*(?:\.[A-Z]\.?)?|[A-Z]\.)"
_NAME = (rf"(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:(?:of|for|and|de|al|the|bin|van|von)\s+)?{_NAME_WORD}){{0,6}}"
         r"(?:\s+\([^()]{1,12}\))?")
_ROLE = (r"(?:The|His|Her|Their|Its|Both|Many|Some|Several|Two|Three)\s+(?:[\w’'\-]+\s+){0,3}?"
         r"(?:officials?|leaders?|nominee|candidates?|president|senator|governor|spokes(?:man|woman|person)|"
         r"campaign|administration|government|committee|council|court|party|agency|ministry|department|"
         r"lawmakers|critics|experts|analysts|supporters|opponents|voters|report|study|poll|survey|group|"
         r"company|officer|chairman|minister|secretary|director|judge|justices|prosecutors?|police|"
         r"authorities|Democrats|Republicans|White House|Kremlin|Pentagon)")
_AUX = (r"(?:(?:has|have|had|will|would|could|can|may|might|must|should|did|does|do|is|are|was|were|"
        r"also|still|then|already|repeatedly|never|often|later|now|again|recently|even|just|long|"
        r"has\s+long|not|\w+ly)\s+)*")
# Finite lexical verbs: -ed / -s forms, -ing after an auxiliary, and common irregular pasts.
_IRREGULAR = (r"made|took|gave|went|got|saw|put|held|kept|left|sent|spent|brought|bought|built|began|became|"
              r"came|chose|drew|drove|fell|fought|forgot|hid|hit|knew|led|let|lost|met|paid|ran|rose|set|shot|"
              r"sold|sought|stood|struck|swore|taught|threw|won|wrote|spoke|thought|felt|found|meant|told|said")
_VERB = rf"(?:{_IRREGULAR}|[a-z]{{2,}}(?:ed|es|s)|[a-z]{{3,}}ing)"
_BAD_VERB = re.compile(r"(?:is|was|has|does|as|us|this|its|his|hers|ours|yes|less|unless|plus|thus|news|"
                       r"always|perhaps|across|towards|afterwards|sometimes|whereas|nevertheless|anyways|"
                       r"series|species|politics|economics|mathematics|[a-z]*ss|[a-z]*ous|[a-z]*ics|[a-z]+ness|"
                       r"need|speed|feed|seed|bed|red|shed|bleed|breed|greed|led|fled|wed|hundred|indeed|"
                       r"united|limited|based|related|interested|concerned|supposed|used|tired|married|"
                       r"[a-z]*ing)$")
_STATE_VERB = re.compile(r"(?:became|becomes|remains|remained|seemed|seems|appears|appeared|lived|lives|died|"
                         r"came|comes|went|goes|got|gets|sat|sits|stood|stands|lies|lay|fell|falls|ran|runs|"
                         r"grew|grows|faced|faces|airs|aired|occupies|occupied|leads|led|owns|owned|took|takes)$")
_START = re.compile(rf"\s*(?:(?:But|And|So|Yet|Still|Now|Instead|Meanwhile|Later|Indeed),?\s+)?"
                    rf"(?P<subj>{_SUBJ_PRONOUN}|{_ROLE}|{_NAME})(?P<aux>\s+{_AUX})(?P<verb>{_VERB})\b")


def sw_first_bad(subj: str) -> bool:
    """'When Patriot', 'Although North Korea': a subordinate clause, not a subject."""
    first = subj.split()[0].casefold()
    return first in FUNCTION_WORDS and first not in ("the", "he", "she", "they", "we", "i", "his", "her", "their",
                                                     "its", "both", "many", "some", "several", "two", "three")


def subject_verb(raw: str, s0: int, e0: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """(speaker, cue, content) for a sentence opening 'SUBJECT (aux) VERB rest'; None otherwise."""
    m = _START.match(raw, s0, e0)
    if not m:
        return None
    verb = m.group("verb")
    aux = m.group("aux").strip()
    if verb.endswith("ing") and not re.search(r"\b(?:is|are|was|were)\b", aux):
        return None
    if _BAD_VERB.match(verb) and not (verb.endswith("ing") and aux):
        return None
    if verb.endswith("s") and not verb.endswith("es") and m.group("subj") in ("They", "We", "I"):
        return None
    subj = m.group("subj")
    if sw_first_bad(subj) or re.search(r"\b(?:is|are|was|were|be|been)\b", aux) and not verb.endswith("ing"):
        return None  # a passive: the subject is not the source
    if _STATE_VERB.match(verb) or re.search(r"['’]s?$", subj):
        return None
    if verb.endswith("s") and not aux and subj not in ("He", "She"):
        return None  # "E.U. nations", "Power plants": a plural noun, not a verb
    sw = subj.split()
    if len(sw) == 1 and subj not in ("He", "She", "They", "We", "I") and \
            not re.search(r"[a-z,]\s+" + re.escape(subj) + r"\b", raw):
        return None  # a capitalised sentence opener that is never a name elsewhere
    if sw[0] in ("The",) and len(sw) == 2 and sw[1][:1].isupper() and "." in sw[1]:
        return None
    sp = _trim(raw, m.start("subj"), m.end("subj"))
    cue_start = m.start("aux") + (len(m.group("aux")) - len(m.group("aux").lstrip()))
    cue = (cue_start, m.end("verb"))
    content = _trim(raw, m.end("verb"), e0, " \t\n,:;.")
    if len(_words(raw[content[0]:content[1]])) < 2:
        return None
    return sp, cue, content


_RELATIVE = re.compile(rf"\b(?P<subj>who)(?P<aux>\s+{_AUX})(?P<verb>{_VERB})\b")


def relative_clauses(raw: str, s0: int, e0: int) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]:
    """'Mitch McConnell, who in 2010 said ...', 'Bill Clinton, who signed the legislation': PolNeAR takes the
    relative pronoun as the source of the clause's verb; the content runs to the clause's end."""
    out = []
    for m in _RELATIVE.finditer(raw, s0, e0):
        verb = m.group("verb")
        aux = m.group("aux").strip()
        if verb.endswith("ing") and not re.search(r"\b(?:is|are|was|were)\b", aux) or verb not in FORM_TO_BASE:
            continue
        if _BAD_VERB.match(verb) and not (verb.endswith("ing") and aux) or _STATE_VERB.match(verb):
            continue
        if re.search(r"\b(?:is|are|was|were|be|been)\b", aux) and not verb.endswith("ing"):
            continue  # passive
        stop = re.compile(r"[,;:.!?\"“”—–(]").search(raw, m.end("verb"), e0)
        content = _trim(raw, m.end("verb"), stop.start() if stop else e0, " \t\n,:;.")
        if len(_words(raw[content[0]:content[1]])) < 2:
            continue
        cue_start = m.start("aux") + (len(m.group("aux")) - len(m.group("aux").lstrip()))
        out.append(((m.start("subj"), m.end("subj")), (cue_start, m.end("verb")), content))
    return out
