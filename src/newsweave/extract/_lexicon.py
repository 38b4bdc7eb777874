"""Small closed word lists shared by entities, quotes and claims.

These are grammar, not data: function words, honorifics, reporting verbs, number words and a short
Arabic-English glossary for the words armed groups put in their names. Nothing here names a particular
person, outlet or event.
"""

from __future__ import annotations

import re
import unicodedata

# --- titles and roles --------------------------------------------------------------------------------------

# Honorifics and titles written before a personal name (lower-cased, dots stripped).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "sheikh"})
# Single words that are a title before a name ("President Biden", "Gen. Milley").
TITLE_WORDS = frozenset({
    "president", "vice", "prime", "minister", "secretary", "gen", "general", "lt", "col", "colonel", "maj", "major",
    "capt", "captain", "adm", "admiral", "sgt", "sergeant", "sen", "senator", "rep", "representative", "gov",
    "governor", "mayor", "judge", "justice", "chancellor", "king", "queen", "prince", "princess", "ayatollah",
    "commander", "chief", "ambassador", "spokesman", "spokeswoman", "spokesperson", "former", "defence", "defense",
    "foreign", "interior", "state", "press", "deputy", "acting", "speaker", "leader", "director", "pope", "emir",
    "premier", "sec", "supt", "insp", "officer", "chairman", "chairwoman", "attorney", "candidate", "nominee",
})
# Nouns that make a role phrase refer to one person ("the Pentagon spokesman", "Defence Secretary").
ROLE_HEADS = frozenset({
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "general", "governor",
    "senator", "mayor", "chancellor", "ambassador", "commander", "chief", "director", "chairman", "chairwoman",
    "premier", "leader", "king", "queen", "emir", "envoy", "adviser", "advisor", "official",
})

# --- organisations -----------------------------------------------------------------------------------------

ORG_CUES = frozenset({
    "hezbollah", "hizbollah", "hizballah", "brigades", "brigade", "ministry", "pentagon", "observatory", "agency",
    "command", "forces", "army", "party", "inc", "corp", "company", "group", "council", "committee", "department",
    "office", "organisation", "organization", "association", "union", "front", "movement", "militia", "coalition",
    "institute", "university", "bank", "court", "congress", "senate", "parliament", "assembly", "commission",
    "news", "times", "post", "press", "service", "guard", "guards", "corps", "navy", "police", "house", "network",
    "fund", "foundation", "federation", "alliance", "kataib", "ketaeb", "saraya", "jaysh", "jaish", "liwa",
    "harakat", "asaib", "hashd", "hashed", "ltd", "llc", "plc", "telegraph", "reuters", "tribune", "journal",
    "administration", "government", "authority", "mobilisation", "mobilization", "campaign", "state", "force",
    "airways", "airlines", "operations", "images", "media", "television", "radio", "bureau", "ministries", "brotherhood", "squad", "unit", "units", "directorate",
    # the words newspapers are named with
    "review", "herald", "courier", "ledger", "monitor", "gazette", "chronicle", "bulletin", "dispatch", "inquirer",
    "sentinel", "examiner",
})
# Words that make a name a place: "Tarn Valley", "River Vessa", "Lake Chad", "Anbar Province".
PLACE_HEADS = frozenset({
    "valley", "river", "lake", "mountains", "mountain", "mount", "hills", "island", "islands", "bay", "sea", "gulf",
    "strait", "desert", "peninsula", "province", "county", "district", "region", "governorate", "heights", "strip",
    "plain", "plains", "coast", "canyon", "delta", "basin", "oasis", "forest", "creek",
})

# Arabic words that armed groups use in their names, with the English word news copy translates them to.
# "Kataib Hezbollah" is construct state ("Brigades of Hezbollah"), reported in English as "Hezbollah
# Brigades": comparing the translated words as a bag makes the two spellings one name.
ARABIC_GLOSSARY = {
    "kataib": "brigades", "katibat": "brigade", "katiba": "brigade", "liwa": "brigade", "saraya": "companies",
    "jaysh": "army", "jaish": "army", "harakat": "movement", "haraka": "movement", "asaib": "leagues",
    "hizb": "party", "jabhat": "front", "jabha": "front", "ansar": "supporters", "hashd": "mobilisation",
    "fatah": "conquest", "quwat": "forces", "faylaq": "corps", "majlis": "council", "tanzim": "organisation",
    "jamaat": "group", "jamaa": "group", "sayyid": "sayyid", "shuhada": "martyrs",
}

# --- function words ------------------------------------------------------------------------------------------

# Capitalised words that start sentences but are not names.
FUNCTION_WORDS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "but", "and", "or", "in", "on", "at", "by", "for", "from",
    "to", "of", "with", "as", "after", "before", "since", "during", "while", "when", "where", "if", "so", "yet",
    "according", "meanwhile", "however", "also", "some", "many", "most", "several", "both", "all", "his", "her",
    "their", "its", "our", "my", "your", "it", "he", "she", "they", "we", "i", "you", "there", "here", "then",
    "though", "although", "because", "until", "about", "over", "under", "into", "than", "which", "who", "what",
    "why", "how", "no", "not", "one", "two", "three", "former", "late", "early", "last", "next", "earlier",
    "later", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "read", "see", "comment", "source", "click", "photo", "image", "watch", "more",
    "other", "another", "each", "every", "such", "any", "just", "only", "even", "still", "now", "already",
    "like", "unlike", "despite", "amid", "against", "between", "among", "through", "without", "within",
    "around", "near", "across", "along", "behind", "beyond", "upon", "via", "per", "following", "including",
    "mid", "both", "either", "neither", "whether", "once", "again", "instead", "indeed", "thus", "therefore",
})
# Abbreviations of common nouns, written in capitals but naming no one ("one-way attack UAV", "an IED").
COMMON_ACRONYMS = frozenset({
    "uav", "uavs", "ied", "ieds", "rpg", "rpgs", "manpads", "apc", "apcs", "icbm", "icbms",
    "gdp", "ceo", "ceos", "cfo", "tv", "pm", "am", "dna", "suv", "suvs", "atm", "atms", "vip", "vips", "ngo",
    "ngos", "mp", "mps", "pow", "pows", "idp", "idps", "ok", "faq", "pdf", "gps",
})
NAME_CONNECTORS = frozenset({"of", "for", "the", "al", "bin", "ibn", "bint", "abu", "de", "del", "la", "le",
                             "van", "von", "da", "di", "du", "el"})

PRONOUNS_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
PRONOUNS_OTHER = frozenset({"they", "it", "we", "i", "you", "who", "which", "that"})

# --- numbers -------------------------------------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def strip_accents(text: str) -> str:
    """Drop combining marks (NFKD) so "Kataʼib" and "Kataib" compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_APOSTROPHES = re.compile(r"['’ʼʿ`´‘]")


def fold(text: str) -> str:
    """Lower-case, accents and apostrophes removed, hyphens to spaces: the form aliases are compared in."""
    text = _APOSTROPHES.sub("", strip_accents(text)).casefold()
    return re.sub(r"[\s\-]+", " ", re.sub(r"[^\w\s\-]", "", text)).strip()


def skeleton(word: str) -> str:
    """Consonant skeleton of one folded word: transliterations of Arabic names differ mostly in vowels
    (Kataib / Ketaeb / Kata'ib, Hezbollah / Hizballah), and doubled letters (Hizbollah / Hizbolah)."""
    if not word:
        return word
    rest = re.sub(r"[aeiouy]", "", word[1:])
    out = word[0]
    for c in rest:
        if c != out[-1]:
            out += c
    return out
