# The two commands in the README: `make serve` and `make test`. Everything else is for editors and developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve test test-unit check build bench new slugs digest clean audit hooks screenshots

setup: $(VENV)/.installed

# Said on stderr, silently otherwise: a target whose output is redirected (make digest > file.html) gets only its own.
$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "Installing the pinned dependencies into $(VENV) (a minute or two, the first time only)" >&2
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt >&2
	@$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e . >&2
	@touch $@

# --dirty: after an edit only the pages it changed are rendered again (macros/site/rebuilds.py); not strict, as a dirty
# build always warns. While the content has problems every page of the preview lists them (site/preview_errors.py)
# until the next good save; `make build` is the strict, full build, and stops on them.
serve: setup
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr $(HOST)

test: setup
	$(BIN)/python -m tests.setup_browser
	$(BIN)/pytest $(PYTEST_ARGS)

test-unit: setup  # the unit layer only (tests/unit): functions called directly, no build, no browser
	$(BIN)/pytest tests/unit $(PYTEST_ARGS)

check: setup
	$(BIN)/pkhub check $(CHECK_ARGS)

# The site for publishing, at its real address: HUB_SITE_URL (README "Publishing"); mkdocs.yml's placeholder is
# refused. A build that is not published (a pull request's) says PUBLISH=false and keeps the placeholder.
PUBLISH ?= true
build: setup
	HUB_PUBLISH=$(PUBLISH) $(BIN)/mkdocs build --strict

bench: setup  # options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--sizes 1000 --runs 1"
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

audit: setup  # record a new accessibility audit: reports/accessibility.json and the statement's results
	$(BIN)/python -m tests.setup_browser
	HUB_WRITE_AUDIT=1 $(BIN)/pytest -q tests/browser/test_accessibility.py

screenshots: setup  # the home page, a case study and search at 1280 and 390 px, into reports/screenshots/ (README)
	$(BIN)/python -m tests.setup_browser
	$(BIN)/python -m tests.screenshots

hooks: setup  # run the content check on the changed files before each commit (.pre-commit-config.yaml)
	$(BIN)/pre-commit install

new: setup
	$(BIN)/pkhub new

slugs: setup
	$(BIN)/pkhub slugs --update

# The digest alone on stdout (`make digest > digest.html`): the command is not echoed. Without SINCE, the last 30 days.
digest: setup
	@$(BIN)/pkhub digest $(if $(SINCE),--since $(SINCE)) $(if $(UNTIL),--until $(UNTIL)) $(if $(CAMPAIGN),--campaign $(CAMPAIGN)) \
		$(if $(FORMAT),--format $(FORMAT)) $(if $(OUTPUT),--output $(OUTPUT))

clean:
	rm -rf $(VENV) site
