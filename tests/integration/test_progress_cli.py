"""Progress bars of the long commands: drawn when standard error is a terminal (a pseudo-terminal here),
never with --quiet or on a pipe, and never splitting the one-line error reports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")  # POSIX only
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def on_terminal(*args, stdout: Path) -> tuple[int, str]:
    """Run `newsfold ARGS` with standard error on a pseudo-terminal 100 columns wide and standard output
    into `stdout`; its exit status and everything it wrote on the terminal, as written."""
    import struct

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    # no newline translation, so what the command wrote is what is read back
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    with open(stdout, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsfold.cli", *map(str, args)], stdout=out,
                                stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal is gone once the command has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(), b"".join(chunks).decode("utf-8")


def shown_lines(raw: str) -> list[str]:
    """The lines a terminal shows at the end: each line's text after its last carriage return (a bar
    redrawn in place, or cleared to make way for a line), blank ones left out."""
    lines = [line.rsplit("\r", 1)[-1].rstrip() for line in raw.split("\n")]
    return [line for line in lines if line]


@pytest.fixture
def inputs(tmp_path):
    """The two example articles as plain files, and the name of one that does not exist."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("velmora-ledger.txt", "velmora-harbourwire.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder, tmp_path / "missing.txt"


def test_extract_draws_a_bar_on_a_terminal_and_error_lines_stay_whole(tmp_path, inputs):
    folder, missing = inputs
    status, raw = on_terminal("extract", folder, missing, "--workers", "1", stdout=tmp_path / "q.jsonl")
    assert status == 1
    assert "\rextracting: " in raw and "articles/s" in raw
    # the bar was cleared back to the line's start before the error line, which is whole
    assert f"\rnewsfold: NF101 {missing}: no such file or directory\n" in raw
    error, summary = shown_lines(raw)
    assert error == f"newsfold: NF101 {missing}: no such file or directory"
    records = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert summary == f"newsfold: {len(records)} quotations from 2 articles; 1 inputs failed" and records


def test_quiet_draws_no_bar_and_prints_no_summary_but_still_the_errors(tmp_path, inputs):
    folder, missing = inputs
    status, raw = on_terminal("extract", folder, missing, "--workers", "1", "--quiet",
                              stdout=tmp_path / "q.jsonl")
    assert status == 1
    assert raw == f"newsfold: NF101 {missing}: no such file or directory\n"


def test_on_a_pipe_there_is_no_bar(tmp_path, inputs):
    folder, missing = inputs
    proc = subprocess.run([sys.executable, "-m", "newsfold.cli", "extract", str(folder), str(missing),
                           "--workers", "1", "-o", str(tmp_path / "q.jsonl")], capture_output=True, text=True)
    assert proc.returncode == 1
    n = len((tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines())
    assert proc.stderr == (f"newsfold: NF101 {missing}: no such file or directory\n"
                           f"newsfold: {n} quotations from 2 articles; 1 inputs failed\n")


def test_story_cluster_ingest_and_evaluate_draw_bars_and_quiet_silences_them(tmp_path, inputs):
    folder, missing = inputs
    gold = {"complete_kinds": ["direct", "partial"], "quotes": []}
    (folder / "gold.json").write_text(json.dumps({**gold, "articles": [{"doc": "velmora-ledger.txt"}]}),
                                      encoding="utf-8")
    commands = {
        "story": (["story", folder / "velmora-ledger.txt", folder / "velmora-harbourwire.txt", missing, "-o",
                   tmp_path / "story", "--workers", "1"], ("\rreading: ", "\rparsing ", "\rfolding ")),
        "cluster": (["cluster", folder / "velmora-ledger.txt", missing, "-o", tmp_path / "c.jsonl"],
                    ("\rreading: ",)),
        "ingest": (["ingest", folder / "velmora-ledger.txt", missing, "--db", tmp_path / "s.db",
                    "--workers", "1"], ("\rreading: ", "\rparsing ", "\rfolding ")),
        "evaluate": (["evaluate", folder / "gold.json", "--workers", "1"], ("\rparsing ",)),
    }
    for name, (command, bars) in commands.items():
        status, raw = on_terminal(*command, stdout=tmp_path / "out")
        for bar in bars:
            assert bar in raw, (name, bar, raw)
        assert "articles/s" in raw, (name, raw)
        errors = [line for line in shown_lines(raw) if "NF1" in line]
        if name != "evaluate":
            assert status == 1, (name, raw)
            assert errors == [f"newsfold: NF101 {missing}: no such file or directory"], (name, raw)

        status, raw = on_terminal(*command, "--quiet", stdout=tmp_path / "out")
        assert "\r" not in raw and "articles/s" not in raw, (name, raw)
        if name != "evaluate":
            assert raw == f"newsfold: NF101 {missing}: no such file or directory\n", (name, raw)
        else:
            assert raw == "", raw
