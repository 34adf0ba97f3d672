"""Progress bars on standard error for long runs (tqdm), drawn only when standard error is a terminal.

Every command that works through many articles (`extract`, `story`, `ingest`, `cluster`, `evaluate`)
shows one: articles done, the rate, and the time left when the number of articles is known. A line
printed while a bar is drawn goes through `say`, which clears the bar, writes the whole line and draws
the bar again below it, so a bar never splits an error report. Where standard error is not a terminal
(a pipe, a file, a test capturing it) nothing of a bar is written at all.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

# Redraw at most ten times a second: drawing on every article would cost more than a fast article.
INTERVAL = 0.1
# the rate always as articles a second (tqdm turns a slow one into seconds an article by default)
_KNOWN = "{desc} {percentage:3.0f}%|{bar:24}| {n_fmt}/{total_fmt}{unit}, {rate_noinv_fmt}, {remaining} left"
_UNKNOWN = "{desc}: {n_fmt} done, {rate_noinv_fmt}, {elapsed}"


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (a closed or detached stream is not)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """One bar: `parsing  45%|#####     | 54/120 articles, 3.20 articles/s, 00:20 left`, redrawn in place.

    `total` None (the articles are read as they are worked on, so their number is not known yet) shows
    the articles done, the rate and the time so far: `extracting: 54 done, 3.20 articles/s, 00:17`.
    `unit` names what is counted (stories, when stories are folded). `enabled` None draws only when
    `stream` (default: standard error, as it is when the bar starts) is a terminal; False never draws.
    The bar is cleared when closed: the command's summary line says what was done.
    """

    def __init__(
        self,
        label: str,
        total: int | None,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        unit: str = "articles",
    ) -> None:
        from tqdm import tqdm

        stream = stream if stream is not None else sys.stderr
        self.enabled = is_terminal(stream) if enabled is None else bool(enabled)
        self._bar = tqdm(
            total=total,
            desc=label,
            unit=" " + unit,
            file=stream,
            disable=not self.enabled,
            leave=False,
            dynamic_ncols=True,
            mininterval=INTERVAL,
            bar_format=_KNOWN if total else _UNKNOWN,
        )

    @property
    def done(self) -> int:
        """Articles counted so far."""
        return int(self._bar.n)

    def update(self, n: int = 1) -> None:
        """Count `n` more articles done."""
        self._bar.update(n)

    def close(self) -> None:
        """Clear the bar from the terminal (a second close does nothing)."""
        self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def say(line: str, stream: TextIO | None = None) -> None:
    """Write `line` and a newline on `stream` (default: standard error), clearing any bar drawn on the
    terminal first and drawing it again after, so the line comes out whole on a line of its own."""
    from tqdm import tqdm

    stream = stream if stream is not None else sys.stderr
    tqdm.write(line, file=stream)
    stream.flush()
