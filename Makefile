# Two commands do everything on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test graphviz chromium docs notebooks jupyter clean

demo: $(STAMP) graphviz
	$(PY) -m autograd homework
	@mkdir -p out
	$(PY) -m autograd graph --part b --highlight w1 -o out/homework_b.dot
	-$(PY) -m autograd graph --part b --highlight w1 -o out/homework_b.svg
	@echo "The graph of part b, the chain rule to w1 in red: out/homework_b.svg (DOT: out/homework_b.dot)"

test: $(STAMP) graphviz chromium
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

$(STAMP): pyproject.toml setup.cfg
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The `dot` program is a system package. Install it where we can (root on Debian);
# elsewhere say how, and carry on: everything but rendering works without it.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null) \
	      || echo "warning: could not install graphviz; pictures will not render"; \
	  else \
	    echo "note: the 'dot' program is missing; install Graphviz (apt-get install graphviz," \
	         "brew install graphviz) to render pictures. Everything else works without it."; \
	  fi; }

# The explorer's browser tests drive Debian's Chromium with Playwright (never Playwright's
# own browser download). Installed where we can, as graphviz is; elsewhere those tests skip.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; the browser tests will skip"; \
	  else \
	    echo "note: chromium is missing (apt-get install chromium); the browser tests will skip."; \
	  fi; }

# The README's pictures: both parts of the homework, the chain rule to w1 highlighted.
docs: $(STAMP) graphviz
	mkdir -p docs
	$(PY) -m autograd graph --part a --highlight w1 -o docs/homework_a.png
	$(PY) -m autograd graph --part b --highlight w1 -o docs/homework_b.png

# The notebooks, rebuilt from notebooks/src/*.py and executed; their outputs are committed.
notebooks: $(STAMP) graphviz
	$(PY) notebooks/make_notebooks.py

# JupyterLab from the project's environment, opened on the notebooks (as root, it must be told).
jupyter: $(STAMP) graphviz
	$(VENV)/bin/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(JUPYTER_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
