from __future__ import annotations

import io
import json

import pytest
import world

from newsweave.errors import NewsweaveError
from newsweave.report.exports import export

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

ACLED_CODEBOOK_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


@pytest.fixture(scope="module")
def store():
    return world.build_store()


def test_acled_csv_loads_with_codebook_columns(store):
    frame = pd.read_csv(io.StringIO(export(store, "acled", "csv")))
    assert list(frame.columns) == ACLED_CODEBOOK_COLUMNS
    row = frame.iloc[0]
    assert row["fatalities"] == 3  # conservative: lowest credible figure
    assert "disputed" in row["notes"] and "rebel spokesman" in row["notes"]
    assert "30" not in row["notes"].split("disputed")[1]  # the background recap's toll is not this event's
    assert row["event_date"] == "2023-05-01" and row["year"] == 2023 and row["time_precision"] == 1
    assert row["country"] == "Iraq" and row["iso"] == 368 and row["region"] == "Middle East"
    assert row["disorder_type"] == "Political violence"
    assert row["geo_precision"] == 1


def test_geojson_is_rfc7946_points(store):
    doc = json.loads(export(store, "geojson", "geojson"))
    assert doc["type"] == "FeatureCollection"
    assert doc["features"]
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict)
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert (lon, lat) == (44.3661, 33.3152)  # [lon, lat], not [lat, lon]
    assert doc["features"][0]["properties"]["precision"] == "city"


@pytest.mark.parametrize("what", ["articles", "events", "claims", "quotes", "acled"])
def test_parquet_round_trips(store, what):
    data = export(store, what, "parquet")
    frame = pd.read_parquet(io.BytesIO(data))
    lines = export(store, what, "jsonl").splitlines()
    assert len(frame) == len(lines) > 0
    first = json.loads(lines[0])
    assert list(frame.columns)[: len(first)] == list(first)[: len(frame.columns)]


def test_articles_fields_and_segments(store):
    rows = [json.loads(line) for line in export(store, "articles", "jsonl").splitlines()]
    assert set(rows[0]) == {"id", "path", "url", "title", "outlet", "published", "wire", "text", "segments", "raw_text"}
    seg = rows[0]["segments"][0]
    assert set(seg) == {"start", "end", "kind"}
    frame = pd.read_parquet(io.BytesIO(export(store, "articles", "parquet")))
    assert list(frame.iloc[0]["segments"][0].keys()) == ["start", "end", "kind"]
    csv_frame = pd.read_csv(io.StringIO(export(store, "articles", "csv")))
    assert json.loads(csv_frame.iloc[0]["segments"])[0]["kind"] == "title"


def test_claims_and_quotes_rows_carry_spans(store):
    claims = pd.read_csv(io.StringIO(export(store, "claims", "csv")))
    assert len(claims) == 10
    for r in claims.itertuples():
        assert world.TEXTS[r.article_id][r.start : r.end] == r.text
        assert r.text in r.sentence
    wire = claims[claims.article_id == "art-c"]
    assert set(wire.source) == {"cg-wire"}
    quotes = [json.loads(line) for line in export(store, "quotes", "jsonl").splitlines()]
    assert {q["outlet"] for q in quotes} == {"Wire Daily", "Gamma Times"}
    assert all(q["speaker"] == "Maria Ortiz" for q in quotes)


def test_export_writes_to_path_and_file(store, tmp_path):
    p = tmp_path / "claims.parquet"
    assert export(store, "claims", "parquet", p) is None
    assert len(pd.read_parquet(p)) == 10
    buf = io.StringIO()
    export(store, "acled", "csv", buf)
    assert buf.getvalue().startswith("event_id_cnty,")
    with pytest.raises(NewsweaveError):
        export(store, "articles", "parquet", io.StringIO())


def test_bad_choice_is_refused(store):
    with pytest.raises(NewsweaveError, match="unknown export"):
        export(store, "nonsense", "csv")
    with pytest.raises(NewsweaveError, match="cannot be exported"):
        export(store, "geojson", "csv")
