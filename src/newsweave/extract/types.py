"""Event type and sub-type in the ACLED taxonomy.

Two halves, both offline and reproducible:

* a cue lexicon (:data:`CUES`) written by hand from the ACLED codebook's sub-event definitions ("Air/drone
  strike", "Arrests", ...) -- each pattern restates a clause of a definition as wording news uses. Cues were
  then checked against confusions on event-types/dev.tsv (tuning only; no eval text is copied here);
* a linear SVM over hashed word unigrams (TF-IDF) plus the cue counts, trained by
  ``bench/train_event_types.py`` on event-types/dev.tsv (CASE 2021 task 2 dev snippets). The shipped
  artefact ``data/acled_types_model.json.gz`` holds only hashed feature indices and weights -- no text.
  Because it is trained on dev, its dev score is measured by 5-fold cross-validation
  (:mod:`newsweave.scoring.event_types`), never on the rows it saw.

Without the artefact the classifier falls back to the cue lexicon alone (argmax of cue hits).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Iterable, Sequence

from ..models import Evidence, Passage

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Article

__all__ = [
    "CODES",
    "CUES",
    "TypeModel",
    "cue_counts",
    "classify_event",
    "classify_code",
    "classify_article_event",
    "fit_model",
    "load_model",
    "save_model",
]

MODEL_FILE = "acled_types_model.json.gz"

# Task code -> (ACLED event type, ACLED sub-event type). The last five are the CASE 2021 "unseen" types
# (Note_on_UNSEEN_events.txt): not ACLED categories, so they get their own event-type names.
CODES: dict[str, tuple[str, str]] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "ORG_CRIME": ("Security-related", "Organized crime"),
    "NATURAL_DISASTER": ("Security-related", "Natural disaster"),
    "MAN_MADE_DISASTER": ("Security-related", "Man-made disaster"),
    "DIPLO": ("Diplomatic", "Diplomatic event"),
    "ATTRIB": ("Diplomatic", "Attribution of responsibility"),
}

_RAW: dict[str, tuple[str, ...]] = {
    "ARMED_CLASH": (
        r"clash(?:es|ed)?", r"fighting", r"fought", r"gun ?battles?", r"fire ?fights?", r"exchanged? (?:of )?fire",
        r"ambush(?:ed)?", r"battles?", r"skirmish(?:es)?", r"engaged", r"offensive", r"repelled", r"attacked .{0,40}(?:post|checkpoint|base|positions?)",
    ),
    "GOV_REGAINS_TERIT": (
        r"(?:re-?captured?|retook|retaken|regain(?:ed|s)?|liberat(?:ed|ion)|reclaimed?|took back|restored control)",
        r"(?:army|troops|government forces|security forces|military) .{0,60}(?:control|captured|seized|took over)",
        r"pushed .{0,30} out of",
    ),
    "NON_STATE_ACTOR_OVERTAKES_TER": (
        r"(?:rebels?|militants?|insurgents?|jihadists?|isis|is fighters|islamic state|taliban|al-shabaab|houthis?|fighters)"
        r" .{0,60}(?:seized|captured|took (?:over|control)|overr[au]n|gained control|recaptured|stormed)",
        r"fell to", r"under (?:the )?control of (?:the )?(?:rebels?|militants?|taliban|isis)",
    ),
    "CHEM_WEAP": (
        r"chemical", r"chlorine", r"sarin", r"mustard gas", r"toxic gas", r"nerve (?:agent|gas)", r"poison(?:ous)? gas",
    ),
    "AIR_STRIKE": (
        r"air ?-?strikes?", r"air ?raids?", r"warplanes?", r"(?:fighter )?jets?", r"aircraft", r"drone strikes?",
        r"drones? (?:strike|struck|attack|bomb)", r"helicopters? (?:gunships? )?(?:fired|struck|bombed|attacked)",
        r"aerial (?:bombardment|attacks?|strikes?)", r"air force", r"bombed from the air", r"sorties?", r"coalition strikes?",
        # "strikes" with a military agent or a target and no "hunger"/"general": the air-strike sense
        r"(?:precision|retaliatory|military|defensive|targeted|u\.?s\.?|israeli|coalition|russian) strikes?",
        r"(?<!hunger )(?<!general )strikes? (?:on|against) .{0,40}(?:facilit|position|target|militia|militant|base|site|camp)",
    ),
    "SUIC_BOMB": (
        r"suicide", r"blew (?:himself|herself|themselves) up", r"self-detonat", r"explosive (?:vest|belt)",
        r"svbied", r"martyrdom operation",
    ),
    "ART_MISS_ATTACK": (
        r"shell(?:s|ed|ing)", r"artillery", r"mortars?", r"rockets?", r"missiles?", r"projectiles?", r"katyusha",
        r"grad", r"bombard(?:ed|ment)", r"howitzers?", r"rocket-propelled", r"barrage",
    ),
    "REM_EXPLOS": (
        r"\bieds?\b", r"improvised explosive", r"roadside bomb", r"land ?mines?", r"\bmines?\b", r"car bomb",
        r"bomb (?:blast|exploded|went off)", r"explosive device", r"detonat(?:ed|ion)", r"blast", r"explosion",
        r"booby[- ]trap", r"vbied", r"parcel bomb", r"exploded",
    ),
    "GRENADE": (r"grenades?", r"hurled", r"lobbed", r"threw an? (?:explosive|bomb)", r"hand bomb",),
    "PEACE_PROTEST": (
        r"protest(?:s|ed|ers|ors|ing)?", r"demonstrat(?:ion|ions|ors|ed|ing)", r"rall(?:y|ies|ied)", r"march(?:ed|es)?",
        r"sit-?ins?", r"picket", r"vigil", r"strike action", r"went on strike", r"gathered .{0,40}(?:demand|against)",
        r"placards?", r"slogans?", r"peaceful(?:ly)?", r"chant(?:ed|ing)", r"petition",
    ),
    "PROTEST_WITH_INTER": (
        r"dispers(?:e|ed|ing)", r"tear ?gas", r"water cannons?", r"(?:arrested|detained) .{0,40}(?:protesters|demonstrators|activists)",
        r"police (?:intervened|broke up|blocked|stopped)", r"broke up", r"pepper spray", r"rubber bullets",
    ),
    "FORCE_AGAINST_PROTEST": (
        r"(?:fired|opened fire|shot) .{0,40}(?:protesters|demonstrators|crowd|students)",
        r"(?:killed|injured|wounded|beat(?:en)?) .{0,40}(?:protesters|demonstrators|students)",
        r"(?:protesters|demonstrators) .{0,40}(?:killed|shot dead|injured|beaten)", r"live (?:ammunition|rounds|bullets)",
        r"crackdown", r"brutal(?:ly)?", r"batons?", r"lathi",
    ),
    "VIOL_DEMONSTR": (
        r"riot(?:s|ers|ing|ed)?", r"(?:threw|pelted|hurled) (?:stones|rocks|bricks|petrol bombs|molotov)", r"stone[- ]pelting",
        r"torch(?:ed|ing)", r"set (?:on )?fire", r"burn(?:ed|t|ing) (?:tyres|tires|vehicles|cars)", r"vandali[sz]",
        r"barricades?", r"molotov", r"clashed with (?:police|security forces)", r"violent (?:protests?|demonstrations?)",
        r"ransack",
    ),
    "MOB_VIOL": (r"\bmobs?\b", r"lynch(?:ed|ing)?", r"vigilantes?", r"angry (?:crowd|residents|villagers)", r"villagers .{0,30}(?:attacked|beat|killed)",),
    "AGREEMENT": (
        r"agreements?", r"agreed", r"cease-?fire", r"truce", r"peace (?:deal|accord|talks|agreement)", r"signed",
        r"accord", r"memorandum", r"prisoner (?:swap|exchange)", r"deal", r"negotiat(?:ed|ions)", r"released? .{0,30}(?:prisoners|hostages|detainees)",
    ),
    "ARREST": (
        r"arrest(?:ed|s|ing)?", r"detain(?:ed|s)?", r"apprehend(?:ed)?", r"custody", r"nabbed", r"rounded up", r"taken in",
        r"held for questioning", r"remanded", r"charged with", r"raid(?:ed)?",
    ),
    "CHANGE_TO_GROUP_ACT": (
        r"defect(?:ed|ion|ions)?", r"deploy(?:ed|ment|s)?", r"dispatch(?:ed)?", r"reinforc(?:ed|ements?)", r"mobili[sz](?:ed|ing|ation)",
        r"withdr[ae]w(?:n|al)?", r"formed", r"merg(?:ed|er)", r"dissolved?", r"disband(?:ed)?", r"curfew", r"military drills?",
        r"exercises?", r"recruit(?:ed|ment|s)?", r"new commander", r"appointed", r"splinter", r"pledged allegiance",
        r"troops? (?:build-?up|movements?)", r"fortif(?:y|ied)", r"sent .{0,30}(?:troops|forces|fighters)",
    ),
    "DISR_WEAP": (
        r"defus(?:ed|ing)", r"(?:seized|found|discovered|recovered|confiscated|intercepted|uncovered) .{0,60}"
        r"(?:weapons|arms|ammunition|explosives?|guns|rifles|pistols|grenades|firearms|rounds|ieds?|devices?|cache|bullets|mines)",
        r"(?:weapons|arms|ammunition|explosives?|guns|rifles|pistols|grenades|firearms|bullets|devices?|mines) .{0,40}"
        r"(?:were|was|have been|had been) (?:seized|found|discovered|recovered|confiscated|intercepted|dismantled|defused)",
        r"caches?", r"stash", r"bomb squad", r"dismantl(?:ed|ing)", r"foiled", r"thwarted", r"shot down", r"intercept(?:ed|ion)",
        r"disposal",
    ),
    "HQ_ESTABLISHED": (
        r"(?:established|set up|opened|built|set-up|establish|establishing) .{0,40}(?:base|headquarters|hq|camp|outpost|office|post)",
        r"new (?:base|headquarters|military base)", r"headquarters",
    ),
    "PROPERTY_DISTRUCT": (
        r"loot(?:ed|ing|ers)?", r"plunder(?:ed)?", r"pillag(?:ed|e)", r"(?:burn(?:ed|t)|destroy(?:ed)?|demolish(?:ed)?|razed)"
        r" .{0,40}(?:houses|homes|property|properties|shops|buildings|villages?|crops|church|mosque|school)",
        r"set ablaze", r"vandali[sz]ed", r"ransacked", r"bulldoz(?:ed|ers?)", r"demolition",
    ),
    "NON_VIOL_TERRIT_TRANSFER": (
        r"handed over", r"hand(?:ed)? over control", r"(?:withdr[ae]w|pulled out|retreated) .{0,40}(?:from|allowing)",
        r"without (?:a )?(?:fight|fighting|resistance)", r"took over .{0,40}after .{0,40}(?:withdr|left)",
        r"evacuat(?:ed|ion) .{0,40}(?:fighters|militants|rebels)", r"entered .{0,40}(?:after|following) .{0,30}withdr",
        r"transfer(?:red)? (?:of )?control", r"took control .{0,40}(?:peacefully|without)",
    ),
    "OTHER": (r"\bcoup\b", r"spying", r"espionage", r"election", r"hunger strike", r"state of emergency",),
    "SEX_VIOL": (r"rap(?:e|ed|es|ing|ist)", r"sexual(?:ly)? (?:assault|abus|violen|harass|exploit)", r"molest", r"gang-?rap",),
    "ATTACK": (
        r"gunm[ae]n", r"shot dead", r"killed .{0,40}civilians?", r"civilians? .{0,40}killed", r"massacre", r"assassinat",
        r"murder(?:ed)?", r"stabb(?:ed|ing)", r"hack(?:ed)? to death", r"beheaded", r"execut(?:ed|ion)", r"opened fire on",
        r"attacked (?:a |the )?(?:village|villagers|civilians|farmers|passengers|residents|worshippers)", r"shooting",
        r"unknown (?:assailants|attackers|gunmen)", r"armed men",
    ),
    "ABDUCT_DISSAP": (
        r"abduct(?:ed|ion|s)?", r"kidnap(?:ped|ping|pers|s)?", r"hostages?", r"taken captive", r"(?:forced(?:ly)? )?disappear(?:ed|ance)",
        r"whereabouts", r"seized .{0,20}(?:man|woman|men|women|people|villagers|passengers)", r"missing", r"ransom",
    ),
    "ORG_CRIME": (
        r"smuggl(?:ed|ing|ers?)", r"traffick(?:ing|ers|ed)", r"drugs?", r"narcotics?", r"cocaine", r"heroin", r"cartels?",
        r"counterfeit", r"fraud", r"corruption", r"brib(?:e|es|ery)", r"money laundering", r"cyber", r"hack(?:ers|ed into)",
        r"robbery", r"robbed", r"gangs?", r"mafia", r"contraband", r"poach(?:ing|ers)", r"embezzl",
    ),
    "NATURAL_DISASTER": (
        r"earthquakes?", r"quake", r"magnitude", r"floods?", r"flooding", r"storms?", r"hurricanes?", r"cyclones?",
        r"typhoons?", r"tornado(?:es)?", r"wild ?fires?", r"bush ?fires?", r"forest fires?", r"volcan(?:o|ic)", r"eruption",
        r"landslides?", r"mudslides?", r"avalanches?", r"tsunami", r"drought", r"heat ?wave", r"outbreak", r"epidemic",
        r"pandemic", r"cholera", r"ebola", r"heavy rains?", r"torrential",
    ),
    "MAN_MADE_DISASTER": (
        r"accidents?", r"accidental(?:ly)?", r"crash(?:ed|es)?", r"collisions?", r"collided", r"derail(?:ed|ment)", r"capsiz(?:ed|e)",
        r"sank", r"collapse(?:d)?", r"leak(?:ed|s)?", r"spill", r"contaminat", r"fire broke out", r"blaze", r"gas explosion",
        r"factory", r"industrial", r"poisoning", r"stampede", r"power (?:outage|failure)", r"mine (?:collapse|accident)",
        r"plane", r"train", r"bus", r"ferry", r"boat",
    ),
    "DIPLO": (
        r"condemn(?:ed|s|ation)?", r"sanctions?", r"embass(?:y|ies)", r"ambassadors?", r"summon(?:ed|s)", r"urged?",
        r"called (?:on|for)", r"calls (?:on|for)", r"diplomat(?:s|ic)?", r"expel(?:led)?", r"praised?", r"warned",
        r"foreign minist(?:er|ry)", r"talks", r"visit(?:ed)?", r"statement", r"denounc(?:ed|e)",
    ),
    "ATTRIB": (
        r"claimed responsibility", r"claim(?:ed|s|ing)? (?:of )?responsibility", r"responsibility", r"blam(?:ed|es|ing)",
        r"accus(?:ed|es|ing)", r"den(?:ied|ies|y) (?:any )?(?:involvement|responsibility)", r"behind the attack",
        r"attributed", r"held responsible", r"responsible for",
    ),
}

CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    code: tuple(re.compile(r"(?<![\w-])(?:" + p + r")", re.I) for p in pats) for code, pats in _RAW.items()
}
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(p for code in CODES for p in CUES[code])

# Feature weights relative to the unit-length TF-IDF vector, chosen by 5-fold CV on event-types/dev.tsv
# (0.5/0.3 beat 0/0, 1/0 and 0.5/0.5 by 1-4 points of weighted F1; BENCHMARKS.md).
_CUE_WEIGHT = 0.5
_PATTERN_WEIGHT = 0.3
_N_FEATURES = 2**20  # hashed unigrams; large enough that collisions are negligible for a few thousand words
_SVM_C = 1.0


def cue_counts(text: str) -> list[int]:
    """How many cue patterns of each code (in :data:`CODES` order) fire on ``text``."""
    return [sum(1 for p in CUES[code] if p.search(text)) for code in CODES]


def _hand_features(text: str) -> list[float]:
    counts = [math.log1p(c) * _CUE_WEIGHT for c in cue_counts(text)]
    return counts + [_PATTERN_WEIGHT if p.search(text) else 0.0 for p in _PATTERNS]


@functools.lru_cache(maxsize=1)
def _hasher():  # noqa: ANN202 - sklearn object
    from sklearn.feature_extraction.text import HashingVectorizer

    # Hashing instead of a fitted vocabulary: the shipped model then stores feature indices, never words.
    return HashingVectorizer(n_features=_N_FEATURES, alternate_sign=False, norm=None)


@dataclass(frozen=True)
class TypeModel:
    """A linear model over hashed TF-IDF unigrams + hand features. ``word_coef`` maps a hashed feature index
    to its per-class weights; features absent from it have weight 0 (never seen in training)."""

    classes: tuple[str, ...]
    n_docs: int
    idf: dict[int, float]
    word_coef: dict[int, tuple[float, ...]]
    hand_coef: tuple[tuple[float, ...], ...]  # per hand feature, per class
    intercept: tuple[float, ...]
    trained_on: str = ""
    train_hashes: frozenset[str] = frozenset()

    def decision(self, texts: Sequence[str]) -> list[list[float]]:
        """Per text, the decision value of every class."""
        import numpy as np

        h = _hasher().transform(list(texts)).tocsr()
        unseen_idf = math.log((self.n_docs + 1) / 1) + 1  # sklearn's smooth idf for a never-seen feature
        out = []
        for i, text in enumerate(texts):
            row = h.getrow(i)
            weights = {int(j): (1 + math.log(v)) * self.idf.get(int(j), unseen_idf) for j, v in zip(row.indices, row.data)}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            score = np.array(self.intercept, dtype=float)
            for j, w in weights.items():
                coef = self.word_coef.get(j)
                if coef is not None:
                    score += np.asarray(coef) * (w / norm)
            hand = np.asarray(_hand_features(text))
            score += hand @ np.asarray(self.hand_coef)
            out.append(score.tolist())
        return out

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self.classes[max(range(len(d)), key=d.__getitem__)] for d in self.decision(texts)]


def text_hash(text: str) -> str:
    """A short fingerprint of a snippet: lets the scorer tell whether a file overlaps the training rows
    without the artefact holding any text."""
    import hashlib

    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()[:16]


def fit_model(texts: Sequence[str], labels: Sequence[str], *, trained_on: str = "") -> TypeModel:
    """Train the linear SVM (the recipe both ``bench/train_event_types.py`` and the CV scorer use)."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.svm import LinearSVC

    tfidf = TfidfTransformer(sublinear_tf=True)
    words = tfidf.fit_transform(_hasher().transform(list(texts)))
    hand = sp.csr_matrix(np.array([_hand_features(t) for t in texts]))
    clf = LinearSVC(C=_SVM_C, max_iter=20000, random_state=0)  # liblinear shuffles: fix the seed
    clf.fit(sp.hstack([words, hand]).tocsr(), list(labels))
    coef = clf.coef_
    if coef.shape[0] == 1:  # binary problem: sklearn keeps one row; expand to one row per class
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-clf.intercept_[0], clf.intercept_[0]])
    else:
        intercept = clf.intercept_
    seen = np.unique(words.indices)
    word_coef = {int(j): tuple(round(float(x), 5) for x in coef[:, j]) for j in seen}
    hand_coef = tuple(tuple(round(float(x), 5) for x in coef[:, _N_FEATURES + k]) for k in range(hand.shape[1]))
    return TypeModel(
        classes=tuple(str(c) for c in clf.classes_),
        n_docs=len(texts),
        idf={int(j): round(float(tfidf.idf_[j]), 5) for j in seen},
        word_coef=word_coef,
        hand_coef=hand_coef,
        intercept=tuple(round(float(x), 5) for x in intercept),
        trained_on=trained_on,
        train_hashes=frozenset(text_hash(t) for t in texts),
    )


