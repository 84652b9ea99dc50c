# reskg: make targets. Every target creates (once) and reuses the virtual environment .venv.
#   make run    build the default graph from data/sources (first start) and serve it on :8000
#   make test   run the test suite
#   make lint   ruff format check, ruff lint, mypy --strict on src/
#   make lock   regenerate requirements.lock from pyproject.toml (LOCK_ARGS=--upgrade to move pins)
#   make audit  pip-audit: known vulnerabilities of every pin of requirements.lock
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements.lock

.PHONY: run test lint format venv clean lock audit

venv: $(STAMP)

# Installs exactly the pins of requirements.lock, each file checked against its hash (the
# build backend, hatchling, included), then reskg itself without resolving anything; pip
# check fails when pyproject.toml names a dependency the lock lacks (run make lock).
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# Runtime, test and dev dependencies and the build backend, pinned with the hashes of every
# file PyPI has for each pin. Keeps the current pins unless LOCK_ARGS says otherwise
# (--upgrade, or --upgrade-package NAME). Needs only the current lock's pins (pip-tools is
# one), not reskg installed: a dependency just added to pyproject.toml fails pip check until
# it is locked.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--extra test --extra dev --all-build-deps \
		--no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
		--output-file $(LOCK) $(LOCK_ARGS) pyproject.toml

# Every pin of the lock against PyPI's vulnerability data; --strict fails when a pin could
# not be looked up, so an unreachable service is never a pass. An accepted finding is
# listed here as --ignore-vuln ID with its reason (none today).
AUDIT_IGNORE :=
audit: $(STAMP)
	$(BIN)/pip-audit --requirement $(LOCK) --require-hashes --disable-pip --strict \
		--progress-spinner off $(AUDIT_IGNORE)

run: $(STAMP)
	$(BIN)/reskg serve --host 127.0.0.1 --port 8000

# pytest exits 5 when it collects no tests: that is a failure, never a pass.
test: $(STAMP)
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/store .pytest_cache .mypy_cache .ruff_cache

# --- ontology (issue 5) ------------------------------------------------------------------
#   make ontology-docs    HTML docs of ontology/ into docs/ontology (pyLODE 3.3.4 + phrase table)
#   make ontology-owl     regenerate ontology/*.owl (RDF/XML) from the Turtle sources
#   make ontology-vocab   regenerate src/reskg/vocab.py from ontology/reskg.ttl
#   make ontology-check   OWL API OWL 2 DL profile + HermiT over every module (needs a JDK,
#                         libowlapi-java, libautomaton-java, libtrove3-java; fetches HermiT)
.PHONY: ontology-docs ontology-owl ontology-vocab ontology-check
ontology-docs: $(STAMP)
	$(BIN)/python ontology/tools/build_docs.py docs/ontology

ontology-owl: $(STAMP)
	$(BIN)/python ontology/tools/gen_owl.py

ontology-vocab: $(STAMP)
	$(BIN)/python ontology/tools/gen_vocab.py

ontology-check: $(STAMP)
	PIP=$(BIN)/pip bash ontology/tools/fetch-hermit.sh >/dev/null
	$(BIN)/python ontology/tools/owlcheck.py --hermit ontology/reskg.ttl ontology/reskg-align.ttl \
		ontology/functions.ttl ontology/reskg.owl ontology/reskg-align.owl
	$(BIN)/python ontology/tools/owlcheck.py --hermit --merge ontology/reskg-align.ttl ontology/functions.ttl

# --- web pages (issue 8) -----------------------------------------------------------------
#   make screenshots   every page at 1280 px and 390 px into docs/screenshots/ (builds a small
#                      store, serves it, drives Debian's chromium: apt-get install chromium)
.PHONY: screenshots
screenshots: $(STAMP)
	$(BIN)/python tests/web/screenshots.py --out docs/screenshots
