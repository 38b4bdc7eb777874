"""Bridges across the time window: aged names, the bridging rule, and the stored name index across runs."""

from __future__ import annotations

import json
from pathlib import Path

import newsweave
from newsweave.events.bridge import aged_names, bridges
from newsweave.events.features import ArticleFields
from newsweave.models import Assignment, Event


def _fields(title: str, lead: str) -> ArticleFields:
    return ArticleFields(title=title, lead=lead, recap="", names=())


def test_aged_names() -> None:
    f = _fields(
        "Man charged in death of Beloit teen",
        "Police said 18-year-old Hugo Martinez, of Beloit, was arrested. Marcus Seichter, 17, died at the scene."
        " A man from Santa Cruz, 23, was also hurt.",
    )
    assert aged_names(f) == {"hugo martinez", "marcus seichter"}
    # First and last word, a generational suffix dropped.
    assert aged_names(_fields("Plea", "John Henry Burnsworth III, 14, entered a plea.")) == {"john burnsworth"}
    # A name that is one of the article's places is no person.
    assert aged_names(f, frozenset({"hugo martinez"})) == {"marcus seichter"}


def test_bridges_join_closed_and_open_events() -> None:
    # Rows 0-1: June event; row 2: a December trial report naming the same person; row 3: a July report
    # naming them too, within the window of the June event (an open event: joined, not across the window).
    days = [100, 101, 300, 130]
    seichter = frozenset({"marcus seichter"})
    names = [seichter, frozenset(), seichter, seichter]
    members = [[0, 1], [3], [2]]
    out = bridges(members, days, names, first_new=1, window_days=60)
    assert [(b.event, b.into, b.name, b.row, b.matched, b.across) for b in out] == [
        (1, 0, "marcus seichter", 3, 0, False), (2, 0, "marcus seichter", 2, 0, True),
    ]
    # The earlier event is stored and outside the run: it comes as (index, last day, {name: article id}).
    out = bridges([[], [2]], days, names, first_new=1, window_days=60, closed=[(0, 101, {"marcus seichter": "a0"})])
    assert [(b.event, b.into, b.matched) for b in out] == [(1, 0, "a0")]
    # Undated reports never bridge.
    assert bridges(members, [None, None, None, None], names, first_new=1, window_days=60) == []


def _record(rid: str, date: str, title: str, text: str) -> dict[str, str]:
    return {"id": rid, "title": title, "text": text, "date": date, "url": None, "source": f"outlet-{rid}"}


def _two_runs(tmp_path: Path, first: dict[str, str], later: dict[str, str]) -> newsweave.Newsweave:
    """A store fed ``first`` in one run and ``later`` in the next (the window closed in between)."""
    nw = newsweave.open(str(tmp_path / "db.sqlite"))
    for name, record in (("first.jsonl", first), ("later.jsonl", later)):
        path = tmp_path / name
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        nw.run([str(path)], only=["ingest", "clean", "dedup", "events"])
    return nw


def _bridged_join(nw: newsweave.Newsweave) -> tuple[Event, Assignment]:
    """The store's one event, of two reports, and the one assignment that joined it across the time window."""
    events = nw.store.events()
    assert len(events) == 1 and len(events[0].article_ids) == 2
    bridged = [a for a in events[0].assignments if a.note.startswith("joined across the time window")]
    assert len(bridged) == 1
    return events[0], bridged[0]


def test_later_run_joins_closed_event_by_aged_name(tmp_path: Path) -> None:
    nw = _two_runs(tmp_path, _record(
        "r1", "2016-06-03", "Teen killed in Beloit shooting",
        "BELOIT, Wis. - Marcus Seichter, 17, was shot and killed on Friday night at a home on Elm Street. Police"
        " said the shooting was accidental and that a friend had been handling the gun in the kitchen.",
    ), _record(
        "r2", "2016-12-14", "Jury hears closing arguments in manslaughter trial",
        "Prosecutors told the jury that the defendant pointed the loaded pistol at Marcus Seichter, 17, before it"
        " fired. The defence said the teenager's death was a tragic accident and asked for an acquittal.",
    ))
    event, bridged = _bridged_join(nw)
    assert bridged.shared_names == ("marcus seichter",)
    assert bridged.matched_article == event.article_ids[0]
    assert event.date == "2016-06-03"


def test_aged_names_carry_ages_mentions_and_headline_names() -> None:
    f = _fields(
        "Jury finds Trung Le guilty in Bourbon Street shooting - WVUE New Orleans",
        "A jury found 22-year-old Trung Le guilty. Brittany Thomas, 21, was wounded. Officer Mary Smith spoke.",
    )
    names = aged_names(f)
    assert names.ages == {"trung le": frozenset({22}), "brittany thomas": frozenset({21})}
    assert {"trung le", "brittany thomas", "mary smith"} <= names.mentioned
    # The headline's names, without the outlet suffix; places and "Street" names are no people.
    assert names.titled == {"trung le"}
    assert "bourbon street" not in names.mentioned and "new orleans" not in names.mentioned
    # The head only: a name further down the reporting sentences is left out.
    late = _fields("Two shot downtown", "Two men were shot. " + "x " * 800 + "Carl Johnson, 19, was charged.")
    assert aged_names(late) == {"carl johnson"} and aged_names(late, head_chars=1500) == frozenset()


