"""Weekdays and numbers as pair evidence where a report is undated (events/undated.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

import newsweave
from newsweave.events import undated as undated_mod
from newsweave.events.evidence import AGREE, COMMON_MIN
from newsweave.events.features import ArticleFields
from newsweave.events.undated import (
    UndatedFacts, undated_adjustment, undated_facts, without_common_numbers,
)


def _fields(title: str, lead: str) -> ArticleFields:
    return ArticleFields(title, lead, "", ())


def _facts(weekdays: set[str] = set(), numbers: set[str] = set()) -> UndatedFacts:
    return UndatedFacts(frozenset(weekdays), frozenset(numbers))


def test_facts_read_weekdays_and_numbers_of_the_head_without_years() -> None:
    f = undated_facts(_fields("J&J vaccine 66% effective, FDA says", "The FDA said on Wednesday that the"
                              " single-dose shot, tested on 44,000 people in 2020, works. On TUESDAY it met."))
    assert f.weekdays == {"wednesday", "tuesday"}
    assert f.numbers == {"66", "44000"}  # "2020" is a year: events/years.py reads those
    # Only the head: a weekday or number far down the lead is about something else.
    far = undated_facts(_fields("Senate votes", "x " * undated_mod.HEAD_CHARS + "on Friday, 51 to 49."))
    assert far == _facts()


def test_common_numbers_are_no_evidence() -> None:
    many = [_facts(numbers={"2", str(100 + i)}) for i in range(COMMON_MIN + 1)]
    kept = without_common_numbers(many)
    assert all(f.numbers == {str(100 + i)} for i, f in enumerate(kept))
    assert without_common_numbers(many[:COMMON_MIN]) == many[:COMMON_MIN]  # at the limit: still evidence


def test_undated_pairs_agree_and_conflict_dated_pairs_do_not_move() -> None:
    tue = _facts({"tuesday"}, {"66"})
    rows = [tue, _facts({"tuesday"}, {"72"}), _facts({"monday"}), _facts(), _facts({"tuesday"}, {"66"})]
    sims = undated_adjustment(rows, rows, [None] * 5, [None] * 5, np.zeros((5, 5), dtype=np.float32))
    assert sims[0, 1] == 0  # same weekday (+AGREE), different numbers (-AGREE)
    assert np.isclose(sims[0, 2], -AGREE)  # weekdays conflict, numbers silent on one side
    assert sims[0, 3] == 0 and sims[3, 0] == 0  # a silent report is neither pulled nor pushed
    assert np.isclose(sims[0, 4], 2 * AGREE)
    assert np.allclose(sims, sims.T)
    # Both dated: their dates say more (evidence.py), nothing moves. One dated, one undated: it counts.
    dated = undated_adjustment([tue], [tue, tue], [730000], [730000, None], np.zeros((1, 2)))
    assert dated[0, 0] == 0 and np.isclose(dated[0, 1], 2 * AGREE)


def test_only_the_qualifying_cells_of_a_mixed_block_move() -> None:
    a = [_facts({"friday"}), _facts({"friday"})]
    b = [_facts({"friday"}), _facts({"sunday"})]
    base = np.arange(4, dtype=np.float64).reshape(2, 2) / 100
    s = undated_adjustment(a, b, [730000, None], [730001, 730001], base.copy())
    want = base.copy()
    want[1, 0] += AGREE
    want[1, 1] -= AGREE
    assert np.allclose(s, want)  # row 0 (dated) x dated columns unchanged


def _records(day_b: str) -> list[dict[str, str | None]]:
    """Two undated reports of a Senate vote told in other words, and unrelated undated reports."""
    other = ["Storm knocks out power across the coast", "Team wins championship in overtime",
             "Company recalls cars over brake fault", "Museum reopens after renovation",
             "Airline cancels flights as pilots strike", "City council approves new park"]
    out: list[dict[str, str | None]] = [
        {"id": "a", "title": "Senate passes farm bill", "text": "The Senate passed the farm bill on Tuesday, sending"
         " the measure to the president after months of talks.", "date": None, "url": None, "source": "x"},
        {"id": "b", "title": "Farm bill clears the Senate", "text": f"Senators approved the farm bill on {day_b},"
         " ending months of talks over subsidies.", "date": None, "url": None, "source": "y"},
    ]
    for k, title in enumerate(other):
        out.append({"id": f"o{k}", "title": title, "text": f"{title} after a long week, officials said.",
                    "date": None, "url": None, "source": f"o{k}"})
    return out


def _score_of_b(tmp_path: Path, day_b: str) -> tuple[str | None, float, str]:
    path = tmp_path / f"{day_b}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(day_b)), encoding="utf-8")
    nw = newsweave.open(":memory:")
    nw.run([str(path)], only=["ingest", "clean", "dedup", "events"])
    rid = {r["id"]: json.loads(r["extra"] or "{}").get("id") for r in nw.store.query("SELECT id, extra FROM documents")}
    # Whichever of the pair the stage takes second (its order comes from the words, events/order.py) is
    # scored against the first.
    for e in nw.store.events():
        for x in e.assignments:
            if rid[x.article_id] in ("a", "b") and not x.opened:
                partner = "b" if rid[x.article_id] == "a" else "a"
                return (partner if x.matched_article and rid[x.matched_article] == partner else None), x.score, x.note
    raise AssertionError("a and b not joined")


def test_stage_adds_the_weekday_evidence(tmp_path: Path, monkeypatch) -> None:
    # The report naming the same weekday gains AGREE, the one naming another loses AGREE, against a run
    # without the evidence (the weekday words also move the cosine a little, the same in both runs).
    same, other = _score_of_b(tmp_path, "Tuesday"), _score_of_b(tmp_path, "Thursday")
    assert same[0] is not None and "shares tuesday" in same[2]  # the explanation names the fact
    monkeypatch.setattr(undated_mod, "AGREE", 0.0)
    plain_same, plain_other = _score_of_b(tmp_path, "Tuesday"), _score_of_b(tmp_path, "Thursday")
    assert abs(same[1] - plain_same[1] - AGREE) < 1e-4
    assert abs(plain_other[1] - other[1] - AGREE) < 1e-4
