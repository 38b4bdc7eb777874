"""Resolvers of time expressions against a fixed DCT, the article event date, and combining across articles."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.extract.dates import article_event_date, event_date, find_time_expressions
from newsweave.models import Article, EventDate, Evidence, Segment

MONDAY = date(2021, 6, 28)


def one(text: str, dct: date | None = MONDAY):
    found = find_time_expressions(text, dct)
    assert len(found) == 1, found
    e = found[0]
    assert text[e.start : e.end] == e.surface
    return e


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("The strikes were carried out on Sunday.", "2021-06-27", "day"),
        ("Fighting broke out in late February.", "2021-02", "month"),
        ("A commander was killed earlier this month.", "2021-06", "month"),
        ("It happened in 2020.", "2020", "year"),
        ("Sales fell last year.", "2020", "year"),
        ("The base was hit two weeks ago.", "2021-W24", "week"),
        ("The talks ended yesterday.", "2021-06-27", "day"),
        ("He arrived today.", "2021-06-28", "day"),
        ("The deal was signed on June 27, 2021.", "2021-06-27", "day"),
        ("The deal was signed on 27 June 2021.", "2021-06-27", "day"),
        ("The deal was signed on 2021-06-27.", "2021-06-27", "day"),
        ("The ministers will meet on Tuesday.", "2021-06-29", "day"),
        ("Troops stayed for six months.", "P6M", "duration"),
        ("The first quarter was weak.", "2021-Q1", "quarter"),
        ("The fourth quarter was weak.", "2020-Q4", "quarter"),
    ],
)
def test_resolves_against_dct(text: str, value: str, precision: str) -> None:
    e = one(text)
    assert (e.value, e.precision) == (value, precision)


def test_time_of_day_keeps_the_day() -> None:
    e = one("Austin said this evening that the strikes were over.")
    assert e.value == "2021-06-28TEV" and e.precision == "time"
    e = one("The strikes began early Monday morning.")
    assert e.value.startswith("2021-06-28") and e.surface == "early Monday morning"


def test_since_mid_october_is_last_year_in_january() -> None:
    e = one("There have been 150 attacks since mid-October.", date(2024, 1, 23))
    assert e.value == "2023-10" and e.surface == "mid-October"


def test_month_ahead_of_dct_in_a_past_clause_is_last_years() -> None:
    spring = date(2000, 4, 5)
    assert one("The boy was rescued off the coast of Florida in November.", spring).value == "1999-11"
    # no past cue, or only a month ahead: this year's
    assert one("The summit is in November.", spring).value == "2000-11"
    assert one("Officials said the vote was set for May.", spring).value == "2000-05"
    # "succeed" is no past tense: the future cue decides
    assert one("Mr. Schwarz will succeed Mr. Davison Feb. 1.", date(1989, 10, 26)).value == "1990-02-01"


def test_that_year_counts_from_the_last_date_named_not_the_dct() -> None:
    text = "He fled to Florida in June 1998 and returned to Cuba later that year. The following month he left."
    found = find_time_expressions(text, date(2000, 1, 28))
    assert [(e.surface, e.value) for e in found] == [
        ("June 1998", "1998-06"), ("later that year", "1998"), ("The following month", "1998-07")
    ]
    # the reference may lie before the scanned range (a sentence of the article)
    start = text.index("The following")
    assert [e.value for e in find_time_expressions(text, date(2000, 1, 28), start)] == ["1998-07"]
    assert [e.value for e in find_time_expressions("He appeared in court the next morning.", MONDAY)] == []


def test_a_clock_time_falls_on_the_day_the_text_is_talking_about() -> None:
    text = "The blast occurred on Aug. 7. Rescuers arrived at 10:35 a.m."
    assert [e.value for e in find_time_expressions(text, date(1998, 8, 8))] == ["1998-08-07", "1998-08-07T10:35"]
    assert one("Rescuers arrived at 10:35 a.m.", date(1998, 8, 8)).value == "1998-08-08T10:35"


def test_a_year_after_mid_or_post_is_still_a_year() -> None:
    e = one("The group began to fall apart in mid-1996.")
    assert (e.surface, e.value) == ("mid-1996", "1996")
    assert one("in the post-1959 era").value == "1959"


def test_a_year_earlier_in_earnings_copy_is_the_same_quarter_unless_the_sentence_compares_nine_months() -> None:
    dct = date(1989, 10, 26)
    text = "Third-quarter profit rose 5% from a year earlier. In the first nine months, net rose from a year earlier."
    assert [(e.surface, e.value) for e in find_time_expressions(text, dct) if "year" in e.surface] == [
        ("a year earlier", "1988-Q3"), ("a year earlier", "1988")
    ]


def test_without_dct_relative_expressions_stay_unresolved() -> None:
    e = one("The strikes were carried out on Sunday.", None)
    assert e.value == "XXXX-WXX-7" and e.precision == "unknown"
    assert one("It happened in 2020.", None).value == "2020"


def test_words_that_are_not_dates() -> None:
    assert find_time_expressions("May God protect them. They march on.", MONDAY) == []
    assert find_time_expressions("A 6-year-old boy and 2000 troops.", MONDAY) == []


def test_offsets_inside_a_window() -> None:
    text = "Yesterday it rained. On Friday it snowed."
    found = find_time_expressions(text, MONDAY, start=21)
    assert [(e.surface, e.value) for e in found] == [("Friday", "2021-06-25")]


def _article(text: str, meta_first_line: bool = False) -> Article:
    segs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            segs.append(Segment(pos, pos + len(line), "metadata" if meta_first_line and i == 0 else "body"))
        pos += len(line) + 1
    return Article("a1", text, tuple(segs), "text", outlet="Wire")


def test_article_event_date_skips_recap_and_statements() -> None:
    text = (
        "Officials said on Thursday that talks had stalled.\n"
        "A commander was killed in Baghdad earlier this month.\n"
        "Aerial strikes today targeted three bases, killing two people."
    )
    got = article_event_date(_article(text), date(2024, 1, 23))
    assert (got.value, got.precision) == ("2024-01-23", "day")
    assert got.evidence is not None and got.evidence.text == "today"
    assert text[got.evidence.start : got.evidence.end] == "today"


def test_article_event_date_never_guesses() -> None:
    got = article_event_date(_article("The militia has attacked bases for years."), date(2024, 1, 23))
    assert got == EventDate(None, "unknown")
    old = article_event_date(_article("The US invaded Iraq in 2003."), date(2024, 1, 23))
    assert old.value is None


def test_seed_002_event_date(seeds_dir) -> None:
    path = next(seeds_dir.glob("002_*.txt"))
    article = _article(path.read_text(encoding="utf-8"), meta_first_line=True)
    got = article_event_date(article, date(2024, 1, 23))
    assert (got.value, got.precision) == ("2024-01-23", "day")
    assert got.evidence is not None and "aerial strikes today targeted" in got.evidence.sentence


def _ed(value: str | None, precision: str, aid: str = "x") -> EventDate:
    return EventDate(value, precision, Evidence(aid, None, 0, 1, "x") if value else None)


def test_event_date_majority_at_finest_agreeing_precision() -> None:
    assert event_date([_ed("2021-06-27", "day"), _ed("2021-06-27", "day"), _ed("2021-06-28", "day")]).value == (
        "2021-06-27"
    )
    split = event_date([_ed("2021-06-27", "day"), _ed("2021-06-30", "day")])
    assert (split.value, split.precision) == ("2021-06", "month")
    coarse = event_date([_ed("2021-06-27", "day", "a"), _ed("2021-06", "month", "b")])
    assert (coarse.value, coarse.precision) == ("2021-06-27", "day")
    assert coarse.evidence is not None and coarse.evidence.article_id == "a"


def test_event_date_unknown_when_nobody_knows() -> None:
    assert event_date([_ed(None, "unknown"), _ed(None, "unknown")]) == EventDate(None, "unknown")
    assert event_date([]) == EventDate(None, "unknown")


@pytest.mark.parametrize(
    "text, dct, value",
    [
        ("The talks collapsed in June last year.", MONDAY, "2020-06"),
        ("In the year-ago period, the quarter's profit was higher.", date(1989, 10, 26), "1988-Q3"),
        ("The boy was found on Thanksgiving Day.", date(2000, 1, 6), "1999-11-25"),
        ("He stayed for 2 1/2 years.", MONDAY, "P2Y6M"),
        ("It took a minute and a half.", MONDAY, "PT1M30S"),
        ("It was built in the 11th century.", MONDAY, "10"),
        ("Hate groups declined through the nineties.", MONDAY, "199"),
        ("Demand was weak over the summer.", date(1989, 10, 26), "1989-SU"),
        ("Profit fell in the 1988 third quarter.", MONDAY, "1988-Q3"),
        ("Sales rose in the first half of 1989.", MONDAY, "1989-H1"),
        ("They forecast a gain for the full year.", MONDAY, "2021"),
        ("The shares rose to a high for the year.", MONDAY, "2021"),
        ("Net income for the year ended June 30 fell.", MONDAY, "P1Y"),
        ("Holders may buy at the then current price.", MONDAY, "PAST_REF"),
        ("Courts will rule on Monday.", MONDAY, "2021-06-28"),
        ("They plan to appeal Wednesday's ruling.", MONDAY, "2021-06-23"),
        ("Prices stayed flat for eight trading days.", MONDAY, "P8D"),
    ],
)
def test_timeml_conventions(text: str, dct: date, value: str) -> None:
    # the first expression is the one under test ("the quarter", "June 30" only supply context)
    assert find_time_expressions(text, dct)[0].value == value


@pytest.mark.parametrize(
    "text",
    ["Mr. Reupke, 52 years old, resigned.", "It will save $500 million a year.", "A second group joined."],
)
def test_ages_rates_and_ordinals_are_not_durations(text: str) -> None:
    assert find_time_expressions(text, MONDAY) == []
