"""The progress bar: drawn in place on a terminal, silent elsewhere."""

from __future__ import annotations

import io

from newsfold.store.progress import Progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_is_drawn_on_a_terminal_with_count_and_rate():
    out = _Tty()
    bar = Progress("parsing", 4, stream=out)
    for _ in range(4):
        bar.update()
    bar.close()
    text = out.getvalue()
    assert text.startswith("\rparsing [") and text.endswith("\n")
    assert "4/4" in text and "/s" in text
    assert "[" + "#" * 24 + "]" in text


def test_half_way_shows_half_a_bar_and_time_left():
    bar = Progress("folding", 10, stream=_Tty())
    bar.done = 5
    line = bar.line(bar.started + 5.0)
    assert "[" + "#" * 12 + "-" * 12 + "]" in line and "5/10" in line and "0:05 left" in line


def test_silent_when_not_a_terminal():
    out = io.StringIO()
    bar = Progress("parsing", 3, stream=out)
    bar.update(3)
    bar.close()
    assert out.getvalue() == ""
