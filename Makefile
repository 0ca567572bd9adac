# The README's first two commands, `make run` and `make test`, do all the set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint typecheck hooks clean install

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# Compiled once here: a shell with PYTHONDONTWRITEBYTECODE set never writes .pyc files,
	# and each `explorer` run would compile the package again (~0.25 s of a 0.4 s extract).
	$(BIN)/python -m compileall -q explorer
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/explorer seeds/

# On every core (pytest-xdist); a file's tests stay on one worker, so module fixtures are
# built once. The ten slowest tests are listed at the end.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=10

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check explorer tests benchmarks
	$(BIN)/ruff format --check explorer tests benchmarks

# What is checked and how: [tool.mypy] in pyproject.toml.
typecheck: $(STAMP)
	$(BIN)/mypy

# The same checks before each commit (.pre-commit-config.yaml).
hooks: $(STAMP)
	$(BIN)/python -m pip install --quiet pre-commit
	$(BIN)/pre-commit install

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .bench
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