def test_two_people_of_one_name_do_not_bridge() -> None:
    young = aged_names(_fields("Gang members charged", "Carl Johnson, 19, was charged with murder."))
    old = aged_names(_fields("Couple killed near Palestine", "Carl Johnson, 77, and his wife were killed."))
    older = aged_names(_fields("Man sentenced in murder", "Carl Johnson, 21, was sentenced on Monday."))
    days = [100, 300]
    assert bridges([[0], [1]], days, [young, old], first_new=1, window_days=60) == []
    # Two years on, the same man (ages within AGE_SLACK).
    out = bridges([[0], [1]], days, [young, older], first_new=1, window_days=60)
    assert [(b.event, b.into, b.name) for b in out] == [(1, 0, "carl johnson")]


def test_lower_tiers_bridge_only_when_no_aged_name_is_shared() -> None:
    # Row 0: first report names the victim without an age; row 1: another closed event that gave him an age
    # under another name; row 2: the trial report months later gives him an age.
    first = aged_names(_fields("Girl dies in accidental shooting", "The family of the girl, Noelle Shawver, grieves."))
    other = aged_names(_fields("Boy hurt", "Tom Brown, 8, was hurt."))
    trial = aged_names(_fields("Couple pleads not guilty", "They are charged in the death of 5-year-old Noelle Shawver."))
    out = bridges([[0], [1], [2]], [100, 110, 300], [first, other, trial], first_new=2, window_days=60)
    assert [(b.event, b.into, b.name) for b in out] == [(2, 0, "noelle shawver")]
    # Tier 3: the later headline names a person the earlier event gave an age.
    aged = aged_names(_fields("Teen shot", "Police arrested Trung Le, 21, on Sunday."))
    headline = aged_names(_fields("Sentencing delayed for Bourbon St. shooter Trung Le", "The hearing moved."))
    out = bridges([[0], [1]], [100, 300], [aged, headline], first_new=1, window_days=60)
    assert [(b.event, b.into, b.name) for b in out] == [(1, 0, "trung le")]
    # A name only mentioned on both sides is no bridge.
    plain = aged_names(_fields("Teen shot", "Police spoke to Trung Le on Sunday."))
    assert bridges([[0], [1]], [100, 300], [plain, headline], first_new=1, window_days=60) == []


def test_an_aged_name_joins_an_open_event_the_similarity_left_apart() -> None:
    a = aged_names(_fields("Teen shot on Elm Street", "Marcus Seichter, 17, was shot on Friday."))
    b = aged_names(_fields("Family mourns", "Relatives of 17-year-old Marcus Seichter gathered on Sunday."))
    out = bridges([[0], [1]], [100, 110], [a, b], first_new=1, window_days=60)
    assert [(b.event, b.into, b.across) for b in out] == [(1, 0, False)]
    # Mentioned without an age in the open event: no bridge inside the window (tiers 2-3 reach closed events only).
    c = aged_names(_fields("Teen shot on Elm Street", "Marcus Seichter was shot on Friday."))
    assert bridges([[0], [1]], [100, 110], [c, b], first_new=1, window_days=60) == []


def test_incident_day_and_place_bridge_when_no_name_does() -> None:
    from newsweave.events.bridge import day_key_parts, day_keys

    # Row 0: a July 4 report in Pittsburgh; row 1: an arrest report in September naming "the July 4 shooting"
    # Downtown (a day the new report resolves, here one day off); row 2: September, same day, another city.
    days = [100, 177, 177]
    none = [frozenset[str]()] * 3
    days_of = [day_keys(100, frozenset({"downtown", "pittsburgh"})), frozenset(), frozenset()]
    joining = [frozenset(), day_keys(101, frozenset({"downtown"}), 1), day_keys(100, frozenset({"dayton"}), 1)]
    out = bridges([[0], [1], [2]], days, none, first_new=1, window_days=60, days_of=days_of, days_joining=joining)
    assert [(b.event, b.into, b.row, b.matched, b.across) for b in out] == [(1, 0, 1, 0, True)]
    assert day_key_parts(out[0].name) == (100, "downtown")
    # Not into an event the window holds open: two incidents of one day in one city share all of that.
    days = [100, 120, 120]
    assert bridges([[0], [1], [2]], days, none, first_new=1, window_days=60, days_of=days_of,
                   days_joining=joining) == []
    # Without the keys there is no such tier.
    assert bridges([[0], [1], [2]], [100, 177, 177], none, first_new=1, window_days=60) == []


def test_later_run_joins_closed_event_by_incident_day(tmp_path: Path) -> None:
    nw = _two_runs(tmp_path, _record(
        "r1", "2016-07-05", "Four wounded in Downtown shooting after fireworks",
        "PITTSBURGH - Four people were wounded when a man opened fire on Monday night on Wood Street after the"
        " fireworks display, police said. Officers found the victims near the subway station entrance.",
    ), _record(
        "r2", "2016-09-20", "Teen turns himself in to police",
        "A teenager turned himself in at police headquarters on Monday. Investigators say he fired the shots in the"
        " July 4 shooting on Wood Street, which wounded four people leaving the celebration.",
    ))
    _, bridged = _bridged_join(nw)
    assert bridged.shared_names == ("wood",)
    assert "incident of 2016-07-04" in bridged.note