def save_model(model: TypeModel, path: str) -> None:
    body = {
        "classes": list(model.classes),
        "n_docs": model.n_docs,
        "n_hand": len(model.hand_coef),
        "idf": {str(k): v for k, v in sorted(model.idf.items())},
        "word_coef": {str(k): list(v) for k, v in sorted(model.word_coef.items())},
        "hand_coef": [list(r) for r in model.hand_coef],
        "intercept": list(model.intercept),
        "trained_on": model.trained_on,
        "train_hashes": sorted(model.train_hashes),
    }
    # No file name and mtime=0 keep the artefact byte-identical across rebuilds (reproducible training).
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(json.dumps(body, separators=(",", ":")).encode())


@functools.lru_cache(maxsize=1)
def load_model() -> TypeModel | None:
    """The shipped model, or None when the artefact is missing or was built for another cue lexicon."""
    try:
        data = resources.files("newsweave.extract").joinpath("data", MODEL_FILE).read_bytes()
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return None
    body = json.loads(gzip.decompress(data))
    if body.get("n_hand") != len(_hand_features("")):
        return None  # cue lexicon changed since training: weights would be misaligned
    return TypeModel(
        classes=tuple(body["classes"]),
        n_docs=int(body["n_docs"]),
        idf={int(k): float(v) for k, v in body["idf"].items()},
        word_coef={int(k): tuple(v) for k, v in body["word_coef"].items()},
        hand_coef=tuple(tuple(r) for r in body["hand_coef"]),
        intercept=tuple(body["intercept"]),
        trained_on=body.get("trained_on", ""),
        train_hashes=frozenset(body.get("train_hashes", ())),
    )


