# The two set-up commands of the README: `make demo` installs and runs the main job on the bundled
# example; `make test` runs ruff (`make lint`), then the tests (and the accuracy gate when ../shared is
# beside the project).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/newsfold: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench,spark]'
	touch $@

install: $(BIN)/newsfold

demo: $(BIN)/newsfold
	mkdir -p out
	$(BIN)/newsfold extract examples/articles.jsonl --output out/quotes.jsonl --summary
	$(BIN)/newsfold story examples/articles.jsonl --output out/story

# lint first: a line over the limit or an unsorted import fails the test command, in CI too
test: lint
	$(BIN)/python -m pytest

bench: $(BIN)/newsfold
	$(BIN)/python bench/bench_quotes.py

lint: $(BIN)/newsfold
	$(BIN)/ruff check src tests bench

.PHONY: install demo test bench lint
