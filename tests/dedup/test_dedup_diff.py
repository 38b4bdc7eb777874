from __future__ import annotations

from newsweave.dedup import sentence_diff

CANON = (
    "The council approved the new budget on Monday. "
    "Spending on roads will rise by a tenth next year. "
    "The mayor said the plan protected libraries and swimming pools. "
    "Opposition members voted against it."
)


def test_identical_texts_have_an_empty_diff():
    d = sentence_diff(CANON, CANON, "x")
    assert d.article_id == "x" and (d.added, d.cut, d.changed) == ((), (), ())


def test_whitespace_case_and_quote_style_are_not_changes():
    a = 'The mayor said "we will rebuild". Work starts in May.'
    b = "The Mayor said “we will  rebuild”.\n\nWork starts in May."
    d = sentence_diff(a, b)
    assert (d.added, d.cut, d.changed) == ((), (), ())


def test_added_cut_changed_are_reported_in_order():
    copy = (
        "Opposition members voted against it. "
        "The council passed the new budget on Monday. "
        "The mayor said the plan protected libraries and swimming pools. "
        "Residents can read the full document at the town hall."
    )
    d = sentence_diff(CANON, copy, "c")
    assert d.changed == (("The council approved the new budget on Monday.", "The council passed the new budget on Monday."),)
    assert d.cut == ("Spending on roads will rise by a tenth next year.",)
    assert d.added == ("Residents can read the full document at the town hall.",)


def test_unrelated_sentences_are_not_paired_as_changed():
    d = sentence_diff("The bridge reopened after repairs.", "Heavy snow closed every school in the county.")
    assert d.changed == ()
    assert d.cut == ("The bridge reopened after repairs.",)
    assert d.added == ("Heavy snow closed every school in the county.",)


def test_match_threshold_is_respected():
    a, b = "The council approved the new budget on Monday.", "The council passed the new budget on Monday."
    assert sentence_diff(a, b, match=60).changed
    assert not sentence_diff(a, b, match=99.9).changed