def _rules_decision(text: str) -> list[float]:
    return [float(c) for c in cue_counts(text)]


def classify_code(text: str, model: TypeModel | None = None, *, rules_only: bool = False) -> tuple[str, float]:
    """The task code (e.g. ``AIR_STRIKE``) of one snippet and a margin score in [0, 1].

    ``model`` defaults to the shipped one; ``rules_only`` uses the cue lexicon alone. The score is the gap
    between the best and the runner-up decision value, clipped to [0, 1]: a ranking signal, not a calibrated
    probability."""
    model = None if rules_only else (model if model is not None else load_model())
    if model is None:
        dec, classes = _rules_decision(text), tuple(CODES)
        if max(dec) <= 0:
            return "OTHER", 0.0
    else:
        dec, classes = model.decision([text])[0], model.classes
    order = sorted(range(len(dec)), key=dec.__getitem__, reverse=True)
    gap = dec[order[0]] - (dec[order[1]] if len(order) > 1 else 0.0)
    if model is None:
        gap = gap / (dec[order[0]] or 1.0)
    return classes[order[0]], max(0.0, min(1.0, gap))


def classify_event(texts: Iterable[str]) -> tuple[str | None, str | None, float]:
    """(ACLED event type, sub-event type, score) for the text of one event (sentences or snippets).

    Texts are joined into one snippet, as the model was trained on short multi-sentence reports."""
    text = " ".join(t.strip() for t in texts if t and t.strip())
    if not text:
        return None, None, 0.0
    code, score = classify_code(text)
    event_type, sub_type = CODES.get(code, (None, None))
    return event_type, sub_type, score


