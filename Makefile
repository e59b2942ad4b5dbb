# OpenSAKIP — the commands a developer types. `make run` and `make test` are all a newcomer needs.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint bench lock clean-db help messages

help:
	@echo "make run    — siapkan lingkungan, basis data dan data demo, lalu jalankan aplikasi"
	@echo "make test   — jalankan seluruh uji"
	@echo "make setup  — siapkan lingkungan Python saja (.venv/bin/sakip)"
	@echo "make lint   — ruff dan mypy"
	@echo "make bench  — tolok ukur kinerja"
	@echo "make lock   — perbarui requirements.lock dari pyproject.toml"
	@echo "make messages — kumpulkan teks antarmuka ke katalog bahasa Inggris lalu kompilasi (.po → .mo)"

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@tools/check-system
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: setup
	@$(BIN)/sakip migrate
	@$(BIN)/sakip demo --if-empty
	@$(BIN)/sakip serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m benchmarks

messages: setup
	$(BIN)/python -m sakip.web.catalogue update

lock:
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras --allow-unsafe \
		-o requirements.lock pyproject.toml

clean-db:
	rm -f var/sakip.sqlite3 var/sakip.sqlite3-wal var/sakip.sqlite3-shm
