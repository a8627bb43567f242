# The two set-up commands of the README: `make run` and `make test`.
# Both create or reuse .venv and install what they need; nothing else is assumed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint chromium bench accuracy

# The pins first (requirements*.txt, as pip resolves them), then the project itself in editable
# mode with the same extras, so `footprint`, bench/ and scripts/ import it from here.
$(STAMP): requirements.txt requirements-dask.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dask.txt -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-build-isolation -e ".[dask,dev]"
	touch $(STAMP)

# Debian's chromium for the browser tests (Playwright cannot download its own here).
# Xvfb and xdotool: the map-click test with a real X11 pointer (tests/e2e/test_map_select.py).
chromium:
	@{ command -v chromium && command -v Xvfb && command -v xdotool; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium xvfb xdotool >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium xvfb xdotool >/dev/null; fi; }

run: $(STAMP)
	$(BIN)/footprint serve --port $(PORT)

test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py
