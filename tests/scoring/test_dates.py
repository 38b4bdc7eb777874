"""Arithmetic of the TimeML scorer on a tiny hand-made document."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import EvalError
from newsweave.scoring.dates import evaluate, match, normalise_value, read_timeml

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-06-28" temporalFunction="false" functionInDocument="CREATION_TIME">2021-06-28</TIMEX3></DCT>
<TEXT>
The strikes came <TIMEX3 tid="t1" type="DATE" value="2021-06-27">Sunday</TIMEX3>, after <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> of <EVENT eid="e1">attacks</EVENT> that began in <TIMEX3 tid="t3" type="DATE" value="2021-05">May 2020</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "t1.tml").write_text(DOC, encoding="utf-8")
    return folder


def test_read_timeml_text_dct_and_offsets(tml: Path) -> None:
    doc = read_timeml(tml / "t1.tml")
    assert str(doc.dct) == "2021-06-28"
    assert [doc.text[s:e] for s, e, _, _ in doc.gold] == ["Sunday", "two weeks", "May 2020"]
    assert "<" not in doc.text


def test_evaluate_counts(tml: Path) -> None:
    # The extractor finds all three; "May 2020" resolves to 2020-05 but the (deliberately odd) gold says 2021-05.
    got = evaluate(tml)
    assert (got["n_gold"], got["n_pred"]) == (3, 3)
    assert got["span"]["f1"] == 1.0
    assert got["value"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert got["score"] == pytest.approx(2 / 3, abs=1e-3)


def test_match_is_one_to_one_and_prefers_equal_values() -> None:
    gold = [(0, 10, "2021-06-27")]
    pred = [(0, 5, "2021-06-20"), (5, 10, "2021-06-27")]
    assert match(gold, pred) == (1, 1)
    assert match(gold, [(20, 30, "2021-06-27")]) == (0, 0)


def test_normalise_value_spelling_only() -> None:
    assert normalise_value("2000-W7") == normalise_value("2000-W07")
    assert normalise_value("199X") == "199"
    assert normalise_value("1998-02-06") != normalise_value("1998-02-07")


def test_bad_input_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(EvalError, match="bad.tml"):
        evaluate(bad)
    with pytest.raises(EvalError):
        evaluate(tmp_path / "empty")
