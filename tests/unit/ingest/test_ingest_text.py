from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsfold.errors import NewsfoldError
from newsfold.ingest import read_text_file

TEXT = "By Omar Haddad\n\nThe library reopened on Saturday.\r\nReaders queued from dawn.\n\nAdvertisement\n"


def test_reads_the_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    article = read_text_file(str(path))
    assert article.text == TEXT  # "\r\n" kept: offsets index the file as it is
    assert article.doc == str(path)
    assert article.source == str(path)
    assert article.encoding == "utf-8"
    assert [r.text for r in article.residue] == ["By Omar Haddad", "Advertisement"]
    assert (
        article.text[article.body[0] : article.body[1]]
        == "The library reopened on Saturday.\r\nReaders queued from dawn."
    )


def test_utf8_sig_file_drops_only_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Café owners welcomed the decision.".encode())
    article = read_text_file(path)
    assert article.text == "Café owners welcomed the decision."
    assert article.encoding == "utf-8-sig"


def test_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("“Ça suffit,” the mayor said.".encode("cp1252"))
    article = read_text_file(path)
    assert article.text == "“Ça suffit,” the mayor said."
    assert article.encoding == "cp1252"


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Zoë said the vote was close.\n".encode("utf-16"))
    assert read_text_file(path).text == "Zoë said the vote was close.\n"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "NF104"),
        (b"  \n\t\r\n ", "NF104"),
        (b"Advertisement\n", "NF104"),  # nothing but residue
        (b"\x00\x01\x02binary\x00\x00\xff" * 100, "NF102"),
    ],
)
def test_bad_files(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(NewsfoldError) as exc:
        read_text_file(path)
    assert exc.value.code == code
    assert exc.value.source == str(path)


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("The council met. " * 100)
    with pytest.raises(NewsfoldError) as exc:
        read_text_file(path, max_bytes=100)
    assert exc.value.code == "NF107"
    assert read_text_file(path, max_bytes=10_000).text.startswith("The council met.")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NewsfoldError) as exc:
        read_text_file(tmp_path / "nope.txt")
    assert exc.value.code == "NF101"
