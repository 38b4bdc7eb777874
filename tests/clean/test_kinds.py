"""One small hand-written snippet per segment kind, plus the metadata read from labelled lines."""

from __future__ import annotations

import pytest

from newsweave.clean import clean_document, parse_date, segment
from newsweave.models import RawDocument

BODY = "Police said two people were hurt in the attack on Tuesday, and one was taken to hospital."
BODY2 = "The city council will meet on Friday to discuss the response, the mayor said."


def kinds_of(raw: str, **kw) -> dict[str, str]:
    """Visible text of each segment -> its kind."""
    return {raw[s.start : s.end]: s.kind for s in segment(raw, **kw)}


def kind_of(raw: str, piece: str, **kw) -> str:
    for s in segment(raw, **kw):
        if piece in raw[s.start : s.end]:
            return s.kind
    raise AssertionError(f"{piece!r} not in any segment")


@pytest.mark.parametrize(
    "line",
    [
        "Oops! Something went wrong. Please try again later.",
        "Subscribe to our newsletter for the morning briefing",
        "Try The Daily Paper free for 1 month, then pay less.",
        "We use cookies to improve your experience.",
        "Share this: Facebook | Twitter | Email",
        "Advertisement",
        "Please enable Javascript to watch this video",
        "Source: Read Full Article",
        "Download the News 7 app for iPhone and Android",
        "______________",
    ],
)
def test_furniture_lines_are_boilerplate(line: str) -> None:
    raw = f"{BODY}\n\n{line}\n\n{BODY2}"
    assert kind_of(raw, line) == "boilerplate"
    assert kind_of(raw, BODY) == "body"


def test_error_widget_split_over_indented_bullets_is_boilerplate() -> None:
    raw = f"{BODY}\n  • Oops!\n    Something went wrong.\n    Please try again later.\n\n{BODY2}"
    k = kinds_of(raw)
    assert k[BODY] == "body" and k[BODY2] == "body"
    assert k["• Oops!\n    Something went wrong.\n    Please try again later."] == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        "© Jane Roe/AFP/Getty Images",
        "Firefighters at the scene on Monday. (Photo: Channel 5)",
        "A crowd gathers outside the court - GETTY IMAGES",
        "Image 3 of 12 Officers outside the building on Main Street",
        "Photo: City police department",
    ],
)
def test_credit_lines_are_captions(line: str) -> None:
    raw = f"{BODY}\n\n{line}\n\n{BODY2}"
    assert kind_of(raw, line) == "caption"


def test_caption_twin_and_picture_label() -> None:
    cap = "Smoke rises over the harbour after the blast"
    raw = f"Harbour blast\n© Photo Agency/Getty Images\n\n{cap}\n{cap} - GETTY IMAGES\n\n{BODY}\n\n{BODY2}"
    k = kinds_of(raw)
    assert k["Harbour blast\n© Photo Agency/Getty Images"] == "caption"  # the short label joins its credit
    assert k[f"{cap}\n{cap} - GETTY IMAGES"] == "caption"
    assert k[f"{BODY}"] == "body"


@pytest.mark.parametrize(
    "line",
    ["© AFP 2024", "Copyright 2016 Channel 9 News. All rights reserved.", "By Jane Doe", "By: John Q. Public",
     "Published: Saturday, January 14, 2017 @ 12:29 PM", "March 3, 2019", "— Reuters",
     "Jane Doe contributed to this report.", "jdoe@example-news.com"],
)
def test_metadata_lines(line: str) -> None:
    raw = f"{BODY}\n\n{line}\n\n{BODY2}"
    assert kind_of(raw, line) == "metadata"


def test_date_prefix_is_a_sub_line_metadata_segment() -> None:
    raw = f" date 2024-01-23 {BODY}\n\n{BODY2}"
    segs = segment(raw)
    assert [(raw[s.start : s.end], s.kind) for s in segs[:2]] == [("date 2024-01-23", "metadata"), (BODY, "body")]


def test_section_label_above_headline_is_metadata_and_headline_is_title() -> None:
    raw = f"World\n\nFloods force thousands from their homes in the north\n\n{BODY}\n\n{BODY2}"
    k = kinds_of(raw)
    assert k["World"] == "metadata"
    assert k["Floods force thousands from their homes in the north"] == "title"


def test_lead_sentence_is_not_a_title() -> None:
    raw = f"{BODY}\n\n{BODY2}"
    assert {s.kind for s in segment(raw)} == {"body"}


def test_declared_title_only_labels_a_matching_line() -> None:
    head = "Floods force thousands from their homes"
    assert kinds_of(f"{head}\n\n{BODY}", title=head + " - The Daily")[head] == "title"
    assert kinds_of(f"{head}\n\n{BODY}", title="Something else entirely here")[head] == "body"


