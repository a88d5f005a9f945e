# Two commands set everything up on a fresh machine:
#   make run    – install, index the bundled casebook if needed, start the web app
#   make test   – install with the test extras and run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test ingest ask benchmark bench-peers load probe-reingest eval eval-dev eval-retrieval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps re-run pip only when pyproject.toml changes.
$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0   # the CPU build; an unpinned torch pulls CUDA
	$(BIN)/pip install --quiet -e '.[st,llm,llama,test]'
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(BIN)/casebook serve

test: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

ingest: $(VENV)/.run-deps
	$(BIN)/casebook ingest

ask: $(VENV)/.run-deps
	$(BIN)/casebook ingest --quiet
	$(BIN)/casebook ask

eval: $(VENV)/.run-deps
	$(BIN)/casebook ingest --quiet
	$(BIN)/casebook eval --gate

benchmark: $(VENV)/.test-deps
	$(BIN)/python scripts/benchmark.py

# The casebook against llama-index's default RAG and fugashi BM25 (same corpus, questions, embedder).
bench-peers: $(VENV)/.test-deps
	$(BIN)/python -m eval.peers

load: $(VENV)/.test-deps
	$(BIN)/casebook ingest --quiet
	$(BIN)/python scripts/load.py

# 8 clients on /healthz and one asking, through 5 re-ingests beside the running app.
probe-reingest: $(VENV)/.test-deps
	$(BIN)/casebook ingest --quiet
	$(BIN)/python scripts/reingest_probe.py

eval-dev: $(VENV)/.run-deps
	$(BIN)/casebook ingest --quiet
	scripts/dev_eval.sh

eval-retrieval: $(VENV)/.run-deps
	$(BIN)/casebook ingest --quiet
	$(BIN)/casebook eval-retrieval

clean:
	rm -rf .casebook .pytest_cache
