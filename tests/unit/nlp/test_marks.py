"""Quotation-mark pairing: every style, nesting, run-on paragraphs, and odd marks that must not cost
other quotes."""

from newsfold.nlp.marks import find_quoted


def contents(text: str) -> list[str]:
    quoted, _ = find_quoted(text)
    return [text[q.start : q.end] for q in quoted]


def test_curly_straight_and_guillemets():
    assert contents("“We will win,” she said.") == ["We will win,"]
    assert contents('"We will win," she said.') == ["We will win,"]
    assert contents("«Nous gagnerons», a-t-il dit.") == ["Nous gagnerons"]
    assert contents("‘We will win,’ she said.") == ["We will win,"]
    assert contents("''We will win,'' she said.") == ["We will win,"]


def test_apostrophes_are_not_quotation_marks():
    assert contents("The mayor’s plan isn’t ready for the ’90s, the allies’ view.") == []
    assert contents("She said ‘the port’s future’ was at stake.") == ["the port’s future"]


def test_nested_quotes_stay_inside_the_outer_one():
    text = "“He told me: ‘go home’, and I did,” Ana said."
    assert contents(text) == ["He told me: ‘go home’, and I did,"]


def test_quote_split_by_attribution_gives_two_pieces():
    assert contents("“The water is rising,” he said, “and we are ready.”") == [
        "The water is rising,", "and we are ready."]


def test_quote_running_over_paragraphs():
    text = "“First part of it.\n“Second part,” she said."
    quoted, warnings = find_quoted(text)
    assert [text[q.start : q.end] for q in quoted] == ["First part of it.", "Second part,"]
    assert quoted[0].runs_on and quoted[1].continued and not warnings


def test_unbalanced_mark_loses_nothing_else():
    text = "A stray ” mark here. “Real quote,” she said.\nAnother “open quote never closed.\n“Next,” he said."
    quoted, warnings = find_quoted(text)
    got = [text[q.start : q.end] for q in quoted]
    assert "Real quote," in got and "Next," in got
    assert warnings


def test_body_limits_are_respected():
    text = "“Inside,” she said. Residue “outside”"
    quoted, _ = find_quoted(text, 0, 19)
    assert [text[q.start : q.end] for q in quoted] == ["Inside,"]