@pytest.mark.parametrize(
    "line", ["See: Ministers meet to discuss the budget", "Read more: Storm damage in the south", "Related: Earlier floods"]
)
def test_related_lines(line: str) -> None:
    raw = f"{BODY}\n\n{line}\n\n{BODY2}"
    assert kind_of(raw, line) == "related"


def test_links_under_related_heading_are_related() -> None:
    raw = f"{BODY}\n\nRELATED STORIES:\nMayor defends flood plan\nRiver levels keep rising\n\n{BODY2}"
    k = kinds_of(raw)
    assert k["RELATED STORIES:\nMayor defends flood plan\nRiver levels keep rising"] == "related"
    assert k[BODY2] == "body"


@pytest.mark.parametrize("prefix", ["Comment:", "Editor's note:", "Opinion:"])
def test_commentary_paragraph(prefix: str) -> None:
    para = f"{prefix} This is plainly a disgrace,\nand everyone knows it."
    raw = f"{BODY}\n\n{para}\n\n{BODY2}"
    assert kinds_of(raw)[para] == "commentary"
    assert kind_of(raw, BODY2) == "body"


def test_body_lines_of_one_paragraph_form_one_segment() -> None:
    raw = "The spokesman said the strikes were launched in response to an\n\"ongoing series of attacks\" on bases."
    assert [(s.start, s.end, s.kind) for s in segment(raw)] == [(0, len(raw), "body")]


def test_repeated_lines_become_boilerplate_only_for_body() -> None:
    raw = f"{BODY}\n\nNews Desk Team\n\n{BODY2}"
    assert kind_of(raw, "News Desk Team") == "body"
    assert kind_of(raw, "News Desk Team", repeated=frozenset({"news desk team"})) == "boilerplate"


# --- metadata read from the labelled lines ----------------------------------------------------------------


def doc(raw: str, **kw) -> RawDocument:
    return RawDocument(raw_text=raw, source_format=kw.pop("source_format", "jsonl"), **kw)


def test_published_date_prefers_published_over_updated() -> None:
    raw = f"Updated: March 5, 2019 10:00 AM\nPublished: March 3, 2019 9:00 AM\n\n{BODY}"
    assert clean_document("a", doc(raw)).published == "2019-03-03"
    assert clean_document("a", doc(raw, published="2019-01-01")).published == "2019-01-01"  # input wins


@pytest.mark.parametrize(
    "text, iso",
    [("2024-01-23", "2024-01-23"), ("Jan. 5, 2017", "2017-01-05"), ("5 March 2020", "2020-03-05"),
     ("11/18/2014", "2014-11-18"), ("February 30, 2020", None), ("no date here", None)],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "raw, wire",
    [
        (f"{BODY}\n\n© AFP 2024", "AFP"),
        (f"WASHINGTON (Reuters) - {BODY}", "Reuters"),
        (f"NEW ORLEANS (AP) — {BODY}", "AP"),
        (f"By The Associated Press\n\n{BODY}", "AP"),
        (f"{BODY} A source told AFP news agency the toll was higher.", None),
        (f"{BODY} Two died, AFP said.", None),
        (f"{BODY}\n\nThe Associated Press contributed to this report.", None),
        (f"© Jane Roe/AFP/Getty Images\n\n{BODY}", None),
    ],
)
def test_wire_only_from_credit_syntax(raw: str, wire: str | None) -> None:
    assert clean_document("a", doc(raw)).wire == wire


def test_outlet_named_by_text_only_when_input_has_none() -> None:
    raw = f"{BODY}\n\nThe strikes hit two sites, a statement said, reports BBC."
    assert clean_document("a", doc(raw)).outlet == "BBC"
    assert clean_document("a", doc(raw, outlet="Daily")).outlet == "Daily"
    assert clean_document("a", doc(f"{BODY}\n\nA statement said, reports AFP.")).outlet is None


def test_byline() -> None:
    assert clean_document("a", doc(f"By Jane Doe\n\n{BODY}")).byline == "Jane Doe"
    assert clean_document("a", doc(f"By JANE DOE, Associated Press\n\n{BODY}")).byline == "JANE DOE"
    assert clean_document("a", doc(f"By the time police came, he had gone.\n\n{BODY}")).byline is None


def test_plain_text_title_guess_does_not_steer_labelling() -> None:
    # ingest guesses a plain file's title from its lead; the lead must stay body.
    raw = f"{BODY}\n\n{BODY2}"
    art = clean_document("a", doc(raw, source_format="text", title=BODY))
    assert BODY in art.text and art.title == BODY
