# The two commands of the README: `make demo` and `make test`.
# Both set up .venv from pyproject.toml first; nothing else needs installing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
STORE  := $(OUT)/store

.PHONY: setup demo test bench bench-ingest bench-queries bench-cost bench-resolution clean

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
	$(BIN)/python bench/viz_page.py

## Median latency of the named queries at 1M triples, Oxigraph beside rdflib (a few minutes).
bench-queries: setup
	$(BIN)/python bench/query_latency.py

bench-ingest: setup
	$(BIN)/python bench/ingest_speed.py --n 10000

## Articles/s and peak memory at 1k and 10k articles, 1 and 2 workers, embedded store and Oxigraph server
## (about 25 minutes; add 100000 to --sizes for the full curve: several hours on 2 cores).
bench-cost: setup
	$(BIN)/python bench/cost_curve.py --sizes 1000,10000

## Identity resolution after a batch of 1,000 articles, beside a full pass, on a store of 10k articles
## (about 5 minutes; --sizes 10000,100000 adds the 100k store: about 40 minutes more).
bench-resolution: setup
	$(BIN)/python bench/resolution.py --sizes 10000

clean:
	rm -rf $(OUT) dvkg-store .pytest_cache
