# The short commands a person types. `make site` and `make test` set up
# everything they need on a fresh machine (a .venv in this folder).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TODAY  ?=

.PHONY: site check test lint bench demo demo-site docs screenshots vendor-axe vendor-cms clean

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

## screenshots: the README's pictures (after make site TODAY=2026-11-23, the demo's as-of day; needs chromium and fonts-noto-cjk)
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

## vendor-axe: refresh the accessibility tests' copy of axe-core (tests/vendor/axe-core) from npm, checked
## against the pinned integrity; the tests only read this copy, never the network. To move to a new
## version, set AXE_VERSION and AXE_INTEGRITY (npm view axe-core@VERSION dist.integrity) together.
AXE_VERSION   ?= 4.14.1
AXE_INTEGRITY ?= sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_DIR       := tests/vendor/axe-core
vendor-axe:
	rm -rf build/axe && mkdir -p build/axe $(AXE_DIR)
	test "$$(npm view axe-core@$(AXE_VERSION) dist.integrity)" = "$(AXE_INTEGRITY)"
	cd build/axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null
	test "sha512-$$(openssl dgst -sha512 -binary build/axe/axe-core-$(AXE_VERSION).tgz | base64 -w0)" = "$(AXE_INTEGRITY)"
	tar xzf build/axe/axe-core-$(AXE_VERSION).tgz -C build/axe package/axe.min.js package/LICENSE package/LICENSE-3RD-PARTY.txt
	cp build/axe/package/axe.min.js build/axe/package/LICENSE build/axe/package/LICENSE-3RD-PARTY.txt $(AXE_DIR)/
	cd $(AXE_DIR) && printf 'axe-core %s (npm), MPL-2.0: LICENSE; tarball integrity %s\n' "$(AXE_VERSION)" "$(AXE_INTEGRITY)" > VERSION \
	  && sha256sum axe.min.js LICENSE LICENSE-3RD-PARTY.txt > SHA256SUMS
	rm -rf build/axe

## vendor-cms: refresh the browser editor (Decap CMS, served from the site's admin/) in vendor/decap-cms from
## npm, checked against the pinned integrity; `make site` only copies this folder, it never needs Node. To move
## to a new version, set CMS_VERSION and CMS_INTEGRITY (npm view decap-cms@VERSION dist.integrity) together.
CMS_VERSION   ?= 3.16.3
CMS_INTEGRITY ?= sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
CMS_DIR       := vendor/decap-cms
vendor-cms:
	rm -rf build/cms && mkdir -p build/cms $(CMS_DIR)
	test "$$(npm view decap-cms@$(CMS_VERSION) dist.integrity)" = "$(CMS_INTEGRITY)"
	cd build/cms && npm pack --silent decap-cms@$(CMS_VERSION) >/dev/null
	test "sha512-$$(openssl dgst -sha512 -binary build/cms/decap-cms-$(CMS_VERSION).tgz | base64 -w0)" = "$(CMS_INTEGRITY)"
	tar xzf build/cms/decap-cms-$(CMS_VERSION).tgz -C build/cms
	rm -f $(CMS_DIR)/*.js
	cp build/cms/package/dist/*decap-cms.js build/cms/package/dist/decap-cms.js.LICENSE.txt $(CMS_DIR)/
	cd $(CMS_DIR) && printf 'decap-cms %s (npm), MIT: LICENSE; third-party notices: decap-cms.js.LICENSE.txt; tarball integrity %s\n' "$(CMS_VERSION)" "$(CMS_INTEGRITY)" > VERSION \
	  && sha256sum *.js decap-cms.js.LICENSE.txt LICENSE > SHA256SUMS
	rm -rf build/cms

clean:
	rm -rf $(VENV) site build dist .pytest_cache .ruff_cache .hypothesis .huifang-cache
