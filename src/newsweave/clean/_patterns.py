"""The line patterns behind the cleaner, compiled once at import.

Written by hand: trafilatura and justext strip debris from *HTML* using the markup (tags, link density, DOM
position); once a page has been flattened to plain text that evidence is gone and no maintained library labels
the leftover lines. What remains recognisable is phrasing -- widget words, promo formulas, credit syntax --
which compiled regexes test in microseconds per line. Every pattern is a general formula seen across outlets,
never a sentence from one article.
"""

from __future__ import annotations

import re

__all__ = [
    "AGENCIES",
    "agency_in",
    "BULLETS",
    "WIDGET_TOKENS",
    "WORD_SPLIT",
    "BOILERPLATE",
    "RELATED",
    "RELATED_HEADER",
    "CAPTION",
    "CAPTION_CREDIT_END",
    "COPYRIGHT",
    "METADATA",
    "BYLINE",
    "SIGNOFF",
    "COMMENTARY",
    "DATE_PREFIX",
    "DATE_SUFFIX",
    "DATE_LINE",
    "DATETIME",
    "DATE_PARTS",
    "KEYED_DATE",
    "DATELINE_CREDIT",
    "AGENCY_LINE",
    "OUTLET_REPORTS",
    "SECTION_LABEL",
    "SEPARATOR",
]

# Leading list and widget marks that scrapers leave in front of a line ("• Oops!", ">> Read more", "× Title").
BULLETS = re.compile(r"^[\s•·∙◦‣⁃▪▫■□●○►▶▸▹*>|×]+")
WORD_SPLIT = re.compile(r"[\s|,:;·•/()\[\]]+")

# A line made only of these words is share/print/video furniture ("Share this: Facebook", "Twitter",
# "Hide Transcript Show Transcript", "Copy Link Copy", "A A" font-size buttons).
WIDGET_TOKENS = frozenset(
    """
    share shares sharing tweet email e-mail print facebook twitter pinterest google google+ linkedin reddit
    whatsapp messenger instagram youtube tumblr sms more comments comment copy link links this like loading
    loading... follow us on save saved bookmark photos photo video videos gallery slideshow skip ad ads
    advertisement sponsored close caption hide show transcript next previous prev a aa today tonight menu
    search home subscribe login log in sign up back to top toggle expand collapse listen play pause replay
    watch embed download app x × + - — – ... reprints permalink story continue reading
    """.split()
)

