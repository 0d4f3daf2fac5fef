# kamergraaf — `make run` builds the graph from seeds/ and serves it; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= data/store
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: install run build serve test evaluate bench vendor clean

$(BIN)/kamergraaf: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/kamergraaf

build: install
	$(BIN)/kamergraaf build --store $(STORE) seeds/

run: build
	$(BIN)/kamergraaf serve --store $(STORE) --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium (never a downloaded browser).
/usr/bin/chromium:
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core

# Word 97 .doc files are read by Debian's catdoc (antiword also works).
/usr/bin/catdoc:
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends catdoc

test: install /usr/bin/chromium /usr/bin/catdoc
	$(BIN)/python -m pytest -q
	$(BIN)/kamergraaf evaluate tests/gold --corpus --check  # the real documents per kind and layout; exit 1 below the targets

bench: install /usr/bin/chromium
	$(BIN)/python bench/run.py

# Refresh the vendored query editor from the npm registry.
vendor:
	cd $$(mktemp -d) && npm install --no-audit --no-fund @zazuko/yasgui@4.6.2 >/dev/null && \
	  cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css $(CURDIR)/server/static/yasgui/

evaluate: install
	$(BIN)/kamergraaf evaluate tests/gold
	$(BIN)/kamergraaf evaluate tests/gold --corpus --check

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache
