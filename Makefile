# Two commands set everything up on a fresh machine: `make book` and `make test` (see README.md).
VENV      := .venv
PYTHON    := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_DONE := node_modules/.installed
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HTML      := _build/html
STUDENT   := _build/student
BUILD     := $(VENV)/bin/jupyter-book build --warningiserror --keep-going
# A school's JupyterHub for the launch buttons: `make book JUPYTERHUB_URL=https://hub.your-school.edu`.
export JUPYTERHUB_URL
# Reproducible builds: the subset fonts and the PDFs carry the time of the last commit, not now.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
# ... and every Python process, notebook kernels included, iterates sets in the same order.
export PYTHONHASHSEED := 0

# The hub that `make test` builds the launch buttons for (example.org is reserved for examples;
# nothing is ever fetched from it). The tests expect its button on every chapter.
TEST_JUPYTERHUB_URL := https://hub.example.org

.PHONY: book book-student data-check test bench serve clean chromium lock plotly-js-pin lint

$(PYTHON):
	python3 -m venv $(VENV)

# Exact versions from the lock (requirements/build.txt); the package itself editable on top.
$(INSTALLED): requirements.txt requirements/build.txt pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --upgrade pip
	$(PYTHON) -m pip install -r requirements.txt
	touch $@

# Recompile both locks from their ranges (requirements/*.in): build+test, and the learner's runtime
# at the same versions (Binder installs it). Then install the new lock and pin package.json's
# plotly.js to the version the locked plotly writes figures for. Upgrade one package:
# `make lock UV_FLAGS="--upgrade-package plotly"`; everything: `make lock UV_FLAGS=--upgrade`.
UV_COMPILE = $(VENV)/bin/uv pip compile --python-version 3.11 --universal --no-emit-index-url --no-emit-find-links -q $(UV_FLAGS)
lock: | $(INSTALLED)
	$(UV_COMPILE) requirements/build.in -o requirements/build.txt
	$(UV_COMPILE) requirements/runtime.in -c requirements/build.txt -o requirements/runtime.txt
	$(MAKE) $(INSTALLED) plotly-js-pin

# package.json's plotly.js = the plotly.js of the installed (locked) plotly; package-lock.json follows.
plotly-js-pin: | $(INSTALLED)
	$(PYTHON) -m immunobook.build.plotly_bundle pin .

$(NODE_DONE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Check every rule of the data package (data/README.md); one line per problem, then fail.
DATA ?= data
data-check: | $(INSTALLED)
	$(PYTHON) -m immunobook.data validate $(DATA)

book: $(INSTALLED) $(NODE_DONE) chromium data-check
	$(BUILD) .
	$(PYTHON) -m immunobook.build.printing .
	@echo "The book is built: open $(CURDIR)/$(HTML)/index.html (or run 'make serve')."

# The same book with every exercise solution removed, in $(STUDENT)/_build/html.
book-student: $(INSTALLED) $(NODE_DONE) chromium data-check
	$(PYTHON) -m immunobook.build.student $(STUDENT)
	IMMUNOBOOK_FIGURE_CACHE=$(CURDIR)/_build/figures $(BUILD) $(STUDENT)
	$(PYTHON) -m immunobook.build.printing $(STUDENT)
	@echo "The student edition is built: open $(CURDIR)/$(STUDENT)/_build/html/index.html"

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y --no-install-recommends chromium fonts-dejavu-core; \
	fi

# The tests build the book as a teacher would for a school JupyterHub, so that they check that
# launch button too.
test: JUPYTERHUB_URL = $(TEST_JUPYTERHUB_URL)
# Two workers on two cores; each test file runs on one of them (its module fixtures run once, a
# notebook's cells in order in one kernel).
TEST_WORKERS ?= 2
# The two editions build side by side (each build runs mostly on one core; they share the figure
# pictures, drawn once).
test: lint
	$(MAKE) --no-print-directory --output-sync=target -j2 book book-student
	JUPYTERHUB_URL=$(TEST_JUPYTERHUB_URL) $(PYTHON) -m pytest -n $(TEST_WORKERS) --dist loadfile

# ruff over the code and, through nbQA, over the notebooks' code cells (settings in pyproject.toml).
lint: | $(INSTALLED)
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/nbqa ruff book

# Page weight, plotly.js loads, build and notebook times against the budgets (README.md).
bench: book
	$(PYTHON) tests/benchmarks/bench_book.py
	$(PYTHON) tests/benchmarks/bench_simulations.py
	$(PYTHON) tests/benchmarks/readability.py --write-readme

serve: book
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory $(HTML)

clean:
	rm -rf _build
