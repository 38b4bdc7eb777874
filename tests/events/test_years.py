"""The years a report is dated by, and the pair evidence they give look-alike reports when one is undated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

import newsweave
from newsweave.events import years as years_mod
from newsweave.events.features import YEAR_HEAD_CHARS, ArticleFields, article_fields, years_in
from newsweave.events.vectors import vectorise
from newsweave.events.years import head_days, year_adjustment
from newsweave.models import Article, Segment


def _article(i: str, title: str, text: str, published: str | None = None) -> Article:
    return Article(i, text, (Segment(0, len(text), "body"),), "jsonl", title=title, published=published)


def test_years_in_reads_dates_not_bare_years() -> None:
    assert years_in("Posted 11 / 27 / 2005 7: 21 AM") == ["2005"]
    assert years_in("Published: November 28, 2005") == ["2005"]
    assert years_in("18 September 2013 Last updated at 13: 59 GMT") == ["2013"]
    assert years_in("FEB. 2, 2009; 2013-09-18; in March 2012; again Nov 27, 2005") == ["2009", "2013", "2012", "2005"]
    assert years_in("11 / 30 / 09 05: 40 PM ET, then 12/3/97") == ["2009", "1997"]
    # A year that is no date is a topic: "the 2020 race", "the 2008-09 season", a score.
    assert years_in("Sanders drops out of the 2020 race after a 2008-09 season") == []
    assert years_in("The Sixers lost 2013 to 1999 in a made-up score") == []
    assert years_in("Decision 2008: the mayor 3, 2004 ballot") == []  # words that only begin like months


def test_article_years_publication_year_first_then_head_dates() -> None:
    dated = article_fields(_article("a", "Quake hits island", "A quake hit on November 28, 2005.", "2008-09-10"))
    assert dated.dated and dated.years == ("2008",)
    undated = article_fields(_article("b", "Quake hits island", "Posted 11 / 27 / 2005. A quake hit the island."))
    assert not undated.dated and undated.years == ("2005",)
    # Only the head is read: a date far down the report is about something else.
    far = "A quake hit the island. " + "Rescuers dug through rubble all night. " * (YEAR_HEAD_CHARS // 30)
    late = article_fields(_article("c", "Quake hits island", far + "It recalled the quake of June 3, 1997."))
    assert late.years == ()


def _quake(i: str, year: str | None, published: str | None = None) -> Article:
    head = f"Posted November 27, {year}. " if year else ""
    return _article(
        i, "Strong earthquake hits Qeshm island",
        head + "A strong earthquake struck Qeshm island in southern Iran on Sunday, damaging villages,"
        " officials said. Rescue teams reached the villages near Bandar Abbas.", published,
    )


def _day(a: Article) -> int | None:
    return dt.date.fromisoformat(a.published).toordinal() if a.published else None


def _adjusted(a: list[Article], b: list[Article] | None = None, base: np.ndarray | None = None) -> np.ndarray:
    b = a if b is None else b
    sims = np.zeros((len(a), len(b)), dtype=np.float32) if base is None else base.copy()
    return year_adjustment([article_fields(x) for x in a], [article_fields(x) for x in b], [_day(x) for x in a],
                           [_day(x) for x in b], sims)


def test_head_days_read_full_dates() -> None:
    def days(text: str) -> list[str]:
        return [dt.date.fromordinal(d).isoformat() for d in head_days(article_fields(_article("a", text, "x.")))]

    assert days("Posted 11 / 27 / 2005 7: 21 AM") == ["2005-11-27"]
    assert days("Published: November 28, 2005; 18 September 2013; 2013-09-18") == [
        "2005-11-28", "2013-09-18", "2013-09-18"]
    assert days("11 / 30 / 09 05: 40 PM ET, then 27/11/2005") == ["2009-11-30", "2005-11-27"]
    assert days("in March 2012, the 2020 race, February 30, 2011") == []  # no day, no date, no such day


def test_undated_reports_meet_on_shared_years_and_part_on_disjoint_ones() -> None:
    rows = [_quake("a", "2005"), _quake("b", "2005"), _quake("c", "2008"), _quake("d", None, "2008-11-30"),
            _quake("e", None, "2005-11-20")]
    s = _adjusted(rows)
    bonus, penalty = years_mod.BONUS, -years_mod.PENALTY
    assert bonus > 0 > penalty
    assert s[0, 1] == s[1, 0] == bonus  # two undated reports dated 2005 by their heads
    assert s[0, 2] == s[2, 0] == penalty  # 2005 against 2008, both undated
    assert s[2, 3] == s[3, 2] == bonus and s[0, 3] == penalty  # a written date near a publication day, or not
    assert s[0, 4] == bonus and s[2, 4] == penalty
    assert s[3, 4] == 0  # both dated


def test_a_written_date_meets_a_publication_day_only_nearby() -> None:
    # Same year, months apart: no bonus (on gva-a the year alone joined undated reports to other shootings),
    # and no penalty either (the year does not conflict).
    written = dt.date(2008, 11, 27).toordinal()  # _quake's head: "Posted November 27, 2008"
    near = _quake("n", None, dt.date.fromordinal(written - years_mod.NEAR_DAYS).isoformat())
    far = _quake("f", None, dt.date.fromordinal(written + years_mod.NEAR_DAYS + 1).isoformat())
    assert far.published and far.published[:4] == "2008"
    assert np.allclose(_adjusted([_quake("c", "2008")], [near, far, _quake("m", None, "2008-03-01")]),
                       [[years_mod.BONUS, 0, 0]])
    # A head that writes a year but no day ("November 2008") meets the dated report on the year.
    month = _article("m", "Strong earthquake hits Qeshm island", "Updated November 2008. A strong quake struck Qeshm.")
    assert article_fields(month).years == ("2008",) and not head_days(article_fields(month))
    assert np.allclose(_adjusted([month], [_quake("x", None, "2008-03-01")]), [[years_mod.BONUS]])


def test_dated_pairs_and_year_less_reports_are_unaffected() -> None:
    # Two dated reports in different years (or the same): the time window and events/evidence.py judge them;
    # the years would split a pair across a New Year.
    dated = [_quake("a", None, "2008-12-31"), _quake("b", None, "2009-01-01"), _quake("c", None, "2009-01-02")]
    assert not _adjusted(dated).any()
    # A report without years (undated, no date in its head) is neither pulled nor pushed, whoever it meets.
    bare = _quake("x", None)
    assert article_fields(bare).years == () and not article_fields(bare).dated
    assert not _adjusted([bare], [_quake("a", "2005"), _quake("b", None, "2008-06-10"), _quake("c", None)]).any()


def test_only_the_qualifying_cells_of_a_mixed_block_move() -> None:
    # Rows and columns in any order, similarities already there: only undated-with-years pairs change.
    a = [_quake("d1", None, "2005-11-28"), _quake("u1", "2005"), _quake("x", None), _quake("u2", "2008")]
    b = [_quake("d2", None, "2008-11-26"), _quake("u3", "2005")]
    base = np.arange(8, dtype=np.float64).reshape(4, 2) / 100
    s = _adjusted(a, b, base)
    want = base.copy()
    want[0, 1] += years_mod.BONUS  # dated 2005 x undated 2005
    want[1, 0] -= years_mod.PENALTY  # undated 2005 x dated 2008
    want[1, 1] += years_mod.BONUS
    want[3, 0] += years_mod.BONUS  # undated 2008 x dated 2008, a day apart
    want[3, 1] -= years_mod.PENALTY
    assert s.dtype == np.float64 and np.allclose(s, want)  # d1 x d2 (dated, 2005 / 2008) and x's row unchanged


def test_several_head_years_meet_on_any_one() -> None:
    two = ArticleFields("t", "l", "r", (), ("2005", "2008"), False)
    one = ArticleFields("t", "l", "r", (), ("2008",), False)
    other = ArticleFields("t", "l", "r", (), ("2011",), True)
    s = year_adjustment([two], [one, other], [None], [None, 700000], np.zeros((1, 2), dtype=np.float32))
    assert np.allclose(s, [[years_mod.BONUS, -years_mod.PENALTY]])


def test_vectors_carry_no_years() -> None:
    # The years act on pairs only (events/years.py): the vectors, and so every cosine and neighbourhood, are the
    # same whether or not a report is dated.
    fields = [article_fields(a) for a in (_quake("a", "2005"), _quake("b", None, "2008-06-10"), _quake("c", None))]
    assert not any(str(f).startswith("Y:") for f in vectorise(fields).feature_names)


_QUAKE_TEXTS = (
    "A strong earthquake struck Qeshm island in southern Iran on Sunday, damaging villages and killing several"
    " people, officials said. Rescue teams reached the villages near Bandar Abbas by nightfall.",
    "Rescuers searched the rubble of villages on Iran's Qeshm island after a strong earthquake on Sunday, the"
    " governor said. Several people were killed and hundreds were left homeless near Bandar Abbas.",
)
_OTHER = (
    ("Senate passes budget after long debate", "The Senate passed the budget late on Tuesday after a long debate"
     " over spending cuts and the deficit."),
    ("Storm knocks out power across the coast", "A winter storm knocked out power to thousands of homes along the"
     " coast on Monday, the utility said."),
    ("Team wins championship in overtime", "The home team won the championship in overtime on Saturday night"
     " before a sold-out crowd."),
    ("Company recalls cars over brake fault", "The carmaker recalled half a million cars on Wednesday over a brake"
     " fault found by regulators."),
    ("Museum reopens after renovation", "The city museum reopened on Friday after a two-year renovation of its"
     " galleries and roof."),
    ("Airline cancels flights as pilots strike", "The airline cancelled hundreds of flights on Thursday as pilots"
     " walked out over pay."),
)


def _records() -> list[dict[str, str | None]]:
    """Two Qeshm earthquakes, 2005 and 2008, two undated reports each, the same words but the year of the date
    their first sentence writes, among undated reports of other things."""
    out: list[dict[str, str | None]] = []
    for year in ("2005", "2008"):
        for k, text in enumerate(_QUAKE_TEXTS):
            out.append({"id": f"q{year[2:]}{'ab'[k]}", "title": "Strong earthquake hits Iran's Qeshm island",
                        "text": text.replace("on Sunday", f"on Sunday, November 27, {year},"), "date": None,
                        "url": None, "source": f"s{len(out)}"})
    for k, (title, text) in enumerate(_OTHER):
        out.append({"id": f"o{k}", "title": title, "text": text, "date": None, "url": None, "source": f"o{k}"})
    return out


def _joins(tmp_path: Path) -> dict[str, tuple[str | None, float]]:
    """Record id -> (the record it joined on, the score it joined with), one pipeline run to events."""
    path = tmp_path / "quakes.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    nw = newsweave.open(":memory:")
    nw.run([str(path)], only=["ingest", "clean", "dedup", "events"])
    rid = {r["id"]: json.loads(r["extra"] or "{}").get("id") for r in nw.store.query("SELECT id, extra FROM documents")}
    assert not any(a.published for a in nw.store.articles())  # the date is in a sentence: no publication date
    return {
        rid[a.article_id]: (rid[a.matched_article] if a.matched_article else None, a.score)
        for e in nw.store.events() for a in e.assignments
    }


def test_stage_adds_the_years_evidence_to_undated_pairs(tmp_path: Path, monkeypatch) -> None:
    # The events stage composes the years' evidence with the incident evidence: an undated report joins another
    # of its year with BONUS more, one of another year with PENALTY less, than without the evidence.
    joins, bonus, penalty = _joins(tmp_path), years_mod.BONUS, years_mod.PENALTY
    assert bonus > 0 and penalty > 0
    monkeypatch.setattr(years_mod, "BONUS", 0.0)
    monkeypatch.setattr(years_mod, "PENALTY", 0.0)
    plain = _joins(tmp_path)
    assert joins["q05b"][0] == plain["q05b"][0] == "q05a"
    assert abs(joins["q05b"][1] - plain["q05b"][1] - bonus) < 1e-4
    assert joins["q08a"][0] == plain["q08a"][0] == "q05a"
    assert abs(plain["q08a"][1] - joins["q08a"][1] - penalty) < 1e-4
