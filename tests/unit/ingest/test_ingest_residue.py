from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfold.ingest import find_residue

BODY = (
    "The ferry service will resume on Monday after a week of repairs, the operator said.\n\n"
    "Passengers were advised to check the timetable before travelling."
)


def residue_of(text: str) -> list[str]:
    body, spans = find_residue(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert text[body[0] : body[1]].strip() == text[body[0] : body[1]]
    return [s.text for s in spans]


@pytest.mark.parametrize(
    "tail",
    [
        "Head of Investigations",
        "Senior Political Correspondent",
        "Read the rest here.",
        "Read more: Why the ferry broke down",
        "Click here to sign up for alerts",
        "Advertisement",
        "Share this article",
        "Follow us on Twitter",
        "Follow Dana Whitfield on Twitter @danaw.",
        "Sign up for our newsletter",
        "© 2024 Harbour Media Ltd",
        "Copyright 2024 Harbour Media. All rights reserved.",
        "All rights reserved.",
        "(Reporting by Ana Ruiz; Editing by Tom Hale)",
        "Ana Ruiz contributed reporting.",
        "Contributing: Ana Ruiz and Tom Hale.",
        "This article originally appeared on The Coast Review.",
        "This story has been updated with comment from the operator.",
        "Photo: Ana Ruiz / Getty Images",
    ],
)
def test_trailing_residue(tail: str) -> None:
    text = f"{BODY}\n\n{tail}\n"
    body, spans = find_residue(text)
    assert [s.text for s in spans] == [tail]
    assert text[body[0] : body[1]] == BODY
    assert spans[0].start == text.index(tail)


@pytest.mark.parametrize(
    "head",
    [
        "By Jane Smith",
        "By Jane Smith and Omar Haddad",
        "By JANE SMITH, Reuters",
        "Updated 10:32 a.m.",
        "Published: 3 May 2024 14:05 BST",
        "Image: A ferry in the harbour",
        "Advertisement",
    ],
)
def test_leading_residue(head: str) -> None:
    text = f"{head}\n\n{BODY}"
    body, spans = find_residue(text)
    assert [s.text for s in spans] == [head]
    assert text[body[0] : body[1]] == BODY


def test_stacked_edges() -> None:
    head = "By Jane Smith\nUpdated 9:15 a.m. EST\n\n"
    text = f"{head}{BODY}\n\nAdvertisement\nShare this article\n© 2024 Harbour Media"
    assert residue_of(text) == [
        "By Jane Smith",
        "Updated 9:15 a.m. EST",
        "Advertisement",
        "Share this article",
        "© 2024 Harbour Media",
    ]


def test_name_above_a_role_line() -> None:
    text = f"{BODY}\n\nDana Whitfield\nChief Reporter"
    assert residue_of(text) == ["Dana Whitfield", "Chief Reporter"]


@pytest.mark.parametrize(
    "tail",
    [
        "The operator said the repairs had cost more than expected.",
        "“We are back,” the captain said.",
        '"Follow us on Twitter."',
        "Why did it take so long?",
        "Go Harbour Rovers",  # a sign-off that names no newsroom role
        "Read the report and weep",  # not a residue shape
        "Advertising revenue at the operator fell by a fifth last year, and staff were cut",
    ],
)
def test_real_last_lines_are_not_residue(tail: str) -> None:
    text = f"{BODY}\n\n{tail}"
    body, spans = find_residue(text)
    assert spans == []
    assert body == (0, len(text))


@pytest.mark.parametrize(
    "head",
    [
        "Ferry Service Resumes After Repairs",  # a headline
        "By Monday the ferry was running again.",
        "Updated figures show passenger numbers rose 4% last year.",
    ],
)
def test_real_first_lines_are_not_residue(head: str) -> None:
    assert residue_of(f"{head}\n\n{BODY}") == []


def test_residue_inside_the_article_is_left_alone() -> None:
    text = f"{BODY}\n\nAdvertisement\n\n{BODY}"
    assert residue_of(text) == []


def test_role_line_after_an_unfinished_sentence_is_text() -> None:
    text = "The ferry will stop at\n\nHead of Investigations"
    assert residue_of(text) == []


def test_body_excludes_surrounding_whitespace() -> None:
    text = f"\n\n  {BODY}  \n\n"
    body, spans = find_residue(text)
    assert spans == []
    assert text[body[0] : body[1]] == BODY


def test_residue_only_text_has_an_empty_body() -> None:
    body, spans = find_residue("Advertisement\n")
    assert [s.text for s in spans] == ["Advertisement"]
    assert body[0] == body[1]


def test_empty_text() -> None:
    assert find_residue("") == ((0, 0), [])


def test_role_line_above_other_residue() -> None:
    text = f"{BODY}\n\nHead of Investigations\n\nAdvertisement"
    assert residue_of(text) == ["Head of Investigations", "Advertisement"]


LINES = ["Advertisement", "By Jane Smith", "Head of Reporting", "Jane Smith", "A line.", "", "  "]


@given(st.lists(st.sampled_from(LINES) | st.text(max_size=20)))
def test_spans_and_body_are_consistent(parts: list[str]) -> None:
    text = "\n".join(parts)
    body, spans = find_residue(text)
    assert 0 <= body[0] <= body[1] <= len(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.end <= body[0] or span.start >= body[1]
