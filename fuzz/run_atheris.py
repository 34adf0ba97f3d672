"""Coverage-guided fuzzing of ingest and extraction with atheris.

    pip install -e '.[fuzz]'
    python fuzz/run_atheris.py -runs=100000 -max_len=4096 tests/fuzz/crashers
    python fuzz/run_atheris.py -runs=100000 --no-extract   # ingest only: much faster

Crashing inputs are written by libFuzzer as crash-*; minimise them (-minimize_crash=1), fix the bug and
move the file into tests/fuzz/crashers/, where tests/fuzz/test_crashers.py replays it on every test run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():
    import targets  # noqa: E402


def main() -> None:
    extract = "--no-extract" not in sys.argv
    argv = [a for a in sys.argv if a != "--no-extract"]
    if extract:
        targets._model()  # load the pipeline once, before fuzzing starts
    atheris.Setup(argv, lambda data: targets.one_input(data, extract=extract))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
