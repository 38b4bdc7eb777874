"""Arithmetic of the geoparsing scorer on tiny hand-made LGL- and GeoVirus-format files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import EvalError
from newsweave.scoring.places import evaluate, read_geoparsing

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Rockets hit a base near Baghdad. Officials in Paris condemned it. Aid reached Zzyzxville.]]></text>
    <toponyms>
      <toponym><start>24</start><end>31</end><phrase>Baghdad</phrase>
        <gaztag geonameid="98182"><lat>33.34</lat><lon>44.40</lon></gaztag></toponym>
      <toponym><start>46</start><end>51</end><phrase>Paris</phrase>
        <gaztag geonameid="1"><lat>33.66</lat><lon>-95.55</lon></gaztag></toponym>
      <toponym><start>77</start><end>87</end><phrase>Zzyzxville</phrase>
        <gaztag geonameid="2"><lat>35.14</lat><lon>-116.10</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""

# GeoVirus offsets are off by one in the real file: the scorer must snap them to the name.
GEOVIRUS = """<articles><article><source>x</source>
<text>Cases rose in Nairobi and Lagos.</text>
<locations>
<location><name>Nairobi</name><start>13</start><end>20</end><lat>-1.28</lat><lon>36.82</lon></location>
<location><name>Lagos</name><start>26</start><end>31</end><lat>6.45</lat><lon>3.39</lon></location>
</locations></article></articles>
"""


def test_lgl_accuracy_counts_wrong_and_unknown_as_misses(tmp_path: Path) -> None:
    f = tmp_path / "lgl.xml"
    f.write_text(LGL, encoding="utf-8")
    got = evaluate(f)
    # Baghdad right; Paris resolves to France (gold: Paris, Texas) -> miss; Zzyzxville not in gazetteer -> miss
    assert got["n_gold"] == 3
    assert got["score"] == pytest.approx(1 / 3, abs=1e-3)
    assert got["gold_spans"]["not_in_gazetteer"] == 1
    assert 0 <= got["end_to_end"]["acc@161km"] <= got["score"]


def test_geovirus_offsets_are_snapped(tmp_path: Path) -> None:
    f = tmp_path / "gv.xml"
    f.write_text(GEOVIRUS.replace("<start>13</start><end>20</end>", "<start>14</start><end>21</end>"), encoding="utf-8")
    docs = read_geoparsing(f)
    assert [g[2] for g in docs[0][1]] == ["Nairobi", "Lagos"]
    assert evaluate(f)["score"] == 1.0


def test_bad_file_raises_eval_error(tmp_path: Path) -> None:
    f = tmp_path / "broken.xml"
    f.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(EvalError, match="broken.xml"):
        evaluate(f)
