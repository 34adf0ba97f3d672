"""One-line error reports, and the escaping every string from an input goes through before it is printed."""

from newsfold.errors import NewsfoldError, printable


def test_printable_escapes_control_and_invisible_characters_only():
    assert printable("Zürich, 3\u00a0km — “fine”") == "Zürich, 3\u00a0km — “fine”"
    assert printable("a\x1b]0;pwned\x07b") == "a\\x1b]0;pwned\\x07b"
    assert printable("one\ntwo\r\u2028three") == "one\\ntwo\\r\\u2028three"
    assert printable("\u202eevil\u200b") == "\\u202eevil\\u200b"  # a bidi override, a zero-width space


def test_an_error_line_is_one_line_without_escape_sequences():
    err = NewsfoldError("NF105", "feed.jsonl:2\n newsfold: forged", "bad title \x1b[2J\x1b]0;pwned\x07")
    line = err.line()
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert line == "NF105 feed.jsonl:2\\n newsfold: forged: bad title \\x1b[2J\\x1b]0;pwned\\x07"


def test_every_error_crosses_a_process_boundary_intact():
    import pickle

    from newsfold.errors import CATALOGUE, Failure

    for code in CATALOGUE:
        err = NewsfoldError(code, "inbox/a.txt", "a detail")
        back = pickle.loads(pickle.dumps(Failure("inbox/a.txt", err)))
        assert (back.error.code, back.error.source, back.error.detail) == (code, "inbox/a.txt", "a detail")
        assert back.line() == err.line() and str(back.error) == str(err)
    plain = pickle.loads(pickle.dumps(NewsfoldError("NF109", "b.txt")))
    assert plain.detail == CATALOGUE["NF109"]
