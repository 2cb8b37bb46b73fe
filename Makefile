# The short commands a person types. `make site` and `make test` set up
# everything they need on a fresh machine (a .venv in this folder).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TODAY  ?=

.PHONY: site check test lint bench demo demo-site docs screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## site: check the shipped records and build the site into site/ (masked profile)
site: check
	$(BIN)/huifang build --records records --out site $(if $(TODAY),--today $(TODAY))

check: $(STAMP)
	$(BIN)/huifang check --records records $(if $(TODAY),--today $(TODAY))

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests scripts
	$(BIN)/ruff format --check generator tests scripts
	$(BIN)/mypy

## bench: huifang check and build on 10,000 customers against a parse floor (needs chromium for the search figure), then history reading
bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_history.py

## demo: regenerate the shipped demo records (deterministic)
demo: $(STAMP)
	$(BIN)/huifang demo --out records --force

## demo-site: the same demo records as a Git repository with a year of simulated team history
## (build/demo-repo), built into site/: 变更记录 with field diffs, the 变更 pages, timeliness warnings
demo-site: $(STAMP)
	rm -rf build/demo-repo
	$(BIN)/huifang demo --history --out build/demo-repo
	$(BIN)/huifang build --records build/demo-repo/records --out site --today 2026-11-23

## docs: regenerate the reference pages made from the schemas and problem codes
docs: $(STAMP)
	$(BIN)/python -m generator.cli.reference --write docs/reference

## screenshots: the README's pictures (after make site; needs chromium and fonts-noto-cjk)
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) site build dist .pytest_cache .ruff_cache .hypothesis .huifang-cache
