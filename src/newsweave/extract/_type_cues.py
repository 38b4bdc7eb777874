"""Cue phrases for each ACLED sub-event type, written from the ACLED codebook's sub-event definitions.

These are the hand-written half of the event-type classifier (:mod:`newsweave.extract.types`): each pattern
restates a clause of the codebook definition ("Air/drone strike: air or drone strikes", "Arrests: state
forces detain ...") as surface wording a news sentence uses. They were written from the codebook, then checked
against the confusions on event-types/dev.tsv (tuning only; no eval text is copied here). They double as
features of the linear model and as a rules-only fallback when no model artefact ships.
"""

from __future__ import annotations

import re

__all__ = ["CODES", "CUES", "cue_counts"]

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


def cue_counts(text: str) -> list[int]:
    """How many cue patterns of each code (in :data:`CODES` order) fire on ``text``."""
    return [sum(1 for p in CUES[code] if p.search(text)) for code in CODES]
