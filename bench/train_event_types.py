"""Train the shipped ACLED event-type model: ``src/newsweave/extract/data/acled_types_model.json.gz``.

    /work/venv/bin/python bench/train_event_types.py [path/to/event-types/dev.tsv]

Training data: the CASE 2021 task 2 dev snippets (event-types/dev.tsv), the only labelled sub-type data the
project may use. The artefact stores hashed feature indices, weights and 16-hex fingerprints of the training
rows (so the scorer knows to cross-validate on them) -- no text. Deterministic: same input, same bytes.
Report the model's quality with ``newsweave.scoring.event_types.evaluate`` (5-fold CV on dev), never by
scoring it on the rows it was trained on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.extract import types as event_types
from newsweave.scoring.event_types import read_tsv

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "extraction" / "event-types" / "dev.tsv"
OUT = ROOT / "src" / "newsweave" / "extract" / "data" / event_types.MODEL_FILE


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT
    _, texts, gold = read_tsv(src)
    model = event_types.fit_model(texts, gold, trained_on=f"CASE 2021 task 2 {src.name} ({len(texts)} snippets)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    event_types.save_model(model, str(OUT))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(model.classes)} classes, {len(model.word_coef)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
