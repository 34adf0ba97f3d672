"""The progress bar: drawn in place on a terminal, silent elsewhere, and never splitting a line."""

from __future__ import annotations

import io

from newsfold.progress import Progress, say


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_is_drawn_on_a_terminal_with_count_rate_and_time_left():
    out = _Tty()
    bar = Progress("parsing", 4, stream=out)
    for _ in range(4):
        bar.update()
    assert bar.done == 4
    bar.close()
    text = out.getvalue()
    assert text.startswith("\rparsing")
    assert "0/4 articles" in text and "articles/s" in text and "left" in text
    # cleared when closed: the line ends back at its start, for the summary line to come
    assert text.endswith("\r")


def test_a_bar_of_unknown_length_counts_articles_and_rate():
    out = _Tty()
    with Progress("extracting", None, stream=out) as bar:
        bar.update(3)
    text = out.getvalue()
    assert "extracting: 0 done" in text and "articles/s" in text and "left" not in text


def test_silent_when_not_a_terminal_or_disabled():
    for stream, enabled in ((io.StringIO(), None), (_Tty(), False)):
        bar = Progress("parsing", 3, stream=stream, enabled=enabled)
        bar.update(3)
        bar.close()
        assert stream.getvalue() == ""
        assert not bar.enabled


def test_a_line_said_while_a_bar_is_drawn_comes_out_whole_on_its_own_line():
    out = _Tty()
    bar = Progress("parsing", 10, stream=out)
    bar.update(2)
    say("newsfold: NF101 missing.txt: the input does not exist", stream=out)
    bar.update(2)
    bar.close()
    text = out.getvalue()
    before, line, after = text.partition("newsfold: NF101 missing.txt: the input does not exist\n")
    assert line
    # the bar was cleared back to the start of the line before it, and drawn again after it
    assert before.endswith("\r") and "parsing" in after


def test_say_without_a_bar_is_a_plain_line():
    out = io.StringIO()
    say("newsfold: 3 quotations from 1 articles; 0 inputs failed", stream=out)
    assert out.getvalue() == "newsfold: 3 quotations from 1 articles; 0 inputs failed\n"
