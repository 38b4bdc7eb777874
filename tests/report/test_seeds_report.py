"""End to end on the five seed articles (skipped until the events and extract stages exist)."""

from __future__ import annotations

import os
from pathlib import Path

import markupsafe
import pytest

import newsweave
from newsweave.audit import audit
from newsweave.pipeline import default_stages
from newsweave.report import briefing
from newsweave.report.summary import summary_sentences

SEEDS = Path("/work/shared/seeds")
pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir() or not {"events", "extract", "compare"} <= {s.name for s in default_stages()},
    reason="seed pipeline incomplete (needs events, extract and compare stages)",
)


@pytest.fixture(scope="module")
def nw():
    handle = newsweave.open(":memory:")
    handle.run([str(SEEDS)])
    yield handle
    handle.close()


def _article(nw, prefix: str):
    return next(a for a in nw.store.articles() if a.path and os.path.basename(a.path).startswith(prefix))


def _event_of(nw, prefix: str):
    aid = _article(nw, prefix).id
    return next(e for e in nw.store.events() if aid in e.article_ids)


def _values(cmp, slot):
    return cmp["slots"].get(slot, {}).get("values", [])


def test_june_2021_casualty_conflict(nw):
    e = _event_of(nw, "000_")
    assert _event_of(nw, "003_").id == e.id == _event_of(nw, "004_").id
    cmp = nw.store.comparison(e.id)
    killed = [c for c in cmp["conflicts"] if c["slot"] == "killed"]
    assert killed, cmp["slots"].get("killed")
    assert len(killed[0]["claims"]) >= 3
    assert len({c["article_id"] for c in killed[0]["claims"]}) >= 2


def test_january_2024_two_killed_with_attribution(nw):
    e = _event_of(nw, "002_")
    cmp = nw.store.comparison(e.id)
    two = [c for v in _values(cmp, "killed") for c in v["claims"] if c["low"] == 2]
    assert two and all(c["claimant"] for c in two)


def test_wire_copy_troop_figure_not_corroborated(nw):
    cmp = nw.store.comparison(_event_of(nw, "001_").id)
    v = next(v for v in _values(cmp, "troops") if v["key"] == "n:2500")
    assert {c["article_id"] for c in v["claims"]} >= {_article(nw, "001_").id, _article(nw, "002_").id}
    assert v["n_sources"] == 1
    assert not any(a["slot"] == "troops" and a["key"] == "n:2500" for a in cmp["agreements"])


def test_independent_troop_figure_corroborated(nw):
    cmp = nw.store.comparison(_event_of(nw, "000_").id)
    agreed = [a for a in cmp["agreements"] if a["slot"] == "troops" and a["key"] == "n:2500"]
    assert agreed and agreed[0]["n_sources"] >= 2
    assert {_article(nw, "000_").id, _article(nw, "004_").id} <= set(agreed[0]["article_ids"])


def test_commentary_never_reported_as_fact(nw):
    art = _article(nw, "003_")
    comments = [(s.start, s.end) for s in art.segments if s.kind == "commentary"]
    comments += [(p.start, p.end) for r in nw.store.records() for p in r.passages
                 if p.article_id == art.id and p.role == "commentary"]
    assert comments, "cleaning/extraction labelled no commentary in 003"

    def inside(start: int, end: int) -> bool:
        return any(s <= start < e or s < end <= e for s, e in comments)

    e = _event_of(nw, "003_")
    rec = next(r for r in nw.store.records() if r.event_id == e.id)
    cmp = nw.store.comparison(e.id)
    arts = {a.id: a for a in nw.store.articles(list(e.article_ids))}
    for s in summary_sentences(rec, cmp, arts):
        for c in s["citations"]:
            assert not (c["article_id"] == art.id and inside(c["start"], c["end"])), s["text"]
    for bucket in ("agreements", "unique", "conflicts"):
        for entry in cmp[bucket]:
            for c in entry["claims"]:
                ev = c.get("evidence") or {}
                assert not (ev.get("article_id") == art.id and inside(ev["start"], ev["end"])), c
    html = briefing(nw.store, e.id, fmt="html")
    reported = html.split('class="aside commentary"')[0]
    for s, t in comments:
        assert str(markupsafe.escape(art.raw_text[s:t].strip()[:40])) not in reported


def test_audit_clean_on_seeds(nw):
    assert audit(nw.store) == []
