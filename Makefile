# Two commands do everything on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-heavy test-jupyter site graphviz chromium docs notebooks jupyter clean

demo: $(STAMP) graphviz
	$(PY) -m autograd homework
	@mkdir -p out
	$(PY) -m autograd graph --part b --highlight w1 -o out/homework_b.dot
	-$(PY) -m autograd graph --part b --highlight w1 -o out/homework_b.svg
	@echo "The graph of part b, the chain rule to w1 in red: out/homework_b.svg (DOT: out/homework_b.dot)"
	-$(PY) -m autograd graph --part a --highlight w2 -o out/homework_a.html
	@echo "Part a's explorer, for any browser (click, hover, step through backward): out/homework_a.html"

# The site is built first (downloads cached in build/site-cache) for its browser tests; where
# npm or the registries cannot be reached, those tests skip and say why.
test: $(STAMP) graphviz chromium
	$(VENV)/bin/ruff check .
	@$(PY) web/build.py site || echo "note: the site was not built; its browser tests will skip."
	$(PY) -m pytest

# The heavy runs kept out of `make test` (marked heavy: the mutation runs, every derivative
# broken in two ways and the property suite made to catch each; every notebook executed on a
# fresh kernel); run them before resolving (about a minute).
test-heavy: $(STAMP) graphviz chromium
	$(PY) -m pytest -m heavy

# The explorer's widget in a headless JupyterLab, driven by Chromium (about a minute).
test-jupyter: $(STAMP) graphviz chromium
	$(PY) -m pytest -m jupyter tests/test_explore_jupyter.py

$(STAMP): pyproject.toml setup.cfg
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The static site (site/, not committed): the checker, the explorer and the answer keys in
# the browser on Pyodide, everything fetched now from npm and PyPI (cached in build/).
site: $(STAMP)
	$(PY) web/build.py site

# A program from a Debian package (1: the program, 2: the package, 3: what happens without
# it). Installed where we can (root on Debian); elsewhere say how, and carry on.
define system_package
@command -v $(1) >/dev/null 2>&1 || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null) \
      || echo "warning: could not install $(2). $(3)"; \
  else \
    echo "note: the '$(1)' program is missing; install $(2) (apt-get install $(2)). $(3)"; \
  fi; }
endef

# Graphviz's `dot` renders pictures; everything else works without it.
graphviz:
	$(call system_package,dot,graphviz,Pictures will not render; everything else works.)

# The explorer's browser tests drive Debian's Chromium with Playwright (never Playwright's
# own browser download); without it they skip.
chromium:
	$(call system_package,chromium,chromium,The browser tests will skip.)

# The README's pictures: both parts of the homework in the explorer's network view, the chain
# rule to w1 lit (SVG drawn in Python: no Graphviz needed).
docs: $(STAMP) graphviz
	mkdir -p docs
	$(PY) -m autograd graph --part a --highlight w1 --view network -o docs/homework_a.svg
	$(PY) -m autograd graph --part b --highlight w1 --view network -o docs/homework_b.svg
	mkdir -p docs/keys
	$(PY) -m autograd solve autograd/homework/hw1.md -o docs/keys/hw1-key.md
	$(PY) -m autograd solve tests/worksheets/two_outputs_tanh.txt -o docs/keys/two_outputs_tanh-key.md

# The notebooks, rebuilt from notebooks/src/*.py and executed; their outputs are committed.
notebooks: $(STAMP) graphviz
	$(PY) notebooks/make_notebooks.py

# JupyterLab from the project's environment, opened on the notebooks (as root, it must be told).
jupyter: $(STAMP) graphviz
	$(VENV)/bin/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(JUPYTER_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
