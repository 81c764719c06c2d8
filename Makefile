# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BRIEF  := $(VENV)/bin/briefing
STAMP  := $(VENV)/.installed
LEAFLET := node_modules/leaflet/dist/leaflet.js

.PHONY: site serve test extract check install vendor bench clean

site: $(STAMP) $(LEAFLET)            ## extract from seeds/ (merging into briefings/), validate, build site/
	$(BRIEF) extract --seeds seeds --briefings briefings
	$(BRIEF) build --site site

serve: $(STAMP) $(LEAFLET)           ## live site on http://127.0.0.1:8000, rebuilt on every sheet edit
	$(BRIEF) serve

test: $(STAMP) $(LEAFLET)            ## every test: unit, CLI, end to end, browser
	$(PY) -m pytest -q

extract: $(STAMP)
	$(BRIEF) extract --seeds seeds --briefings briefings

check: $(STAMP)
	$(BRIEF) check --briefings briefings

bench: $(STAMP) $(LEAFLET)
	$(PY) benchmarks/scale.py --articles 100

install: $(STAMP)
vendor: $(LEAFLET)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Leaflet comes from its npm package (pinned in package-lock.json), never from a CDN.
$(LEAFLET): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .pytest_cache
