"""Event-type classification: seed leads are air strikes; the cue lexicon and model behave."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.extract import types
from newsweave.extract.passages import passage_roles

from .test_passages import seed_article


def _lead(path: Path, n: int = 5) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 6][:n]


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_seed_leads_are_air_strikes(seeds_dir: Path, prefix: str) -> None:
    event_type, sub_type, score = types.classify_event(_lead(next(seeds_dir.glob(f"{prefix}_*.txt"))))
    assert (event_type, sub_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert 0.0 <= score <= 1.0


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Thousands of students marched peacefully through the capital on Friday to demand lower tuition fees.",
         "Peaceful protest"),
        ("Police arrested three men suspected of planning the robbery and held them in custody.", "Arrests"),
        ("A magnitude 6.1 earthquake struck the region overnight, destroying hundreds of homes.", "Natural disaster"),
    ],
)
def test_codebook_examples(text: str, sub_type: str) -> None:
    assert types.classify_event([text])[1] == sub_type


def test_rules_only_fallback_uses_cues() -> None:
    code, score = types.classify_code("Warplanes carried out air strikes on the town.", rules_only=True)
    assert code == "AIR_STRIKE" and score > 0
    assert types.classify_code("Nothing relevant here at all.", rules_only=True) == ("OTHER", 0.0)


def test_empty_input_has_no_type() -> None:
    assert types.classify_event([]) == (None, None, 0.0)


def test_every_code_maps_to_an_acled_pair() -> None:
    assert set(types.CUES) == set(types.CODES)
    assert types.CODES["AIR_STRIKE"] == ("Explosions/Remote violence", "Air/drone strike")


def test_fit_model_learns_a_separable_toy_problem() -> None:
    texts = ["rockets hit the base", "mortar shells hit the town", "police arrested two men", "officers detained a man"]
    model = types.fit_model(texts, ["ART_MISS_ATTACK", "ART_MISS_ATTACK", "ARREST", "ARREST"])
    assert model.predict(["shells and rockets hit the village", "police detained the suspect"]) == [
        "ART_MISS_ATTACK", "ARREST"
    ]
    assert types.text_hash("rockets hit  the base") in model.train_hashes


def test_article_event_evidence_is_a_cue_in_a_reporting_sentence(seeds_dir: Path) -> None:
    a = seed_article(next(seeds_dir.glob("004_*.txt")), "2021-06-28")
    passages = passage_roles(a)
    event_type, sub_type, ev = types.classify_article_event(a, passages)
    assert sub_type == "Air/drone strike"
    assert ev is not None and a.raw_text[ev.start : ev.end] == ev.text
    assert "airstrike" in ev.text.lower()
    roles = {(p.start, p.end): p.role for p in passages}
    assert roles[(ev.sentence_start, ev.sentence_end)] == "reporting"
