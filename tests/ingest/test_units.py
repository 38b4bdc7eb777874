"""The small pure pieces: format sniffing, dates, titles."""

from __future__ import annotations

import gzip

import pytest

from newsweave.ingest import detect_format
from newsweave.ingest._dates import iso_date
from newsweave.ingest._plaintext import pick_title


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Headline\n\nBody text.", "text"),
        ("a.txt", b"<!DOCTYPE html><html><body><p>x</p>", "html"),
        ("noext", b"  <html lang='en'><head>", "html"),
        ("a.html", b"Just words, no markup at all.", "html"),
        ("a.xml", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("a.txt", b"<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("a.xml", b"<?xml version='1.0'?><inventory/>", "feed"),
        ("noext", b'{"title": "a"}\n{"title": "b"}\n', "jsonl"),
        ("a.json", b'{"title": "a"}\n{"title": "b"}\n', "jsonl"),
        ("a.json", b'{\n  "title": "a"\n}\n', "json"),
        ("noext", b'[\n {"title": "a"}]', "json"),
        ("a.txt", b"[Photo] Crowds gathered in the square.", "text"),
        ("a.warc", b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a.bin", gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n"), "warc"),
        ("a.jsonl.gz", gzip.compress(b'{"title": "a"}\n{"title": "b"}\n'), "jsonl"),
        ("a.txt", b"%PDF-1.4", "binary"),
        ("a.txt", b"abc\x00def", "binary"),
        ("a.txt", "Texte en UTF-16".encode("utf-16"), "text"),
        ("a.txt", b"", "empty"),
        ("a.txt", b" \n\t ", "empty"),
    ],
)
def test_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-23", "2024-01-23"),
        ("2024-01-23T22:15:00+02:00", "2024-01-23"),
        ("Tue, 23 Jan 2024 10:00:00 GMT", "2024-01-23"),
        ("23 January 2024", "2024-01-23"),
        ("20240123", "2024-01-23"),
        (1706000000, "2024-01-23"),
        ("1706000000000", "2024-01-23"),
        ({"$date": "2024-01-23T00:00:00Z"}, "2024-01-23"),
        ("2024-13-45", None),
        ("yesterday", None),
        ("not a date", None),
        (True, None),
        (None, None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_title_skips_labels_and_credits_but_keeps_a_short_headline() -> None:
    assert pick_title("World\n\n© Agency\nPort strike enters its third week\n\nBody.") == "Port strike enters its third week"
    assert pick_title("Short headline\n\n") == "Short headline"  # nothing longer follows: keep it
    long_lead = "The council voted on Monday to close the old bridge. " + "More words follow here. " * 20
    assert pick_title(long_lead) == "The council voted on Monday to close the old bridge."
    assert pick_title("\n \n©\n") is None
