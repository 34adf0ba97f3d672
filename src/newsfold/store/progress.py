"""A progress bar on standard error for long runs, drawn only when standard error is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24
INTERVAL = 0.1  # seconds between redraws: drawing on every item would cost more than a fast item


class Progress:
    """`label [#######-----] 45/120 3.2/s 0:12 left`, redrawn in place; silent when not on a terminal."""

    def __init__(
        self, label: str, total: int | None, stream: TextIO | None = None, enabled: bool | None = None
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= INTERVAL or self.done == self.total):
            self._drawn = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            filled = int(WIDTH * min(self.done, self.total) / self.total)
            bar = "#" * filled + "-" * (WIDTH - filled)
            left = (self.total - self.done) / rate if rate > 0 else 0
            eta = (
                f" {int(left // 60)}:{int(left % 60):02d} left" if self.done < self.total and rate > 0 else ""
            )
            return f"{self.label} [{bar}] {self.done}/{self.total} {rate:.1f}/s{eta}"
        return f"{self.label} {self.done} {rate:.1f}/s"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        pad = max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._width:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
