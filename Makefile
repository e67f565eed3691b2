# The two commands of the README: `make demo` and `make test`.
# Both set up .venv from pyproject.toml first; nothing else needs installing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
STORE  := $(OUT)/store

.PHONY: setup demo test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Ingest the sample articles into an embedded store, print who chaired what,
## write the graph (Turtle) and the interactive network (HTML) to out/.
demo: setup
	mkdir -p $(OUT)
	$(BIN)/dvkg ingest examples --store $(STORE)
	$(BIN)/dvkg query chairs --store $(STORE) | tee $(OUT)/chairs.txt
	$(BIN)/dvkg export $(OUT)/graph.ttl --store $(STORE)
	$(BIN)/dvkg viz --out $(OUT)/graph.html --store $(STORE)

test: setup
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/extract_speed.py

clean:
	rm -rf $(OUT) dvkg-store .pytest_cache
