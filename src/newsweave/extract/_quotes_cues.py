"""The cue lexicon of :mod:`quotes`: speech, cognition, stance and report verbs in every tense.

PolNeAR (like PARC) annotates far more than "said": beliefs and intentions ("believes", "wants", "plans"),
evaluations ("criticized", "praised", "called X a ..."), requests ("called for", "urged") and reports as
sources ("a new poll shows", "the study found"). The verbs are listed once by base form and inflected by
rule, so the lexicon stays readable and every tense is covered.
"""

from __future__ import annotations

import re

__all__ = ["CUE_VERBS", "BARE_CLAUSE", "FORM_TO_BASE", "CUE_RE", "ING_FORMS", "inflect"]

# Irregular verbs: base -> (past, third person singular, present participle).
_IRREGULAR = {
    "say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"), "write": ("wrote", "writes", "writing"),
    "think": ("thought", "thinks", "thinking"), "know": ("knew", "knows", "knowing"),
    "find": ("found", "finds", "finding"), "feel": ("felt", "feels", "feeling"), "hold": ("held", "holds", "holding"),
    "speak": ("spoke", "speaks", "speaking"), "mean": ("meant", "means", "meaning"), "sing": ("sang", "sings", "singing"),
    "put": ("put", "puts", "putting"), "see": ("saw", "sees", "seeing"), "understand": ("understood", "understands",
    "understanding"), "foresee": ("foresaw", "foresees", "foreseeing"), "forbid": ("forbade", "forbids", "forbidding"),
    "teach": ("taught", "teaches", "teaching"), "seek": ("sought", "seeks", "seeking"),
    "swear": ("swore", "swears", "swearing"), "make": ("made", "makes", "making"),
}
# Verbs that double their last consonant ("admitted", "planning").
_DOUBLE = frozenset({"admit", "plan", "slam", "rebut", "quip", "regret", "commit", "omit", "prefer", "refer",
                     "submit", "bar", "stop", "permit", "scrap", "snap", "jab", "rap", "fret", "vet", "chat"})


def inflect(base: str) -> tuple[str, ...]:
    """(past, -s, -ing, base) of a verb; a phrasal verb ("call for") inflects its first word."""
    head, _, rest = base.partition(" ")
    rest = " " + rest if rest else ""
    if head in _IRREGULAR:
        forms = _IRREGULAR[head]
    else:
        if head in _DOUBLE:
            past, ing = head + head[-1] + "ed", head + head[-1] + "ing"
        elif head.endswith("ee"):
            past, ing = head + "d", head + "ing"
        elif head.endswith("e"):
            past, ing = head + "d", head[:-1] + "ing"
        elif head.endswith("y") and head[-2] not in "aeiou":
            past, ing = head[:-1] + "ied", head + "ing"
        else:
            past, ing = head + "ed", head + "ing"
        if head.endswith(("s", "sh", "ch", "x", "z", "o")):
            third = head + "es"
        elif head.endswith("y") and head[-2] not in "aeiou":
            third = head[:-1] + "ies"
        else:
            third = head + "s"
        forms = (past, third, ing)
    return tuple(f + rest for f in forms) + (base,)


# Verbs that take a reported clause or an object directly ("X said the strikes ...", "X criticized the plan").
_CLAUSE_VERBS = """
say add note write report argue claim announce state explain insist warn acknowledge admit suggest believe
think predict confirm tweet conclude contend maintain stress emphasize emphasise assert allege reveal show find
estimate hope fear know recall concede indicate expect feel testify observe agree continue reply respond boast
joke quip caution promise vow pledge deny recount exclaim shout remark declare worry speculate mention hint
complain counter point_out want plan intend propose demand urge criticize criticise praise blast slam attack
condemn question dispute reject dismiss defend accuse blame mock deride liken compare describe cite call
call_for call_on urge support oppose endorse welcome applaud question doubt wonder imagine guess suspect assume
recommend advise suggest caution decide vow threaten refuse insist acknowledge lament bemoan decry denounce
tout hail celebrate credit thank congratulate chide scold rebuke lambaste castigate ridicule dismiss downplay
predict forecast project anticipate reckon figure read document detail outline list highlight underscore
emphasize reiterate repeat echo assure reassure inform notify advise brief remind warn ask wonder inquire
pose raise express voice signal declare proclaim pronounce announce unveil release publish post tweet retweet
recommend request seek urge implore beg plead appeal insist push press lobby campaign argue reason posit
theorize hypothesize conclude determine establish discover learn understand recognize realize acknowledge
accept admit concede confess disclose divulge leak share convey communicate relay pass_on point_to
weigh_in chime_in speak_out sound_off rail lash_out fire_back hit_back push_back respond retort rebut
counter reply answer testify swear certify attest verify confirm corroborate contradict refute deny
challenge contest question doubt mean hold foresee envision envisage prefer favor favour back champion
dislike hate love like admire respect trust distrust regret appreciate acknowledge understand see put
comment laud commend approve reference portray paint encourage discuss chant invoke charge characterize characterise label brand dub term frame cast depict present tell teach
"""
# Of these, the ones that introduce speech only with "that", ":" or a quotation ("X told reporters that ...").
_NEEDS_MARKER = frozenset({"tell", "inform", "notify", "remind", "assure", "reassure", "brief", "teach",
                           "see", "put", "learn", "understand", "hold", "mean", "like", "love", "hate",
                           "read", "pass_on", "continue", "share", "release", "publish", "post", "raise",
                           "campaign", "push", "press", "present", "figure", "list", "determine", "establish"})
# Verbs that are also frequent nouns or auxiliaries: only their clearly verbal forms are cues.
_NO_BASE_FORM = frozenset({"report", "call", "support", "hope", "fear", "plan", "question", "doubt", "answer",
                           "counter", "promise", "vow", "pledge", "show", "estimate", "forecast", "project",
                           "post", "tweet", "release", "request", "appeal", "campaign", "press", "push", "list",
                           "document", "detail", "outline", "highlight", "signal", "voice", "echo", "back",
                           "favor", "favour", "respect", "trust", "love", "like", "hate", "regret", "joke",
                           "quip", "claim", "demand", "attack", "blast", "slam", "praise", "credit", "thank",
                           "paint", "label", "brand", "frame", "cast", "present", "mean", "see", "put", "figure",
                           "read", "hold", "lead", "learn", "guess", "wonder", "leak", "share", "pose", "raise",
                           "note", "state", "reply", "worry", "defend", "challenge", "contest", "seek", "point_to",
                           "point_out", "hit_back", "fire_back", "push_back", "lash_out", "weigh_in", "chime_in",
                           "speak_out", "sound_off", "term", "dub", "rail", "remark", "step", "find", "hail",
                           "mock", "scold", "beg", "plead", "reason", "swear", "deny", "confirm", "accept", "charge", "chant",
                           "discuss", "encourage", "invoke"})

_BASES = sorted({w.replace("_", " ") for w in _CLAUSE_VERBS.split()})
CUE_VERBS: dict[str, tuple[str, ...]] = {}
for _b in _BASES:
    _forms = inflect(_b)
    if _b.replace(" ", "_") in _NO_BASE_FORM:
        _forms = _forms[:3]
    CUE_VERBS[_b] = tuple(dict.fromkeys(_forms))
CUE_VERBS["according to"] = ()  # handled by its own rule; listed so callers see it
BARE_CLAUSE = frozenset(b for b in _BASES if b.replace(" ", "_") not in _NEEDS_MARKER)
FORM_TO_BASE = {form: base for base, forms in CUE_VERBS.items() for form in forms}
ING_FORMS = frozenset(inflect(b)[2] for b in _BASES)
CUE_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(f) for f in FORM_TO_BASE), key=len, reverse=True))
                    + r")\b", re.IGNORECASE)