# Phrasings that only furniture uses: error widgets, paywall and newsletter promos, cookie and consent
# notices, app and social plugs, comment-system chrome, "read the full article" stubs. Matched case-blind
# from the start of a short line (the caller caps the length so body paragraphs are never tested).
BOILERPLATE = re.compile(
    r"""(?ix)^(?:
        oops\b | something\ went\ wrong | please\ try\ again | an?\ error\ (?:has\ )?occurred
      | (?:please\ )?(?:enable|turn\ on)\ (?:javascript|cookies) | javascript\ is\ (?:disabled|required|off)
      | your\ browser\ (?:does\ not|doesn'?t)\ support | having\ trouble\ (?:viewing|playing)
      | (?:sponsored|paid)\ (?:content|post|links?)\b | skip\ (?:this\ )?ad\b | ad\ choices\b
      | (?:click|tap)\ here\b | (?:sign\ up|subscribe|register)\b.{0,100}\b(?:newsletters?|free|today|now|here|alerts?)\b
      | (?:e-?mail\ )?newsletters?\b | already\ a\ subscriber | subscribers?\ only | become\ a\ (?:member|subscriber)
      | (?:try|get|start)\b.{0,60}\bfree\ for\b | free\ trial\b | broaden\ your\ horizons
      | support\ (?:our|independent)\ journalism | (?:unlock|get)\ (?:unlimited|full)\ access
      | download\b.{0,60}\bapp\b | get\ the\b.{0,40}\bapp\b | .{0,60}\bapp\b.{0,30}\b(?:iphone|android|ios)\b
      | (?:follow|like|join|find)\ (?:us|the\ conversation)\b | join\ the\ conversation
      | stay\ up\ to\ date | don'?t\ miss\ (?:another|a)\ (?:post|story) | get\ alerted
      | (?:share|like)\ this\b | share\ (?:on|via)\b | share\ (?:this\ )?(?:article|story)
      | report\ (?:an\ error|a\ typo|a\ correction) | submit\ a\ (?:tip|correction)
      | (?:you\ must\ )?enter\ the\ characters | your\ notification\ has\ been | there\ was\ a\ problem\ saving
      | e-?mail\ notifications\ are | we\ use\ cookies | (?:this|our)\ (?:web)?site\ uses\ cookies
      | (?:accept|manage)\ (?:all\ )?cookies | cookie\ (?:policy|settings|preferences)
      | (?:terms\ of\ (?:use|service)|privacy\ policy)\s*$
      | source:\s*read\ (?:the\ )?full | read\ (?:the\ )?full\ (?:article|story|report)\b | continue\ reading\b
      | \d+\ (?:pending\ )?comments?\s*$ | (?:view|show|leave|post|add)\ (?:a\ |the\ )?comments?\b
      | comments?\ (?:are|have\ been)\ (?:closed|disabled) | (?:please\ enable\ javascript\ to\ view\ the\ )?comments\ powered\ by
      | (?:hide|show)\ (?:caption|transcript)\b | copy\ link\b | (?:more|related)\ videos?\b | link\ to\ this\ video
      | back\ to\ (?:previous\ page|top)\b | \d+\ of\ \d+\ (?:free|premium)\b | you\ have\ \d+\ free
      | keep\ checking\b.{0,60}\bfor\b | stay\ with\b.{0,60}\bfor\ (?:more|updates|the\ latest)
      | check\ back\b.{0,30}\bupdates? | we\ will\ update\ this\ (?:story|article)
      | this\ (?:is\ a|story\ is)\ (?:still\ )?developing(?:\ story)?\W*(?:check\ back|stay\ with|we\ will|refresh|$)
      | for\ more\b.{0,40}\bnews,?\ (?:listen|watch|visit|follow|download)\b | listen\ to\b.{0,40}\bradio\b
      | (?:trending|breaking)\ (?:stories|news)\ alerts? | all\ rights\ reserved\ for\ reuse
      | click\ for\ reuse | reuse\ options
    )""",
)

# "See: ...", "Read more: ...", "RELATED: ...", ">> Read more trending stories", "ALSO: <headline>".
RELATED = re.compile(
    r"""(?ix)^(?:
        (?:see(?:\ also)?|read(?:\ more|\ also|\ next)?|also\ read|related|more|also|watch|previously|recommended
          |related\ (?:stories|articles|coverage|content|links|news)|more\ (?:stories|coverage|news)|photos|video
          |gallery|listen|podcast|editor'?s\ picks?|top\ stories|most\ (?:read|popular|viewed)|trending(?:\ now)?
          |you\ (?:may|might)\ (?:also\ )?like|don'?t\ miss|must\ read|in\ (?:pictures|depth)|explainer|live)\s*[:>»|]
      | read\ more\b | more\ (?:from|on|content\ from|top\ trending|trending)\b | related\ (?:stories|articles|coverage|content|links|news)\b
      | (?:top|trending|previous|popular|recommended|latest|other|more)\ (?:stories|articles|headlines|news)\b
      | you\ (?:may|might)\ (?:also\ )?(?:like|be\ interested) | also\ on\b.{0,30}:$ | most\ (?:read|popular|viewed)\b
    )""",
)
# A related line that is only a heading: the short lines after it are the links it introduces.
RELATED_HEADER = re.compile(r"(?i)^[^.!?]{0,60}[:>»]?\s*$")

# Photo captions and credits. Credit syntax is the tell: agency names glued by slashes, "Photo:" labels,
# "(Credit: ...)" or " - GETTY IMAGES" at the end of a line, gallery counters.
CAPTION = re.compile(
    r"""(?ix)^(?:
        (?:©|\(c\)|copyright)\s*.{0,80}?(?:getty|images?\b|photo|shutterstock|pictures?\b|via\ )
      | (?:photo(?:graph)?s?|image|picture|pic|caption|credit|photo\ credit|file\ photo|pictured)\s*(?:\d+\s*(?:of|/)\s*\d+\s*)?[:|]
      | (?:image|photo|slide)\s+\d+\s*(?:of|/)\s*\d+\b
      | image\ (?:source|caption)\b
      | \(?(?:ap|afp|reuters|epa|getty)\ photo\b
    )""",
)
CAPTION_CREDIT_END = re.compile(
    r"""(?ix)(?:
        \s[-–—]\s*(?:[\w.'’ ]{0,40}/\s*)?(?:getty\ images|afp|reuters|ap(?:\ photo)?|epa(?:-efe)?|shutterstock|alamy
          |pa(?:\ media|\ wire)?|anadolu(?:\ agency)?|xinhua|sipa|rex\ features|bloomberg|file|handout|supplied)
          (?:\ via\ getty\ images)?\s*$
      | \((?:photo|credit|image|picture|pic|courtesy|source|file|ap\ photo|afp|reuters|getty)\b[^()]{0,80}\)\s*$
      | \b(?:getty\ images|shutterstock|afp\ via\ getty\ images)\s*\)?\s*$
      | \b(?:photo|image|picture)\s*(?:by|:|credit:?|courtesy(?:\ of)?)\s*[\w.'’ /-]{2,60}$
    )""",
)

