"""Names as written, on names made up for these tests (no model needed)."""

from newsfold.nlp.names import capitalised_runs, mention_kind, parse_name


def test_letters_of_every_script_survive():
    for written in ("José Núñez", "Björn Åström", "Zoë Łukasik", "Kim Jong-un"):
        name = parse_name(f"Senator {written}")
        assert " ".join(name.words) == written
    text = "Later José Núñez met Björn Åström in Zürich."
    assert [text[s:e] for s, e in capitalised_runs(text)] == ["José Núñez", "Björn Åström"]


def test_titles_honorifics_and_descriptions_are_not_part_of_a_name():
    assert parse_name("the Honourable Ana Velho").words == ("Ana", "Velho")
    assert parse_name("the Maryland-based product liability lawyer Ann Roe").words == ("Ann", "Roe")
    assert parse_name("A more congenial Rick Santorro").words == ("Rick", "Santorro")
    name = parse_name("Special Counsel Robert T. Quill III")
    assert name.words == ("Robert", "T.", "Quill", "III") and name.family == "quill"
    assert "special" in name.titles and "counsel" in name.titles
    assert parse_name("Mr. Ostrow's new lawyer").words == ("Ostrow",)  # the head is lawyer, not Ostrow
    assert parse_name("Ursula van der Mere").family == "mere"
    assert parse_name("the statement") is None and parse_name("he") is None


def test_a_honorific_or_given_name_tells_the_gender():
    assert parse_name("Mrs. Tann").gender == "f" and parse_name("Mr. Tann").gender == "m"
    assert parse_name("Heather Voss").gender == "f" and parse_name("Kim Voss").gender is None


def test_mention_kinds():
    assert mention_kind("President Ana Lund") == "full name"
    assert mention_kind("Mr. Lund") == "surname or title"
    assert mention_kind("she") == "pronoun"
    assert mention_kind("the harbour master") == "description"
    assert mention_kind("a joint statement") == "document or organisation"
    assert mention_kind("the Velm City Council") == "document or organisation"
    assert mention_kind(None) == "none"


def test_a_weekday_names_no_one_but_a_month_may_be_a_surname():
    assert parse_name("Monday") is None
    assert parse_name("Friday") is None
    assert parse_name("May").family == "may"
    assert parse_name("Ann May").family == "may"
