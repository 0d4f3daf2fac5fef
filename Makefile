# kamergraaf — `make run` builds the graph from seeds/ and serves it; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= data/store
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: install run build serve test evaluate clean

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

test: install
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/kamergraaf evaluate tests/gold

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache
