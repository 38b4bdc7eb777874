"""One test per input format, on small fictional fixtures."""

from __future__ import annotations

import gzip
from pathlib import Path

from newsweave.ingest import read_file, read_path

from ._util import FIXTURES, page, split, warc_bytes


def test_plain_text_keeps_file_and_skips_section_label(tmp_path: Path) -> None:
    text = (
        "Weather\n\n"
        "© Example Agency/Photo Desk\n"
        "Storm cuts power to thousands across the coastal towns\n\n"
        "A storm cut power to thousands of homes on Friday, the grid operator said.\n"
    )
    f = tmp_path / "story.txt"
    f.write_text(text, encoding="utf-8")
    (doc,), rejected = split(read_file(f))
    assert not rejected
    assert doc.raw_text == text
    assert doc.title == "Storm cuts power to thousands across the coastal towns"
    assert doc.source_format == "text" and doc.outlet is None and doc.path == str(f)


def test_plain_text_date_prefix_sets_published_and_is_not_the_title(tmp_path: Path) -> None:
    f = tmp_path / "dated.txt"
    f.write_text(" date 2019-11-02 Floodwater reached the town square on Saturday, residents said.\n", "utf-8")
    (doc,), _ = split(read_file(f))
    assert doc.published == "2019-11-02"
    assert doc.title == "Floodwater reached the town square on Saturday, residents said."


def test_html_page_metadata_and_paragraphs() -> None:
    (doc,), rejected = split(read_file(FIXTURES / "page.html"))
    assert not rejected
    assert doc.source_format == "html"
    assert doc.title == "Ferry service resumes on Lake Orvend"
    assert doc.outlet == "Orvend Daily"
    assert doc.byline == "Mira Castell"
    assert doc.url == "https://orvend-daily.example/news/ferry-resumes"
    assert doc.published == "2023-05-09"
    assert "harbour master Eli Brandt" in doc.raw_text
    assert "Subscribe to Orvend Daily" not in doc.raw_text  # page furniture left out by trafilatura
    assert "\n\n" in doc.raw_text  # paragraphs separated by blank lines
    assert len(doc.extra["raw_sha256"]) == 64


def test_jsonl_maps_varied_field_names() -> None:
    docs, rejected = split(read_file(FIXTURES / "records.jsonl"))
    assert not rejected
    by_id = {d.extra["id"]: d for d in docs}
    r1, r2, r3, r4 = (by_id[k] for k in ("r1", "r2", "r3", "r4"))
    assert (r1.title, r1.outlet, r1.published, r1.byline, r1.language) == (
        "Bridge inspection closes Marrow Road", "marrow-courier.example", "2022-10-03", "Ada Vance, Tom Reyes", "en"
    )
    assert r1.record == "1" and r1.extra["section"] == "local"
    # markup in the body is converted to plain paragraphs; an RFC 822 date is normalised
    assert "<p>" not in r2.raw_text and r2.raw_text.count("\n\n") == 1
    assert (r2.outlet, r2.published, r2.url) == ("Fenwick Post", "2022-10-04", "https://fenwick-post.example/library-hours")
    assert (r3.published, r3.outlet, r3.extra["score"]) == ("2022-10-05", "Aldry Weekly", 0.7)
    assert "tags" not in r3.extra  # only scalars go to extra
    assert (r4.outlet, r4.published) == ("Brisk Herald", "2022-10-07")  # nested source name, epoch seconds
    assert r4.raw_text.startswith("A short teaser")  # description is the text when nothing fuller exists


def test_json_array_and_single_object() -> None:
    docs, rejected = split(read_file(FIXTURES / "records.json"))
    assert not rejected
    assert [d.record for d in docs] == ["0", "1"]
    assert [d.title for d in docs] == ["Wind farm opens off Cape Senna", "Rail strike called off"]
    assert docs[1].published == "2021-07-04"
    (single,), _ = split(read_file(FIXTURES / "single.json"))
    assert (single.title, single.outlet, single.record) == ("Museum returns carved doors", "Quell Times", None)


def test_gold_label_fields_never_reach_the_pipeline(tmp_path: Path) -> None:
    f = tmp_path / "labelled.jsonl"
    f.write_text('{"id": "x1", "title": "Some headline here", "text": "Some text here.", "event": "E7"}\n', "utf-8")
    (doc,), _ = split(read_file(f))
    assert doc.extra == {"id": "x1"}


def test_rss_entries() -> None:
    docs, rejected = split(read_file(FIXTURES / "feed.rss"))
    assert not rejected
    assert [d.title for d in docs] == ["Lighthouse keeper retires after forty years", "New fish market opens"]
    first = docs[0]
    assert first.outlet == "Harbour Gazette" and first.published == "2023-03-06"
    assert first.url == first.record == "https://harbour-gazette.example/lighthouse"
    assert "<p>" not in first.raw_text and "\n\n" in first.raw_text
    assert first.source_format == "rss"


def test_atom_entry_content() -> None:
    (doc,), rejected = split(read_file(FIXTURES / "feed.atom"))
    assert not rejected
    assert doc.source_format == "atom"
    assert (doc.title, doc.outlet, doc.published, doc.byline) == (
        "Snow closes mountain pass", "Upland Observer", "2024-02-10", "Ravi Lund"
    )
    assert doc.raw_text.startswith("Heavy snow closed the Garrow pass")


def _pages() -> list[tuple[str, bytes]]:
    return [
        ("https://a.example/one", page("Orchard fire contained", [
            "Firefighters contained a fire in the Lorn orchards on Sunday after six hours, the fire service said.",
            "No buildings were damaged, according to the district office.",
        ])),
        ("https://b.example/two", page("Tram line extended", [
            "The city tram line was extended by three stops to the new hospital on Monday, the operator said.",
            "Passengers welcomed the shorter journey.",
        ])),
    ]


def test_warc_pages_become_documents(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc"
    f.write_bytes(warc_bytes(_pages(), gzip=False))
    docs, rejected = split(read_file(f))
    assert not rejected
    assert [d.url for d in docs] == ["https://a.example/one", "https://b.example/two"]  # the PNG is skipped
    assert docs[0].title == "Orchard fire contained" and docs[0].published == "2022-06-01"
    assert all(d.source_format == "warc" and d.record.startswith("<urn:uuid:") for d in docs)


def test_gzipped_warc(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(warc_bytes(_pages(), gzip=True))
    docs, rejected = split(read_file(f))
    assert not rejected
    assert [d.title for d in docs] == ["Orchard fire contained", "Tram line extended"]


def test_gzipped_jsonl_is_looked_through(tmp_path: Path) -> None:
    f = tmp_path / "records.jsonl.gz"
    f.write_bytes(gzip.compress((FIXTURES / "records.jsonl").read_bytes()))
    docs, rejected = split(read_file(f))
    assert not rejected and len(docs) == 4


def test_recursion_sniffing_and_hidden_files() -> None:
    docs, rejected = split(read_path(FIXTURES / "nested"))
    assert not rejected
    paths = [Path(d.path).relative_to(FIXTURES / "nested").as_posix() for d in docs]
    # sorted walk; the hidden file is skipped; a file without extension holding JSONL is sniffed as JSONL;
    # a .txt holding a saved web page is read as HTML
    assert paths == ["a_article.txt"] + ["deeper/noext"] * 4 + ["deeper/saved_page.txt"]
    assert [d.source_format for d in docs] == ["text", "jsonl", "jsonl", "jsonl", "jsonl", "html"]
    assert docs[-1].title == "School reopens after repairs" and docs[-1].outlet == "Brook Valley News"
    assert docs[0].title == "Grain prices steady after good harvest in the northern plains"
