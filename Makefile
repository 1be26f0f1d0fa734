# Stakemap: `make run` opens the app on the bundled sample map; `make test` runs lint and tests.
# Both install what is missing first: the system libraries Qt needs (tools/qt-system-libs.sh, through apt),
# then .venv: `run` installs only what running needs, `test` adds the dev extras.
# `make package` freezes the app into dist/stakemap/ (PyInstaller); `make package-test` also tests that build.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
SYSTEM_LIBS := tools/qt-system-libs.sh

PACKAGE_STAMP := $(VENV)/.installed-package
DIST := dist/stakemap

.PHONY: run test lint format bench soak package package-test clean

.PHONY: system-libs
system-libs:
	@sh $(SYSTEM_LIBS)

# Running needs the app and its runtime dependencies only.
$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP) $(RUN_STAMP)

# PyInstaller comes from the optional `package` extra, installed only when packaging is asked for.
$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev,package]"
	touch $(PACKAGE_STAMP)

run: system-libs $(RUN_STAMP)
	$(BIN)/python -m stakemap --sample

lint: system-libs $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

soak: $(STAMP)
	STAKEMAP_SOAK=1 $(BIN)/python -m pytest -q -s tests/faults tests/gui/test_monkey.py

# Always a clean build (about a minute): PyInstaller's cache does not notice every changed data file.
package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/stakemap.spec
	@du -sh $(DIST)

# The frozen program on the bundled sample: GUI offscreen, export-pdf, info, new (tests/packaging).
package-test: package
	STAKEMAP_FROZEN_APP=$(CURDIR)/$(DIST)/stakemap $(BIN)/python -m pytest -q -m packaging tests/packaging

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
