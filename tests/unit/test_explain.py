"""`newsfold explain`: every error code with what it means and what to do, and the README's table of
codes, which must be the catalogue's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfold.cli import main
from newsfold.errors import ADVICE, CATALOGUE, codes_table, explain

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_code_says_what_to_do():
    assert set(ADVICE) == set(CATALOGUE)
    for code in CATALOGUE:
        assert re.fullmatch(r"NF\d{3}", code)
        assert ADVICE[code].strip().endswith("."), code  # a sentence, not a placeholder


def test_explain_gives_the_meaning_and_what_to_do():
    text = explain("nf109", width=200)
    assert text == f"NF109  {CATALOGUE['NF109']}\n       {ADVICE['NF109']}"
    assert explain("NF999") is None
    assert all(len(line) <= 78 for line in explain("NF402").splitlines())


def test_the_command_explains_one_code_all_codes_or_refuses_an_unknown_one(capsys):
    assert main(["explain", "NF109"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NF109  the article is too long") and "--max-chars" in out
    assert main(["explain"]) == 0
    out = capsys.readouterr().out
    assert [line[:5] for line in out.splitlines() if line[:2] == "NF"] == sorted(CATALOGUE)
    assert main(["explain", "NF109", "NF999"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "newsfold: no error code NF999 (`newsfold explain` lists them all)\n"
    assert captured.out.startswith("NF109")


def test_the_readme_table_of_codes_is_the_catalogue():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- codes: [^\n]*-->\n(.*?)<!-- /codes -->", text, re.S)
    assert found, "README.md has lost its table of codes"
    # on a mismatch: paste the output of `newsfold explain --markdown` between the markers
    assert found.group(1) == codes_table()


def test_the_markdown_table_has_a_row_per_code(capsys):
    assert main(["explain", "--markdown"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[:2] == ["| code | what it means | what to do |", "|---|---|---|"]
    assert [r.split(" | ")[0].lstrip("| ") for r in rows[2:]] == sorted(CATALOGUE)


def test_the_help_says_where_codes_are_explained(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "newsfold explain NFxxx" in capsys.readouterr().out.replace("\n", " ")
