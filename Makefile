# Stakemap: `make run` opens the app on the bundled sample map; `make test` runs lint and tests.
# Both create .venv and install what is missing first. System packages Qt needs: see README.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m stakemap --sample

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test: lint
	$(BIN)/python -m pytest -q

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

soak: $(STAMP)
	STAKEMAP_SOAK=1 $(BIN)/python -m pytest -q -s tests/faults

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
