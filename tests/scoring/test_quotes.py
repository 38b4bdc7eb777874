"""The PolNeAR scorer on a tiny hand-made corpus in the same layout."""

from __future__ import annotations

import pytest

from newsweave.errors import EvalError
from newsweave.scoring.quotes import evaluate, read_gold

TEXT = ('"We will act," Mr. Smith said.\n\nThe plan was approved, officials said.\n\n'
        'Voters like the idea, which pleased the mayor.\n')


def _corpus(tmp_path, ann: str, annotator: str = "aaaa"):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc_1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / f"doc_1_{annotator}.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def _ann(*rows):
    lines, e = [], 0
    t = 0
    for source, cue, content in rows:
        ids = []
        for typ, span in (("Source", source), ("Cue", cue), ("Content", content)):
            if span is None:
                continue
            t += 1
            a, b = span
            lines.append(f"T{t}\t{typ} {a} {b}\t{TEXT[a:b]}")
            ids.append(f"{typ}:T{t}")
        e += 1
        lines.append(f"E{e}\tAttribution:T{t} " + " ".join(ids))
    return "\n".join(lines) + "\n"


def span(s):
    a = TEXT.index(s)
    return a, a + len(s)


def test_perfect_on_what_the_extractor_finds(tmp_path):
    ann = _ann((span("Mr. Smith"), span("said"), span('"We will act,"')),
               (span("officials"), (TEXT.index("said.\n\nVoters") , TEXT.index("said.\n\nVoters") + 4),
                span("The plan was approved")))
    result = evaluate(_corpus(tmp_path, ann))
    assert result["score"] == 1.0
    assert result["content_f1"] == 1.0 and result["cue_f1"] == 1.0


def test_missed_gold_lowers_recall(tmp_path):
    ann = _ann((span("Mr. Smith"), span("said"), span('"We will act,"')),
               (span("which"), span("pleased"), span("the mayor")))
    result = evaluate(_corpus(tmp_path, ann))
    d = result["details"]["speaker"]
    assert d["gold"] == 2 and d["tp"] == 1
    assert d["recall"] == 0.5 and result["score"] < 1.0


def test_wrong_speaker_span_is_no_match(tmp_path):
    ann = _ann((span("Smith"), span("said"), span('"We will act,"')))
    result = evaluate(_corpus(tmp_path, ann))
    assert result["details"]["speaker"]["tp"] == 0


def test_read_gold_trims_and_joins_discontinuous(tmp_path):
    path = tmp_path / "x.ann"
    a, b = span('"We will act,"')
    path.write_text(f"T1\tContent {a} {a + 5};{a + 8} {b}\tx\nT2\tCue 0 1\tx\nE1\tAttribution:T2 Content:T1 Cue:T2\n",
                    encoding="utf-8")
    gold = read_gold(path, TEXT)
    assert gold[0].content == (a + 1, b - 2) and gold[0].source is None


def test_bad_folder_is_an_eval_error(tmp_path):
    with pytest.raises(EvalError):
        evaluate(tmp_path)