# How many leading reporting sentences describe "the event": news leads put the incident first, and later
# sentences drift into reactions and context that pull the type towards DIPLO/ATTRIB.
_LEAD_SENTENCES = 4


def classify_article_event(article: "Article", passages: Sequence[Passage]) -> tuple[str | None, str | None, Evidence | None]:
    """Type one article's event from its title and leading *reporting* sentences (never background,
    commentary or quotes); the evidence is the cue (or sentence) that best supports the chosen type."""
    reporting = [p for p in passages if p.role == "reporting" and p.article_id == article.id]
    lead = reporting[:_LEAD_SENTENCES]
    texts = ([article.title] if article.title else []) + [article.raw_text[p.start : p.end] for p in lead]
    event_type, sub_type, _ = classify_event(texts)
    if sub_type is None:
        return None, None, None
    code = next(c for c, v in CODES.items() if v[1] == sub_type)
    best: tuple[tuple[int, bool, int], Passage, re.Match[str] | None] | None = None
    for i, p in enumerate(reporting):
        sentence = article.raw_text[p.start : p.end]
        matches = [m for pat in CUES[code] if (m := pat.search(sentence))]
        # Most cue hits wins; among equals a lead sentence, then the earliest.
        key = (len(matches), i < _LEAD_SENTENCES, -i)
        if best is None or key > best[0]:
            best = (key, p, min(matches, key=lambda m: m.start()) if matches else None)
    if best is None:
        return event_type, sub_type, None
    _, p, m = best
    start, end = (p.start + m.start(), p.start + m.end()) if m else (p.start, p.end)
    evidence = Evidence(
        article_id=article.id,
        outlet=article.outlet,
        start=start,
        end=end,
        text=article.raw_text[start:end],
        sentence=article.raw_text[p.start : p.end],
        sentence_start=p.start,
        sentence_end=p.end,
    )
    return event_type, sub_type, evidence
