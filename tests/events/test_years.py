"""The years block: the year a report is dated by, and what it does to look-alike undated reports."""

from __future__ import annotations

import numpy as np

from newsweave.events.features import YEAR_HEAD_CHARS, article_fields, years_in
from newsweave.events.vectors import vectorise
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


def test_years_tell_apart_look_alike_undated_reports() -> None:
    other = _article("x", "Senate passes budget", "The Senate passed the budget late on Tuesday after a long debate.")
    rows = [_quake("a", "2005"), _quake("b", "2005"), _quake("c", "2008"), _quake("d", None, "2008-06-10"), other]
    fields = [article_fields(a) for a in rows]
    m = vectorise(fields).matrix
    sims = (m @ m.T).toarray()
    assert sims[0, 1] > sims[0, 2] + 0.1  # same year against another year: same text otherwise
    assert sims[2, 3] > sims[0, 3]  # an undated report's written year meets a dated report's publication year
    plain = vectorise(fields, {"years": 0.0}).matrix
    plain_sims = (plain @ plain.T).toarray()
    assert plain_sims[0, 1] - plain_sims[0, 2] < 0.02  # without the block only the number "#2005" differs


def test_years_block_is_off_when_every_report_is_dated() -> None:
    # Dated reports meet through the time window and the incident evidence; the block would count them twice.
    rows = [_quake("a", None, "2005-11-27"), _quake("b", None, "2008-06-10"), _quake("c", None, "2005-11-28")]
    fields = [article_fields(a) for a in rows]
    with_block = vectorise(fields)
    without = vectorise(fields, {"years": 0.0})
    assert not any(str(f).startswith("Y:") for f in with_block.feature_names)
    assert np.allclose(with_block.matrix.toarray(), without.matrix.toarray())