# Wire agencies and their canonical names. Short acronyms match case-sensitively so "ap" in prose or "pa"
# inside words never count.
AGENCIES: dict[str, str] = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "dpa": "dpa", "efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua", "tass": "TASS",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "upi": "UPI", "united press international": "UPI",
    "press association": "PA", "pa media": "PA", "kyodo": "Kyodo", "yonhap": "Yonhap", "pti": "PTI",
    "ians": "IANS", "bernama": "Bernama", "aap": "AAP", "australian associated press": "AAP",
    "canadian press": "CP", "the canadian press": "CP",
}
_AGENCY_ALT = (
    r"(?i:agence\ france[-\ ]presse|(?:thomson\ )?reuters|(?:the\ )?associated\ press|anadolu(?:\ agency)?"
    r"|xinhua|kyodo|yonhap|bernama|united\ press\ international|press\ association|(?:the\ )?canadian\ press"
    r"|australian\ associated\ press|efe|ansa|tass|dpa)"
    r"|AFP|AP|UPI|PA\ Media|PTI|IANS|AAP"
)
AGENCY = re.compile(rf"(?x)(?<![\w-])(?:{_AGENCY_ALT})(?![\w-])")


def _agency_key(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


_AGENCY_KEYS = {_agency_key(k): v for k, v in AGENCIES.items()}


def agency_in(text: str) -> str | None:
    """The canonical name of the first wire agency named in ``text``."""
    m = AGENCY.search(text)
    return _AGENCY_KEYS.get(_agency_key(m.group(0))) if m else None


# Copyright notices: "© AFP 2024", "Copyright 2016 WAVE 3 News. All rights reserved.", "(© 2016 KHOU)".
COPYRIGHT = re.compile(
    r"(?i)^(?:[(\[]?\s*(?:™\s*(?:and|&)\s*)?(?:©|\(c\)\s*(?=\d|copyright)|copyright\b)|.{0,120}\ball rights reserved\b"
    r"|this material may not be (?:published|reproduced))"
)
# Other metadata lines: contribution and reporting credits, author contact lines, bare e-mails or handles.
METADATA = re.compile(
    r"""(?ix)^(?:
        .{0,160}\bcontributed\ (?:to\ )?(?:this\ )?(?:report|story|article)\b.{0,60}$
      | \(?(?:additional\ )?(?:reporting|writing|editing)\ by\b.{0,200}$
      | (?:contact|e-?mail|reach|follow)\b.{0,80}?(?:@\w|twitter\.com|\b\d{3}[-.\ ]\d{3}[-.\ ]\d{4}\b).{0,80}$
      | [\w.+-]+@[\w-]+\.[\w.]+\s*$ | (?:https?://)?(?:www\.)?twitter\.com/\w+\s*$ | @\w{2,30}\s*$
      | source:(?!\s*(?:read|full|original)\b)\s*[\w.&'’ -]{2,60}$ | (?:story|text|words)\ by:?\ [\w.'’ -]{2,60}$
    )""",
)
# "By Jane Doe", "By: John Pacenti", "BY JANE DOE, Associated Press", "By The Associated Press".
BYLINE = re.compile(
    r"(?x)^(?i:by)\b:?\s+(?P<names>(?:(?:[A-Z][\w'’.-]*|(?i:and|&|of|the|de|da|van|von|la|le|du|al|el|bin))[\s,|]*){1,12})"
    r"(?:\s*[-–—|,]\s*(?i:staff|special|senior|chief|associated|contributing)?[\w ]{0,40})?\s*$"
)
# A closing sign-off: "— Frank Warner" alone on a line.
SIGNOFF = re.compile(r"^[-–—]{1,2}\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*$")
AGENCY_LINE = re.compile(rf"(?x)^[-–—(\[\s]*(?:{_AGENCY_ALT})(?:\s*[/,]\s*\w+)?\s*[)\]]?\s*\.?\s*$")

# Injected opinion: a paragraph that announces itself as comment rather than reporting.
COMMENTARY = re.compile(
    r"(?i)^(?:comment(?:ary)?|editor['’]?s\s+(?:note|comment)|editorial\s+note|opinion|our\s+view|note\s+from\s+the\s+editor"
    r"|author['’]?s\s+note)\s*[:\-–—]"
)

# --- dates -------------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DATE = (
    r"(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|(?P<mon2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon3>{_MONTH})\.?,?\s+(?P<y3>\d{{4}})"
    r"|(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>\d{4}|\d{2})(?!\d))"
)
_TZ = r"(?:\s*(?-i:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|AKST|AKDT|HST))"
_TIME = rf"(?:\d{{1,2}}(?::\d{{2}}){{1,2}}\s*(?:[ap]\.?m\.?)?{_TZ}?|\d{{1,2}}\s*[ap]\.?m\.?{_TZ}?)"
_SEP = r"\s*(?:,|at|@|-|–|—|\||/)?\s*"
DATE_PARTS = re.compile(rf"(?i){_DATE}")  # named groups y/m/d/mon, for reading a matched date
_DATE = re.sub(r"\?P<\w+>", "", _DATE)  # the same, unnamed, so it can appear twice in one pattern
DATETIME_SRC = rf"(?:{_WEEKDAY}?{_DATE}(?:{_SEP}{_TIME})?|{_TIME}{_SEP}(?:on\s+)?{_WEEKDAY}?{_DATE})"
DATETIME = re.compile(rf"(?i){DATETIME_SRC}")
_KEY = (
    r"(?:date[d]?|published|updated|posted|last\s+updated|last\s+modified|modified|first\s+published|created"
    r"|originally\s+published|released)(?:\s+(?:on|at))?\s*[:\-–—]?\s*"
)
# A date with the key before it, if any: for ranking "Published" above "Updated" inside one metadata stretch.
KEYED_DATE = re.compile(rf"(?i)(?P<key>\b{_KEY})?(?P<dt>{DATETIME_SRC})")
# "Published: Saturday, January 14, 2017 @ 12:29 PM" / " date 2024-01-23 <lead>" / "Updated at 4:45 p.m. ET:"
# -- one or more key+date runs at the start of a line; whatever follows is the line's real content.
DATE_PREFIX = re.compile(
    rf"(?i)^(?:{_KEY}(?:{DATETIME_SRC}|{_TIME})\s*[,;|:\-–—]?\s*)+"
)
# The same runs at the end of a title line ("<headline> Posted: Friday, July 12, 2013 1:16 PM EDT Updated: ...").
DATE_SUFFIX = re.compile(
    rf"(?:(?-i:Posted|Updated|Published|Last updated)(?:\s+(?:on|at))?\s*:\s*(?i:{DATETIME_SRC}|{_TIME})\s*[,;|]?\s*)+$"
)
# A line that is only a date: "October 27, 2013 11:16 AM", "3/7/2017", "Jan. 5, 2017".
DATE_LINE = re.compile(rf"(?i)^{DATETIME_SRC}\s*$")

# Wire datelines: "WASHINGTON (Reuters) -", "NEW ORLEANS (AP) —", "(CBSNewYork/AP) —".
DATELINE_CREDIT = re.compile(r"^[^()\n]{0,80}?\(([^()\n]{1,40})\)\s*(?:[-–—]{1,2}|:)")
# "..., reports BBC." -- an aggregator naming the outlet it relays.
OUTLET_REPORTS = re.compile(
    r",\s+(?:reports|reported|writes|wrote)\s+(?:the\s+)?(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}?)\s*[.!]?\s*$"
)
# A lone section name above the headline: "International", "Crime & Courts".
SECTION_LABEL = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|&|and|of))?(?:\s+[A-Z][\w'’.-]*)?$")
# Rules and dashes: "___", "------", "* * *".
SEPARATOR = re.compile(r"^[\W_]+$")
