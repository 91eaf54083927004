# Quick start:  make run   (set up and serve on http://127.0.0.1:8000)
#               make test  (the whole test suite)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
APT := $(shell command -v apt-get 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run setup system-deps test-deps test bench clean

run: setup
	$(BIN)/intake db upgrade
	$(BIN)/intake demo --history
	$(BIN)/intake serve --host $(HOST) --port $(PORT)

setup: $(VENV)/.installed system-deps

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

# tesseract for scanned documents (the service runs without it, sending scans to review)
system-deps:
	@if ! command -v tesseract >/dev/null && [ -n "$(APT)" ]; then \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-deu; fi

# Chromium for the browser tests, dovecot for the IMAP tests
test-deps: setup
	@if { ! command -v chromium >/dev/null || ! [ -x /usr/sbin/dovecot ]; } && [ -n "$(APT)" ]; then \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium dovecot-imapd; fi

# ruff first (settings in pyproject.toml): a lint failure stops before the long test run
test: test-deps
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: setup
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
